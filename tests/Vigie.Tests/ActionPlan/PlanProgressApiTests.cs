using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.ActionPlan;

[Collection(AppCollection.Name)]
public sealed class PlanProgressApiTests(VigieFactory factory)
{
    [Fact]
    public async Task Progress_FromMilestonesCommitmentsAndStatus_RollsUpAndShowsMissing()
    {
        var p = await factory.PlanFixtureAsync();
        var p1 = await p.ItemAsync("priority", "Axe 1");
        var p2 = await p.ItemAsync("priority", "Axe 2");
        var a = await p.ItemAsync("action", "Jalons", p1, new { weight = 3 });
        var b = await p.ItemAsync("action", "Engagements", p1);
        var c = await p.ItemAsync("action", "Sans rien", p2, new { status = "in-progress" });
        var m1 = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/milestones", new { title = "J1", dueOn = "2026-01-31", weight = 1 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/milestones", new { title = "J2", dueOn = "2026-06-30", weight = 1 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{b}/commitments", new { organisationId = p.PartnerX.OrganisationId, what = "X", progress = 40 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{b}/commitments", new { organisationId = p.PartnerY.OrganisationId, what = "Y" });
        Assert.Equal(HttpStatusCode.NoContent, (await p.CoordinatorApi.PostAsJsonAsync($"{p.Plan}/items/{a}/milestones/{m1}/done", new { doneOn = "2026-01-15" })).StatusCode);

        var plan = await p.PlanAsync();
        Assert.Equal(50m, PlanTestKit.ProgressOf(PlanTestKit.Row(plan, a)));
        var rowB = PlanTestKit.Row(plan, b);
        Assert.Equal(40m, PlanTestKit.ProgressOf(rowB));            // Y's missing value is not a zero
        Assert.Equal(1, rowB.GetProperty("progress").GetProperty("missing").GetInt32());
        Assert.Null(PlanTestKit.ProgressOf(PlanTestKit.Row(plan, c)));  // "en cours" has no default: missing
        Assert.Equal(47.5m, PlanTestKit.ProgressOf(PlanTestKit.Row(plan, p1)));   // (3×50 + 1×40) / 4
        Assert.Null(PlanTestKit.ProgressOf(PlanTestKit.Row(plan, p2)));
        Assert.Equal(47.5m, plan.GetProperty("progress").GetProperty("value").GetDecimal());
        Assert.Equal(1, plan.GetProperty("progress").GetProperty("missing").GetInt32());

        // Status default with override: "done" gives 100 %, an override wins over everything.
        Assert.Equal(HttpStatusCode.NoContent, (await p.CoordinatorApi.PutAsJsonAsync($"{p.Plan}/items/{c}", new { kind = "action", title = "Sans rien", parentId = p2, status = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await p.CoordinatorApi.PutAsJsonAsync($"{p.Plan}/items/{b}", new { kind = "action", title = "Engagements", parentId = p1, progressOverride = 10 })).StatusCode);
        plan = await p.PlanAsync();
        Assert.Equal(100m, PlanTestKit.ProgressOf(PlanTestKit.Row(plan, c)));
        Assert.Equal(10m, PlanTestKit.ProgressOf(PlanTestKit.Row(plan, b)));
        Assert.Equal(40m, PlanTestKit.ProgressOf(PlanTestKit.Row(plan, p1)));     // (3×50 + 1×10) / 4
    }

    [Fact]
    public async Task PartnerProgress_AveragesEachOrganisationsCommitments()
    {
        var p = await factory.PlanFixtureAsync();
        var p1 = await p.ItemAsync("priority", "Axe 1");
        var a = await p.ItemAsync("action", "A", p1);
        var b = await p.ItemAsync("action", "B", p1);
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/commitments", new { organisationId = p.PartnerX.OrganisationId, what = "X1", progress = 20 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{b}/commitments", new { organisationId = p.PartnerX.OrganisationId, what = "X2", progress = 80, weight = 3 });
        var partners = (await PlanTestKit.JsonAsync(await p.XApi.GetAsync($"{p.Plan}/partners"))).EnumerateArray().ToList();
        var x = Assert.Single(partners);
        Assert.Equal(65m, x.GetProperty("progress").GetProperty("value").GetDecimal());
        var mine = (await PlanTestKit.JsonAsync(await p.XApi.GetAsync($"{p.Plan}/organisations/{p.PartnerX.OrganisationId}/commitments"))).EnumerateArray().ToList();
        Assert.Equal(2, mine.Count);
    }
}
