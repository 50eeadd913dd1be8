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
/// Review of issue 15: camera alerts raised before the closing of alerts were keyed "-"; the daily check now keys them by
/// the day the camera went into service. The SQL the migration runs rewrites an open legacy alert's key, on the provider
/// under test, so the first run after the upgrade neither closes it nor raises (and mails) it again.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VideoLegacyAlertKeysTests(VigieFactory factory)
{
    [Fact]
    public async Task LegacyCameraKeysSql_GivesTheServiceDay_AndTheNextRunKeepsTheAlertOpenWithoutANewOne()
    {
        var s = await factory.VideoSetupAsync();
        var authorisation = await s.AuthorisationAsync();
        var created = await s.CameraAsync(authorisation, state: "EnService", prefectInformedOn: TestDates.Today);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cameraId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Data from before V4 was checked on save: in service, the préfet's information not recorded.
        await factory.WithDb(db => db.VideoCameras.Where(c => c.Id == cameraId).ExecuteUpdateAsync(u => u.SetProperty(c => c.PrefectInformedOn, (DateOnly?)null)));
        var serviceDay = await factory.WithDb(db => db.VideoCameras.Where(c => c.Id == cameraId).Select(c => c.InServiceOn).SingleAsync());
        Assert.NotNull(serviceDay);

        // The alert as the previous version stored it.
        await factory.WithDb(async db =>
        {
            db.VideoAlerts.Add(new VideoAlert
            {
                ContractId = s.Contract.Id, SystemId = s.SystemId, Kind = VideoAlertKind.CameraWithoutPrefectInformation, SubjectId = cameraId,
                PeriodKey = "-", RaisedAt = factory.Clock.GetUtcNow().AddDays(-2), Message = "La caméra est en service sans que le préfet ait été informé.",
            });
            return await db.SaveChangesAsync();
        });

        await factory.WithDb(db => db.Database.ExecuteSqlRawAsync(VideoDailyJob.LegacyCameraKeysSql));
        var key = await factory.WithDb(db => db.VideoAlerts.Where(a => a.SubjectId == cameraId).Select(a => a.PeriodKey).SingleAsync());
        Assert.Equal(JobRuns.DayKey(serviceDay!.Value), key);

        await factory.Services.GetRequiredService<VideoDailyJob>().CheckAsync();
        var alerts = await factory.WithDb(db => db.VideoAlerts.Where(a => a.SubjectId == cameraId && a.Kind == VideoAlertKind.CameraWithoutPrefectInformation).ToListAsync());
        var alert = Assert.Single(alerts);
        Assert.Null(alert.ResolvedAt);
    }
}
