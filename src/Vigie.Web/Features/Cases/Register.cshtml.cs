namespace Vigie.Web.Features.Cases;

/// <summary>
/// The processing register entry (GDPR article 30) of the contract's confidential follow-up: controller, purpose, legal
/// basis, data, recipients, retention per group, security measures; the elimination slips; the anonymous aggregates
/// (cells under 5 suppressed), the only way this data leaves the groups (A6). Any member of the contract.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class CaseRegisterModel(ContractAccess access, CaseArchive archive) : CasePageModel(access)
{
    public CaseRegisterView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var view = await archive.RegisterAsync(id);
        if (!view.Succeeded) return NotFound();
        View = view.Value!;
        ViewData["Title"] = "Registre des traitements — suivi individuel";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb("Registre des traitements"));
        return Page();
    }
}
