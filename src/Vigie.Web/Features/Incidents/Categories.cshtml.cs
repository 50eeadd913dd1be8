namespace Vigie.Web.Features.Incidents;

/// <summary>The contract's incident categories (code, group, visibility, SLA, pilot, secondary partners); the coordination edits them.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class CategoriesModel(ContractAccess access, IncidentCategoryCatalog catalog, AppDbContext db) : IncidentPageModel(access)
{
    public IReadOnlyList<IncidentCategory> Categories { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        Categories = [.. (await catalog.EnsureAsync(id)).Where(c => !c.IsArchived)];
        await db.IncidentCategoryPartners.Where(p => p.ContractId == id).LoadAsync(); // fills each category's Partners
        var ids = Categories.SelectMany(c => c.Partners.Select(p => p.OrganisationId).Append(c.PilotOrganisationId ?? Guid.Empty)).Distinct().ToList();
        Names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        ViewData["Title"] = "Catégories de signalements";
        ViewData["Breadcrumb"] = IncidentCrumbs(new Crumb("Catégories"));
        return Page();
    }
}
