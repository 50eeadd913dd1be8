using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Incidents;

[Collection(AppCollection.Name)]
public sealed class IncidentApiTests(VigieFactory factory)
{
    [Fact]
    public async Task Create_HallOccupation_IsRoutedToTheLandlordWithCommuneAndHistory()
    {
        var s = await factory.IncidentSetupAsync();

        var created = await s.ReportAsync("HALL-OCC");

        Assert.Equal("Transmis", created.GetProperty("status").GetString());
        Assert.Equal(s.LandlordOrg.Id, created.GetProperty("pilotId").GetGuid());
        var detail = await s.DetailAsync(created.GetProperty("id").GetGuid());
        Assert.Equal("59350", detail.GetProperty("incident").GetProperty("communeCode").GetString());
        Assert.Equal<string>(["Created", "Routed"], detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()!).ToArray());
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.IncidentCreated && e.ContractId == s.Contract.Id)));
    }

    [Fact]
    public async Task Create_InsideALandlordZone_GoesToTheZonePartner()
    {
        var s = await factory.IncidentSetupAsync();
        var other = await factory.OrganisationAsync(TestData.Unique("Bailleur B"), PartnerType.BailleurSocial);
        var zone = new { category = "TAG-STD", organisationId = other.Id, name = "Résidence des Bois-Blancs",
            geometry = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[3.06,50.635],[3.07,50.635],[3.07,50.64],[3.06,50.64],[3.06,50.635]]]}""").RootElement };
        Assert.Equal(HttpStatusCode.Created, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/routing-zones", zone)).StatusCode);

        var inside = await s.ReportAsync("TAG-STD");
        var outside = await s.ReportAsync("TAG-STD", 50.62, 3.05);

        Assert.Equal(other.Id, inside.GetProperty("pilotId").GetGuid());
        Assert.Equal(s.Commune.Id, outside.GetProperty("pilotId").GetGuid());
    }

    [Fact]
    public async Task Create_OutsideTheTerritory_IsRefusedAndNothingIsSaved()
    {
        var s = await factory.IncidentSetupAsync();

        var response = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents",
            new { category = "TAG-STD", latitude = IncidentKit.ParisLat, longitude = IncidentKit.ParisLon, description = "Tag" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hors du territoire du contrat", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.IncidentCountAsync(s.Contract.Id));
    }

    [Theory]
    [InlineData("""{"category":"INCONNU","latitude":50.6372,"longitude":3.0633,"description":"x"}""", "categoryCode")]
    [InlineData("""{"category":"TAG-STD","description":"x"}""", "address")]
    [InlineData("""{"category":"TAG-STD","latitude":50.6372,"description":"x"}""", "longitude")]
    [InlineData("""{"category":"TAG-STD","latitude":50.6372,"longitude":3.0633,"description":"<script>alert(1)</script>"}""", "description")]
    [InlineData("""{"category":"TAG-STD","latitude":50.6372,"longitude":3.0633,"description":"x","observedAt":"2099-01-01T00:00:00Z"}""", "observedAt")]
    public async Task Create_WithBadInput_NamesTheFieldInFrenchAndSavesNothing(string body, string field)
    {
        var s = await factory.IncidentSetupAsync();

        var response = await s.CoordinatorApi.PostAsync($"{s.Base}/incidents", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.IncidentCountAsync(s.Contract.Id));
    }

    [Fact]
    public async Task Create_WithA5000CharacterDescription_IsRefused()
    {
        var s = await factory.IncidentSetupAsync();
        var response = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents",
            new { category = "TAG-STD", latitude = IncidentKit.LilleLat, longitude = IncidentKit.LilleLon, description = new string('a', 5000) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("4 000 caractères", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.IncidentCountAsync(s.Contract.Id));
    }

    [Fact]
    public async Task Reader_CannotReport_AndOutsiderSeesNothing()
    {
        var s = await factory.IncidentSetupAsync();
        var created = await s.ReportAsync("TAG-STD");

        var byReader = await s.ReaderApi.PostAsJsonAsync($"{s.Base}/incidents", new { category = "TAG-STD", latitude = IncidentKit.LilleLat, longitude = IncidentKit.LilleLon, description = "x" });
        var byOutsider = await s.OutsiderApi.GetAsync($"{s.Base}/incidents/{created.GetProperty("id").GetGuid()}");

        Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOutsider.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.ReaderApi.GetAsync($"{s.Base}/incidents")).StatusCode);
    }

    [Fact]
    public async Task Lifecycle_PilotTakesUpResolvesAndCloses_ThenReopens()
    {
        var s = await factory.IncidentSetupAsync();
        var id = (await s.ReportAsync("STAT-GEN")).GetProperty("id").GetGuid();
        var url = $"{s.Base}/incidents/{id}/status";

        // Another partner is not the pilot: refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await s.LandlordApi.PostAsJsonAsync(url, new { status = "PrisEnCharge" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.PoliceApi.PostAsJsonAsync(url, new { status = "PrisEnCharge" })).StatusCode);
        // Skipping a step of the machine is refused with a French message.
        var skip = await s.PoliceApi.PostAsJsonAsync(url, new { status = "Cloture", closeReason = "Traite" });
        Assert.Equal(HttpStatusCode.BadRequest, skip.StatusCode);
        Assert.Contains("ne peut pas passer", await skip.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await s.PoliceApi.PostAsJsonAsync(url, new { status = "Resolu", note = "Véhicule verbalisé", publicNote = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.PoliceApi.PostAsJsonAsync(url, new { status = "Cloture", closeReason = "Traite" })).StatusCode);
        // Reopening needs a reason.
        Assert.Equal(HttpStatusCode.BadRequest, (await s.CoordinatorApi.PostAsJsonAsync(url, new { status = "Reouvert" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PostAsJsonAsync(url, new { status = "Reouvert", note = "Le véhicule est revenu" })).StatusCode);

        var detail = await s.DetailAsync(id);
        Assert.Equal("Reouvert", detail.GetProperty("incident").GetProperty("status").GetString());
        Assert.Equal<string>(["Created", "Routed", "StatusChanged", "StatusChanged", "StatusChanged", "Reopened"],
            detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()!).ToArray());
    }

    [Fact]
    public async Task Reopen_After30Days_IsRefused()
    {
        var s = await factory.IncidentSetupAsync();
        var id = (await s.ReportAsync("STAT-GEN")).GetProperty("id").GetGuid();
        await factory.WithDb(async db =>
        {
            var i = await db.Incidents.SingleAsync(x => x.Id == id);
            i.Status = IncidentStatus.Cloture;
            i.CloseReason = IncidentCloseReason.Traite;
            i.ClosedAt = DateTimeOffset.UtcNow.AddDays(-31);
            return await db.SaveChangesAsync();
        });

        var response = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents/{id}/status", new { status = "Reouvert", note = "Encore" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("30 jours", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reroute_ByCoordinator_ChangesPilotWithReason_PartnerCannot()
    {
        var s = await factory.IncidentSetupAsync();
        var id = (await s.ReportAsync("HALL-OCC")).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await s.LandlordApi.PostAsJsonAsync($"{s.Base}/incidents/{id}/reroute", new { organisationId = s.PoliceOrg.Id, reason = "x" })).StatusCode);
        var noReason = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents/{id}/reroute", new { organisationId = s.PoliceOrg.Id });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents/{id}/reroute", new { organisationId = s.PoliceOrg.Id, reason = "Rassemblement sur la voie publique" })).StatusCode);

        var detail = await s.DetailAsync(id);
        Assert.Equal(s.PoliceOrg.Id, detail.GetProperty("incident").GetProperty("pilotId").GetGuid());
        var last = detail.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("Rerouted", last.GetProperty("kind").GetString());
        Assert.Equal("Rassemblement sur la voie publique", last.GetProperty("note").GetString());
        var policeInbox = await s.PoliceApi.GetFromJsonAsync<JsonElement>($"{s.Base}/incidents/inbox");
        Assert.Contains(policeInbox.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        var landlordInbox = await s.LandlordApi.GetFromJsonAsync<JsonElement>($"{s.Base}/incidents/inbox");
        Assert.DoesNotContain(landlordInbox.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Duplicates_AreProposedAtCreation_AndMergedByTheCoordinator()
    {
        var s = await factory.IncidentSetupAsync();
        var first = await s.ReportAsync("DEP-SAUV");
        var far = await s.ReportAsync("DEP-SAUV", 50.6300, 3.0700);
        var otherCategory = await s.ReportAsync("TAG-STD", 50.6373, 3.0634);

        var second = await s.ReportAsync("DEP-SAUV", 50.6375, 3.0636); // about 40 m away

        var candidates = second.GetProperty("possibleDuplicates").EnumerateArray().ToList();
        Assert.Single(candidates);
        Assert.Equal(first.GetProperty("number").GetInt32(), candidates[0].GetProperty("number").GetInt32());
        Assert.Empty(far.GetProperty("possibleDuplicates").EnumerateArray());
        Assert.Empty(otherCategory.GetProperty("possibleDuplicates").EnumerateArray());

        var id = second.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents/{id}/duplicate", new { originalNumber = first.GetProperty("number").GetInt32() })).StatusCode);
        var merged = await s.DetailAsync(id);
        Assert.Equal("Cloture", merged.GetProperty("incident").GetProperty("status").GetString());
        Assert.Equal("Doublon", merged.GetProperty("incident").GetProperty("closeReason").GetString());
    }

    [Fact]
    public async Task Weekly_ListsTranquillite_PastSla_HotSpots_AndPartnerCounts()
    {
        var s = await factory.IncidentSetupAsync();
        var hall = await s.ReportAsync("HALL-OCC");
        for (var k = 0; k < 3; k++) await s.ReportAsync("ENC-VP", 50.6372 + k * 0.0002, 3.0633);
        var late = (await s.ReportAsync("STAT-GEN", 50.63, 3.05)).GetProperty("id").GetGuid();
        await factory.WithDb(async db =>
        {
            var i = await db.Incidents.SingleAsync(x => x.Id == late);
            i.DueAt = DateTimeOffset.UtcNow.AddHours(-1);
            return await db.SaveChangesAsync();
        });
        await s.LandlordApi.PostAsJsonAsync($"{s.Base}/incidents/{hall.GetProperty("id").GetGuid()}/status", new { status = "PrisEnCharge" });

        var weekly = await s.ReaderApi.GetFromJsonAsync<JsonElement>($"{s.Base}/incidents/weekly");

        Assert.Contains(weekly.GetProperty("openTranquillite").EnumerateArray(), r => r.GetProperty("category").GetString() == "HALL-OCC");
        Assert.Equal([late], weekly.GetProperty("pastSla").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToArray());
        var spot = Assert.Single(weekly.GetProperty("hotSpots").EnumerateArray());
        Assert.Equal("ENC-VP", spot.GetProperty("categoryCode").GetString());
        Assert.Equal(3, spot.GetProperty("numbers").GetArrayLength());
        var landlord = weekly.GetProperty("partners").EnumerateArray().Single(p => p.GetProperty("organisationId").GetGuid() == s.LandlordOrg.Id);
        Assert.Equal(1, landlord.GetProperty("received").GetInt32());
        Assert.Equal(1, landlord.GetProperty("takenUp").GetInt32());
    }

    [Fact]
    public async Task Categories_AreSeededFromTheSpecTable_AndTranquilliteCannotBePublic()
    {
        var s = await factory.IncidentSetupAsync();
        var categories = await s.ReaderApi.GetFromJsonAsync<JsonElement>($"{s.Base}/incident-categories");
        Assert.Equal(21, categories.GetArrayLength());
        var drugs = categories.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "DROGUE-LIEU");
        Assert.Equal("Partners", drugs.GetProperty("visibility").GetString());

        var response = await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/incident-categories/DROGUE-LIEU", new { visibility = "Public" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.PoliceApi.PutAsJsonAsync($"{s.Base}/incident-categories/BRUIT", new { slaValue = 12 })).StatusCode);
    }

    [Fact]
    public async Task GeoJson_ExportsPointsWithoutDescriptions()
    {
        var s = await factory.IncidentSetupAsync();
        await s.ReportAsync("TAG-STD", description: "Texte interne à ne pas exporter");
        var geo = await s.CoordinatorApi.GetStringAsync($"{s.Base}/incidents/geojson?status=ouverts");
        using var doc = JsonDocument.Parse(geo);
        var feature = Assert.Single(doc.RootElement.GetProperty("features").EnumerateArray());
        Assert.Equal(IncidentKit.LilleLon, feature.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
        Assert.DoesNotContain("Texte interne", geo);
    }
}
