namespace Vigie.Web.Features.Governance;

/// <summary>"Mes tâches": tasks owned by the signed-in user or their organisation, across their contracts.</summary>
public sealed class MyTasksModel(GovernanceQueries queries, GovernanceCommands commands, ICurrentUser user, Data.AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "toutes")] public bool All { get; set; }
    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];
    private Dictionary<Guid, ContractRole> roles = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Tasks = await queries.MyTasksAsync(openOnly: !All);
        var uid = user.Id ?? Guid.Empty;
        roles = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(db.Memberships.Where(m => m.UserId == uid), m => m.ContractId, m => m.Role);
        ViewData["Title"] = "Mes tâches";
        ViewData["Breadcrumb"] = new List<Shared.Crumb> { new("Mes tâches") };
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid contractId, Guid taskId, FollowUpStatus status, string? progress, int? version) =>
        await TaskUpdates.PostAsync(this, commands, contractId, taskId, status, progress, version, Url.Page("/Governance/MyTasks")!);

    /// <summary>Shown for tasks the user may update (partner member owning it, or coordinator); the command checks again.</summary>
    public bool CanUpdate(TaskView t) => roles.GetValueOrDefault(t.ContractId) switch
    {
        ContractRole.Coordinator => true,
        ContractRole.PartnerMember => t.OwnerUserId == user.Id || (t.OwnerOrganisationId is { } o && o == user.OrganisationId),
        _ => false,
    };
}
