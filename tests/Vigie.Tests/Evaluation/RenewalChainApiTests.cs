using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15 (API): the chain of a contract's generations and a fiche's lineage (continuesItemId), each limited to what the
/// reader may read — a reader of the new generation only sees neither the previous contract nor the action it continues.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RenewalChainApiTests(VigieFactory factory)
{
    [Fact]
    public async Task GenerationsAndLineage_ForACoordinatorOfBoth_AndForAReaderOfTheNewGenerationOnly()
    {
        var s = await factory.EvaluatedContractAsync();
        var kept = await factory.ActionAsync(s, "Rencontres cadre de vie", 100, 80, 95, 78);
        var renewed = await s.Api.PostAsJsonAsync($"{s.Base}/renewal", new { bodies = false, planItemIds = new[] { kept } });
        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
        var next = (await renewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var continued = await factory.WithDb(db => db.PlanItems.Where(i => i.ContractId == next && i.ContinuesItemId == kept).Select(i => i.Id).SingleAsync());

        var chain = await s.Api.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{next}/generations");
        Assert.Equal([s.Contract.Id, next], chain.EnumerateArray().Select(g => g.GetProperty("id").GetGuid()).ToList());
        Assert.Equal([1, 2], chain.EnumerateArray().Select(g => g.GetProperty("generation").GetInt32()).ToList());
        Assert.False(chain[0].GetProperty("evaluated").GetBoolean());
        var item = await s.Api.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{next}/plan/items/{continued}");
        Assert.Equal(kept, item.GetProperty("continuesItemId").GetGuid());
        Assert.Equal(s.Contract.Id, item.GetProperty("continuesContractId").GetGuid());

        var reader = await factory.UserAsync();
        var added = await s.Api.PostAsJsonAsync($"/api/v1/contracts/{next}/members", new { email = reader.Email, role = "reader" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var readerApi = await factory.ApiClientAsync(reader);
        var readerChain = await readerApi.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{next}/generations");
        Assert.Equal([next], readerChain.EnumerateArray().Select(g => g.GetProperty("id").GetGuid()).ToList());
        var readerItem = await readerApi.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{next}/plan/items/{continued}");
        Assert.Equal(JsonValueKind.Null, readerItem.GetProperty("continuesItemId").ValueKind);
        Assert.Equal(JsonValueKind.Null, readerItem.GetProperty("continuesContractId").ValueKind);
        Assert.NotEqual(HttpStatusCode.OK, (await readerApi.GetAsync($"/api/v1/contracts/{s.Contract.Id}/generations")).StatusCode);
    }
}
