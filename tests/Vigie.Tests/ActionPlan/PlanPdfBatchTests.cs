using Vigie.Tests.Evaluation;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.ActionPlan;

/// <summary>
/// Review leftover of issue 15: the whole-plan PDF loads every action's records in one query set (no read per action)
/// and still prints each fiche with its indicators, milestones and budget lines, each under its own action.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PlanPdfBatchTests(VigieFactory factory)
{
    [Fact]
    public async Task PlanPdf_PrintsEveryActionWithItsOwnRecords()
    {
        var s = await factory.EvaluatedContractAsync();
        var titles = new[] { "Médiation de nuit", "Îlotage des halls", "Prévention routière" };
        var ids = new List<Guid>();
        foreach (var t in titles) ids.Add(await factory.ActionAsync(s, t, 10, 5, 8));
        await factory.WithDb(async db =>
        {
            for (var n = 0; n < ids.Count; n++)
            {
                db.Milestones.Add(new Milestone { ContractId = s.Contract.Id, PlanItemId = ids[n], Reference = TestData.Unique("M"), Title = $"Jalon numéro {n + 1}", DueOn = new DateOnly(2006, 6, 30) });
                db.BudgetLines.Add(new BudgetLine { ContractId = s.Contract.Id, PlanItemId = ids[n], Reference = TestData.Unique("B"), Funder = FundingSource.Fipd, Label = $"Ligne budgétaire {n + 1}", Year = 2006, Planned = 111 * (n + 1) });
            }
            return await db.SaveChangesAsync();
        });
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);

        var pdf = await PdfText.FlatAsync(await page.Http.GetByteArrayAsync($"/contrats/{s.Contract.Id}/plan?handler=Pdf"));

        // A fiche prints its milestones and budget lines before its indicators: each record sits between the previous
        // action's indicator and its own.
        var previous = -1;
        for (var n = 0; n < titles.Length; n++)
        {
            var indicator = pdf.IndexOf("Indicateur : Indicateur " + titles[n], StringComparison.Ordinal);
            var milestone = pdf.IndexOf($"Jalon numéro {n + 1}", StringComparison.Ordinal);
            var line = pdf.IndexOf($"{111 * (n + 1)},00 €", StringComparison.Ordinal);
            Assert.True(indicator > previous, pdf);
            Assert.InRange(milestone, previous + 1, indicator);
            Assert.InRange(line, previous + 1, indicator);
            previous = indicator;
        }
    }
}
