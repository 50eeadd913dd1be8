using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Evaluation;

/// <summary>
/// One evaluation's report for the members (plan items they may read), its PDF, and the evaluators' forms (coordinator,
/// while the report is a draft): rating per criterion, written judgement, recommendation; then validate / present / reopen.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class ReportModel(ContractAccess access, EvaluationQueries queries, EvaluationCommands commands, RecommendationDrafts drafts) : ContractPageModel(access)
{
    public EvaluationReportView Report { get; private set; } = null!;
    public EvaluationRatingInput Rating { get; set; } = new();
    public EvaluationJudgementInput Judgement { get; set; } = new();
    public EvaluationRecommendationInput Recommendation { get; set; } = new();
    public IEnumerable<SelectListItem> Items { get; private set; } = [];
    public IEnumerable<SelectListItem> Organisations { get; private set; } = [];
    /// <summary>The held sittings of the restricted formation (to validate a draft) or of the plenary (to present a validated report).</summary>
    public IReadOnlyList<SelectListItem> Sittings { get; private set; } = [];
    public bool CanEdit => Viewer.Role == ContractRole.Coordinator;
    public bool IsDraft => Report.Evaluation.Status == EvaluationStatus.Draft;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid evaluationId)
    {
        if (!await LoadAsync(id, evaluationId)) return NotFound();
        await EvaluationPages.AuditReportReadAsync(HttpContext, Report, "page");
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, Guid evaluationId)
    {
        if (!await LoadAsync(id, evaluationId)) return NotFound();
        await EvaluationPages.AuditReportReadAsync(HttpContext, Report, "pdf");
        return File(EvaluationPdf.Render(Report), "application/pdf", $"evaluation-v{Report.Evaluation.ReportVersion}.pdf");
    }

    public Task<IActionResult> OnPostRatingAsync(Guid id, Guid evaluationId) =>
        SubmitAsync(id, evaluationId, Rating, nameof(Rating), () => commands.AddRatingAsync(id, evaluationId, Rating), "L'appréciation a été ajoutée.");

    public Task<IActionResult> OnPostJudgementAsync(Guid id, Guid evaluationId) =>
        SubmitAsync(id, evaluationId, Judgement, nameof(Judgement), () => commands.JudgeAsync(id, evaluationId, Judgement), "L'appréciation de la fiche a été enregistrée.");

    public Task<IActionResult> OnPostRecommendationAsync(Guid id, Guid evaluationId) =>
        SubmitAsync(id, evaluationId, Recommendation, nameof(Recommendation), () => commands.AddRecommendationAsync(id, evaluationId, Recommendation), "La recommandation a été ajoutée.");

    public async Task<IActionResult> OnPostStatusAsync(Guid id, Guid evaluationId, EvaluationStatus status, Guid? meetingId)
    {
        if (!await LoadAsync(id, evaluationId)) return NotFound();
        if (!CanEdit) return Forbid();
        var result = await commands.ChangeStatusAsync(id, evaluationId, new EvaluationStatusInput { Status = status, MeetingId = meetingId });
        if (!result.Succeeded)
        {
            result.CopyTo(ModelState, "");
            return Page();
        }
        TempData["Flash"] = $"Le rapport est désormais « {EvaluationLabels.Status(status)} ».";
        return RedirectToPage("/Evaluation/Report", new { id, evaluationId });
    }

    /// <summary>
    /// Removes a rating, an action's written judgement or a recommendation of the draft (ADR 0016: entries are corrected by
    /// removing and adding again) through the same commands as the API's DELETE routes.
    /// </summary>
    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid evaluationId, string? entry, Guid entryId)
    {
        if (!await LoadAsync(id, evaluationId)) return NotFound();
        if (!CanEdit) return Forbid();
        var (result, flash) = entry switch
        {
            "rating" => (await commands.DeleteRatingAsync(id, evaluationId, entryId), "L'appréciation a été retirée."),
            "judgement" => (await commands.DeleteJudgementAsync(id, evaluationId, entryId), "L'appréciation de la fiche a été retirée."),
            "recommendation" => (await commands.DeleteRecommendationAsync(id, evaluationId, entryId), "La recommandation a été retirée."),
            _ => (null, ""),
        };
        if (result is null) return NotFound();
        if (!result.Succeeded)
        {
            if (result.Forbidden) return Forbid();
            if (result.NotFound) return NotFound();
            result.CopyTo(ModelState, "");
            return Page();
        }
        TempData["Flash"] = flash;
        return RedirectToPage("/Evaluation/Report", new { id, evaluationId });
    }

    /// <summary>A recommendation's draft fiche action, in the next generation unless the coordinator chose this contract.</summary>
    public async Task<IActionResult> OnPostDraftActionAsync(Guid id, Guid evaluationId, Guid recommendationId, bool intoThisContract)
    {
        if (!await LoadAsync(id, evaluationId)) return NotFound();
        if (!CanEdit) return Forbid();
        var result = await drafts.DraftActionAsync(id, evaluationId, recommendationId, new RecommendationDraftInput { IntoThisContract = intoThisContract });
        if (!result.Succeeded)
        {
            if (result.Forbidden) return Forbid();
            if (result.NotFound) return NotFound();
            result.CopyTo(ModelState, "");
            return Page();
        }
        TempData["Flash"] = result.Value!.Created ? "La fiche action brouillon a été créée." : "Cette recommandation a déjà sa fiche action brouillon.";
        return RedirectToPage("/ActionPlan/Item", new { id = result.Value.ContractId, itemId = result.Value.PlanItemId });
    }

    private async Task<IActionResult> SubmitAsync<T>(Guid id, Guid evaluationId, T input, string prefix, Func<Task<CommandResult<Guid>>> command, string flash) where T : class
    {
        if (!await LoadAsync(id, evaluationId)) return NotFound();
        if (!CanEdit) return Forbid();
        if (!await TryUpdateModelAsync(input, prefix)) return Page();
        var result = await command();
        if (!result.Succeeded)
        {
            if (result.Forbidden) return Forbid();
            result.CopyTo(ModelState, prefix);
            return Page();
        }
        TempData["Flash"] = flash;
        return RedirectToPage("/Evaluation/Report", new { id, evaluationId });
    }

    private async Task<bool> LoadAsync(Guid id, Guid evaluationId)
    {
        if (!await LoadContractAsync(id) || await queries.ReportAsync(id, evaluationId, HttpContext.RequestAborted) is not { } report) return false;
        Report = report;
        Items = report.Actions.Select(a => new SelectListItem($"{a.Number}. {a.Title}", a.ItemId.ToString()));
        Organisations = await queries.OrganisationsAsync(id);
        if (CanEdit && report.Evaluation.Status is EvaluationStatus.Draft or EvaluationStatus.Validated)
            Sittings = await queries.SittingsAsync(id, report.Evaluation.Status == EvaluationStatus.Draft ? BodyKind.Restricted : BodyKind.Plenary);
        ViewData["Title"] = report.Evaluation.Title;
        ViewData["Breadcrumb"] = ContractCrumbs(new Crumb("Évaluation", Url.Page("/Evaluation/Index", new { id })), new Crumb(report.Evaluation.Title));
        return true;
    }
}
