using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Territories;

file static class Polygons
{
    public const string Closed = """{"type":"Polygon","coordinates":[[[3.02,50.63],[3.04,50.63],[3.04,50.65],[3.02,50.65],[3.02,50.63]]]}""";
    public const string Open = """{"type":"Polygon","coordinates":[[[3.02,50.63],[3.04,50.63],[3.04,50.65],[3.02,50.65]]]}""";
}

[Collection(AppCollection.Name)]
public sealed class AreaPagesTests(VigieFactory factory)
{
    private async Task<(SecurityContract Contract, PageClient Client)> LilleContractAsync(ContractRole role = ContractRole.Coordinator)
    {
        var user = await factory.UserAsync();
        var contract = await factory.ContractOnAsync([(TerritoryKind.Commune, "59350")], (user, role));
        return (contract, await PageClient.SignedInAsync(factory, user));
    }

    private Task<int> AreaCountAsync(Guid contractId) => factory.WithDb(db => db.Areas.CountAsync(a => a.ContractId == contractId));

    [Fact]
    public async Task Create_WithValidPolygonOnAssociatedCommune_SavesAndLists()
    {
        var (contract, client) = await LilleContractAsync();
        var url = $"/contrats/{contract.Id}/secteurs/nouveau";

        var response = await client.PostFormAsync(url, new()
        {
            ["Input.Kind"] = "Quartier", ["Input.Name"] = "Lomme centre", ["Input.CommuneCode"] = "59355", ["Input.GeoJson"] = Polygons.Closed,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var area = await factory.WithDb(db => db.Areas.SingleAsync(a => a.ContractId == contract.Id));
        Assert.Equal("59355", area.CommuneCode);
        Assert.Equal(Polygons.Closed, area.GeoJson);
        var list = await client.GetDocumentAsync($"/contrats/{contract.Id}/secteurs");
        Assert.Contains("Lomme centre", list.QuerySelector("table")!.TextContent);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.AreaCreated && e.ContractId == contract.Id)));
    }

    [Fact]
    public async Task Create_WithOpenPolygon_ShowsFrenchErrorAndSavesNothing()
    {
        var (contract, client) = await LilleContractAsync();
        var response = await client.PostFormAsync($"/contrats/{contract.Id}/secteurs/nouveau", new()
        {
            ["Input.Kind"] = "Qpv", ["Input.Name"] = "Bois-Blancs", ["Input.GeoJson"] = Polygons.Open,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Le polygone GeoJSON n'est pas fermé :", doc.QuerySelector(".fr-alert--error")!.TextContent);
        Assert.Equal(0, await AreaCountAsync(contract.Id));
    }

    [Fact]
    public async Task Create_WithGeoJsonFile_ReadsTheFile()
    {
        var (contract, client) = await LilleContractAsync();
        var url = $"/contrats/{contract.Id}/secteurs/nouveau";
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Site"), "Input.Kind" },
            { new StringContent("Gare Lille-Flandres"), "Input.Name" },
            { new StringContent(""), "Input.GeoJson" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($$"""{"type":"Feature","properties":{},"geometry":{{Polygons.Closed}}}""")), "Input.GeoJsonFile", "gare.geojson" },
        };

        var response = await client.PostMultipartAsync(url, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var area = await factory.WithDb(db => db.Areas.SingleAsync(a => a.ContractId == contract.Id));
        Assert.Equal(Polygons.Closed, area.GeoJson);
    }

    [Fact]
    public async Task Create_WithCommuneOutsideContract_IsRefused()
    {
        var (contract, client) = await LilleContractAsync();
        var response = await client.PostFormAsync($"/contrats/{contract.Id}/secteurs/nouveau", new()
        {
            ["Input.Kind"] = "Quartier", ["Input.Name"] = "Ailleurs", ["Input.CommuneCode"] = "75113",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La commune « 75113 » ne fait pas partie du territoire du contrat.", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await AreaCountAsync(contract.Id));
    }

    [Fact]
    public async Task List_AsNonMember_Returns404()
    {
        var (contract, _) = await LilleContractAsync();
        var outsider = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/contrats/{contract.Id}/secteurs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/contrats/{contract.Id}/secteurs/nouveau")).StatusCode);
    }

    [Fact]
    public async Task Create_AsReader_IsDenied()
    {
        var (contract, client) = await LilleContractAsync(ContractRole.Reader);
        var list = await client.GetDocumentAsync($"/contrats/{contract.Id}/secteurs");
        Assert.Null(list.QuerySelector($"a[href='/contrats/{contract.Id}/secteurs/nouveau']"));
        Geography.AssertDenied(await client.Http.GetAsync($"/contrats/{contract.Id}/secteurs/nouveau"));
    }

    [Fact]
    public async Task EditThenDelete_AsCoordinator_ChangesAndRemoves()
    {
        var (contract, client) = await LilleContractAsync();
        await client.PostFormAsync($"/contrats/{contract.Id}/secteurs/nouveau", new() { ["Input.Kind"] = "Quartier", ["Input.Name"] = "Wazemmes" });
        var id = await factory.WithDb(db => db.Areas.Where(a => a.ContractId == contract.Id).Select(a => a.Id).SingleAsync());
        var edit = $"/contrats/{contract.Id}/secteurs/{id}/modifier";

        var changed = await client.PostFormAsync(edit, new() { ["Input.Kind"] = "Qpv", ["Input.Name"] = "Wazemmes", ["Input.Code"] = "QN05910M", ["Input.GeoJson"] = Polygons.Closed });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var area = await factory.WithDb(db => db.Areas.SingleAsync(a => a.Id == id));
        Assert.Equal(AreaKind.Qpv, area.Kind);
        Assert.Equal("QN05910M", area.Code);

        var deleted = await client.PostFormAsync(edit + "?handler=Delete", [], edit);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await AreaCountAsync(contract.Id));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.AreaDeleted && e.EntityId == id.ToString())));
    }
}

