using Vigie.Web.Features.Diagnostic;

namespace Vigie.Web.Features.Evaluation.Sections;

/// <summary>§5.3 "Rappel du diagnostic": the contract's diagnostic findings (T0) by axis, those the audience may read.</summary>
public sealed class DiagnosticEvaluationSection(AppDbContext db) : IEvaluationSection
{
    public int Order => 10;

    public async Task<EvaluationSectionContent?> BuildAsync(EvaluationSectionContext context, CancellationToken ct)
    {
        var findings = (await db.DiagnosticFindings.AsNoTracking().Where(f => f.ContractId == context.ContractId)
                .OrderBy(f => f.Axis).ThenBy(f => f.Position).Select(f => new { f.Axis, f.Text, f.Visibility }).ToListAsync(ct))
            .Where(f => context.Entitlement.Allows(f.Visibility, null)).ToList();
        if (findings.Count == 0) return null;
        var table = new EvaluationTable("Constats du diagnostic local de sécurité", ["Axe", "Constat"],
            findings.Select(f => (IReadOnlyList<string>)[f.Axis is { } a ? DiagnosticLabels.Axis(a) : "—", f.Text]).ToList(),
            "diagnostic local de sécurité du contrat dans Vigie", context.Today);
        return new EvaluationSectionContent("Rappel du diagnostic", [$"{findings.Count} constat(s) du diagnostic servent de point de départ (T0)."], [table]);
    }
}
