namespace Vigie.Web.Features.Territories.Areas;

[ContractRequirement(ContractRole.Coordinator)]
public sealed class CreateModel(ContractAccess access, AppDbContext db, AreaRules rules, Auditor auditor) : PageModel
{
    [BindProperty] public AreaForm Input { get; set; } = new();
    public Guid ContractId { get; private set; }
    public string ContractTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid contractId) => await LoadAsync(contractId) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid contractId)
    {
        var denied = await LoadAsync(contractId);
        if (denied is not null) return denied;
        if (!ModelState.IsValid || !await Input.ReadFileAsync(ModelState)) return Page();

        var (values, errors) = await rules.CheckAsync(contractId, null, Input.Kind, Input.Name, Input.Code, Input.CommuneCode, Input.GeoJson);
        if (values is null)
        {
            AreaForm.AddErrors(ModelState, errors);
            return Page();
        }
        var area = new Area { ContractId = contractId, Kind = values.Kind, Name = values.Name, Code = values.Code, CommuneCode = values.CommuneCode, GeoJson = values.GeoJson };
        db.Areas.Add(area);
        auditor.Record(AuditKinds.AreaCreated, "Area", area.Id, contractId, new { kind = AreaRules.Slug(area.Kind), polygon = area.GeoJson is not null });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"Le secteur « {area.Name} » a été ajouté.";
        return RedirectToPage("/Territories/Areas/Index", new { contractId });
    }

    /// <summary>Load → authorize: unknown or invisible contract → 404; not coordinator → 403.</summary>
    private async Task<IActionResult?> LoadAsync(Guid contractId)
    {
        var title = await access.Contracts.Where(c => c.Id == contractId).Select(c => c.Title).FirstOrDefaultAsync();
        if (title is null) return NotFound();
        if (await access.RoleInAsync(contractId) != ContractRole.Coordinator) return Forbid();
        ContractId = contractId;
        ContractTitle = title;
        ViewData["Title"] = "Ajouter un secteur";
        return null;
    }
}
