using Vigie.Web.Features.Diagnostic;

namespace Vigie.Web.Features.Public;

/// <summary>
/// Anonymous page of a published contract's published diagnostics: the validated version chosen by the coordination, reduced
/// to its public parts (no members-only partner contribution, no finding of such a section, interviews counted, not named).
/// </summary>
public sealed class ContractDiagnosticModel(DiagnosticQueries queries, AppDbContext db) : PageModel
{
    public string ContractTitle { get; private set; } = "";
    public IReadOnlyList<DiagnosticQueries.DiagnosticVersionView> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await db.Contracts.AsNoTracking().Where(c => c.Id == id && c.IsPublished).Select(c => c.Title).FirstOrDefaultAsync() is not { } title) return NotFound();
        ContractTitle = title;
        Versions = await queries.PublicAsync(id);
        ViewData["Title"] = "Diagnostic local de sécurité — " + title;
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, Guid diagnosticId)
    {
        if ((await queries.PublicAsync(id)).FirstOrDefault(v => v.DiagnosticId == diagnosticId) is not { } v) return NotFound();
        return File(DiagnosticPdf.Render(v.Content, v.Number, v.Sha256, v.FrozenAt), "application/pdf", $"diagnostic-v{v.Number}.pdf");
    }
}
