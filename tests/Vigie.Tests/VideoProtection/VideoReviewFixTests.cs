using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.VideoProtection;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.VideoProtection;

/// <summary>
/// What the review of the register workflows found: renewal chains without cycles and going forwards, an authorisation
/// edit re-checking every related recorder, requests created only as drafts or filed and authorised only after the
/// commission's opinion, third parties once visible staying visible, the renewal race answered 400, and a refused
/// camera state change leaving the tracked camera untouched.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VideoReviewFixTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;

    private static object AuthBody(DateOnly effectiveOn, Guid? renews = null, string order = "2024-REN", int retention = 20, int? minimum = null, Guid? requestId = null) => new
    {
        orderNumber = order, orderDate = effectiveOn, prefecture = "Hauts-de-Seine", mode = "Perimetre", purposes = new[] { 1, 5 }, perimeterName = "Les Bergères",
        perimeterGeoJson = VideoKit.Perimeter, retentionDays = retention, minimumRetentionDays = minimum, effectiveOn, renewsAuthorisationId = renews, requestId,
    };

    private sealed class AsUser(Guid id) : ICurrentUser
    {
        public Guid? Id => id;
        public Guid? OrganisationId => null;
        public bool IsAdministrator => false;
    }

    /// <summary>The commands as <paramref name="user"/> would run them, on the scope's own context.</summary>
    private static VideoCommands CommandsAs(IServiceProvider sp, TestUser user)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var me = new AsUser(user.Id);
        return ActivatorUtilities.CreateInstance<VideoCommands>(sp, db, new ContractViewers(db, me),
            ActivatorUtilities.CreateInstance<Auditor>(sp, db, (ICurrentUser)me));
    }

    [Fact]
    public async Task Renewal_RefusesACycleThroughTheChain()
    {
        var s = await factory.VideoSetupAsync();
        var a = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", AuthBody(Today.AddYears(-6), order: "2020-A"));
        var b = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", AuthBody(Today.AddYears(-3), a, "2023-B"));
        var c = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", AuthBody(Today, b, "2026-C"));
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/authorisations/{a}", AuthBody(Today.AddYears(-6), c, "2020-A")),
            "renewsAuthorisationId", "boucle");
        Assert.Null(await factory.WithDb(db => db.VideoAuthorisations.Where(x => x.Id == a).Select(x => x.RenewsAuthorisationId).SingleAsync()));
    }

    [Fact]
    public async Task Renewal_MustTakeEffectAfterTheRenewedOne_OnCreationAndOnEdit()
    {
        var s = await factory.VideoSetupAsync();
        var a = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", AuthBody(Today.AddYears(-1), order: "2025-A"));
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/authorisations", AuthBody(Today.AddYears(-2), a, "2024-B")),
            "renewsAuthorisationId", "prendre effet et expirer après elle");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/authorisations", AuthBody(Today.AddYears(-1), a, "2025-B")),
            "renewsAuthorisationId", "prendre effet et expirer après elle");
        var b = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", AuthBody(Today, a, "2026-B"));
        // The renewed one cannot be moved after its successor either.
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/authorisations/{a}", AuthBody(Today.AddDays(1), order: "2025-A")),
            "effectiveOn", "2026-B");
        Assert.Equal(Today.AddYears(-1), await factory.WithDb(db => db.VideoAuthorisations.Where(x => x.Id == a).Select(x => x.EffectiveOn).SingleAsync()));
        Assert.Equal(a, await factory.WithDb(db => db.VideoAuthorisations.Where(x => x.Id == b).Select(x => x.RenewsAuthorisationId).SingleAsync()));
    }

    [Fact]
    public async Task AuthorisationEdit_ChecksTheRecordersOfItsCameras_AndARaisedMinimum()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", AuthBody(Today, order: "2026-REC"));
        var other = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", AuthBody(Today, order: "2026-OTH"));
        // The recorder belongs to the other authorisation but records a camera of this one.
        var recorder = await s.CoordinatorApi.CreatedAsync($"{s.Base}/recorders", new { authorisationId = other, name = "NVR partagé", retentionDays = 18 });
        Assert.Equal(HttpStatusCode.Created, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/cameras", new
        {
            authorisationId = auth, recorderId = recorder, code = "CAM-REC", site = "Bergères", latitude = VideoKit.InsideLat, longitude = VideoKit.InsideLon, purpose = 5,
        })).StatusCode);
        var url = $"{s.Base}/authorisations/{auth}";
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, AuthBody(Today, order: "2026-REC", retention: 15)), "retentionDays", "NVR partagé");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, AuthBody(Today, order: "2026-REC", minimum: 19)), "minimumRetentionDays", "NVR partagé");
        var stored = await factory.WithDb(db => db.VideoAuthorisations.AsNoTracking().SingleAsync(x => x.Id == auth));
        Assert.Equal((20, (int?)null), (stored.RetentionDays, stored.MinimumRetentionDays));
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, AuthBody(Today, order: "2026-REC", retention: 18, minimum: 18))).StatusCode);
    }

    [Fact]
    public async Task Request_IsCreatedDraftOrFiled_AndAuthorisedOnlyAfterTheCommissionsOpinion()
    {
        var s = await factory.VideoSetupAsync();
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/requests",
            new { kind = "Initiale", mode = "Perimetre", purposes = new[] { 5 }, status = "Accordee", filedOn = Today.AddDays(-30) }), "status", "Brouillon");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/requests",
            new { kind = "Initiale", mode = "Perimetre", purposes = new[] { 5 }, status = "EnInstruction", filedOn = Today.AddDays(-30) }), "status", "Déposée");
        var request = await s.CoordinatorApi.CreatedAsync($"{s.Base}/requests", new { kind = "Initiale", mode = "Perimetre", purposes = new[] { 5 }, status = "Deposee", filedOn = Today.AddDays(-30) });
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/authorisations", AuthBody(Today, order: "2026-REQ", requestId: request)),
            "requestId", "Avis de la commission rendu");
        Assert.Equal(VideoRequestStatus.Deposee, await factory.WithDb(db => db.VideoAuthorisationRequests.Where(r => r.Id == request).Select(r => r.Status).SingleAsync()));
        Assert.False(await factory.WithDb(db => db.VideoAuthorisations.AnyAsync(a => a.RequestId == request)));

        var url = $"{s.Base}/requests/{request}";
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, new { status = "EnInstruction" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, new { status = "AvisCommissionRendu", commissionOpinion = "Favorable", commissionSittingOn = Today })).StatusCode);
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", AuthBody(Today, order: "2026-REQ", requestId: request));
        Assert.Equal(VideoRequestStatus.Accordee, await factory.WithDb(db => db.VideoAuthorisationRequests.Where(r => r.Id == request).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task AccessDecision_CannotClearTheThirdPartiesFlag()
    {
        var s = await factory.VideoSetupAsync();
        var id = await s.CoordinatorApi.CreatedAsync($"{s.Base}/access-requests", new
        {
            reference = "DA-TIERS", receivedOn = Today, identityChecked = true, slotFrom = DateTimeOffset.UtcNow.AddDays(-2), slotTo = DateTimeOffset.UtcNow.AddDays(-2).AddHours(1),
            @object = "Visionnage", thirdPartiesVisible = true,
        });
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/access-requests/{id}/decision", new { decision = "Accorde", thirdPartiesVisible = false }),
            "decision", "avec floutage");
        var stored = await factory.WithDb(db => db.VideoAccessRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal((true, (VideoAccessDecision?)null), (stored.ThirdPartiesVisible, stored.Decision));
    }

    [Fact]
    public async Task RenewalRace_IsAnsweredWithTheAlreadyRenewed400()
    {
        var s = await factory.VideoSetupAsync();
        var a = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", AuthBody(Today.AddYears(-1), order: "2025-RACE"));
        var result = default(Vigie.Web.Features.Shared.CommandResult<Guid>);
        await factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            // A rival save renewing the same authorisation, pending in the same unit of work: the check cannot see it, the unique index does.
            db.VideoAuthorisations.Add(new VideoAuthorisation
            {
                ContractId = s.Contract.Id, SystemId = s.SystemId, OrderNumber = "2026-RIVAL", OrderDate = Today, Prefecture = "Hauts-de-Seine", Mode = VideoAuthorisationMode.Perimetre,
                Purposes = [VideoPurpose.BatimentsPublics], PerimeterName = "Les Bergères", PerimeterGeoJson = VideoKit.Perimeter, RetentionDays = 20,
                EffectiveOn = Today, ExpiresOn = Today.AddYears(VideoAuthorisation.Years), RenewsAuthorisationId = a,
            });
            var input = new VideoAuthorisationInput
            {
                OrderNumber = "2026-LATE", OrderDate = Today, Prefecture = "Hauts-de-Seine", Mode = "Perimetre", Purposes = [1, 5], PerimeterName = "Les Bergères",
                PerimeterGeoJson = VideoKit.Perimeter, RetentionDays = 20, EffectiveOn = Today, RenewsAuthorisationId = a,
            };
            result = await CommandsAs(sp, s.Coordinator).CreateAuthorisationAsync(s.Contract.Id, input);
        });
        Assert.NotNull(result);
        Assert.False(result!.Succeeded);
        Assert.Contains("déjà renouvelée", string.Join(" ", result.Errors!["renewsAuthorisationId"]));
        Assert.False(await factory.WithDb(db => db.VideoAuthorisations.AnyAsync(x => x.RenewsAuthorisationId == a)));
    }

    [Fact]
    public async Task RefusedStateChange_LeavesTheTrackedCameraUntouched()
    {
        var s = await factory.VideoSetupAsync();
        var camera = await s.CoordinatorApi.CreatedAsync($"{s.Base}/cameras", new
        {
            code = "CAM-PROBE", site = "Bergères", latitude = VideoKit.InsideLat, longitude = VideoKit.InsideLon, purpose = 5, state = "Installee",
        });
        await factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            // No authorisation: going into service is refused; the version must not have moved in the unit of work.
            var result = await CommandsAs(sp, s.Coordinator).ChangeCameraStateAsync(s.Contract.Id, camera, new VideoCameraStateInput { State = "EnService", PrefectInformedOn = Today });
            Assert.False(result.Succeeded);
            Assert.False(db.ChangeTracker.HasChanges());
            var update = await CommandsAs(sp, s.Coordinator).UpdateCameraAsync(s.Contract.Id, camera, new VideoCameraInput
            {
                Code = "CAM-PROBE", Site = "Bergères", Latitude = VideoKit.InsideLat, Longitude = VideoKit.InsideLon, Purpose = 5, State = "EnService", PrefectInformedOn = Today,
            });
            Assert.False(update.Succeeded);
            Assert.False(db.ChangeTracker.HasChanges());
        });
        Assert.Equal(0, await factory.WithDb(db => db.VideoCameras.Where(c => c.Id == camera).Select(c => c.Version).SingleAsync()));
    }
}
