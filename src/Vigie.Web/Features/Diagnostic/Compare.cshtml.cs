namespace Vigie.Web.Features.Diagnostic;

/// <summary>
/// Side by side of two frozen versions, or of a version and the live document (issue 12 §5): figures that changed, texts
/// compared word by word, findings added or removed. Members of the contract, like the versions themselves.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class CompareModel(DiagnosticQueries queries) : PageModel
{
    public DiagnosticComparison Comparison { get; private set; } = null!;
    public Guid ContractId { get; private set; }
    public Guid DiagnosticId { get; private set; }
    public string Title { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid diagnosticId, int? de, int? vers)
    {
        if (await queries.CompareAsync(id, diagnosticId, de, vers) is not { } c) return NotFound();
        (Comparison, ContractId, DiagnosticId, Title) = (c.Comparison, id, diagnosticId, c.Title);
        ViewData["Title"] = $"Comparaison — {c.Title}";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Contrats", Url.Page("/Contracts/Index")), new("Diagnostic", Url.Page("/Diagnostic/Index", new { id })),
            new(c.Title, Url.Page("/Diagnostic/Details", new { id, diagnosticId })), new("Comparaison") };
        return Page();
    }
}
