using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.VideoProtection;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.VideoProtection;

/// <summary>
/// The daily job's alerts over time (ADR 0017): retention measured at the check (V1) and the late-check alert, alerts
/// closed by the job when their condition clears or by a coordinator (page and API), the same occurrence never raised
/// twice, copies handed over (V5), the yearly sign check (V8) and the D-270 / D-150 renewal reminders (V3).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VideoAlertLifecycleTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;

    private VideoDailyJob Job => factory.Services.GetRequiredService<VideoDailyJob>();

    private Task<List<VideoAlert>> AlertsAsync(Guid subject) =>
        factory.WithDb(db => db.VideoAlerts.AsNoTracking().Where(a => a.SubjectId == subject).OrderBy(a => a.RaisedAt).ToListAsync());

    private async Task<Guid> RecorderAsync(VideoSetup s, Guid auth) =>
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/recorders", new { authorisationId = auth, name = "NVR " + Guid.NewGuid().ToString("N")[..4], retentionDays = 15 });

    private static async Task PurgeCheckAsync(HttpClient api, VideoSetup s, Guid recorder, DateOnly checkedOn, DateTimeOffset oldest) =>
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsJsonAsync($"{s.Base}/recorders/{recorder}/purge-check", new { checkedOn, oldestImageAt = oldest })).StatusCode);

    private static async Task<Guid> InServiceCameraAsync(VideoSetup s, Guid auth) =>
        (await (await s.CameraAsync(auth, state: "EnService", prefectInformedOn: Today)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    [Fact]
    public async Task V1_ACompliantCheck_StaysCompliant_AndNoCheckForLongerThanTheRetention_RaisesTheLateCheckOnce()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(retention: 15);
        var recorder = await RecorderAsync(s, auth);
        await PurgeCheckAsync(s.CoordinatorApi, s, recorder, Today, factory.Clock.GetUtcNow().AddDays(-10)); // oldest image 10 days old, limit 15
        try
        {
            await Job.CheckAsync();
            Assert.Empty(await AlertsAsync(recorder));

            factory.Clock.Advance(TimeSpan.FromDays(10)); // the image would be 20 days old today, but it was 10 at the check
            await Job.CheckAsync();
            Assert.Empty(await AlertsAsync(recorder));

            factory.Clock.Advance(TimeSpan.FromDays(6)); // 16 days without a check, over the 15-day retention
            await Job.CheckAsync();
            await Job.CheckAsync();
            var alerts = await AlertsAsync(recorder);
            Assert.Equal([VideoAlertKind.PurgeCheckLate], alerts.Select(a => a.Kind));
            Assert.Contains("Aucun contrôle de purge", alerts[0].Message, StringComparison.Ordinal);
            Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.VideoPurgeCheckLate && e.EntityId == recorder.ToString())));
            var register = await (await factory.ApiClientAsync(s.Coordinator)).GetFromJsonAsync<JsonElement>(s.Base);
            Assert.Contains(register.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("kind").GetString() == "PurgeCheckLate");
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task V1_ABreachAtTheCheck_IsClosedByTheNextCompliantCheck_AndALaterLapseIsANewOccurrence()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(retention: 15);
        var recorder = await RecorderAsync(s, auth);
        await PurgeCheckAsync(s.CoordinatorApi, s, recorder, Today, factory.Clock.GetUtcNow().AddDays(-20));
        try
        {
            await Job.CheckAsync();
            var breach = Assert.Single(await AlertsAsync(recorder));
            Assert.Equal(VideoAlertKind.RetentionBreach, breach.Kind);
            Assert.Contains("gardait des images de 20 jours", breach.Message, StringComparison.Ordinal);

            await PurgeCheckAsync(s.CoordinatorApi, s, recorder, Today, factory.Clock.GetUtcNow().AddDays(-3)); // purge fixed
            await Job.CheckAsync();
            var closed = Assert.Single(await AlertsAsync(recorder));
            Assert.NotNull(closed.ResolvedAt);
            Assert.Null(closed.ResolvedById);
            Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.VideoAlertResolved && e.EntityId == breach.Id.ToString())));
            var register = await s.RegisterAsync();
            Assert.DoesNotContain(register.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("id").GetGuid() == breach.Id);

            // Kept in the history (API), marked closed by the job.
            var history = await s.ReaderApi.GetFromJsonAsync<JsonElement>($"{s.Base}/alerts");
            var item = history.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == breach.Id);
            Assert.Equal("job", item.GetProperty("resolvedBy").GetString());

            // A new lapse after the check of today is a new occurrence (keyed by that check): raised, the breach not again.
            factory.Clock.Advance(TimeSpan.FromDays(16));
            await Job.CheckAsync();
            var all = await AlertsAsync(recorder);
            Assert.Equal([VideoAlertKind.RetentionBreach, VideoAlertKind.PurgeCheckLate], all.Select(a => a.Kind));
            Assert.Null(all[1].ResolvedAt);
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task V4_ThePrefectInformed_ClosesTheAlert_OnTheNextRun()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        var camera = (await (await s.CameraAsync(auth)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await factory.WithDb(async db =>
        {
            (await db.VideoCameras.SingleAsync(x => x.Id == camera)).State = VideoCameraState.EnService; // imported without the préfet's information
            return await db.SaveChangesAsync();
        });
        await Job.CheckAsync();
        Assert.Null(Assert.Single(await AlertsAsync(camera)).ResolvedAt);

        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/cameras/{camera}/state", new { state = "EnService", prefectInformedOn = Today })).StatusCode);
        await Job.CheckAsync();
        await Job.CheckAsync();
        var alert = Assert.Single(await AlertsAsync(camera));
        Assert.NotNull(alert.ResolvedAt);
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.VideoAlertResolved && e.EntityId == alert.Id.ToString())));
    }

    [Fact]
    public async Task Coordinator_ClosesAnAlert_ByTheApi_OnceOnly_AndTheJobDoesNotRaiseTheSameOccurrenceAgain()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        var camera = (await (await s.CameraAsync(auth)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await factory.WithDb(async db =>
        {
            (await db.VideoCameras.SingleAsync(x => x.Id == camera)).State = VideoCameraState.EnService;
            return await db.SaveChangesAsync();
        });
        await Job.CheckAsync();
        var alert = Assert.Single(await AlertsAsync(camera)).Id;
        var url = $"{s.Base}/alerts/{alert}/resolve";

        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PutAsync(url, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.PartnerApi.PutAsync(url, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.PutAsync($"/api/v1/contracts/{s.Contract.Id}/video/alerts/{alert}/resolve", null)).StatusCode);
        Assert.Null(Assert.Single(await AlertsAsync(camera)).ResolvedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await s.CoordinatorApi.PutAsync($"{s.Base}/alerts/{Guid.NewGuid()}/resolve", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsync(url, null)).StatusCode);
        var again = await s.CoordinatorApi.PutAsync(url, null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("a déjà été close le", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var closed = Assert.Single(await AlertsAsync(camera));
        Assert.Equal(s.Coordinator.Id, closed.ResolvedById);
        var audit = await factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == AuditKinds.VideoAlertResolved && e.EntityId == alert.ToString()));
        Assert.Equal(s.Coordinator.Id, audit.UserId);
        Assert.Contains("coordinator", audit.Data ?? "", StringComparison.Ordinal);

        // The condition still holds (préfet not informed): the same occurrence stays closed, nothing new is raised.
        await Job.CheckAsync();
        Assert.Single(await AlertsAsync(camera));
        Assert.DoesNotContain((await s.RegisterAsync()).GetProperty("alerts").EnumerateArray(), a => a.GetProperty("subjectId").GetGuid() == camera);
    }

    [Fact]
    public async Task Coordinator_ClosesAnAlert_FromTheRegisterPage_AndAReaderCannot()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        var camera = (await (await s.CameraAsync(auth, code: "CAM-CLORE")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await factory.WithDb(async db =>
        {
            (await db.VideoCameras.SingleAsync(x => x.Id == camera)).State = VideoCameraState.EnService;
            return await db.SaveChangesAsync();
        });
        await Job.CheckAsync();
        var alert = Assert.Single(await AlertsAsync(camera)).Id;
        var page = $"/contrats/{s.Contract.Id}/videoprotection";

        var reader = await PageClient.SignedInAsync(factory, s.Reader);
        Assert.DoesNotContain("Marquer comme résolue", await reader.Http.GetStringAsync(page), StringComparison.Ordinal);
        var refused = await reader.PostFormAsync($"{page}?handler=Clore", new() { ["alerte"] = alert.ToString() }, formPageUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/compte/acces-refuse", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await AlertsAsync(camera)).ResolvedAt);

        var coordinator = await PageClient.SignedInAsync(factory, s.Coordinator);
        var before = await coordinator.Http.GetStringAsync(page);
        Assert.Contains("Marquer comme résolue", before, StringComparison.Ordinal);
        var posted = await coordinator.PostFormAsync($"{page}?handler=Clore", new() { ["alerte"] = alert.ToString() }, formPageUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.NotNull(Assert.Single(await AlertsAsync(camera)).ResolvedAt);
        var after = await coordinator.Http.GetStringAsync(page);
        Assert.Contains("Alertes closes", after, StringComparison.Ordinal);
        Assert.Contains("par la coordination", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Marquer comme résolue", after, StringComparison.Ordinal); // the camera's alert left the list
    }

    [Fact]
    public async Task V5_ACopyNeitherDestroyedNorTransmitted_After30Days_IsAlertedOnce_WithoutNames()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(retention: 15);
        var camera = await InServiceCameraAsync(s, auth);
        var now = factory.Clock.GetUtcNow();
        object Extraction(DateOnly? destroyed) => new
        {
            operatorName = "Paul Opérateur-Secret", operatorRole = "CSU", cameraIds = new[] { camera }, from = now.AddHours(-3), to = now.AddHours(-2),
            reason = "ConstatOperateur", recipient = "Destinataire-Secret", medium = "Securise", copyDestroyedOn = destroyed,
        };
        var outstanding = await s.CoordinatorApi.CreatedAsync($"{s.Base}/extractions", Extraction(null));
        var destroyed = await s.CoordinatorApi.CreatedAsync($"{s.Base}/extractions", Extraction(Today));
        try
        {
            factory.Clock.Advance(TimeSpan.FromDays(VideoDailyJob.CopyKeptDays - 1));
            await Job.CheckAsync();
            Assert.Empty(await AlertsAsync(outstanding));

            factory.Clock.Advance(TimeSpan.FromDays(2));
            await Job.CheckAsync();
            await Job.CheckAsync();
            var alert = Assert.Single(await AlertsAsync(outstanding));
            Assert.Equal(VideoAlertKind.CopyOutstanding, alert.Kind);
            Assert.DoesNotContain("Secret", alert.Message, StringComparison.Ordinal);
            Assert.Empty(await AlertsAsync(destroyed));
            Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.VideoCopyOutstanding && e.EntityId == outstanding.ToString())));
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task V8_AYearLater_EachCameraInService_HasOneSignCheckDue()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        var cameras = new[] { await InServiceCameraAsync(s, auth), await InServiceCameraAsync(s, auth) };
        var installed = (await (await s.CameraAsync(auth)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(); // not in service
        try
        {
            await Job.CheckAsync();
            foreach (var c in cameras) Assert.DoesNotContain(await AlertsAsync(c), a => a.Kind == VideoAlertKind.SignCheckDue);

            factory.Clock.Advance(TimeSpan.FromDays(366));
            await Job.CheckAsync();
            await Job.CheckAsync();
            foreach (var c in cameras)
                Assert.Single(await AlertsAsync(c), a => a.Kind == VideoAlertKind.SignCheckDue);
            Assert.Empty(await AlertsAsync(installed));
            Assert.Equal(2, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.VideoSignCheckDue && e.ContractId == s.Contract.Id)));
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task V3_TheD270AndD150Reminders_AreRaisedInTurn_EachClosingTheOneBefore()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(effectiveOn: Today.AddYears(-5).AddDays(280)); // 280 days left
        var expires = Today.AddYears(-5).AddDays(280).AddYears(5);
        try
        {
            await Job.CheckAsync();
            Assert.Equal([VideoAlertKind.RenewalD365], (await AlertsAsync(auth)).Select(a => a.Kind));

            factory.Clock.Advance(TimeSpan.FromDays(expires.DayNumber - Today.DayNumber - 270)); // D-270
            await Job.CheckAsync();
            var alerts = await AlertsAsync(auth);
            Assert.Equal([VideoAlertKind.RenewalD365, VideoAlertKind.RenewalD270], alerts.Select(a => a.Kind));
            Assert.NotNull(alerts[0].ResolvedAt); // superseded by the tighter reminder
            Assert.Contains("J-270", VideoLabels.Alert(alerts[1].Kind), StringComparison.Ordinal);

            factory.Clock.Advance(TimeSpan.FromDays(90)); // D-180
            await Job.CheckAsync();
            factory.Clock.Advance(TimeSpan.FromDays(30)); // D-150
            await Job.CheckAsync();
            await Job.CheckAsync();
            alerts = await AlertsAsync(auth);
            Assert.Equal([VideoAlertKind.RenewalD365, VideoAlertKind.RenewalD270, VideoAlertKind.RenewalD180, VideoAlertKind.RenewalD150], alerts.Select(a => a.Kind));
            Assert.Equal([VideoAlertKind.RenewalD150], alerts.Where(a => a.ResolvedAt is null).Select(a => a.Kind));
            Assert.Equal(4, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.VideoAuthExpiring && e.EntityId == auth.ToString())));
            var register = await (await factory.ApiClientAsync(s.Coordinator)).GetFromJsonAsync<JsonElement>(s.Base);
            Assert.Equal(["RenewalD150"], register.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("subjectId").GetGuid() == auth).Select(a => a.GetProperty("kind").GetString()));
        }
        finally
        {
            factory.Clock.Reset();
        }
    }
}
