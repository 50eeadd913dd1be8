namespace Vigie.Web.Features.Territories.Areas;

[ContractRequirement(ContractRole.Coordinator)]
public sealed class EditModel(ContractAccess access, AppDbContext db, AreaRules rules, Auditor auditor) : AreaFormPage(access, rules)
{
    private Area? _area;

    public async Task<IActionResult> OnGetAsync(Guid contractId, Guid id)
    {
        var denied = await LoadAsync(contractId, id);
        if (denied is not null) return denied;
        Input = new AreaForm { Kind = _area!.Kind, Name = _area.Name, Code = _area.Code, CommuneCode = _area.CommuneCode, GeoJson = _area.GeoJson, Version = _area.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid contractId, Guid id)
    {
        var denied = await LoadAsync(contractId, id);
        if (denied is not null) return denied;
        if (await CheckInputAsync(id) is not { } values) return Page();

        var area = _area!;
        if (await AreaRules.CheckVersionAsync(db, area, Input.Version, values) is { } conflict)
        {
            conflict.CopyTo(ModelState);
            return Page();
        }
        area.Kind = values.Kind;
        area.Name = values.Name;
        area.Code = values.Code;
        area.CommuneCode = values.CommuneCode;
        area.GeoJson = values.GeoJson;
        auditor.Record(AuditKinds.AreaUpdated, "Area", area.Id, contractId, new { kind = AreaRules.Slug(area.Kind), polygon = area.GeoJson is not null });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"Le secteur « {area.Name} » a été modifié.";
        return RedirectToPage("/Territories/Areas/Index", new { contractId });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid contractId, Guid id)
    {
        var denied = await LoadAsync(contractId, id);
        if (denied is not null) return denied;
        db.Areas.Remove(_area!);
        auditor.Record(AuditKinds.AreaDeleted, "Area", _area!.Id, contractId);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"Le secteur « {_area.Name} » a été supprimé.";
        return RedirectToPage("/Territories/Areas/Index", new { contractId });
    }

    private async Task<IActionResult?> LoadAsync(Guid contractId, Guid id)
    {
        if (await LoadContractAsync(contractId) is { } denied) return denied;
        _area = await db.Areas.FirstOrDefaultAsync(a => a.ContractId == contractId && a.Id == id);
        if (_area is null) return NotFound();
        ViewData["Title"] = $"Modifier le secteur {_area.Name}";
        return null;
    }
}
