namespace Vigie.Web.Features.Governance;

/// <summary>Follow-up tasks of a contract visible to the viewer; coordinators and owners update them.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class TasksModel(ContractAccess access, GovernanceAccess governance, GovernanceQueries queries, GovernanceCommands commands,
    Shared.Declassification declassification)
    : GovernancePageModel(access, governance)
{
    [BindProperty(SupportsGet = true, Name = "toutes")] public bool All { get; set; }
    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        Tasks = await queries.TasksAsync(id, openOnly: !All) ?? [];
        ViewData["Title"] = "Tâches de suivi";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb("Tâches de suivi"));
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, Guid taskId, FollowUpStatus status, string? progress, int? version) =>
        await TaskUpdates.PostAsync(this, commands, id, taskId, status, progress, version, Url.Page("/Governance/Tasks", new { id })!);

    /// <summary>Raises, or declassifies after the warning (audited), the visibility of one task: <see cref="Shared.Declassification"/>.</summary>
    public async Task<IActionResult> OnPostVisibilityAsync(Guid id, Guid taskId, MinutesVisibility visibility, bool confirm)
    {
        var r = await declassification.SetTaskVisibilityAsync(id, taskId, new Shared.VisibilityInput { Visibility = visibility, Confirm = confirm });
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        if (r.Succeeded) TempData["Flash"] = $"La visibilité de la tâche est désormais : {GovernanceLabels.Visibility(visibility)}.";
        else TempData["FlashError"] = string.Join(" ", r.Errors.Values.SelectMany(m => m));
        return RedirectToPage("/Governance/Tasks", new { id });
    }

    public bool CanUpdate(TaskView t) =>
        Viewer.IsCoordinator || (Viewer.Role == ContractRole.PartnerMember && (t.OwnerUserId == Viewer.UserId || (t.OwnerOrganisationId is { } o && o == Viewer.OrganisationId)));
}
