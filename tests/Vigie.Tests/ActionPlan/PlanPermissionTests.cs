using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.ActionPlan;

[Collection(AppCollection.Name)]
public sealed class PlanPermissionTests(VigieFactory factory)
{
    [Fact]
    public async Task ReadPlan_OfAnotherContract_Returns404()
    {
        var a = await factory.PlanFixtureAsync();
        var b = await factory.PlanFixtureAsync();
        var item = await b.ItemAsync("priority", "Sécuriser l'espace public");

        Assert.Equal(HttpStatusCode.NotFound, (await a.CoordinatorApi.GetAsync(b.Plan)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.CoordinatorApi.GetAsync($"{b.Plan}/items/{item}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.CoordinatorApi.PutAsJsonAsync($"{b.Plan}/items/{item}", new { kind = "priority", title = "Piraté" })).StatusCode);
        // An item of B addressed through A's contract is not found either.
        Assert.Equal(HttpStatusCode.NotFound, (await a.CoordinatorApi.GetAsync($"{a.Plan}/items/{item}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.CoordinatorApi.DeleteAsync($"{a.Plan}/items/{item}")).StatusCode);
    }

    [Fact]
    public async Task EditCommitment_OfAnotherPartner_Returns403AndOwnOneSucceeds()
    {
        var p = await factory.PlanFixtureAsync();
        var priority = await p.ItemAsync("priority", "Engagement 1");
        var action = await p.ItemAsync("action", "Médiation dans les transports", priority);
        var xCommitment = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/commitments", new { organisationId = p.PartnerX.OrganisationId, what = "Deux médiateurs" });
        var yCommitment = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/commitments", new { organisationId = p.PartnerY.OrganisationId, what = "Vidéo dans les bus" });

        var refused = await p.XApi.PutAsJsonAsync($"{p.Plan}/items/{action}/commitments/{yCommitment}", new { organisationId = p.PartnerY.OrganisationId, what = "Changé par X", progress = 90 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var handOver = await p.XApi.PutAsJsonAsync($"{p.Plan}/items/{action}/commitments/{xCommitment}", new { organisationId = p.PartnerY.OrganisationId, what = "Donné à Y" });
        Assert.Equal(HttpStatusCode.Forbidden, handOver.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await p.XApi.DeleteAsync($"{p.Plan}/items/{action}/commitments/{yCommitment}")).StatusCode);

        var own = await p.XApi.PutAsJsonAsync($"{p.Plan}/items/{action}/commitments/{xCommitment}", new { organisationId = p.PartnerX.OrganisationId, what = "Deux médiateurs", progress = 60 });
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);

        var detail = await PlanTestKit.JsonAsync(await p.CoordinatorApi.GetAsync($"{p.Plan}/items/{action}"));
        var commitments = detail.GetProperty("commitments").EnumerateArray().ToList();
        Assert.Equal(60, commitments.Single(c => c.GetProperty("id").GetGuid() == xCommitment).GetProperty("progress").GetInt32());
        Assert.Equal("Vidéo dans les bus", commitments.Single(c => c.GetProperty("id").GetGuid() == yCommitment).GetProperty("what").GetString());
    }

    [Fact]
    public async Task Write_AsReaderOrPartner_OnStructure_Returns403()
    {
        var p = await factory.PlanFixtureAsync();
        var priority = await p.ItemAsync("priority", "Engagement 1");
        var action = await p.ItemAsync("action", "Action", priority);

        Assert.Equal(HttpStatusCode.OK, (await p.ReaderApi.GetAsync(p.Plan)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await p.ReaderApi.PostAsJsonAsync($"{p.Plan}/items", new { kind = "priority", title = "Non" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await p.ReaderApi.PostAsJsonAsync($"{p.Plan}/items/{action}/commitments", new { organisationId = p.Reader.OrganisationId, what = "Non" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await p.ReaderApi.PostAsJsonAsync($"{p.Plan}/items/{action}/comments", new { text = "Non" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await p.XApi.PutAsJsonAsync($"{p.Plan}/items/{action}", new { kind = "action", title = "Renommée", parentId = priority })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await p.XApi.DeleteAsync($"{p.Plan}/items/{action}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await p.XApi.PostAsJsonAsync($"{p.Plan}/items/{action}/milestones", new { title = "Non", dueOn = "2026-01-01" })).StatusCode);
    }

    [Fact]
    public async Task MarkMilestoneDone_AsOwnerPartner_SucceedsAndOtherPartnerIsRefused()
    {
        var p = await factory.PlanFixtureAsync();
        var priority = await p.ItemAsync("priority", "Engagement 1");
        var action = await p.ItemAsync("action", "Action", priority);
        var milestone = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/milestones", new { title = "Recrutement", dueOn = "2026-03-31", ownerOrganisationId = p.PartnerX.OrganisationId });

        Assert.Equal(HttpStatusCode.Forbidden, (await p.YApi.PostAsJsonAsync($"{p.Plan}/items/{action}/milestones/{milestone}/done", new { doneOn = "2026-03-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await p.XApi.PostAsJsonAsync($"{p.Plan}/items/{action}/milestones/{milestone}/done", new { doneOn = "2026-03-01" })).StatusCode);

        var row = PlanTestKit.Row(await p.PlanAsync(), action);
        Assert.Equal(100m, PlanTestKit.ProgressOf(row));
    }
}
