using Vigie.Web.Features.Incidents;

namespace Vigie.Web.Features.Evaluation.Sections;

/// <summary>
/// §5.3 "Évolution du contexte": signalements of the period (Paris days, merged duplicates excluded) counted by category
/// group. The public report counts public categories only (partner-only ones stay with the members, as in
/// <see cref="IncidentIndicatorSource"/>). Cells under 5 are masked, and the total is masked ("secret") whenever a cell is,
/// so that the total minus the visible cells never reveals a masked one.
/// </summary>
public sealed class IncidentsEvaluationSection(AppDbContext db) : IEvaluationSection
{
    public int Order => 20;

    /// <summary>How a total masked to protect a masked cell reads (as the confidential follow-up's aggregates).</summary>
    public const string MaskedTotal = "secret";

    public async Task<EvaluationSectionContent?> BuildAsync(EvaluationSectionContext context, CancellationToken ct)
    {
        var from = IncidentQueries.StartOfDay(context.PeriodStart);
        var to = IncidentQueries.StartOfDay(context.PeriodEnd.AddDays(1));
        var q = db.Incidents.AsNoTracking().Where(i => i.ContractId == context.ContractId && i.ReportedAt >= from && i.ReportedAt < to
            && i.CloseReason != IncidentCloseReason.Doublon);
        if (context.IsPublic) q = q.Where(i => i.Category!.Visibility == IncidentVisibility.Public);
        var counts = await q.GroupBy(i => i.Category!.Group).Select(g => new { Group = g.Key, Count = g.Count() }).ToListAsync(ct);
        if (counts.Count == 0) return null;
        var rows = counts.Select(c => new { Label = IncidentLabels.Group(c.Group), c.Count }).OrderBy(c => c.Label, StringComparer.Create(Culture.French, false))
            .Select(c => (IReadOnlyList<string>)[c.Label, EvaluationSectionContext.Count(c.Count)]).ToList();
        var masked = counts.Any(c => c.Count < EvaluationSectionContext.SmallCell);
        rows.Add(["Total", masked ? MaskedTotal : EvaluationSectionContext.Count(counts.Sum(c => c.Count))]);
        var table = new EvaluationTable("Signalements reçus sur la période, par groupe de catégories", ["Groupe", "Signalements"], rows,
            "signalements enregistrés dans Vigie (date de réception, doublons fusionnés exclus" + (context.IsPublic ? ", catégories publiques" : "") + ")", context.Today);
        return new EvaluationSectionContent("Signalements (cadre de vie, tranquillité publique)",
            [$"Effectifs inférieurs à {EvaluationSectionContext.SmallCell} masqués ; le total est alors masqué (« {MaskedTotal} ») pour qu'il ne les révèle pas par différence."], [table]);
    }
}
