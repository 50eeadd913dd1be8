using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Observatory;

[Collection(AppCollection.Name)]
public sealed class Etat4001ApiTests(VigieFactory factory)
{
    [Fact]
    public async Task Services_OfDepartement_ListsAttachedCommune()
    {
        await factory.EnsureEtat4001Async();
        var api = await factory.ApiClientAsync(await factory.UserAsync());
        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/etat4001/services?departement=92")).RootElement;
        var puteaux = json.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "DTSP92 PUTEAUX");
        Assert.Equal("92062", puteaux.GetProperty("communeCode").GetString());
        Assert.Equal("pn", puteaux.GetProperty("force").GetString());
        Assert.Equal(2012, puteaux.GetProperty("firstYear").GetInt32());
    }

    [Fact]
    public async Task Counts_OfService_ReturnPublishedFiguresWithZeros()
    {
        await factory.EnsureEtat4001Async();
        var service = await factory.ServiceAsync(PoliceForce.PoliceNationale, "92", "DTSP92 PUTEAUX LA DEFENSE");
        var api = await factory.ApiClientAsync(await factory.UserAsync());
        var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/etat4001/services/{service.Id}/counts")).RootElement;
        Assert.Equal("2021-01-29", json.GetProperty("edition").GetString());
        var counts = json.GetProperty("counts").EnumerateArray().ToList();
        var cell = counts.Single(c => c.GetProperty("year").GetInt32() == 2019 && c.GetProperty("index").GetInt32() == 5);
        Assert.Equal(5, cell.GetProperty("count").GetInt64());
        Assert.Equal("Tentatives homicides pour d'autres motifs", cell.GetProperty("label").GetString());
        Assert.Equal(107 * json.GetProperty("years").GetArrayLength(), counts.Count);
    }

    [Fact]
    public async Task Services_WithBadDepartement_Answers400InFrench()
    {
        var api = await factory.ApiClientAsync(await factory.UserAsync());
        var response = await api.GetAsync("/api/v1/etat4001/services?departement=abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("département", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/etat4001/services/999999/counts")).StatusCode);
    }
}

[Collection(AppCollection.Name)]
public sealed class Etat4001PagesTests(VigieFactory factory)
{
    [Fact]
    public async Task Departement_ListsServicesWithTheirCommune()
    {
        await factory.EnsureEtat4001Async();
        var client = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var doc = await client.GetDocumentAsync("/observatoire/etat-4001?departement=92");
        var row = doc.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Trim() == "DTSP92 PUTEAUX");
        Assert.Contains("Puteaux (92062)", row.TextContent);
        Assert.NotNull(doc.QuerySelector("table caption"));
    }

    [Fact]
    public async Task Service_ShowsIndexesByYearInFrenchFormat()
    {
        await factory.EnsureEtat4001Async();
        var service = await factory.ServiceAsync(PoliceForce.PoliceNationale, "92", "DTSP92 PUTEAUX LA DEFENSE");
        var client = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var doc = await client.GetDocumentAsync($"/observatoire/etat-4001/services/{service.Id}");
        Assert.Equal("DTSP92 PUTEAUX LA DEFENSE", doc.QuerySelector("h1")!.TextContent.Trim());
        var headers = doc.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        var col2019 = headers.IndexOf("2019");
        var row5 = doc.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Trim() == "5");
        Assert.Equal("5", row5.Children[col2019].TextContent.Trim());
        Assert.Contains("Règlements de compte entre malfaireurs", doc.Body!.TextContent);
        // Thousands use the French narrow no-break space.
        var total = doc.QuerySelector("tfoot tr")!.Children[col2019].TextContent.Trim();
        Assert.Matches(@"^\d{1,3}(\u202F\d{3})*$", total);
    }

    [Fact]
    public async Task Contract_ListsServicesOfItsCommunes_AndIsHiddenFromNonMembers()
    {
        await factory.EnsureEtat4001Async();
        var member = await factory.UserAsync();
        var contract = await factory.ContractOnAsync([(TerritoryKind.Commune, "92062")], (member, ContractRole.Reader));
        var client = await PageClient.SignedInAsync(factory, member);
        var doc = await client.GetDocumentAsync($"/contrats/{contract.Id}/observatoire/etat-4001");
        Assert.Contains("DTSP92 PUTEAUX", doc.QuerySelector("tbody")!.TextContent);

        var outsider = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/contrats/{contract.Id}/observatoire/etat-4001")).StatusCode);
    }

    [Fact]
    public async Task ImportPage_IsForAdministrators_AndReportsErrorsInFrench()
    {
        var user = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        Geography.AssertDenied(await user.Http.GetAsync("/observatoire/etat-4001/import"));

        await factory.EnsureEtat4001Async();
        var admin = await PageClient.SignedInAsync(factory, await factory.AdminAsync());
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(File.ReadAllBytes(Etat4001TestKit.WorkbookPath)[..100_000]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "Upload", "etat4001.xlsx");
        content.Add(new StringContent("2030-02-02"), "Edition");
        var before = await factory.RowCountsAsync();
        var response = await admin.PostMultipartAsync("/observatoire/etat-4001/import", content);
        // Queued: the status page follows the job, which fails with the French message and changes nothing.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var final = await admin.Http.WaitForImportAsync(response.Headers.Location!);
        Assert.Equal("Échec", final.GetProperty("statusLabel").GetString());
        Assert.Contains("Import annulé, aucune donnée n'a été modifiée", final.GetProperty("summary").GetString());
        Assert.Contains("classeur Excel", final.GetProperty("summary").GetString());
        Assert.Equal(before, await factory.RowCountsAsync());
    }
}