[Collection(AppCollection.Name)]
public sealed class AreasApiTests(VigieFactory factory)
{
    private async Task<(SecurityContract Contract, HttpClient Api)> ContractAsync((TerritoryKind, string) territory, ContractRole role = ContractRole.Coordinator)
    {
        var user = await factory.UserAsync();
        var contract = await factory.ContractOnAsync([territory], (user, role));
        return (contract, await factory.ApiClientAsync(user));
    }

    private static object Body(string name, string? commune = null, string? geometry = null, string kind = "quartier") => new
    {
        kind, name, communeCode = commune, geometry = geometry is null ? (JsonElement?)null : JsonDocument.Parse(geometry).RootElement,
    };

    [Fact]
    public async Task Post_OnEpciContract_AcceptsMemberCommuneAndReturnsGeometry()
    {
        var (contract, api) = await ContractAsync((TerritoryKind.Epci, "200093201"));
        var response = await api.PostAsJsonAsync($"/api/v1/contracts/{contract.Id}/areas", Body("Pont de Bois", "59009", Polygons.Closed));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var dto = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Polygon", dto.GetProperty("geometry").GetProperty("type").GetString());
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{contract.Id}/areas");
        Assert.Equal("Pont de Bois", Assert.Single(list.EnumerateArray()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(Polygons.Open, "Le polygone GeoJSON n'est pas fermé")]
    [InlineData("""{"type":"LineString","coordinates":[[3.02,50.63],[3.04,50.63]]}""", "« LineString » n'est pas accepté")]
    [InlineData("\"pas un objet\"", "Le GeoJSON doit être un objet JSON")]
    public async Task Post_InvalidGeometry_Returns400OnGeometryAndSavesNothing(string geometry, string expected)
    {
        var (contract, api) = await ContractAsync((TerritoryKind.Commune, "59350"));
        var response = await api.PostAsJsonAsync($"/api/v1/contracts/{contract.Id}/areas", Body("Secteur", geometry: geometry));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty("geometry")[0].GetString());
        Assert.Equal(0, await factory.WithDb(db => db.Areas.CountAsync(a => a.ContractId == contract.Id)));
    }

    [Fact]
    public async Task Post_NotJson_Returns400InFrench()
    {
        var (contract, api) = await ContractAsync((TerritoryKind.Commune, "59350"));
        var response = await api.PostAsync($"/api/v1/contracts/{contract.Id}/areas", new StringContent("{ pas du json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Requête invalide", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_CommuneOutsideContract_Returns400OnCommuneCode()
    {
        var (contract, api) = await ContractAsync((TerritoryKind.Commune, "59350"));
        var response = await api.PostAsJsonAsync($"/api/v1/contracts/{contract.Id}/areas", Body("Ailleurs", "92062"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("La commune « 92062 » ne fait pas partie du territoire du contrat.", problem.GetProperty("errors").GetProperty("communeCode")[0].GetString());
    }

    [Fact]
    public async Task Post_UnknownKind_Returns400OnKind()
    {
        var (contract, api) = await ContractAsync((TerritoryKind.Commune, "59350"));
        var response = await api.PostAsJsonAsync($"/api/v1/contracts/{contract.Id}/areas", Body("Secteur", kind: "ilot"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"kind\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_AsReader_Returns403()
    {
        var (contract, api) = await ContractAsync((TerritoryKind.Commune, "59350"), ContractRole.Reader);
        var response = await api.PostAsJsonAsync($"/api/v1/contracts/{contract.Id}/areas", Body("Secteur"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/contracts/{contract.Id}/areas")).StatusCode);
    }

    [Fact]
    public async Task Get_AsNonMember_Returns404()
    {
        var (contract, _) = await ContractAsync((TerritoryKind.Commune, "59350"));
        var outsider = await factory.ApiClientAsync(await factory.UserAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/contracts/{contract.Id}/areas")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/v1/contracts/{contract.Id}/areas", Body("x"))).StatusCode);
    }

    [Fact]
    public async Task PutThenDelete_AsCoordinator_UpdatesAndRemoves()
    {
        var (contract, api) = await ContractAsync((TerritoryKind.Commune, "75056"));
        var created = await (await api.PostAsJsonAsync($"/api/v1/contracts/{contract.Id}/areas", Body("Olympiades", "75113"))).Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/api/v1/contracts/{contract.Id}/areas/{created.GetProperty("id").GetString()}";

        var put = await api.PutAsJsonAsync(url, Body("Olympiades", "75113", Polygons.Closed, "qpv"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var got = await api.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal("qpv", got.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Object, got.GetProperty("geometry").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(url)).StatusCode);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.AreaUpdated && e.ContractId == contract.Id)));
    }
}
