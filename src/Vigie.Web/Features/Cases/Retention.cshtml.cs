namespace Vigie.Web.Features.Cases;

/// <summary>
/// The coordinator's retention page of a group (§1.6, A10): durations, the sheets to be purged (by code, with freezes),
/// the archives (opened with a motive for 24 hours) and the elimination slips for the municipal archivist.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class CaseRetentionModel(ContractAccess access, CaseArchive archive) : CasePageModel(access)
{
    public CaseRetentionView View { get; private set; } = null!;
    public CaseRetentionInput Settings { get; set; } = new();
    public CaseFreezeInput Freeze { get; set; } = new();
    public CaseArchiveAccessInput Archive { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid groupId) => await LoadAsync(id, groupId) ?? Page();

    public async Task<IActionResult> OnPostSettingsAsync(Guid id, Guid groupId, [Bind(Prefix = "Settings")] CaseRetentionInput settings)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        Settings = settings;
        if (!ModelState.IsValid) return Page();
        var result = await archive.SetRetentionAsync(id, groupId, settings);
        if (!result.Succeeded) return Fail(result, "Settings");
        TempData["Flash"] = "Les durées de conservation sont enregistrées (et reportées au registre des traitements).";
        return RedirectToPage(new { id, groupId });
    }

    public async Task<IActionResult> OnPostFreezeAsync(Guid id, Guid groupId, Guid sheetId, [Bind(Prefix = "Freeze")] CaseFreezeInput freeze)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        var result = await archive.FreezeAsync(id, groupId, sheetId, freeze);
        if (!result.Succeeded) return Fail(result, "Freeze");
        TempData["Flash"] = freeze.Until is { } until ? $"Purge gelée jusqu'au {Culture.Date(until)}." : "Le gel est levé.";
        return RedirectToPage(new { id, groupId });
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, Guid groupId, Guid sheetId, [Bind(Prefix = "Archive")] CaseArchiveAccessInput archiveInput)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        Archive = archiveInput;
        if (!ModelState.IsValid) return Page();
        var result = await archive.OpenArchiveAsync(id, groupId, sheetId, archiveInput);
        if (!result.Succeeded) return Fail(result, "Archive");
        TempData["Flash"] = "Archive ouverte en lecture seule pour 24 heures ; chaque consultation est tracée.";
        return RedirectToPage("/Cases/Sheet", new { id, groupId, sheetId });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid groupId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        ViewData["Title"] = "Conservation et archives";
        var view = await archive.RetentionAsync(id, groupId);
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb(view.Succeeded ? view.Value!.GroupName : "Dispositif", Url.Page("/Cases/Group", new { id, groupId })),
            new Shared.Crumb("Conservation"));
        if (!view.Succeeded) return Fail(view);
        View = view.Value!;
        Settings = new CaseRetentionInput { ArchiveMonths = View.ArchiveMonths, NotRetainedMonths = View.NotRetainedMonths, AuditMonths = View.AuditMonths };
        return null;
    }
}
