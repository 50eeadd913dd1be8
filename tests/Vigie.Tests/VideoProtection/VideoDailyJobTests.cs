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

/// <summary>The daily job (V1, V2, V3, V4): reminders appear as time moves forward, each alert once across runs and instances.</summary>
[Collection(AppCollection.Name)]
public sealed class VideoDailyJobTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;

    private VideoDailyJob Job => factory.Services.GetRequiredService<VideoDailyJob>();

    private Task<List<VideoAlertKind>> AlertsAsync(Guid subject) =>
        factory.WithDb(db => db.VideoAlerts.Where(a => a.SubjectId == subject).Select(a => a.Kind).ToListAsync());

    [Fact]
    public async Task V3_RenewalReminders_AppearAsTimeMovesForward_ThenExpiryFlagsTheCameras()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(effectiveOn: Today.AddYears(-5).AddDays(400));
        var camera = (await (await s.CameraAsync(auth, state: "EnService", prefectInformedOn: Today)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        try
        {
            await Job.CheckAsync();
            Assert.Empty(await AlertsAsync(auth));

            factory.Clock.Advance(TimeSpan.FromDays(40)); // 360 days left
            await Job.CheckAsync();
            Assert.Equal([VideoAlertKind.RenewalD365], await AlertsAsync(auth));

            factory.Clock.Advance(TimeSpan.FromDays(190)); // 170 days left: D-270 was missed, only the tightest is raised
            await Job.CheckAsync();
            Assert.Equal([VideoAlertKind.RenewalD365, VideoAlertKind.RenewalD180], (await AlertsAsync(auth)).Order().ToList());

            factory.Clock.Advance(TimeSpan.FromDays(171)); // expired
            await Job.CheckAsync();
            Assert.Contains(VideoAlertKind.Expired, await AlertsAsync(auth));
            Assert.Single(await AlertsAsync(camera), k => k == VideoAlertKind.CameraWithoutAuthorisation); // besides its yearly sign check (V8)
            Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.VideoAuthExpired && e.EntityId == auth.ToString())));
            Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.VideoAuthExpiring && e.EntityId == auth.ToString())));

            var api = await factory.ApiClientAsync(s.Coordinator); // a token issued at the moved time
            var register = await api.GetFromJsonAsync<JsonElement>(s.Base);
            Assert.Equal("Expiree", register.GetProperty("authorisations")[0].GetProperty("status").GetString());
            Assert.Equal("Autorisation expirée", register.GetProperty("cameras")[0].GetProperty("warning").GetString());
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task OnceOnly_TwoRunsOfTheDay_AndTwoConcurrentChecks_RaiseOneAlert()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(retention: 15);
        var recorder = await s.CoordinatorApi.CreatedAsync($"{s.Base}/recorders", new { authorisationId = auth, name = "NVR Bergères", retentionDays = 15 });
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/recorders/{recorder}/purge-check",
            new { checkedOn = Today, oldestImageAt = DateTimeOffset.UtcNow.AddDays(-20) })).StatusCode);
        try
        {
            factory.Clock.Advance(TimeSpan.FromDays(4000)); // a day no other test runs the daily job on
            var first = await Job.RunOnceAsync();
            var second = await Job.RunOnceAsync();
            Assert.NotNull(first);
            Assert.Null(second);
            var other = new VideoDailyJob(factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Services.GetRequiredService<JobRuns>(), factory.Clock,
                factory.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<VideoDailyJob>>());
            await Task.WhenAll(Job.CheckAsync(), other.CheckAsync());
            Assert.Single(await AlertsAsync(recorder), k => k == VideoAlertKind.RetentionBreach); // besides the late purge check, 4000 days on
            Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.VideoRetentionBreach && e.EntityId == recorder.ToString())));
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task V4_CameraInServiceWithoutThePrefectInformed_IsAlertedOnce()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        var camera = (await (await s.CameraAsync(auth)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Imported from an older register: in service, the préfet's information never recorded.
        await factory.WithDb(async db =>
        {
            var c = await db.VideoCameras.SingleAsync(x => x.Id == camera);
            c.State = VideoCameraState.EnService;
            return await db.SaveChangesAsync();
        });
        await Job.CheckAsync();
        await Job.CheckAsync();
        Assert.Equal([VideoAlertKind.CameraWithoutPrefectInformation], await AlertsAsync(camera));
    }

    [Fact]
    public async Task JobRuns_TryClaim_IsTrueOnceForAKey()
    {
        var runs = factory.Services.GetRequiredService<JobRuns>();
        var key = Guid.NewGuid().ToString("N");
        var claims = await Task.WhenAll(runs.TryClaimAsync("tests.claim", key), runs.TryClaimAsync("tests.claim", key), runs.TryClaimAsync("tests.claim", key));
        Assert.Equal(1, claims.Count(c => c));
        await runs.FinishAsync("tests.claim", key, "ok");
        Assert.Equal("ok", await factory.WithDb(db => db.JobRuns.Where(r => r.Name == "tests.claim" && r.PeriodKey == key).Select(r => r.Outcome).SingleAsync()));
    }
}
