using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.ActionPlan;

[Collection(AppCollection.Name)]
public sealed class PlanPublicPageTests(VigieFactory factory)
{
    [Fact]
    public async Task PublicPlan_ShowsProgressAndTargets_HidesInternalFieldsAndUnpublishedBudget()
    {
        var p = await factory.PlanFixtureAsync();
        var axis = TestData.Unique("Sécuriser");
        var priority = await p.ItemAsync("priority", axis);
        var action = await p.ItemAsync("action", "Médiation de nuit", priority, new { humanMeans = "Moyens-internes-secrets" });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/commitments", new { organisationId = p.PartnerX.OrganisationId, what = "Deux médiateurs", means = "Moyens-engages-confidentiels", progress = 50 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/budget", new { funder = "fipd", planned = 98765.43 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/comments", new { text = "Commentaire-interne" });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/indicators", new { name = "Interventions", kind = "output", unit = "interventions", targetValue = 400, targetDate = "2027-12-31" });
        var anonymous = PageClient.Create(factory);

        // Not published yet: the page does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/public/contrats/{p.Contract.Id}/plan")).StatusCode);
        await factory.WithDb(db => db.Contracts.Where(c => c.Id == p.Contract.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsPublished, true)));

        var html = await TextAsync(anonymous, $"/public/contrats/{p.Contract.Id}/plan");
        Assert.Contains(axis, html, StringComparison.Ordinal);
        Assert.Contains("Médiation de nuit", html, StringComparison.Ordinal);
        Assert.Contains("50 %", html, StringComparison.Ordinal);
        Assert.Contains("400", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Moyens-engages-confidentiels", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Moyens-internes-secrets", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Commentaire-interne", html, StringComparison.Ordinal);
        Assert.DoesNotContain("98765", html.Replace("\u202F", "", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await p.CoordinatorApi.PutAsJsonAsync($"{p.Plan}/settings", new { publishBudget = true, reminderDaysBefore = 7 })).StatusCode);
        html = await TextAsync(anonymous, $"/public/contrats/{p.Contract.Id}/plan");
        Assert.Contains("98\u202F765,43 €", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Moyens-engages-confidentiels", html, StringComparison.Ordinal);
    }

    private static async Task<string> TextAsync(PageClient client, string url) =>
        PageClient.Parse(await (await client.Http.GetAsync(url)).Content.ReadAsStringAsync()).Body!.TextContent;
}
