using System.Text;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Features.Governance;

namespace Vigie.Tests.ActionPlan;

/// <summary>
/// The small but visible slips of issue 11 F, each read from the page a coordinator sees: no error banner on the
/// Territoires page, breadcrumbs with real names, "Fiche créée" and "d'octobre", no "Prévue" beside a moving figure,
/// overdue tasks flagged, labels instead of slugs and status codes, the contract page linking every page of the contract.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CoordinatorPathFixesTests(VigieFactory factory)
{
    [Fact]
    public async Task TerritoriesPage_ShowsNoErrorBanner_AndPagesWithItsOwnQueryName()
    {
        var user = await factory.UserAsync();
        var page = await PageClient.SignedInAsync(factory, user);

        var doc = await page.GetDocumentAsync("/territoires");

        Assert.Null(doc.QuerySelector("#resume-erreurs"));
        Assert.DoesNotContain(doc.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("&page=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fiche_BreadcrumbNamesTheContractAndTheItem_HistorySaysFicheCreee_AndPlannedWithProgressReadsEnCours()
    {
        var p = await factory.PlanFixtureAsync();
        var axis = await p.ItemAsync("priority", "Prévenir la délinquance");
        var action = await p.ItemAsync("action", "Médiation de nuit", axis, new { status = "planned" });
        var done = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/milestones", new { title = "Recrutement", dueOn = "2026-03-01" });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/milestones", new { title = "Bilan", dueOn = "2027-03-01" });
        (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(p.CoordinatorApi, $"{p.Plan}/items/{action}/milestones/{done}/done", new { doneOn = "2026-02-20" })).EnsureSuccessStatusCode();
        var page = await PageClient.SignedInAsync(factory, p.Coordinator);

        var fiche = await page.GetDocumentAsync($"/contrats/{p.Contract.Id}/plan/elements/{action}");
        var crumbs = fiche.QuerySelectorAll(".fr-breadcrumb__list li").Select(li => li.TextContent.Trim()).ToList();
        var plan = await page.GetDocumentAsync($"/contrats/{p.Contract.Id}/plan");
        var row = plan.QuerySelectorAll("#plan tbody tr").Single(r => r.TextContent.Contains("Médiation de nuit", StringComparison.Ordinal)).TextContent;

        Assert.Contains(p.Contract.Title, crumbs);
        Assert.Equal("1.1 Médiation de nuit", crumbs[^1]);
        Assert.DoesNotContain("Contrat", crumbs);
        Assert.Contains("Fiche créée", fiche.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Fiche créé ", fiche.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("50 %", row, StringComparison.Ordinal);
        Assert.Contains("En cours", row, StringComparison.Ordinal);
        Assert.DoesNotContain("Prévue", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, "d'octobre 2026")]
    [InlineData(4, "d'avril 2026")]
    [InlineData(8, "d'août 2026")]
    [InlineData(3, "de mars 2026")]
    public void MonthCaption_IsElidedAndLowerCase(int month, string expected) =>
        Assert.Equal(expected, MeetingsModel.OfMonth(new DateOnly(2026, month, 1)));

    [Fact]
    public async Task TasksPage_FlagsOverdueTasks_NotDoneOnes()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync();
        var meeting = await s.MeetingAsync(body);
        var item = await s.AgendaItemAsync(meeting);
        var late = await s.TaskAsync(meeting, item, "Relancer le bailleur", s.PartnerOrganisation.Id); // due 30/04/2026, still open
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);

        var doc = await page.GetDocumentAsync($"/contrats/{s.Contract.Id}/taches");

        var row = doc.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Relancer le bailleur", StringComparison.Ordinal));
        Assert.Contains("En retard", row.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, late);
    }

    [Fact]
    public async Task ObservatoryLevelSelect_ShowsLabels_AndPlanCsv_ShowsStatusLabels()
    {
        var p = await factory.PlanFixtureAsync();
        await p.ItemAsync("priority", "Axe exporté", null, new { status = "planned" });
        var page = await PageClient.SignedInAsync(factory, p.Coordinator);

        var levels = (await page.GetDocumentAsync("/observatoire")).QuerySelectorAll("#Niveau option").Select(o => o.TextContent.Trim()).ToList();
        var csv = Encoding.UTF8.GetString(await page.Http.GetByteArrayAsync($"/contrats/{p.Contract.Id}/plan/import?handler=export&format=csv"));

        Assert.Contains("Département", levels);
        Assert.DoesNotContain("departement", levels);
        var line = csv.Split('\n').Single(l => l.Contains("Axe exporté", StringComparison.Ordinal));
        Assert.Contains(";Prévue;", line, StringComparison.Ordinal);
        Assert.DoesNotContain(";planned;", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContractPage_LinksSubAreas_Etat4001_PartnerSeries_AndThePublicPages()
    {
        var p = await factory.PlanFixtureAsync();
        await factory.WithDb(async db =>
        {
            (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Contracts, c => c.Id == p.Contract.Id)).IsPublished = true;
            return await db.SaveChangesAsync();
        });
        var page = await PageClient.SignedInAsync(factory, p.Coordinator);

        var hrefs = (await page.GetDocumentAsync($"/contrats/{p.Contract.Id}")).QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();

        var c = p.Contract.Id;
        foreach (var expected in new[] { $"/contrats/{c}/secteurs", $"/contrats/{c}/observatoire/etat-4001", $"/contrats/{c}/observatoire/series", $"/public/contrats/{c}/plan", $"/public/contrats/{c}/observatoire", $"/public/contrats/{c}/bilan" })
            Assert.Contains(expected, hrefs);
    }
}
