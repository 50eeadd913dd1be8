using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// Routing zones of the contract and their history (valid from/to). The coordination adds a zone (sub-areas ticked
/// and/or a GeoJSON outline typed or pasted: the non-map way), replaces one (the current version ends) or ends one.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class ZonesModel(ContractAccess access, IncidentCategoryCatalog catalog, IncidentRouting routing, IncidentQueries queries, AppDbContext db, TimeProvider clock)
    : IncidentPageModel(access)
{
    public sealed class ZoneForm
    {
        public string? Category { get; set; }
        public Guid? OrganisationId { get; set; }
        public string? Name { get; set; }
        public List<Guid> AreaIds { get; set; } = [];
        public string? GeoJson { get; set; }
        public DateOnly? ValidFrom { get; set; }
        public Guid? Replaces { get; set; }
    }

    public sealed record ZoneLine(Guid Id, string Category, string Partner, string Name, IReadOnlyList<string> Areas, bool HasPolygon, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo);

    [BindProperty] public ZoneForm Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "remplacer")] public Guid? Replace { get; set; }
    public IReadOnlyList<ZoneLine> Zones { get; private set; } = [];
    public IReadOnlyList<SelectListItem> CategoryItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> PartnerItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> AreaItems { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Replace is { } old && Viewer.IsCoordinator)
        {
            var z = await db.RoutingZones.AsNoTracking().Include(x => x.Areas).Include(x => x.Category)
                .FirstOrDefaultAsync(x => x.ContractId == id && x.Id == old && (x.ValidTo == null || x.ValidTo > Now));
            if (z is null) return NotFound();
            Input = new ZoneForm { Category = z.Category!.Code, OrganisationId = z.OrganisationId, Name = z.Name, AreaIds = [.. z.Areas.Select(a => a.AreaId)], GeoJson = z.GeoJson, Replaces = z.Id };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Viewer.IsCoordinator) return Forbid();
        if (!ModelState.IsValid) return Page();
        DateTimeOffset? from = Input.ValidFrom is { } day ? IncidentQueries.StartOfDay(day) : null;
        var r = await routing.AddZoneAsync(id, Input.Category, Input.OrganisationId, Input.Name, Input.AreaIds, Input.GeoJson, from, Input.Replaces);
        if (r.NotFound) return NotFound();
        if (!r.Succeeded)
        {
            IncidentForms.CopyErrors(ModelState, r.Errors);
            return Page();
        }
        TempData["Flash"] = Input.Replaces is null ? $"La zone « {r.Value!.Name} » est enregistrée." : $"La zone « {r.Value!.Name} » est remplacée par sa nouvelle version.";
        return RedirectToPage("/Incidents/Zones", new { id });
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, Guid zoneId)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Viewer.IsCoordinator) return Forbid();
        if (!await routing.DeleteZoneAsync(id, zoneId)) return NotFound();
        TempData["Flash"] = "La zone ne route plus les nouveaux signalements ; elle reste dans l'historique.";
        return RedirectToPage("/Incidents/Zones", new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return false;
        Now = clock.GetUtcNow();
        var categories = await catalog.EnsureAsync(id);
        CategoryItems = [new SelectListItem("Choisir une catégorie", ""), .. categories.Where(c => !c.IsArchived).Select(c => new SelectListItem($"{c.Code} — {c.Name}", c.Code))];
        var partners = await queries.PartnersAsync(id);
        PartnerItems = [.. partners.Select(p => new SelectListItem(p.Name, p.Id.ToString()))];
        var areas = await db.Areas.AsNoTracking().Where(a => a.ContractId == id).OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync();
        AreaItems = [.. areas.Select(a => new SelectListItem(a.Name, a.Id.ToString()))];
        var names = areas.ToDictionary(a => a.Id, a => a.Name);
        var rows = await db.RoutingZones.AsNoTracking().Where(z => z.ContractId == id).OrderBy(z => z.Name).ThenBy(z => z.ValidFrom)
            .Select(z => new { z.Id, Category = z.Category!.Code, Partner = z.Organisation!.Name, z.Name, Areas = z.Areas.Select(a => a.AreaId).ToList(), HasPolygon = z.GeoJson != null, z.ValidFrom, z.ValidTo })
            .ToListAsync();
        Zones = [.. rows.Select(z => new ZoneLine(z.Id, z.Category, z.Partner, z.Name, [.. z.Areas.Select(a => names.GetValueOrDefault(a) ?? "?")], z.HasPolygon, z.ValidFrom, z.ValidTo))];
        ViewData["Title"] = "Zones de routage des signalements";
        ViewData["Breadcrumb"] = IncidentCrumbs(new Crumb("Zones de routage"));
        return true;
    }
}
