namespace Vigie.Web.Features.Diagnostic;

/// <summary>A frozen version as it was frozen (figures included), its SHA-256, and its PDF (members of the contract).</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class VersionModel(DiagnosticQueries queries) : PageModel
{
    public DiagnosticQueries.DiagnosticVersionView Version { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid diagnosticId, int number)
    {
        if (await queries.VersionAsync(id, diagnosticId, number) is not { } v) return NotFound();
        Version = v;
        ViewData["Title"] = $"{v.Content.Title} — version {v.Number}";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Contrats", Url.Page("/Contracts/Index")), new("Diagnostic", Url.Page("/Diagnostic/Index", new { id })),
            new(v.Content.Title, Url.Page("/Diagnostic/Details", new { id, diagnosticId })), new($"Version {v.Number}") };
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, Guid diagnosticId, int number)
    {
        if (await queries.VersionAsync(id, diagnosticId, number) is not { } v) return NotFound();
        await HttpContext.AuditReadAsync(AuditKinds.ExportDownloaded, "DiagnosticVersion", v.Id, id, new { what = "diagnostic", format = "pdf" });
        return File(DiagnosticPdf.Render(v.Content, v.Number, v.Sha256, v.FrozenAt), "application/pdf", $"diagnostic-v{v.Number}.pdf");
    }
}
