namespace Vigie.Web.Features.Territories.Areas;

[ContractRequirement(ContractRole.Coordinator)]
public sealed class EditModel(ContractAccess access, AppDbContext db, AreaRules rules, Auditor auditor) : PageModel
{
    [BindProperty] public AreaForm Input { get; set; } = new();
    public Guid ContractId { get; private set; }
    public string ContractTitle { get; private set; } = "";
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
        if (!ModelState.IsValid || !await Input.ReadFileAsync(ModelState)) return Page();

        var (values, errors) = await rules.CheckAsync(contractId, id, Input.Kind, Input.Name, Input.Code, Input.CommuneCode, Input.GeoJson);
        if (values is null)
        {
            AreaForm.AddErrors(ModelState, errors);
            return Page();
        }
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
        var title = await access.Contracts.Where(c => c.Id == contractId).Select(c => c.Title).FirstOrDefaultAsync();
        if (title is null) return NotFound();
        if (await access.RoleInAsync(contractId) != ContractRole.Coordinator) return Forbid();
        _area = await db.Areas.FirstOrDefaultAsync(a => a.ContractId == contractId && a.Id == id);
        if (_area is null) return NotFound();
        ContractId = contractId;
        ContractTitle = title;
        ViewData["Title"] = $"Modifier le secteur {_area.Name}";
        return null;
    }
}
