using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.ActionPlan;

/// <summary>
/// The plan's headline cannot mislead (issue 11 E): 4 actions done and 1 in progress without a value read
/// "4 actions sur 5 renseignées : 100 %", with the one left out said, on the plan page, the public page and the
/// plenary report alike.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ProgressHeadlineTests(VigieFactory factory)
{
    private const string Headline = "4 actions sur 5 renseignées : 100 %";

    private async Task<PlanFixture> FourDoneOneInProgressAsync()
    {
        var p = await factory.PlanFixtureAsync();
        await factory.WithDb(async db =>
        {
            (await db.Contracts.SingleAsync(c => c.Id == p.Contract.Id)).IsPublished = true;
            return await db.SaveChangesAsync();
        });
        var axis = await p.ItemAsync("priority", "Tranquillité publique");
        for (var i = 1; i <= 4; i++) await p.ItemAsync("action", $"Action réalisée {i}", axis, new { status = "done" });
        await p.ItemAsync("action", "Action en cours", axis, new { status = "in-progress" });
        return p;
    }

    [Fact]
    public async Task PlanPage_PublicPage_AndPlenaryReport_SayHowManyActionsTheFigureRestsOn()
    {
        var p = await FourDoneOneInProgressAsync();
        var page = await PageClient.SignedInAsync(factory, p.Coordinator);
        var anonymous = PageClient.Create(factory);

        var plan = (await page.GetDocumentAsync($"/contrats/{p.Contract.Id}/plan")).QuerySelector("main")!.TextContent;
        var publicPlan = (await anonymous.GetDocumentAsync($"/public/contrats/{p.Contract.Id}/plan")).QuerySelector("main")!.TextContent;
        var report = (await anonymous.GetDocumentAsync($"/public/contrats/{p.Contract.Id}/bilan?du=2026-01-01&au=2026-06-30")).QuerySelector("main")!.TextContent;

        foreach (var text in new[] { plan, publicPlan, report })
        {
            Assert.Contains(Headline, text, StringComparison.Ordinal);
            Assert.Contains("1 action sans avancement renseigné n'est pas comptée dans ce pourcentage.", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PlanPdf_StatesTheSameHeadline()
    {
        var p = await FourDoneOneInProgressAsync();
        var page = await PageClient.SignedInAsync(factory, p.Coordinator);

        var pdf = await page.Http.GetByteArrayAsync($"/contrats/{p.Contract.Id}/plan?handler=pdf");

        Assert.Contains(Headline, await PdfText.FlatAsync(pdf), StringComparison.Ordinal);
    }
}
