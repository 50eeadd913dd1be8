namespace Vigie.Web.Features.Territories.Areas;

[ContractRequirement(ContractRole.Coordinator)]
public sealed class CreateModel(ContractAccess access, AppDbContext db, AreaRules rules, Auditor auditor) : AreaFormPage(access, rules)
{
    public async Task<IActionResult> OnGetAsync(Guid contractId) => await LoadAsync(contractId) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid contractId)
    {
        var denied = await LoadAsync(contractId);
        if (denied is not null) return denied;
        if (await CheckInputAsync(null) is not { } values) return Page();

        var area = new Area { ContractId = contractId, Kind = values.Kind, Name = values.Name, Code = values.Code, CommuneCode = values.CommuneCode, GeoJson = values.GeoJson };
        db.Areas.Add(area);
        auditor.Record(AuditKinds.AreaCreated, "Area", area.Id, contractId, new { kind = AreaRules.Slug(area.Kind), polygon = area.GeoJson is not null });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"Le secteur « {area.Name} » a été ajouté.";
        return RedirectToPage("/Territories/Areas/Index", new { contractId });
    }

    private async Task<IActionResult?> LoadAsync(Guid contractId)
    {
        if (await LoadContractAsync(contractId) is { } denied) return denied;
        ViewData["Title"] = "Ajouter un secteur";
        return null;
    }
}
