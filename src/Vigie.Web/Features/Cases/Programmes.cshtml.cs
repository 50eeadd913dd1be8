namespace Vigie.Web.Features.Cases;

/// <summary>
/// The contract's programmes (§1.2): listed to any member of the contract, kept by its coordinators (add, rename, archive,
/// delete while unused), each change with the programme's version (ADR 0019).
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class CaseProgrammesModel(ContractAccess access, CaseProgrammeService programmes) : CasePageModel(access)
{
    public IReadOnlyList<CaseProgrammeDto> List { get; private set; } = [];
    public bool CanEdit => Viewer.IsCoordinatorMember;
    public CaseProgrammeInput Input { get; set; } = new();
    /// <summary>The row whose change was refused, shown again with the person's input and the current version.</summary>
    public Guid? EditedId { get; private set; }
    public CaseProgrammeInput Edit { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, [Bind(Prefix = "Input")] CaseProgrammeInput input)
    {
        if (await LoadAsync(id) is { } failed) return failed;
        Input = input;
        if (!ModelState.IsValid) return Page();
        var result = await programmes.CreateAsync(id, input);
        if (!result.Succeeded) return Fail(result);
        TempData["Flash"] = $"Le programme « {input.Label!.Trim()} » est ajouté : il est proposé sur les fiches.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEditAsync(Guid id, Guid programmeId, [Bind(Prefix = "Edit")] CaseProgrammeInput edit)
    {
        if (await LoadAsync(id) is { } failed) return failed;
        (EditedId, Edit) = (programmeId, edit);
        if (!ModelState.IsValid) return Page();
        var result = await programmes.UpdateAsync(id, programmeId, edit);
        if (result.Conflict is { } conflict) Edit.Version = conflict.CurrentVersion;
        if (!result.Succeeded) return Fail(result, "Edit");
        TempData["Flash"] = edit.Archived ? "Le programme est archivé : il n'est plus proposé sur les fiches, qui le gardent." : "Le programme est enregistré.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid programmeId)
    {
        if (await LoadAsync(id) is { } failed) return failed;
        var result = await programmes.DeleteAsync(id, programmeId);
        if (!result.Succeeded) return Fail(result, "");
        TempData["Flash"] = "Le programme est supprimé.";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        ViewData["Title"] = "Programmes du suivi individuel";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb("Programmes"));
        var list = await programmes.ListAsync(id);
        if (!list.Succeeded) return NotFound();
        List = list.Value!;
        return null;
    }
}
