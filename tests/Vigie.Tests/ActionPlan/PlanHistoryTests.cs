using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.ActionPlan;

[Collection(AppCollection.Name)]
public sealed class PlanHistoryTests(VigieFactory factory)
{
    [Fact]
    public async Task UpdateItemAndCommitment_RecordsBeforeAfterWhoAndWhen()
    {
        var p = await factory.PlanFixtureAsync();
        var p1 = await p.ItemAsync("priority", "Axe 1");
        var a = await p.ItemAsync("action", "Médiation", p1, new { description = "Deux médiateurs" });
        var c = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/commitments", new { organisationId = p.PartnerX.OrganisationId, what = "Financer un poste" });

        var put = await p.CoordinatorApi.PutAsJsonAsync($"{p.Plan}/items/{a}", new { kind = "action", title = "Médiation sociale", parentId = p1, description = "Deux médiateurs", endDate = "2027-12-31" });
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await p.XApi.PutAsJsonAsync($"{p.Plan}/items/{a}/commitments/{c}", new { organisationId = p.PartnerX.OrganisationId, what = "Financer un poste", progress = 30 })).StatusCode);

        var history = (await PlanTestKit.JsonAsync(await p.ReaderApi.GetAsync($"{p.Plan}/items/{a}/history"))).EnumerateArray().ToList();
        var title = history.Single(h => h.GetProperty("field").GetString() == "Intitulé" && h.GetProperty("operation").GetString() == "updated");
        Assert.Equal("Médiation", title.GetProperty("before").GetString());
        Assert.Equal("Médiation sociale", title.GetProperty("after").GetString());
        Assert.StartsWith("Utilisateur", title.GetProperty("changedBy").GetString(), StringComparison.Ordinal);
        var end = history.Single(h => h.GetProperty("field").GetString() == "Fin");
        Assert.Equal("31/12/2027", end.GetProperty("after").GetString());
        // The description did not change: no row for it beyond its creation.
        Assert.DoesNotContain(history, h => h.GetProperty("field").GetString() == "Description" && h.GetProperty("operation").GetString() == "updated");
        var progress = history.Single(h => h.GetProperty("entityType").GetString() == "Commitment" && h.GetProperty("field").GetString() == "Avancement");
        Assert.Null(progress.GetProperty("before").GetString());
        Assert.Equal("30", progress.GetProperty("after").GetString());
    }

    [Fact]
    public async Task AddComment_AsPartner_AppearsInComments()
    {
        var p = await factory.PlanFixtureAsync();
        var p1 = await p.ItemAsync("priority", "Axe 1");
        var a = await p.ItemAsync("action", "Action", p1);
        Assert.Equal(HttpStatusCode.Created, (await p.XApi.PostAsJsonAsync($"{p.Plan}/items/{a}/comments", new { text = "Recrutement décalé à mars." })).StatusCode);
        var comments = (await PlanTestKit.JsonAsync(await p.ReaderApi.GetAsync($"{p.Plan}/items/{a}/comments"))).EnumerateArray().ToList();
        Assert.Equal("Recrutement décalé à mars.", Assert.Single(comments).GetProperty("text").GetString());
    }
}
