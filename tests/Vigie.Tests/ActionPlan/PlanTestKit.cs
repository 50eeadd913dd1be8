using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.ActionPlan;

/// <summary>A contract with a coordinator, two partner members (organisations X and Y) and a reader, and their API clients.</summary>
public sealed record PlanFixture(SecurityContract Contract, TestUser Coordinator, TestUser PartnerX, TestUser PartnerY, TestUser Reader,
    HttpClient CoordinatorApi, HttpClient XApi, HttpClient YApi, HttpClient ReaderApi)
{
    public string Plan => $"/api/v1/contracts/{Contract.Id}/plan";
}

public static class PlanTestKit
{
    public static async Task<PlanFixture> PlanFixtureAsync(this VigieFactory f)
    {
        var coordinator = await f.UserAsync();
        var x = await f.UserAsync((await f.OrganisationAsync(TestData.Unique("Bailleur X"), PartnerType.BailleurSocial)).Id);
        var y = await f.UserAsync((await f.OrganisationAsync(TestData.Unique("Transporteur Y"), PartnerType.Transporteur)).Id);
        var reader = await f.UserAsync();
        var contract = await f.ContractAsync((coordinator, ContractRole.Coordinator), (x, ContractRole.PartnerMember), (y, ContractRole.PartnerMember), (reader, ContractRole.Reader));
        return new PlanFixture(contract, coordinator, x, y, reader,
            await f.ApiClientAsync(coordinator), await f.ApiClientAsync(x), await f.ApiClientAsync(y), await f.ApiClientAsync(reader));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>POSTs and returns the created id, failing with the body when the status is not 201.</summary>
    public static async Task<Guid> CreateAsync(this HttpClient api, string url, object body)
    {
        var r = await api.PostAsJsonAsync(url, body);
        if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return (await JsonAsync(r)).GetProperty("id").GetGuid();
    }

    public static Task<Guid> ItemAsync(this PlanFixture p, string kind, string title, Guid? parentId = null, object? extra = null) =>
        p.CoordinatorApi.CreateAsync($"{p.Plan}/items", Merge(new { kind, title, parentId }, extra));

    public static object Merge(object a, object? b)
    {
        var d = JsonSerializer.SerializeToElement(a).EnumerateObject().ToDictionary(x => x.Name, x => (object?)x.Value);
        if (b is not null) foreach (var x in JsonSerializer.SerializeToElement(b).EnumerateObject()) d[x.Name] = x.Value;
        return d;
    }

    public static async Task<JsonElement> PlanAsync(this PlanFixture p) => await JsonAsync(await p.CoordinatorApi.GetAsync(p.Plan));

    public static JsonElement Row(JsonElement plan, Guid id) =>
        plan.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);

    public static decimal? ProgressOf(JsonElement row)
    {
        var v = row.GetProperty("progress").GetProperty("value");
        return v.ValueKind == JsonValueKind.Null ? null : v.GetDecimal();
    }
}
