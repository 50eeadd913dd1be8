using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Incidents;

[Collection(AppCollection.Name)]
public sealed class IncidentPagesTests(VigieFactory factory)
{
    private static string Text(string html) => PageClient.Parse(html).Body!.TextContent;

    [Fact]
    public async Task Create_WithFrenchDecimalComma_RoutesAndShowsTheIncidentWithItsHistory()
    {
        var s = await factory.IncidentSetupAsync();
        var client = await PageClient.SignedInAsync(factory, s.Police);
        var url = $"/contrats/{s.Contract.Id}/signalements/nouveau";

        var response = await client.PostFormAsync(url, new()
        {
            ["Input.Category"] = "HALL-OCC", ["Input.Address"] = "Résidence des Bois-Blancs, hall B", ["Input.Latitude"] = "50,6372",
            ["Input.Longitude"] = "3,0633", ["Input.Description"] = "Occupation du hall en soirée", ["Input.Source"] = "Agent",
            ["Input.ObservedOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"), ["Input.ObservedTime"] = "22:30",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var incident = await factory.WithDb(db => db.Incidents.SingleAsync(i => i.ContractId == s.Contract.Id));
        Assert.Equal(s.LandlordOrg.Id, incident.PilotOrganisationId);
        Assert.Equal(22, TimeZoneInfo.ConvertTime(incident.ObservedAt, Vigie.Web.Infrastructure.Culture.Paris).Hour);
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var text = page.Body!.TextContent;
        Assert.Contains("Signalement n° 1", text);
        Assert.Contains("Occupation du hall en soirée", text);
        Assert.Contains(s.LandlordOrg.Name, page.QuerySelector("table")!.TextContent);
    }

    [Fact]
    public async Task Create_WithoutPlaceAndBadLatitude_ShowsFrenchErrorsAndSavesNothing()
    {
        var s = await factory.IncidentSetupAsync();
        var client = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/signalements/nouveau";

        var noPlace = await client.PostFormAsync(url, new() { ["Input.Category"] = "TAG-STD", ["Input.Description"] = "Tag", ["Input.Source"] = "Agent" });
        var badLat = await client.PostFormAsync(url, new() { ["Input.Category"] = "TAG-STD", ["Input.Latitude"] = "nord", ["Input.Longitude"] = "3", ["Input.Description"] = "Tag", ["Input.Source"] = "Agent" });
        var outside = await client.PostFormAsync(url, new() { ["Input.Category"] = "TAG-STD", ["Input.Latitude"] = "48,8566", ["Input.Longitude"] = "2,3522", ["Input.Description"] = "Tag", ["Input.Source"] = "Agent" });

        Assert.Contains("Indiquez le lieu", Text(await noPlace.Content.ReadAsStringAsync()));
        Assert.Contains("La latitude doit être un nombre décimal", Text(await badLat.Content.ReadAsStringAsync()));
        Assert.Contains("hors du territoire du contrat", Text(await outside.Content.ReadAsStringAsync()));
        Assert.Equal(0, await factory.IncidentCountAsync(s.Contract.Id));
    }

    [Fact]
    public async Task Reader_CannotOpenTheForm()
    {
        var s = await factory.IncidentSetupAsync();
        var client = await PageClient.SignedInAsync(factory, s.Reader);
        var response = await client.Http.GetAsync($"/contrats/{s.Contract.Id}/signalements/nouveau");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/compte/acces-refuse", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Pilot_TakesUpFromTheIncidentPage_AndInboxShowsOverdueFirst()
    {
        var s = await factory.IncidentSetupAsync();
        var onTime = (await s.ReportAsync("STAT-GEN", 50.63, 3.05)).GetProperty("id").GetGuid();
        var late = (await s.ReportAsync("BRUIT", 50.631, 3.051)).GetProperty("id").GetGuid();
        await factory.WithDb(async db =>
        {
            (await db.Incidents.SingleAsync(i => i.Id == late)).DueAt = DateTimeOffset.UtcNow.AddHours(-2);
            return await db.SaveChangesAsync();
        });
        var client = await PageClient.SignedInAsync(factory, s.Police);

        var inbox = await client.GetDocumentAsync($"/contrats/{s.Contract.Id}/signalements/boite");
        var rows = inbox.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("En retard", rows[0]);

        var detailUrl = $"/contrats/{s.Contract.Id}/signalements/{onTime}";
        var response = await client.PostFormAsync(detailUrl + "?handler=Status", new() { ["status"] = "PrisEnCharge", ["note"] = "Patrouille envoyée" }, detailUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(IncidentStatus.PrisEnCharge, await factory.WithDb(db => db.Incidents.Where(i => i.Id == onTime).Select(i => i.Status).SingleAsync()));
        Assert.Contains("Patrouille envoyée", (await client.GetDocumentAsync(detailUrl)).QuerySelector("table")!.TextContent);
    }

    [Fact]
    public async Task Coordinator_ReroutesAndMergesFromTheIncidentPage()
    {
        var s = await factory.IncidentSetupAsync();
        var first = await s.ReportAsync("DEP-SAUV");
        var second = (await s.ReportAsync("DEP-SAUV", 50.6373, 3.0634)).GetProperty("id").GetGuid();
        var client = await PageClient.SignedInAsync(factory, s.Coordinator);
        var detailUrl = $"/contrats/{s.Contract.Id}/signalements/{second}";

        var page = await client.GetDocumentAsync(detailUrl);
        Assert.Contains($"Fusionner dans le n° {first.GetProperty("number").GetInt32()}", page.Body!.TextContent);
        await client.PostFormAsync(detailUrl + "?handler=Reroute", new() { ["organisationId"] = s.PoliceOrg.Id.ToString(), ["reason"] = "Constat par la police municipale" }, detailUrl);
        await client.PostFormAsync(detailUrl + "?handler=Duplicate", new() { ["originalNumber"] = first.GetProperty("number").GetInt32().ToString() }, detailUrl);

        var incident = await factory.WithDb(db => db.Incidents.SingleAsync(i => i.Id == second));
        Assert.Equal(s.PoliceOrg.Id, incident.PilotOrganisationId);
        Assert.Equal(IncidentCloseReason.Doublon, incident.CloseReason);
    }

    [Fact]
    public async Task Index_TableMapDataAndExport_ApplyTheSameFilters()
    {
        var s = await factory.IncidentSetupAsync();
        await s.ReportAsync("TAG-STD");
        await s.ReportAsync("BRUIT", 50.63, 3.05);
        var client = await PageClient.SignedInAsync(factory, s.Reader);
        var baseUrl = $"/contrats/{s.Contract.Id}/signalements";

        var page = await client.GetDocumentAsync(baseUrl + "?categorie=BRUIT");
        var map = await client.Http.GetStringAsync(baseUrl + "?handler=Carte&categorie=BRUIT");
        var export = await client.Http.GetAsync(baseUrl + "?handler=GeoJson&categorie=BRUIT");

        var rows = page.QuerySelectorAll("tbody tr").ToList();
        Assert.Single(rows);
        Assert.Contains("Nuisances sonores", rows[0].TextContent);
        Assert.Equal(["BRUIT"], JsonDocument.Parse(map).RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("category").GetString()!).ToArray());
        Assert.StartsWith("Nuisances sonores", JsonDocument.Parse(map).RootElement.GetProperty("categories").GetProperty("BRUIT").GetString());
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
        Assert.NotNull(page.QuerySelector("#carte-signalements[data-source]"));
    }

    [Fact]
    public async Task Weekly_ShowsTranquilliteAndPartnerCounts()
    {
        var s = await factory.IncidentSetupAsync();
        await s.ReportAsync("RASS-EP");
        var client = await PageClient.SignedInAsync(factory, s.Reader);

        var page = await client.GetDocumentAsync($"/contrats/{s.Contract.Id}/signalements/semaine");

        Assert.Contains("Rassemblement gênant", page.QuerySelectorAll("table")[0].TextContent);
        Assert.Contains(s.PoliceOrg.Name, page.QuerySelectorAll("table").Last().TextContent);
    }
}
