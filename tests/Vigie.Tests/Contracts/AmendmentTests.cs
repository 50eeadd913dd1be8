using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Contracts;

[Collection(AppCollection.Name)]
public sealed class AmendmentTests(VigieFactory factory)
{
    [Fact]
    public async Task Amendment_ExtendsAndAddsTerritory_AndHistoryShowsEachVersion()
    {
        var coordinator = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);
        await factory.SignAsync(api, c.Id);
        var neighbour = await factory.CommuneAsync();
        var client = await PageClient.SignedInAsync(factory, coordinator);

        using var form = new MultipartFormDataContent
        {
            { new StringContent("Prolongation et extension"), "Input.Title" },
            { new StringContent("2026-01-01"), "Input.EffectiveDate" },
            { new StringContent("Prolonge le contrat d'un an et l'étend à la commune voisine."), "Input.Description" },
            { new StringContent("2029-12-31"), "Input.NewEndDate" },
            { new StringContent(neighbour.Code), "Input.AddedTerritories" },
            { new ByteArrayContent(ContractTestSupport.Pdf("avenant")), "Document", "avenant-1.pdf" },
        };
        var response = await client.PostMultipartAsync($"/contrats/{c.Id}/avenants/nouveau", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var contract = await factory.ReloadAsync(c.Id);
        Assert.Equal(new DateOnly(2029, 12, 31), contract.EndDate);
        Assert.Contains(contract.Territories, t => t.TerritoryId == neighbour.Id);
        var amendment = Assert.Single(contract.Amendments);
        Assert.Equal(1, amendment.Number);
        Assert.NotNull(amendment.DocumentId);

        var history = await client.GetDocumentAsync($"/contrats/{c.Id}/historique");
        var headings = history.QuerySelectorAll("h2").Select(h => h.TextContent).ToList();
        Assert.Contains(headings, h => h.Contains("Avenant n° 1 : Prolongation et extension"));
        Assert.Contains(headings, h => h.Contains("Création"));
        var amendmentRows = history.QuerySelectorAll("li").First(li => li.TextContent.Contains("Avenant n° 1")).TextContent;
        Assert.Contains("31/12/2028", amendmentRows);
        Assert.Contains("31/12/2029", amendmentRows);

        var apiHistory = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{c.Id}/history");
        var last = apiHistory.EnumerateArray().Last();
        Assert.Equal("amended", last.GetProperty("cause").GetString());
        Assert.Contains(last.GetProperty("changes").EnumerateArray(), ch => ch.GetProperty("field").GetString() == "Fin" && ch.GetProperty("after").GetString() == "31/12/2029");

        var file = await client.Http.GetAsync($"/contrats/{c.Id}/fichiers/{amendment.DocumentId}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Amendment_OnDraftOrWithBadDates_IsRefusedAndNothingSaved()
    {
        var coordinator = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);

        var onDraft = await api.PostAsJsonAsync($"/api/v1/contracts/{c.Id}/amendments", new { title = "A", effectiveDate = "2026-01-01", description = "d" });
        Assert.Equal(HttpStatusCode.BadRequest, onDraft.StatusCode);
        Assert.Contains("contrat signé", await onDraft.Content.ReadAsStringAsync());

        await factory.SignAsync(api, c.Id);
        var outside = await api.PostAsJsonAsync($"/api/v1/contracts/{c.Id}/amendments", new { title = "A", effectiveDate = "2035-01-01", description = "d", newEndDate = "2020-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        var errors = (await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("effectiveDate", out _));
        Assert.Contains("postérieure au début", errors.GetProperty("newEndDate")[0].GetString());
        var contract = await factory.ReloadAsync(c.Id);
        Assert.Empty(contract.Amendments);
        Assert.Equal(new DateOnly(2028, 12, 31), contract.EndDate);
    }
}
