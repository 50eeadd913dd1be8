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
/// Issue 15 item 1: a camera changes authorisation (planned before its authorisation, moved to the one that renews it),
/// re-checked by V2/V4 with a Version token; a renewed authorisation no longer raises reminders nor expiry alerts.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VideoCameraEditTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static object CameraBody(Guid? authorisationId, string state, int? version, string code, double lat = VideoKit.InsideLat, double lon = VideoKit.InsideLon,
        DateOnly? prefectInformedOn = null, Guid? recorderId = null, bool privacyMasking = false) => new
    {
        authorisationId, recorderId, code, site = "Résidence des Bergères", latitude = lat, longitude = lon, kind = "DomePTZ", field = "VoiePublique", bearing = 180, viewAngle = 45,
        purpose = 5, state, prefectInformedOn, privacyMasking, privacyMaskingNote = privacyMasking ? "Fenêtres du n° 12 masquées" : null, signPresent = true, signCheckedOn = Today, version,
    };

    private Task<VideoCamera> CameraAsync(Guid id) => factory.WithDb(db => db.VideoCameras.AsNoTracking().SingleAsync(c => c.Id == id));

    private static async Task<Guid> IdAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task PlannedCamera_GoesIntoService_UnderTheAuthorisationGrantedAfterIt()
    {
        var s = await factory.VideoSetupAsync();
        // Puteaux's order: diagnostic, cameras planned, then the authorisation.
        var camera = await IdAsync(await s.CameraAsync(null, state: "Projetee", code: "CAM-PROJ"));
        var auth = await s.AuthorisationAsync();
        var url = $"{s.Base}/cameras/{camera}";
        var version = (await CameraAsync(camera)).Version;

        // V2: moved outside the perimeter → refused, nothing saved.
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, CameraBody(auth, "EnService", version, "CAM-PROJ", VideoKit.OutsideLat, VideoKit.OutsideLon, Today)),
            "latitude", "hors du périmètre autorisé");
        // V4: in service without the préfet informed → refused.
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, CameraBody(auth, "EnService", version, "CAM-PROJ")), "prefectInformedOn", "préfet");
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PutAsJsonAsync(url, CameraBody(auth, "EnService", version, "CAM-PROJ", prefectInformedOn: Today))).StatusCode);
        Assert.True((await s.OutsiderApi.PutAsJsonAsync(url, CameraBody(auth, "EnService", version, "CAM-PROJ", prefectInformedOn: Today))).StatusCode
            is HttpStatusCode.Forbidden or HttpStatusCode.NotFound);
        var unchanged = await CameraAsync(camera);
        Assert.Null(unchanged.AuthorisationId);
        Assert.Equal(VideoCameraState.Projetee, unchanged.State);

        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url,
            CameraBody(auth, "EnService", version, "CAM-PROJ", prefectInformedOn: Today, privacyMasking: true))).StatusCode);
        var saved = await CameraAsync(camera);
        Assert.Equal(auth, saved.AuthorisationId);
        Assert.Equal(VideoCameraState.EnService, saved.State);
        Assert.Equal(Today, saved.InServiceOn);
        Assert.Equal(180, saved.Bearing);
        Assert.True(saved.PrivacyMasking);
        Assert.Equal(Today, saved.SignCheckedOn);
        Assert.True(saved.Version > version);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.VideoCameraUpdated && e.EntityId == camera.ToString())));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.VideoCameraStateChanged && e.EntityId == camera.ToString())));

        // A second writer still on the first version: 409 naming what changed, nothing saved.
        var stale = await s.CoordinatorApi.PutAsJsonAsync(url, CameraBody(auth, "Deposee", version, "CAM-PROJ", prefectInformedOn: Today));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("État", await stale.Content.ReadAsStringAsync());
        Assert.Equal(VideoCameraState.EnService, (await CameraAsync(camera)).State);

        var register = await s.RegisterAsync();
        var dto = register.GetProperty("cameras").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == camera);
        Assert.True(dto.GetProperty("privacyMasking").GetBoolean());
        Assert.Equal(saved.Version, dto.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/cameras/{Guid.NewGuid()}", CameraBody(auth, "EnService", 0, "X"))).StatusCode);
    }

    [Fact]
    public async Task RenewedAuthorisation_RaisesNoReminderNorExpiry_AndItsCamerasMovedToTheSuccessor_RaiseNoAlert()
    {
        var s = await factory.VideoSetupAsync();
        var old = await s.AuthorisationAsync(effectiveOn: Today.AddYears(-5).AddDays(10)); // expires in 10 days
        var camera = await IdAsync(await s.CameraAsync(old, state: "EnService", prefectInformedOn: Today, code: "CAM-RENEW"));
        object Renewal(Guid renews) => new
        {
            orderNumber = "2026-" + Guid.NewGuid().ToString("N")[..6], orderDate = Today, prefecture = "Hauts-de-Seine", mode = "Perimetre", purposes = new[] { 1, 5 },
            perimeterName = "Les Bergères", perimeterGeoJson = VideoKit.Perimeter, retentionDays = 15, effectiveOn = Today, renewsAuthorisationId = renews,
        };
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/authorisations", Renewal(Guid.NewGuid())), "renewsAuthorisationId", "n'existe pas");
        var successor = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", Renewal(old));
        // One successor at most.
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/authorisations", Renewal(old)), "renewsAuthorisationId", "déjà renouvelée");
        Assert.Equal(old, await factory.WithDb(db => db.VideoAuthorisations.Where(a => a.Id == successor).Select(a => a.RenewsAuthorisationId).SingleAsync()));

        var version = (await CameraAsync(camera)).Version;
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/cameras/{camera}",
            CameraBody(successor, "EnService", version, "CAM-RENEW", prefectInformedOn: Today))).StatusCode);
        Assert.Equal(successor, (await CameraAsync(camera)).AuthorisationId);

        var job = factory.Services.GetRequiredService<VideoDailyJob>();
        try
        {
            factory.Clock.Advance(TimeSpan.FromDays(20)); // the old authorisation has expired
            await job.CheckAsync();
            Assert.Empty(await factory.WithDb(db => db.VideoAlerts.Where(a => a.SubjectId == old || a.SubjectId == camera || a.SubjectId == successor).ToListAsync()));
            var api = await factory.ApiClientAsync(s.Coordinator);
            var register = await api.GetFromJsonAsync<JsonElement>(s.Base);
            var dto = register.GetProperty("authorisations").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == successor);
            Assert.Equal(old, dto.GetProperty("renewsAuthorisationId").GetGuid());
            Assert.Equal(JsonValueKind.Null, register.GetProperty("cameras")[0].GetProperty("warning").ValueKind);
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task StateChange_MayNameTheNewAuthorisation()
    {
        var s = await factory.VideoSetupAsync();
        var camera = await IdAsync(await s.CameraAsync(null, state: "Installee", code: "CAM-STATE"));
        var auth = await s.AuthorisationAsync();
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/cameras/{camera}/state", new { state = "EnService", prefectInformedOn = Today }),
            "authorisationId", "autorisation préfectorale");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/cameras/{camera}/state",
            new { state = "EnService", prefectInformedOn = Today, authorisationId = auth })).StatusCode);
        var saved = await CameraAsync(camera);
        Assert.Equal((auth, VideoCameraState.EnService), (saved.AuthorisationId!.Value, saved.State));
    }

    [Fact]
    public async Task EditPage_IsFilledWithTheCamera_RefusesInFrench_ThenMovesItAndDecommissionsIt()
    {
        var s = await factory.VideoSetupAsync();
        var camera = await IdAsync(await s.CameraAsync(null, state: "Projetee", code: "CAM-PAGE"));
        var auth = await s.AuthorisationAsync();
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/videoprotection/saisie?camera={camera}";
        var form = await page.GetDocumentAsync(url);
        Assert.Contains("Modifier la caméra", form.Body!.TextContent);
        Assert.Equal("CAM-PAGE", form.QuerySelector("input[name='CameraForm.Code']")!.GetAttribute("value"));
        var version = form.QuerySelector("input[name='CameraForm.Version']")!.GetAttribute("value")!;
        Dictionary<string, string> Fields(string state, string informed) => new()
        {
            ["CameraForm.Version"] = version, ["CameraForm.Code"] = "CAM-PAGE", ["CameraForm.Site"] = "Résidence des Bergères",
            ["CameraForm.Latitude"] = VideoKit.InsideLat.ToString(System.Globalization.CultureInfo.GetCultureInfo("fr-FR")),
            ["CameraForm.Longitude"] = VideoKit.InsideLon.ToString(System.Globalization.CultureInfo.GetCultureInfo("fr-FR")),
            ["CameraForm.AuthorisationId"] = auth.ToString(), ["CameraForm.Kind"] = "Fixe", ["CameraForm.Field"] = "VoiePublique", ["CameraForm.Purpose"] = "5",
            ["CameraForm.State"] = state, ["CameraForm.PrefectInformedOn"] = informed,
        };
        var action = $"/contrats/{s.Contract.Id}/videoprotection/saisie?handler=CameraEdit&camera={camera}";
        var refused = await page.PostFormAsync(action, Fields("EnService", ""), url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Le préfet doit être informé", PageClient.Parse(await refused.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Null((await CameraAsync(camera)).AuthorisationId);

        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(action, Fields("EnService", Day(Today)), url)).StatusCode);
        var saved = await CameraAsync(camera);
        Assert.Equal((auth, VideoCameraState.EnService), (saved.AuthorisationId!.Value, saved.State));

        // Decommission from the same form, starting from the current version.
        var again = await page.GetDocumentAsync(url);
        version = again.QuerySelector("input[name='CameraForm.Version']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(action, Fields("Deposee", Day(Today)), url)).StatusCode);
        Assert.Equal(VideoCameraState.Deposee, (await CameraAsync(camera)).State);
    }
}
