using System.Net;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.ActionPlan;

[Collection(AppCollection.Name)]
public sealed class PlanPagesTests(VigieFactory factory)
{
    [Fact]
    public async Task CreateThroughPages_PriorityActionAndMilestoneDoneByPartner_ShowsRolledUpProgress()
    {
        var p = await factory.PlanFixtureAsync();
        var coordinator = await PageClient.SignedInAsync(factory, p.Coordinator);
        var plan = $"/contrats/{p.Contract.Id}/plan";

        var created = await coordinator.PostFormAsync($"{plan}/saisie", new() { ["Input.Kind"] = "Priority", ["Input.Title"] = "Sécuriser l'espace public", ["Input.Status"] = "planned", ["Input.Weight"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var priorityUrl = created.Headers.Location!.OriginalString;
        var priorityId = Guid.Parse(priorityUrl[(priorityUrl.LastIndexOf('/') + 1)..]);

        var action = await coordinator.PostFormAsync($"{plan}/saisie?parent={priorityId}", new()
        {
            ["Input.Kind"] = "Action", ["Input.Title"] = "Médiation de nuit", ["Input.Status"] = "in-progress", ["Input.Weight"] = "1",
            ["Input.LeadOrganisationId"] = p.PartnerX.OrganisationId.ToString(), ["Input.PartnerIds"] = p.PartnerY.OrganisationId.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, action.StatusCode);
        var actionUrl = action.Headers.Location!.OriginalString;
        var actionId = Guid.Parse(actionUrl[(actionUrl.LastIndexOf('/') + 1)..]);

        var milestone = await coordinator.PostFormAsync($"{actionUrl}/jalons", new() { ["Input.Title"] = "Recrutement", ["Input.DueOn"] = "2026-03-31", ["Input.Weight"] = "1", ["Input.OwnerOrganisationId"] = p.PartnerX.OrganisationId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, milestone.StatusCode);
        await coordinator.PostFormAsync($"{actionUrl}/jalons", new() { ["Input.Title"] = "Bilan", ["Input.DueOn"] = "2026-12-31", ["Input.Weight"] = "1" });

        var partner = await PageClient.SignedInAsync(factory, p.PartnerX);
        var fiche = await partner.GetDocumentAsync(actionUrl);
        var form = fiche.QuerySelectorAll("#jalons form").Single();
        var done = await partner.PostFormAsync(form.GetAttribute("action")!, [], actionUrl);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var page = await coordinator.GetDocumentAsync(plan);
        Assert.Equal("Plan d'action", page.QuerySelector("h1")!.TextContent);
        var priorityRow = page.QuerySelector($"tr[data-item='{priorityId}']")!;
        Assert.Contains("50 %", priorityRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("50 %", page.QuerySelector($"tr[data-item='{actionId}']")!.TextContent, StringComparison.Ordinal);

        // The fiche shows the history of the change made by the partner.
        var history = (await coordinator.GetDocumentAsync(actionUrl)).QuerySelector("#historique")!.TextContent;
        Assert.Contains("Réalisé le", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitmentPage_OfAnotherPartner_IsRefusedAndOwnIsEditable()
    {
        var p = await factory.PlanFixtureAsync();
        var priority = await p.ItemAsync("priority", "Axe");
        var action = await p.ItemAsync("action", "Action", priority);
        var xc = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/commitments", new { organisationId = p.PartnerX.OrganisationId, what = "X" });
        var yc = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/commitments", new { organisationId = p.PartnerY.OrganisationId, what = "Y" });
        var x = await PageClient.SignedInAsync(factory, p.PartnerX);
        var baseUrl = $"/contrats/{p.Contract.Id}/plan/elements/{action}/engagements";

        Geography.AssertDenied(await x.Http.GetAsync($"{baseUrl}/{yc}"));
        var ok = await x.PostFormAsync($"{baseUrl}/{xc}", new() { ["Input.OrganisationId"] = p.PartnerX.OrganisationId.ToString(), ["Input.What"] = "X mis à jour", ["Input.Progress"] = "70", ["Input.Weight"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var mine = await x.GetDocumentAsync($"/contrats/{p.Contract.Id}/plan/engagements");
        Assert.Contains("X mis à jour", mine.QuerySelector("#engagements")!.TextContent, StringComparison.Ordinal);
        Assert.Single(mine.QuerySelectorAll("#engagements tbody tr")); // only X's own commitment, not Y's
    }

    [Fact]
    public async Task PlanPages_OfAnotherContract_Return404AndEveryPageRendersForItsMembers()
    {
        var p = await factory.PlanFixtureAsync();
        var other = await factory.PlanFixtureAsync();
        var priority = await p.ItemAsync("priority", "Axe");
        var action = await p.ItemAsync("action", "Action", priority, new { startDate = "2026-01-01", endDate = "2026-12-31" });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/budget", new { funder = "caf", planned = 1500 });
        var reader = await PageClient.SignedInAsync(factory, p.Reader);
        var outsider = await PageClient.SignedInAsync(factory, other.Coordinator);
        var root = $"/contrats/{p.Contract.Id}/plan";
        foreach (var url in new[] { root, $"{root}/elements/{action}", $"{root}/calendrier?year=2026", $"{root}/budget", $"{root}/engagements" })
        {
            var doc = await reader.GetDocumentAsync(url);
            Assert.Single(doc.QuerySelectorAll("h1"));
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync(url)).StatusCode);
        }
        Assert.Contains("1\u202F500,00 €", (await reader.GetDocumentAsync($"{root}/budget")).QuerySelector("#total-prevu")!.TextContent, StringComparison.Ordinal);
        Geography.AssertDenied(await reader.Http.GetAsync($"{root}/saisie/{action}"));
        Geography.AssertDenied(await reader.Http.GetAsync($"{root}/import"));
    }
}
