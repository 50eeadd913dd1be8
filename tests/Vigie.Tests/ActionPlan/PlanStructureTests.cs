using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.ActionPlan;

[Collection(AppCollection.Name)]
public sealed class PlanStructureTests(VigieFactory factory)
{
    [Fact]
    public async Task CreateItems_NumbersThemFromPositions()
    {
        var p = await factory.PlanFixtureAsync();
        var p1 = await p.ItemAsync("priority", "Sécuriser l'espace public");
        var p2 = await p.ItemAsync("priority", "Prévenir la délinquance des mineurs");
        var o = await p.ItemAsync("objective", "Réduire les regroupements", p2);
        var a1 = await p.ItemAsync("action", "Médiation", o);
        var a2 = await p.ItemAsync("action", "Chantiers éducatifs", o);
        var s = await p.ItemAsync("subAction", "Recrutement", a2);

        var plan = await p.PlanAsync();
        Assert.Equal("1", PlanTestKit.Row(plan, p1).GetProperty("number").GetString());
        Assert.Equal("2.1.1", PlanTestKit.Row(plan, a1).GetProperty("number").GetString());
        Assert.Equal("2.1.2.1", PlanTestKit.Row(plan, s).GetProperty("number").GetString());
        Assert.Equal(new[] { p1, p2, o, a1, a2, s }, plan.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToArray());
    }

    [Fact]
    public async Task MoveItem_ToAnotherParent_RenumbersBothSides()
    {
        var p = await factory.PlanFixtureAsync();
        var p1 = await p.ItemAsync("priority", "Axe 1");
        var p2 = await p.ItemAsync("priority", "Axe 2");
        var a = await p.ItemAsync("action", "A", p1);
        var b = await p.ItemAsync("action", "B", p1);
        var c = await p.ItemAsync("action", "C", p2);

        var r = await p.CoordinatorApi.PostAsJsonAsync($"{p.Plan}/items/{a}/move", new { parentId = p2, position = 1 });
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);

        var plan = await p.PlanAsync();
        Assert.Equal("2.1", PlanTestKit.Row(plan, a).GetProperty("number").GetString());
        Assert.Equal("2.2", PlanTestKit.Row(plan, c).GetProperty("number").GetString());
        Assert.Equal("1.1", PlanTestKit.Row(plan, b).GetProperty("number").GetString());
    }

    [Fact]
    public async Task MoveItem_UnderItsOwnChild_Returns400NamingParent()
    {
        var p = await factory.PlanFixtureAsync();
        var p1 = await p.ItemAsync("priority", "Axe 1");
        var a = await p.ItemAsync("action", "A", p1);
        var r = await p.CoordinatorApi.PostAsJsonAsync($"{p.Plan}/items/{a}/move", new { parentId = (Guid?)null, position = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("parentId", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var loop = await p.CoordinatorApi.PostAsJsonAsync($"{p.Plan}/items/{p1}/move", new { parentId = a, position = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, loop.StatusCode);
    }

    [Fact]
    public async Task CreateItem_WithBadInput_Returns400WithFrenchMessages()
    {
        var p = await factory.PlanFixtureAsync();
        var r = await p.CoordinatorApi.PostAsJsonAsync($"{p.Plan}/items", new { kind = "action", title = "" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("L'intitulé est obligatoire.", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var root = await p.CoordinatorApi.PostAsJsonAsync($"{p.Plan}/items", new { kind = "action", title = "Action sans axe" });
        Assert.Equal(HttpStatusCode.BadRequest, root.StatusCode);
        Assert.Contains("seul un axe prioritaire", await root.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var p1 = await p.ItemAsync("priority", "Axe");
        var dates = await p.CoordinatorApi.PostAsJsonAsync($"{p.Plan}/items", new { kind = "action", title = "Dates", parentId = p1, startDate = "2026-05-01", endDate = "2026-01-01", status = "inconnu" });
        var body = await dates.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, dates.StatusCode);
        Assert.Contains("endDate", body, StringComparison.Ordinal);
        Assert.Contains("Statut inconnu", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteItem_RemovesSubtreeCompactsSiblingsAndAudits()
    {
        var p = await factory.PlanFixtureAsync();
        var p1 = await p.ItemAsync("priority", "Axe 1");
        var a = await p.ItemAsync("action", "A", p1);
        var b = await p.ItemAsync("action", "B", p1);
        await p.ItemAsync("subAction", "A.1", a);
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/milestones", new { title = "Jalon", dueOn = "2026-06-30" });

        Assert.Equal(HttpStatusCode.NoContent, (await p.CoordinatorApi.DeleteAsync($"{p.Plan}/items/{a}")).StatusCode);

        var plan = await p.PlanAsync();
        Assert.Equal(2, plan.GetProperty("items").GetArrayLength());
        Assert.Equal("1.1", PlanTestKit.Row(plan, b).GetProperty("number").GetString());
        var audit = await factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == AuditKinds.PlanItemDeleted && e.EntityId == a.ToString()));
        Assert.Equal(p.Contract.Id, audit.ContractId);
        Assert.Contains("\"removedItems\":2", audit.Data, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDb(db => db.Milestones.CountAsync(m => m.PlanItemId == a)));
    }
}
