namespace Vigie.Web.Features.Cases;

/// <summary>
/// The coordinator's register of a group's rights requests (§1.7): every request with its deadline and answer, late ones
/// flagged, including those of sheets since erased or purged (kept without any link to the person).
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class CaseRightsRegisterModel(ContractAccess access, CaseRights rights) : CasePageModel(access)
{
    public CaseRightsRegisterView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid groupId) => await LoadAsync(id, groupId) ?? Page();

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, Guid groupId, Guid requestId, DateOnly? answeredOn)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        var result = await rights.AnswerInRegisterAsync(id, groupId, requestId, new CaseRightsAnswerInput { AnsweredOn = answeredOn });
        if (!result.Succeeded) return Fail(result, "Answer");
        TempData["Flash"] = $"Réponse enregistrée au {Culture.Date(result.Value)}.";
        return RedirectToPage(new { id, groupId });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid groupId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        ViewData["Title"] = "Registre des demandes d'exercice des droits";
        var view = await rights.RegisterAsync(id, groupId);
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb(view.Succeeded ? view.Value!.GroupName : "Dispositif", Url.Page("/Cases/Group", new { id, groupId })),
            new Shared.Crumb("Demandes d'exercice des droits"));
        if (!view.Succeeded) return Fail(view);
        View = view.Value!;
        return null;
    }
}
