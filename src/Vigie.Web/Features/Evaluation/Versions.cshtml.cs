namespace Vigie.Web.Features.Evaluation;

/// <summary>
/// The report versions frozen at each validation (issue 15 item 5): who validated them, where and when, their SHA-256
/// fingerprint, each one's PDF, and two versions compared line by line (<see cref="EvaluationVersionCompare"/>). Members.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class VersionsModel(ContractAccess access, EvaluationQueries queries, EvaluationVersions versionStore) : ContractPageModel(access)
{
    public Guid EvaluationId { get; private set; }
    public string EvaluationTitle { get; private set; } = "";
    public IReadOnlyList<EvaluationReportVersionDto> Versions { get; private set; } = [];
    public EvaluationVersionComparison? Comparison { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid evaluationId, int? de, int? vers)
    {
        if (!await LoadAsync(id, evaluationId)) return NotFound();
        if (de is { } from && vers is { } to)
        {
            if (await queries.CompareAsync(id, evaluationId, from, to, HttpContext.RequestAborted) is { } c)
            {
                Comparison = c.Comparison;
                await EvaluationPages.AuditReportReadAsync(HttpContext, c.Read, "compare");
            }
            else ModelState.AddModelError("de", "Choisissez deux versions validées de ce rapport à comparer.");
        }
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, Guid evaluationId, int version)
    {
        if (!await LoadContractAsync(id) || await queries.VersionAsync(id, evaluationId, version, HttpContext.RequestAborted) is not { } r) return NotFound();
        await EvaluationPages.AuditReportReadAsync(HttpContext, r, "version"); // a frozen version, as the API's
        return File(EvaluationPdf.Render(r), "application/pdf", $"evaluation-v{version}.pdf");
    }

    private async Task<bool> LoadAsync(Guid id, Guid evaluationId)
    {
        if (!await LoadContractAsync(id) || await queries.TitleAsync(id, evaluationId, HttpContext.RequestAborted) is not { } title) return false;
        // The title's query already checked the evaluation belongs to this contract: the list needs no second check.
        (EvaluationId, Versions, EvaluationTitle) = (evaluationId, await versionStore.ListAsync(evaluationId, HttpContext.RequestAborted), title);
        ViewData["Title"] = "Versions du rapport — " + EvaluationTitle;
        ViewData["Breadcrumb"] = ContractCrumbs(new Crumb("Évaluation", Url.Page("/Evaluation/Index", new { id })),
            new Crumb(EvaluationTitle, Url.Page("/Evaluation/Report", new { id, evaluationId })), new Crumb("Versions"));
        return true;
    }
}
