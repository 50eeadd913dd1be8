using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.VideoProtection;

/// <summary>Rules V1–V7 of specs §4.3 enforced on save: French messages naming the field, nothing half-saved.</summary>
[Collection(AppCollection.Name)]
public sealed class VideoRulesTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;

    [Theory]
    [InlineData(31, "dépasse la durée maximale légale")]
    [InlineData(0, "au moins 1 jour")]
    public async Task V1_AuthorisationRetentionOutOfRange_IsRefusedAndNothingSaved(int days, string message)
    {
        var s = await factory.VideoSetupAsync();
        var response = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/authorisations", new
        {
            orderNumber = "A-1", orderDate = Today, prefecture = "Hauts-de-Seine", mode = "Perimetre", purposes = new[] { 5 }, perimeterName = "P", perimeterGeoJson = VideoKit.Perimeter,
            retentionDays = days, effectiveOn = Today,
        });
        await VideoKit.AssertRefusedAsync(response, "retentionDays", message);
        Assert.Equal(0, await factory.WithDb(db => db.VideoAuthorisations.CountAsync(a => a.ContractId == s.Contract.Id)));
    }

    [Fact]
    public async Task V1_RecorderRetentionAboveTheAuthorisation_IsRefused()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(retention: 15);
        var response = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/recorders", new { authorisationId = auth, name = "NVR Bergères", retentionDays = 20 });
        await VideoKit.AssertRefusedAsync(response, "retentionDays", "15 jours au plus");
        Assert.Equal(HttpStatusCode.Created, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/recorders", new { authorisationId = auth, name = "NVR Bergères", retentionDays = 15 })).StatusCode);
    }

    [Fact]
    public async Task Authorisation_WithoutPurpose_IsRefused_AndIsValidFiveYears()
    {
        var s = await factory.VideoSetupAsync();
        var response = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/authorisations", new
        {
            orderNumber = "A-2", orderDate = Today, prefecture = "Hauts-de-Seine", mode = "ParCamera", purposes = Array.Empty<int>(), authorisedCameras = 4, retentionDays = 15, effectiveOn = Today,
        });
        await VideoKit.AssertRefusedAsync(response, "purposes", "au moins une finalité");
        var verbalisation = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/authorisations", new
        {
            orderNumber = "A-3", orderDate = Today, prefecture = "Hauts-de-Seine", mode = "ParCamera", purposes = new[] { 5 }, videoVerbalisation = true, authorisedCameras = 4, retentionDays = 15, effectiveOn = Today,
        });
        await VideoKit.AssertRefusedAsync(verbalisation, "purposes", "vidéo-verbalisation");

        await s.AuthorisationAsync();
        var register = await s.RegisterAsync();
        var a = register.GetProperty("authorisations")[0];
        Assert.Equal(Today.AddYears(5), DateOnly.Parse(a.GetProperty("expiresOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("EnVigueur", a.GetProperty("status").GetString());
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.VideoAuthCreated && e.ContractId == s.Contract.Id)));
    }

    [Fact]
    public async Task V2_CameraOutsideThePerimeter_IsRefusedAndNothingSaved()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        await VideoKit.AssertRefusedAsync(await s.CameraAsync(auth, lat: VideoKit.OutsideLat, lon: VideoKit.OutsideLon), "latitude", "hors du périmètre autorisé « Les Bergères »");
        Assert.Equal(0, await factory.WithDb(db => db.VideoCameras.CountAsync(c => c.ContractId == s.Contract.Id)));
        Assert.Equal(HttpStatusCode.Created, (await s.CameraAsync(auth)).StatusCode);
    }

    [Fact]
    public async Task V2_InServiceNeedsAnAuthorisationInForceCoveringItsPurpose()
    {
        var s = await factory.VideoSetupAsync();
        await VideoKit.AssertRefusedAsync(await s.CameraAsync(null, state: "EnService", prefectInformedOn: Today), "authorisationId", "que sous une autorisation préfectorale");
        var old = await s.AuthorisationAsync(effectiveOn: Today.AddYears(-6));
        await VideoKit.AssertRefusedAsync(await s.CameraAsync(old, state: "EnService", prefectInformedOn: Today), "state", "n'est pas en vigueur");
        var auth = await s.AuthorisationAsync(purposes: [1, 5]);
        await VideoKit.AssertRefusedAsync(await s.CameraAsync(auth, state: "EnService", purpose: 11, prefectInformedOn: Today), "purpose", "n'est pas couverte");
        Assert.Equal(HttpStatusCode.Created, (await s.CameraAsync(auth, state: "EnService", prefectInformedOn: Today)).StatusCode);
    }

    [Fact]
    public async Task V4_InServiceNeedsThePrefectInformed()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        await VideoKit.AssertRefusedAsync(await s.CameraAsync(auth, state: "EnService"), "prefectInformedOn", "Le préfet doit être informé");
        var created = await s.CameraAsync(auth);
        var cameraId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/cameras/{cameraId}/state", new { state = "EnService" }), "prefectInformedOn", "Le préfet doit être informé");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/cameras/{cameraId}/state", new { state = "EnService", prefectInformedOn = Today })).StatusCode);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.VideoCameraStateChanged && e.EntityId == cameraId.ToString())));
    }

    [Fact]
    public async Task V5_ExtractionIsLoggedOnItsRequisition_AndTheAnswerNeedsIt()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        var camera = (await (await s.CameraAsync(auth)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        var requisition = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/requisitions", new
        {
            number = "PV-2026-114", authority = "OPJ_PoliceNationale", frame = "Flagrance", receivedOn = Today, periodFrom = now.AddDays(-2), periodTo = now.AddDays(-2).AddHours(1), site = "Résidence des Bergères",
        });
        var requisitionId = (await requisition.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/requisitions/{requisitionId}/answer", new { response = "Fournie" }), "response", "registre des extractions");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/extractions", new
        {
            operatorName = "Agent CSU", operatorRole = "Opérateur", cameraIds = new[] { camera }, from = now.AddDays(-2), to = now.AddDays(-2).AddHours(1), reason = "RequisitionJudiciaire",
            recipient = "Commissariat de Puteaux", medium = "Securise",
        }), "requisitionId", "doit citer la réquisition");

        var extraction = await s.CoordinatorApi.CreatedAsync($"{s.Base}/extractions", new
        {
            operatorName = "Agent CSU", operatorRole = "Opérateur", cameraIds = new[] { camera }, from = now.AddDays(-2), to = now.AddDays(-2).AddHours(1), reason = "RequisitionJudiciaire",
            requisitionId, recipient = "Commissariat de Puteaux", medium = "Securise", sha256 = new string('a', 64),
        });
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/requisitions/{requisitionId}/answer", new { response = "Fournie" })).StatusCode);
        var register = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/judicial-register");
        var line = register.GetProperty("extractions").EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == extraction);
        Assert.Equal(requisitionId, line.GetProperty("requisitionId").GetGuid());
        var audit = await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.VideoExtractionCreated && e.EntityId == extraction.ToString()).SingleAsync());
        Assert.DoesNotContain("Agent CSU", audit.Data);
        Assert.DoesNotContain("Commissariat", audit.Data);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.VideoRegisterViewed && e.ContractId == s.Contract.Id)));
    }

    [Fact]
    public async Task V6_RequisitionOlderThanTheRetention_IsAnsweredImagesDetruites()
    {
        var s = await factory.VideoSetupAsync();
        await s.AuthorisationAsync(retention: 15);
        var old = DateTimeOffset.UtcNow.AddDays(-40);
        var response = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/requisitions", new
        {
            number = "PV-OLD", authority = "Parquet", frame = "Preliminaire", receivedOn = Today, periodFrom = old, periodTo = old.AddHours(2),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ImagesDetruites", body.GetProperty("response").GetString());
        Assert.Equal(old.AddHours(2).AddDays(15).ToUnixTimeSeconds(), body.GetProperty("purgedAt").GetDateTimeOffset().ToUnixTimeSeconds());
        var recent = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/requisitions", new
        {
            number = "PV-NEW", authority = "Parquet", frame = "Preliminaire", receivedOn = Today, periodFrom = DateTimeOffset.UtcNow.AddDays(-3), periodTo = DateTimeOffset.UtcNow.AddDays(-3).AddHours(1),
        });
        Assert.Equal(JsonValueKind.Null, (await recent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").ValueKind);
    }

    [Fact]
    public async Task V7_AccessRequest_HasAOneMonthDeadline_AndThirdPartiesNeedBlurring()
    {
        var s = await factory.VideoSetupAsync();
        var now = DateTimeOffset.UtcNow;
        var id = await s.CoordinatorApi.CreatedAsync($"{s.Base}/access-requests", new
        {
            reference = "DA-2026-07", receivedOn = Today, identityChecked = true, slotFrom = now.AddDays(-1), slotTo = now.AddDays(-1).AddMinutes(30), @object = "Visionnage", thirdPartiesVisible = true,
        });
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/access-requests/{id}/decision", new { decision = "Accorde" }), "decision", "avec floutage");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/access-requests/{id}/decision", new { decision = "AccordeAvecFloutage" }), "blurringDone", "floutage des tiers");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/access-requests/{id}/decision", new { decision = "Refuse" }), "refusalReason", "motif de refus");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/access-requests/{id}/decision", new { decision = "AccordeAvecFloutage", blurringDone = true })).StatusCode);
        var register = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/judicial-register");
        var request = register.GetProperty("accessRequests")[0];
        Assert.Equal(Today.AddMonths(1).ToString("yyyy-MM-dd"), request.GetProperty("dueOn").GetString());
        Assert.Equal("AccordeAvecFloutage", request.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Request_FiledAndUnanswered_IsImplicitlyRejectedAfterFourMonths()
    {
        var s = await factory.VideoSetupAsync();
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/requests", new { kind = "Initiale", mode = "Perimetre", purposes = new[] { 5 }, filedOn = Today.AddMonths(-5), status = "Deposee" });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/requests", new { kind = "Initiale", mode = "Perimetre", purposes = new[] { 5 }, filedOn = Today.AddMonths(-1), status = "Deposee" });
        var requests = (await s.RegisterAsync()).GetProperty("requests").EnumerateArray().ToList();
        Assert.Contains(requests, r => r.GetProperty("status").GetString() == "RejetImplicite" && r.GetProperty("implicitRejectionOn").GetString() == Today.AddMonths(-1).ToString("yyyy-MM-dd"));
        Assert.Contains(requests, r => r.GetProperty("status").GetString() == "Deposee");
    }

    [Fact]
    public async Task Diagnostic_RecordsRecommendationsPerSite_AndRefusesABadPurpose()
    {
        var s = await factory.VideoSetupAsync();
        var bad = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/diagnostics", new
        {
            date = Today, author = "ReferentSuretePN", perimeter = "Quartier", opinion = "Favorable", recommendations = new[] { new { site = "Les Bergères", cameraKind = "Fixe", purpose = 12, priority = 1 } },
        });
        await VideoKit.AssertRefusedAsync(bad, "recommendations", "de 1 à 11");
        Assert.Equal(0, await factory.WithDb(db => db.VideoDiagnostics.CountAsync(d => d.ContractId == s.Contract.Id)));
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/diagnostics", new
        {
            date = Today, author = "ReferentSuretePN", perimeter = "Quartiers d'habitat social", opinion = "Favorable",
            recommendations = new[] { new { site = "Les Bergères", cameraKind = "DomePTZ", purpose = 5, priority = 1 }, new { site = "Cité Lorilleux", cameraKind = "Fixe", purpose = 5, priority = 2 } },
        });
        var sites = (await s.RegisterAsync()).GetProperty("diagnostics")[0].GetProperty("sites").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.Equal(["Les Bergères", "Cité Lorilleux"], sites);
    }
}
