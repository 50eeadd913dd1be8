namespace Vigie.Web.Features.Cases;

/// <summary>
/// The controller and DPO named by the collective notice (§1.7), edited by a coordinator of the contract, with the
/// version check of ADR 0019; the notice itself is published on the contract's public page (<c>/Public/CaseNotice</c>).
/// Any member reaches the door; others than the contract's coordinators get the module's 403 with its reason.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class CaseNoticeSettingsModel(ContractAccess access, CaseNoticeService notice, AppDbContext db) : CasePageModel(access)
{
    public CaseNoticeSettingsInput Input { get; set; } = new();
    public bool IsPublished { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } failed) return failed;
        var current = await notice.GetAsync(id);
        if (!current.Succeeded) return Fail(current);
        var s = current.Value!;
        Input = new CaseNoticeSettingsInput { ControllerName = s.ControllerName, ControllerAddress = s.ControllerAddress, DpoName = s.DpoName, DpoContact = s.DpoContact, Version = s.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [Bind(Prefix = "Input")] CaseNoticeSettingsInput input)
    {
        if (await LoadAsync(id) is { } failed) return failed;
        Input = input;
        if (!ModelState.IsValid) return Page();
        var result = await notice.SaveAsync(id, input);
        if (!result.Succeeded) return Fail(result);
        TempData["Flash"] = "Le responsable du traitement et le délégué à la protection des données sont enregistrés ; l'information collective publique est à jour.";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        IsPublished = await db.Contracts.AnyAsync(c => c.Id == id && c.IsPublished);
        ViewData["Title"] = "Information collective des personnes";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb("Information collective"));
        return null;
    }
}
