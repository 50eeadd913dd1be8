using Vigie.Web.Features.Diagnostic;

namespace Vigie.Web.Features.Evaluation.Sections;

/// <summary>
/// §5.3 "Rappel du diagnostic": the findings (T0) of the whole-contract diagnostic (never a sub-area's), by axis. The public
/// report reads the published version, reduced to what leaves towards anonymous readers (<see cref="DiagnosticQueries.PublicPart"/>);
/// the members' report reads the live document, only the findings of validated sections (or attached to none) that the
/// audience may read — a draft or to-review section is still being written.
/// </summary>
public sealed class DiagnosticEvaluationSection(AppDbContext db) : IEvaluationSection
{
    public int Order => 10;

    private sealed record Finding(DiagnosticAxis? Axis, string Text, int Position);

    public async Task<EvaluationSectionContent?> BuildAsync(EvaluationSectionContext context, CancellationToken ct)
    {
        var diagnostic = await db.Diagnostics.AsNoTracking().Where(d => d.ContractId == context.ContractId && d.AreaId == null)
            .OrderBy(d => d.CreatedAt).Select(d => new { d.Id, d.PublishedVersionId }).FirstOrDefaultAsync(ct);
        if (diagnostic is null) return null;
        List<Finding> findings;
        string source;
        if (context.IsPublic)
        {
            if (diagnostic.PublishedVersionId is not { } versionId) return null;
            var version = await db.DiagnosticVersions.AsNoTracking().Where(v => v.Id == versionId)
                .Select(v => new { v.Number, v.FrozenAt, v.Content }).FirstOrDefaultAsync(ct);
            if (version is null || DiagnosticHash.Read<DiagnosticContent>(version.Content) is not { } content) return null;
            findings = DiagnosticQueries.PublicPart(content).Findings
                .Select((f, i) => new Finding(Enum.TryParse<DiagnosticAxis>(f.Axis, out var a) ? a : null, f.Text, i)).ToList();
            source = $"diagnostic local de sécurité du contrat, version {version.Number} publiée (figée le {Culture.Date(Culture.ParisDate(version.FrozenAt))})";
        }
        else
        {
            var validated = db.DiagnosticSections.Where(s => s.DiagnosticId == diagnostic.Id && s.Status == DiagnosticSectionStatus.Validated).Select(s => (Guid?)s.Id);
            findings = (await db.DiagnosticFindings.AsNoTracking()
                    .Where(f => f.DiagnosticId == diagnostic.Id && f.ContractId == context.ContractId && (f.SectionId == null || validated.Contains(f.SectionId)))
                    .Select(f => new { f.Axis, f.Text, f.Visibility, f.Position }).ToListAsync(ct))
                .Where(f => context.Entitlement.Allows(f.Visibility, null)).Select(f => new Finding(f.Axis, f.Text, f.Position)).ToList();
            source = "diagnostic local de sécurité du contrat dans Vigie (sections validées)";
        }
        if (findings.Count == 0) return null;
        findings = [.. findings.OrderBy(f => f.Axis is null).ThenBy(f => f.Axis).ThenBy(f => f.Position)];
        var table = new EvaluationTable("Constats du diagnostic local de sécurité", ["Axe", "Constat"],
            findings.Select(f => (IReadOnlyList<string>)[f.Axis is { } a ? DiagnosticLabels.Axis(a) : "—", f.Text]).ToList(), source, context.Today);
        return new EvaluationSectionContent("Rappel du diagnostic", [$"{findings.Count} constat(s) du diagnostic servent de point de départ (T0)."], [table]);
    }
}
