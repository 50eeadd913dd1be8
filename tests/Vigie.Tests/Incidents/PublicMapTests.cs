using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Incidents;

/// <summary>The anonymous public map (specs §3.3): public categories only, coarse points, scrubbed text, only for a contract published through Open311.</summary>
[Collection(AppCollection.Name)]
public sealed class PublicMapTests(VigieFactory factory)
{
    private HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task PublicMap_ShowsOnlyPublicCategories_WithCoarsePointsAndScrubbedDescriptions()
    {
        var s = await factory.IncidentSetupAsync();
        await s.Open311Async();
        await s.ReportAsync("EPAVE-VEH", IncidentKit.LilleLat + 0.00031, IncidentKit.LilleLon + 0.00047, "Voiture AB-123-CD sans roues, appeler M. Durand au 06 12 34 56 78");
        await s.ReportAsync("DROGUE-LIEU", description: "Point de deal signalé par la médiation");
        await s.ReportAsync("HALL-OCC", description: "Occupation du hall");
        var http = Anonymous();

        var html = await http.GetStringAsync($"/public/contrats/{s.Contract.Id}/signalements");
        var table = PageClient.Parse(html).QuerySelector("table")!.TextContent;
        Assert.Contains("Véhicule épave", table);
        Assert.DoesNotContain("Point de deal", table);
        Assert.DoesNotContain("hall", table, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Durand", table);
        Assert.DoesNotContain("AB-123-CD", table);
        Assert.DoesNotContain("06 12", table);
        Assert.DoesNotContain("1 place", table);

        var geo = await http.GetFromJsonAsync<JsonElement>($"/public/contrats/{s.Contract.Id}/signalements?handler=Donnees");
        var feature = Assert.Single(geo.GetProperty("features").EnumerateArray());
        Assert.Equal("EPAVE-VEH", feature.GetProperty("properties").GetProperty("category").GetString());
        Assert.False(feature.GetProperty("properties").TryGetProperty("description", out _));
        var coordinates = feature.GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal(3.064, coordinates[0].GetDouble(), 6);
        Assert.Equal(50.638, coordinates[1].GetDouble(), 6);
    }

    [Fact]
    public async Task PublicMap_OfAContractNotPublishedThroughOpen311_IsNotFound()
    {
        var s = await factory.IncidentSetupAsync();
        await s.ReportAsync("TAG-STD");
        var http = Anonymous();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/public/contrats/{s.Contract.Id}/signalements")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/public/contrats/{s.Contract.Id}/signalements?handler=Donnees")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/public/contrats/{Guid.NewGuid()}/signalements")).StatusCode);
    }
}
