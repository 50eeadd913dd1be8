namespace Vigie.Web.Features.Evaluation.Sections;

/// <summary>§5.3 "Évolution du contexte": signalements of the period counted by category group (cells under 5 masked).</summary>
public sealed class IncidentsEvaluationSection(AppDbContext db) : IEvaluationSection
{
    public int Order => 20;

    public async Task<EvaluationSectionContent?> BuildAsync(EvaluationSectionContext context, CancellationToken ct)
    {
        var from = new DateTimeOffset(context.PeriodStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(context.PeriodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var counts = await db.Incidents.AsNoTracking().Where(i => i.ContractId == context.ContractId && i.ReportedAt >= from && i.ReportedAt < to)
            .GroupBy(i => i.Category!.Group).Select(g => new { Group = g.Key, Count = g.Count() }).ToListAsync(ct);
        if (counts.Count == 0) return null;
        var rows = counts.OrderBy(c => c.Group, StringComparer.Create(Culture.French, false))
            .Select(c => (IReadOnlyList<string>)[c.Group, EvaluationSectionContext.Count(c.Count)]).ToList();
        rows.Add(["Total", EvaluationSectionContext.Count(counts.Sum(c => c.Count))]);
        var table = new EvaluationTable("Signalements reçus sur la période, par groupe de catégories", ["Groupe", "Signalements"], rows,
            "signalements enregistrés dans Vigie (date de réception)", context.Today);
        return new EvaluationSectionContent("Signalements (cadre de vie, tranquillité publique)",
            [$"Effectifs inférieurs à {EvaluationSectionContext.SmallCell} masqués."], [table]);
    }
}
