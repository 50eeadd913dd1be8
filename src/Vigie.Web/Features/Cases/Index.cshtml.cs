using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Cases;

/// <summary>The contract's follow-up groups the user belongs to (all of them for a coordinator of the contract), and the form creating one.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class IndexModel(ContractAccess access, CaseQueries queries, CaseCommands commands, AppDbContext db, ICurrentUser user) : CasePageModel(access)
{
    public IReadOnlyList<CaseGroupSummary> Groups { get; private set; } = [];
    public CaseGroupInput Input { get; set; } = new();
    public List<SelectListItem> Bodies { get; private set; } = [];
    public List<SelectListItem> Users { get; private set; } = [];
    public bool CanCreate => Viewer.IsCoordinatorMember;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, [Bind(Prefix = "Input")] CaseGroupInput input)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = input;
        if (!ModelState.IsValid) return Page();
        var result = await commands.CreateGroupAsync(id, input);
        if (!result.Succeeded) return Fail(result);
        TempData["Flash"] = $"Le dispositif « {input.Name!.Trim()} » a été créé. Signez sa charte déontologique pour y accéder.";
        return RedirectToPage("/Cases/Group", new { id, groupId = result.Value });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return false;
        Groups = await queries.GroupsAsync(id, user.Id) ?? [];
        if (CanCreate)
        {
            Bodies = await db.Bodies.Where(b => b.ContractId == id && !b.IsArchived && b.Kind != BodyKind.Plenary && b.Kind != BodyKind.Restricted)
                .OrderBy(b => b.Name).Select(b => new SelectListItem(b.Name, b.Id.ToString())).ToListAsync();
            Users = await db.Memberships.Where(m => m.ContractId == id).OrderBy(m => m.User!.FullName)
                .Select(m => new SelectListItem(m.User!.FullName, m.UserId.ToString())).ToListAsync();
        }
        ViewData["Title"] = "Suivi individuel confidentiel";
        ViewData["Breadcrumb"] = Crumbs();
        return true;
    }
}
