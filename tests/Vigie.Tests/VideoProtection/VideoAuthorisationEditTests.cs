using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.VideoProtection;

/// <summary>Editing an authorisation re-checks the V-rules against what hangs on it; a refused edit saves nothing; an edit is audited.</summary>
[Collection(AppCollection.Name)]
public sealed class VideoAuthorisationEditTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;

    private static object Body(int retention = 15, int[]? purposes = null, string mode = "Perimetre", int? cameras = null, string perimeter = VideoKit.Perimeter) => new
    {
        orderNumber = "2024-EDIT", orderDate = Today, prefecture = "Hauts-de-Seine", mode, purposes = purposes ?? [1, 5], perimeterName = "Les Bergères",
        perimeterGeoJson = perimeter, authorisedCameras = cameras, retentionDays = retention, effectiveOn = Today,
    };

    [Fact]
    public async Task Edit_ReChecksTheRules_SavesNothingWhenRefused_AndIsAudited()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(retention: 15, purposes: [1, 5]);
        Assert.Equal(HttpStatusCode.Created, (await s.CameraAsync(auth, state: "EnService", purpose: 5, prefectInformedOn: Today, code: "CAM-EDIT")).StatusCode);
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/recorders", new { authorisationId = auth, name = "NVR Bergères", retentionDays = 15 });
        var url = $"{s.Base}/authorisations/{auth}";

        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, Body(retention: 31)), "retentionDays", "dépasse la durée maximale légale");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, Body(retention: 10)), "retentionDays", "NVR Bergères");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, Body(purposes: [1])), "purposes", "CAM-EDIT");
        const string elsewhere = """{"type":"Polygon","coordinates":[[[2.200,48.860],[2.220,48.860],[2.220,48.875],[2.200,48.875],[2.200,48.860]]]}""";
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, Body(perimeter: elsewhere)), "perimeterGeoJson", "CAM-EDIT");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, Body(mode: "ParCamera", cameras: 0)), "authorisedCameras", "1 à 10 000");
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PutAsJsonAsync(url, Body(retention: 20))).StatusCode);
        var unchanged = await factory.WithDb(db => db.VideoAuthorisations.AsNoTracking().SingleAsync(a => a.Id == auth));
        Assert.Equal(15, unchanged.RetentionDays);
        Assert.Equal([1, 5], unchanged.Purposes.Select(p => (int)p).Order());
        Assert.False(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.VideoAuthUpdated && e.EntityId == auth.ToString())));

        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, Body(retention: 20, purposes: [1, 4, 5]))).StatusCode);
        var edited = await factory.WithDb(db => db.VideoAuthorisations.AsNoTracking().SingleAsync(a => a.Id == auth));
        Assert.Equal(20, edited.RetentionDays);
        Assert.Equal(3, edited.Purposes.Count);
        Assert.Equal("2024-EDIT", edited.OrderNumber);
        var audit = await factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == AuditKinds.VideoAuthUpdated && e.EntityId == auth.ToString()));
        Assert.Contains("retentionDays", audit.Data!);
        Assert.Contains("purposes", audit.Data!);
        Assert.Equal(HttpStatusCode.NotFound, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/authorisations/{Guid.NewGuid()}", Body())).StatusCode);
    }

    [Fact]
    public async Task EditPage_IsFilledWithTheAuthorisation_RefusesInFrench_ThenSaves()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(retention: 15);
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/videoprotection/saisie?autorisation={auth}";
        var form = await page.GetDocumentAsync(url);
        Assert.Contains("Modifier l'autorisation préfectorale", form.Body!.TextContent);
        Assert.Equal("15", form.QuerySelector("input[name='AuthorisationForm.RetentionDays']")!.GetAttribute("value"));
        var orderNumber = form.QuerySelector("input[name='AuthorisationForm.OrderNumber']")!.GetAttribute("value")!;
        Dictionary<string, string> Fields(string retention) => new()
        {
            ["AuthorisationForm.OrderNumber"] = orderNumber, ["AuthorisationForm.OrderDate"] = Today.ToString("yyyy-MM-dd"), ["AuthorisationForm.Prefecture"] = "Hauts-de-Seine",
            ["AuthorisationForm.Mode"] = "Perimetre", ["AuthorisationForm.Purposes"] = "5", ["AuthorisationForm.PerimeterName"] = "Les Bergères",
            ["AuthorisationForm.PerimeterGeoJson"] = VideoKit.Perimeter, ["AuthorisationForm.RetentionDays"] = retention, ["AuthorisationForm.EffectiveOn"] = Today.ToString("yyyy-MM-dd"),
        };
        var action = $"/contrats/{s.Contract.Id}/videoprotection/saisie?handler=AuthorisationEdit&autorisation={auth}";
        var refused = await page.PostFormAsync(action, Fields("45"), url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("dépasse la durée maximale légale", PageClient.Parse(await refused.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(15, await factory.WithDb(db => db.VideoAuthorisations.Where(a => a.Id == auth).Select(a => a.RetentionDays).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(action, Fields("25"), url)).StatusCode);
        var saved = await factory.WithDb(db => db.VideoAuthorisations.AsNoTracking().SingleAsync(a => a.Id == auth));
        Assert.Equal(25, saved.RetentionDays);
        Assert.Equal([5], saved.Purposes.Select(p => (int)p));
        Assert.Equal(1, await factory.WithDb(db => db.VideoAuthorisations.CountAsync(a => a.ContractId == s.Contract.Id)));
    }
}
