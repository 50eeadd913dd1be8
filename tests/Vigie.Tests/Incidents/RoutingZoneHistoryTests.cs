using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Incidents;

/// <summary>
/// Partner zones with a history (issue 14 item 2): a point inside a zone's polygon goes to that partner; an incident is
/// routed by the zones valid at its creation (a zone ended or not yet started does not route it); replacing a zone
/// ends the old version; the page offers a non-map way to draw one (sub-areas and a GeoJSON field).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RoutingZoneHistoryTests(VigieFactory factory)
{
    private const string Square = """{"type":"Polygon","coordinates":[[[3.06,50.635],[3.07,50.635],[3.07,50.64],[3.06,50.64],[3.06,50.635]]]}""";

    private static object Zone(Guid organisationId, string name, DateTimeOffset? validFrom = null) =>
        new { category = "TAG-STD", organisationId, name, geometry = JsonDocument.Parse(Square).RootElement, validFrom };

    [Fact]
    public async Task Routing_UsesTheZoneValidAtCreation_EndedAndFutureZonesDoNotRoute()
    {
        var s = await factory.IncidentSetupAsync();
        var landlordB = await factory.OrganisationAsync(TestData.Unique("Bailleur B"), PartnerType.BailleurSocial);
        var created = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/routing-zones", Zone(s.LandlordOrg.Id, "Résidence des Bois-Blancs"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var zoneId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var future = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/routing-zones", Zone(landlordB.Id, "Résidence reprise", factory.Clock.GetUtcNow().AddDays(30)));
        Assert.Equal(HttpStatusCode.Created, future.StatusCode);

        var inside = await s.ReportAsync("TAG-STD");
        Assert.Equal(s.LandlordOrg.Id, inside.GetProperty("pilotId").GetGuid());

        // The landlord's estate passes to landlord B: a new version replaces the current one.
        var replaced = await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/routing-zones/{zoneId}", Zone(landlordB.Id, "Résidence des Bois-Blancs"));
        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);
        var newId = (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(landlordB.Id, (await s.ReportAsync("TAG-STD")).GetProperty("pilotId").GetGuid());
        Assert.Equal(s.LandlordOrg.Id, (await s.DetailAsync(inside.GetProperty("id").GetGuid())).GetProperty("incident").GetProperty("pilotId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/routing-zones/{zoneId}", Zone(landlordB.Id, "Encore"))).StatusCode);

        var zones = (await s.ReaderApi.GetFromJsonAsync<JsonElement>($"{s.Base}/routing-zones")).EnumerateArray().ToList();
        Assert.Equal(3, zones.Count);
        var old = zones.Single(z => z.GetProperty("id").GetGuid() == zoneId);
        Assert.NotEqual(JsonValueKind.Null, old.GetProperty("validTo").ValueKind);

        // Ended: the category's pilot takes over; the ended versions stay listed.
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.DeleteAsync($"{s.Base}/routing-zones/{newId}")).StatusCode);
        Assert.Equal(s.Commune.Id, (await s.ReportAsync("TAG-STD")).GetProperty("pilotId").GetGuid());
        Assert.Equal(3, (await s.ReaderApi.GetFromJsonAsync<JsonElement>($"{s.Base}/routing-zones")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await s.CoordinatorApi.DeleteAsync($"{s.Base}/routing-zones/{newId}")).StatusCode);
    }

    [Fact]
    public async Task Page_CoordinatorAddsAZoneFromAGeoJsonField_BadOutlineIsRefusedInFrench_ReaderOnlyReads()
    {
        var s = await factory.IncidentSetupAsync();
        var url = $"/contrats/{s.Contract.Id}/signalements/zones";
        var coordinator = await PageClient.SignedInAsync(factory, s.Coordinator);
        Dictionary<string, string> Fields(string geo) => new()
        {
            ["Input.Category"] = "TAG-STD", ["Input.OrganisationId"] = s.PoliceOrg.Id.ToString(), ["Input.Name"] = "Gare", ["Input.GeoJson"] = geo,
        };

        var bad = await coordinator.PostFormAsync(url, Fields("""{"type":"Point","coordinates":[3.06,50.63]}"""), url);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("un Polygon ou un MultiPolygon est attendu", PageClient.Parse(await bad.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(0, await factory.WithDb(db => db.RoutingZones.CountAsync(z => z.ContractId == s.Contract.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync(url, Fields(Square), url)).StatusCode);
        var page = await coordinator.GetDocumentAsync(url);
        Assert.Contains("Gare", page.QuerySelector("table")!.TextContent);
        Assert.Contains("en vigueur", page.QuerySelector("table")!.TextContent);
        Assert.Equal(s.PoliceOrg.Id, (await s.ReportAsync("TAG-STD")).GetProperty("pilotId").GetGuid());

        var reader = await PageClient.SignedInAsync(factory, s.Reader);
        var seen = await reader.GetDocumentAsync(url);
        Assert.Contains("Gare", seen.QuerySelector("table")!.TextContent);
        Assert.Null(seen.QuerySelector("textarea[name='Input.GeoJson']"));
        var refused = await reader.PostFormAsync(url, Fields(Square), url);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains(Vigie.Web.Infrastructure.AccountPaths.AccessDenied, refused.Headers.Location!.ToString());
        Assert.Equal(1, await factory.WithDb(db => db.RoutingZones.CountAsync(z => z.ContractId == s.Contract.Id)));
    }
}
