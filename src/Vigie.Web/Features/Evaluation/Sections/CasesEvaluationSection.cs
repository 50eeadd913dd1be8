using Vigie.Web.Features.Cases;

namespace Vigie.Web.Features.Evaluation.Sections;

/// <summary>
/// §5.3 "Évolution du contexte": anonymous aggregates of the confidential follow-up per group and year of the period
/// (<see cref="CaseAggregates"/>: cells under 5 suppressed, totals masked where they would reveal one). Public-safe
/// once suppressed (issue 13 item 9): shown in the members' and the public report alike, never a name or a sheet code.
/// </summary>
public sealed class CasesEvaluationSection(CaseAggregates aggregates) : IEvaluationSection
{
    public int Order => 30;

    public async Task<EvaluationSectionContent?> BuildAsync(EvaluationSectionContext context, CancellationToken ct)
    {
        var blocks = await aggregates.ForYearsAsync(context.ContractId, context.PeriodStart.Year, context.PeriodEnd.Year, ct);
        if (blocks.Count == 0) return null;
        const string source = "suivi individuel confidentiel (agrégats anonymes, fiches et souches statistiques)";
        return new EvaluationSectionContent("Suivi individuel (agrégats anonymes)", [CaseAggregates.Note],
        [
            new EvaluationTable("Personnes suivies par dispositif et par année", ["Dispositif", "Année", "Personnes"], CaseAggregates.TotalRows(blocks), source, context.Today),
            .. CaseAggregates.Dimensions.Select((d, i) => new EvaluationTable($"{d.Title} par dispositif et par année", ["Dispositif", "Année", d.Dimension, "Personnes"],
                CaseAggregates.Rows(blocks, i), source, context.Today)),
        ]);
    }
}
