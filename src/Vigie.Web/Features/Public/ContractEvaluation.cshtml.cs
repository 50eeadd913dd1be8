using Vigie.Web.Features.Evaluation;

namespace Vigie.Web.Features.Public;

/// <summary>
/// Anonymous page (and PDF) of an evaluation presented in plenary, for a published contract: public plan items only
/// (anything derived from a restricted or members-only item stays out), sections built for the public audience.
/// </summary>
public sealed class ContractEvaluationModel(EvaluationQueries queries) : PageModel
{
    public EvaluationReportView Report { get; private set; } = null!;
    /// <summary>SHA-256 of the presented version's public rendering (null: presented before versions were kept).</summary>
    public string? Fingerprint { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid evaluationId)
    {
        if (await queries.PublicReportAsync(id, evaluationId, HttpContext.RequestAborted) is not { } r) return NotFound();
        (Report, Fingerprint) = (r.Report, r.Fingerprint);
        ViewData["Title"] = Report.Evaluation.Title + " — " + Report.ContractTitle;
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, Guid evaluationId)
    {
        if (await queries.PublicReportAsync(id, evaluationId, HttpContext.RequestAborted) is not { } r) return NotFound();
        return File(EvaluationPdf.Render(r.Report, r.Fingerprint), "application/pdf", $"evaluation-v{r.Report.Evaluation.ReportVersion}.pdf");
    }
}
