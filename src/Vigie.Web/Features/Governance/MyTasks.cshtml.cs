using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Web.Features.Governance;

/// <summary>"Mes tâches": tasks owned by the signed-in user or their organisation, across their contracts.</summary>
public sealed class MyTasksModel(GovernanceQueries queries, GovernanceCommands commands, ICurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "toutes")] public bool All { get; set; }
    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Tasks = await queries.MyTasksAsync(openOnly: !All);
        ViewData["Title"] = "Mes tâches";
        ViewData["Breadcrumb"] = new List<Shared.Crumb> { new("Mes tâches") };
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid contractId, Guid taskId, FollowUpStatus status, string? progress) =>
        await TaskUpdates.PostAsync(this, commands, contractId, taskId, status, progress, "/mes-taches");

    /// <summary>Shown only for the user's own tasks; the command still checks the role in the contract.</summary>
    public bool CanUpdate(TaskView t) => t.OwnerUserId == user.Id || (t.OwnerOrganisationId is { } o && o == user.OrganisationId);
}
