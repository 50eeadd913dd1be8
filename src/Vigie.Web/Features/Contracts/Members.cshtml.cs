namespace Vigie.Web.Features.Contracts;

/// <summary>Who takes part in the contract and with which role; managed by its coordinators.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class MembersModel(ContractQueries queries, ContractCommands commands, ContractAccess access) : PageModel
{
    [BindProperty] public MemberInput Input { get; set; } = new();
    public ContractDetail Contract { get; private set; } = null!;
    public IReadOnlyList<MemberView> Members { get; private set; } = [];
    public bool IsCoordinator { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } stop) return stop;
        if (!IsCoordinator) return Forbid();
        if (!ModelState.IsValid) return Page();
        var result = await commands.AddMemberAsync(id, Input);
        if (result.Succeeded)
        {
            TempData["Flash"] = "Le membre a été ajouté.";
            return RedirectToPage("/Contracts/Members", new { id });
        }
        if (result.Forbidden)
        {
            ModelState.AddModelError("", result.ForbiddenReason ?? "Vous n'avez pas les droits nécessaires pour cette action.");
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        result.CopyTo(ModelState);
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, Guid membershipId, ContractRole? role, bool remove = false)
    {
        var result = await commands.ChangeMemberAsync(id, membershipId, remove ? null : role);
        if (result.NotFound) return NotFound();
        if (result.Forbidden && result.ForbiddenReason is null) return Forbid();
        if (result.Forbidden) TempData["FlashError"] = result.ForbiddenReason;
        else if (result.Succeeded) TempData["Flash"] = remove ? "Le membre a été retiré du contrat." : "Le rôle a été modifié.";
        else TempData["FlashError"] = string.Join(" ", result.Errors.Values.SelectMany(m => m));
        return RedirectToPage("/Contracts/Members", new { id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await queries.DetailAsync(id) is not { } contract || await queries.MembersAsync(id) is not { } members) return NotFound();
        Contract = contract;
        Members = members;
        IsCoordinator = await access.RoleInAsync(id) == ContractRole.Coordinator;
        ViewData["Title"] = "Membres du contrat";
        return null;
    }
}
