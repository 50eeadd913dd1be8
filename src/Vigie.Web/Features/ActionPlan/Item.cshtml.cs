namespace Vigie.Web.Features.ActionPlan;

/// <summary>The fiche action: every field, commitments, milestones, budget, indicators, comments and history.</summary>
[Infrastructure.ContractRequirement(Domain.ContractRole.Reader)]
public sealed class ItemModel(PlanQueries queries, PlanItemCommands commands, MilestoneCommands milestones, IndicatorCommands indicators, PlanSettingsCommands comments, Declassification declassification) : PageModel
{
    [BindProperty] public VisibilityInput Visibility { get; set; } = new();
    public IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> VisibilityOptions =>
        Enum.GetValues<Domain.MinutesVisibility>().Select(v => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(Governance.GovernanceLabels.Visibility(v), v.ToString()));

    /// <summary>Raise, or declassify after the warning (audited): <see cref="Declassification"/>.</summary>
    public async Task<IActionResult> OnPostVisibilityAsync(Guid id, Guid itemId)
    {
        ModelState.Clear();
        if (!TryValidateModel(Visibility, nameof(Visibility))) return await LoadAsync(id, itemId) ?? Page();
        var r = await declassification.SetPlanItemVisibilityAsync(id, itemId, Visibility);
        if (!r.Succeeded && !r.NotFound && !r.Forbidden) { r.CopyTo(ModelState, nameof(Visibility)); return await LoadAsync(id, itemId) ?? Page(); }
        return Done(r, id, itemId, "La visibilité de l'élément a été modifiée.");
    }

    public ItemDetail Detail { get; private set; } = null!;
    public IReadOnlyList<ChangeView> History { get; private set; } = [];
    public IReadOnlyList<CommentView> Comments { get; private set; } = [];
    [BindProperty] public CommentInput Comment { get; set; } = new();
    [BindProperty] public IndicatorValueInput Value { get; set; } = new();
    /// <summary>The version of the milestone the "done"/"reopen" button was shown with (ADR 0019).</summary>
    [BindProperty] public MilestoneDoneInput MilestoneDone { get; set; } = new();
    /// <summary>The indicator whose quick value form was posted and refused: its form shows the input again.</summary>
    public Guid? PostedIndicatorId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid itemId) => await LoadAsync(id, itemId) ?? Page();

    public async Task<IActionResult> OnGetPdfAsync(Guid id, Guid itemId)
    {
        if (await queries.ItemAsync(id, itemId) is not { } d) return NotFound();
        await Infrastructure.ReadAuditExtensions.AuditReadAsync(HttpContext, Infrastructure.AuditKinds.ExportDownloaded, "PlanItem", itemId, id, new { what = "plan-item", format = "pdf" });
        return File(PlanPdf.Fiche(d), "application/pdf", $"fiche-action-{d.Row.Number}.pdf");
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid id, Guid itemId, Guid milestoneId) =>
        Done(await milestones.SetMilestoneDoneAsync(id, itemId, milestoneId, queries.Today, MilestoneDone.Version), id, itemId, "Le jalon est marqué réalisé.");

    public async Task<IActionResult> OnPostReopenAsync(Guid id, Guid itemId, Guid milestoneId) =>
        Done(await milestones.SetMilestoneDoneAsync(id, itemId, milestoneId, null, MilestoneDone.Version), id, itemId, "Le jalon est de nouveau à réaliser.");

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid itemId)
    {
        var r = await commands.DeleteItemAsync(id, itemId);
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        TempData["Flash"] = "L'élément et tout ce qu'il contenait ont été supprimés.";
        return RedirectToPage("/ActionPlan/Index", new { id });
    }

    public async Task<IActionResult> OnPostCommentAsync(Guid id, Guid itemId)
    {
        ModelState.Clear();
        if (!TryValidateModel(Comment, nameof(Comment))) return await LoadAsync(id, itemId) ?? Page();
        var r = await comments.AddCommentAsync(id, itemId, Comment);
        if (!r.Succeeded && !r.NotFound && !r.Forbidden) { r.CopyTo(ModelState, nameof(Comment)); return await LoadAsync(id, itemId) ?? Page(); }
        return Done(r, id, itemId, "Le commentaire a été ajouté.");
    }

    public async Task<IActionResult> OnPostValueAsync(Guid id, Guid itemId, Guid indicatorId)
    {
        ModelState.Clear();
        PostedIndicatorId = indicatorId;
        if (!TryValidateModel(Value, nameof(Value))) return await LoadAsync(id, itemId) ?? Page();
        var r = await indicators.SaveIndicatorValueAsync(id, itemId, indicatorId, Value);
        if (!r.Succeeded && !r.NotFound && !r.Forbidden) { r.CopyTo(ModelState, nameof(Value)); return await LoadAsync(id, itemId) ?? Page(); }
        return Done(r, id, itemId, "La valeur a été enregistrée.");
    }

    private IActionResult Done(CommandResult<Guid> r, Guid id, Guid itemId, string flash)
    {
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        if (!r.Succeeded) TempData["FlashError"] = r.Conflict?.Message ?? string.Join(" ", r.Errors.Values.SelectMany(m => m));
        else TempData["Flash"] = flash;
        return RedirectToPage("/ActionPlan/Item", new { id, itemId });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid itemId)
    {
        if (await queries.ItemAsync(id, itemId) is not { } d) return NotFound();
        Detail = d;
        Visibility.Visibility ??= d.Row.Visibility;
        History = await queries.HistoryAsync(id, itemId) ?? [];
        Comments = await queries.CommentsAsync(id, itemId);
        ViewData["Title"] = $"{d.Row.Number} {d.Row.Title}";
        return null;
    }
}
