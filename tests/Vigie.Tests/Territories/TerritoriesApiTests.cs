using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Territories;

[Collection(AppCollection.Name)]
public sealed class TerritoriesApiTests(VigieFactory factory)
{
    private async Task<HttpClient> ClientAsync()
    {
        await factory.EnsureGeographyAsync();
        return await factory.ApiClientAsync(await factory.UserAsync());
    }

    [Fact]
    public async Task Search_ByCode_ReturnsTheCommuneFirst()
    {
        var api = await ClientAsync();
        var rows = await api.GetFromJsonAsync<JsonElement>("/api/v1/territories?q=59350");
        Assert.Equal("commune", rows[0].GetProperty("kind").GetString());
        Assert.Equal("Lille", rows[0].GetProperty("name").GetString());
        Assert.Equal("200093201", rows[0].GetProperty("epciCode").GetString());
    }

    [Fact]
    public async Task Search_ByNameAndKind_FindsAssociatedCommune()
    {
        var api = await ClientAsync();
        var rows = await api.GetFromJsonAsync<JsonElement>("/api/v1/territories?q=lomme&kind=commune-associee&departement=59");
        var lomme = Assert.Single(rows.EnumerateArray());
        Assert.Equal("59355", lomme.GetProperty("code").GetString());
        Assert.Equal("59350", lomme.GetProperty("parentCode").GetString());
    }

    [Fact]
    public async Task Detail_OfEpci_ListsMemberCommunes()
    {
        var api = await ClientAsync();
        var d = await api.GetFromJsonAsync<JsonElement>("/api/v1/territories/epci/200093201");
        Assert.Equal("Métropole Européenne de Lille", d.GetProperty("territory").GetProperty("name").GetString());
        var members = d.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ToList();
        Assert.Equal(95, members.Count);
        Assert.Contains("59350", members);
        Assert.Contains("59512", members); // Roubaix
    }

    [Fact]
    public async Task Detail_OfParis_ListsArrondissements()
    {
        var api = await ClientAsync();
        var d = await api.GetFromJsonAsync<JsonElement>("/api/v1/territories/commune/75056");
        var parts = d.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(20, parts.Count);
        Assert.All(parts, p => Assert.Equal("arrondissement", p.GetProperty("kind").GetString()));
        Assert.Equal("Île-de-France", d.GetProperty("region").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Detail_UnknownKind_Returns400NamingKind()
    {
        var api = await ClientAsync();
        var response = await api.GetAsync("/api/v1/territories/canton/5901");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("kind")[0].GetString();
        Assert.StartsWith("Type de territoire « canton » inconnu. Valeurs possibles : region, departement, commune", message);
    }

    [Fact]
    public async Task Search_UnknownKind_Returns400NamingKind()
    {
        var api = await ClientAsync();
        var response = await api.GetAsync("/api/v1/territories?kind=pays");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"kind\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Detail_UnknownCode_Returns404InFrench()
    {
        var api = await ClientAsync();
        var response = await api.GetAsync("/api/v1/territories/commune/99999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Aucun territoire de type « commune » n'a le code « 99999 ».", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OpenApi_DescribesTerritoriesAndAreas()
    {
        var client = factory.CreateClient();
        var doc = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/territories/{kind}/{code}", doc);
        Assert.Contains("/api/v1/contracts/{contractId}/areas/{id}", doc);
    }
}

[Collection(AppCollection.Name)]
public sealed class TerritoryPagesTests(VigieFactory factory)
{
    [Fact]
    public async Task Search_ByName_ListsMatchesInATable()
    {
        await factory.EnsureGeographyAsync();
        var client = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var doc = await client.GetDocumentAsync("/territoires?q=Lomme&type=commune-associee");
        var rows = doc.QuerySelectorAll("table tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("59355", row.TextContent);
        Assert.Equal("/territoires/commune-associee/59355", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Detail_OfArrondissement_ShowsPopulationInFrenchAndParent()
    {
        await factory.EnsureGeographyAsync();
        var client = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var doc = await client.GetDocumentAsync("/territoires/arrondissement/75113");
        Assert.Equal("Paris 13e Arrondissement", doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("177\u202F735", doc.QuerySelector("dl")!.TextContent);
        Assert.NotNull(doc.QuerySelector("a[href='/territoires/commune/75056']"));
        Assert.NotNull(doc.QuerySelector("a[href='/territoires/epci/200054781']"));
    }

    [Fact]
    public async Task Detail_OfEpci_ListsMembers()
    {
        await factory.EnsureGeographyAsync();
        var client = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var doc = await client.GetDocumentAsync("/territoires/epci/200093201");
        Assert.Equal(95, doc.QuerySelectorAll("table tbody tr").Length);
        Assert.Contains("Communes membres", doc.QuerySelector("caption")!.TextContent);
    }

    [Fact]
    public async Task Detail_Unknown_Returns404()
    {
        var client = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/territoires/commune/00000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/territoires/canton/59350")).StatusCode);
    }

    [Fact]
    public async Task Search_Anonymous_RedirectsToLogin()
    {
        var response = await PageClient.Create(factory).Http.GetAsync("/territoires");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
