namespace Vigie.Web.Features.Cases;

/// <summary>The charter in force (§1.8): the clauses as checkboxes; signing stores the date, the version and the institution (A1).</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class CharterModel(ContractAccess access, CaseQueries queries, CaseCommands commands) : CasePageModel(access)
{
    public CaseGroupDetail Group { get; private set; } = null!;
    public CaseMemberView? Me { get; private set; }
    public bool NeedsSignature => Me is { Status: CaseMemberStatus.Active } m && m.SignedCharterVersion != Group.CharterVersion;
    [BindProperty] public List<int> AcceptedClauses { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid groupId) => await LoadAsync(id, groupId) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid groupId)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        var result = await commands.SignCharterAsync(id, groupId, new CharterSignatureInput { AcceptedClauses = AcceptedClauses });
        if (!result.Succeeded)
        {
            if (result.NotFound || result.Forbidden) return Fail(result);
            foreach (var e in result.Errors.Values.SelectMany(m => m)) ModelState.AddModelError(nameof(AcceptedClauses), e);
            return Page();
        }
        TempData["Flash"] = $"Vous avez signé la version {result.Value} de la charte : vous accédez aux situations du dispositif selon votre besoin d'en connaître.";
        return RedirectToPage("/Cases/Group", new { id, groupId });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid groupId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var group = await queries.GroupAsync(id, groupId);
        if (group.NotFound) return NotFound();
        ViewData["Title"] = "Charte déontologique";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb(group.Succeeded ? group.Value!.Name : "Dispositif", Url.Page("/Cases/Group", new { id, groupId })), new Shared.Crumb("Charte"));
        if (!group.Succeeded) return Fail(group);
        Group = group.Value!;
        Me = Group.Members.FirstOrDefault(m => m.UserId == Viewer.UserId);
        return null;
    }
}
