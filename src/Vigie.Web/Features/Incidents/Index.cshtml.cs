namespace Vigie.Web.Features.Incidents;

/// <summary>A contract's incidents: filters, a Leaflet map (points grouped when close) and the table alternative with the same filters, GeoJSON export.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class IndexModel(ContractAccess access, IncidentQueries queries, IncidentCategoryCatalog categories, AppDbContext db, TimeProvider clock,
    IncidentExport export)
    : IncidentPageModel(access)
{
    /// <summary>Rows shown in the page's table; the map and the export take up to <see cref="IncidentQueries.MaxRows"/>.</summary>
    public const int TableRows = 500;

    [BindProperty(SupportsGet = true, Name = "categorie")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "statut")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "partenaire")] public Guid? Partner { get; set; }
    [BindProperty(SupportsGet = true, Name = "du")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "secteur")] public Guid? Area { get; set; }

    public IReadOnlyList<IncidentCategory> Categories { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Areas { get; private set; } = [];
    public IncidentQueries.ListResult Result { get; private set; } = new([], 0, false);
    public IReadOnlyList<IncidentQueries.HotSpot> HotSpots { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    private IncidentFilter Filter => new(Category, Status, Partner, From, To, Area);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        Now = clock.GetUtcNow();
        Categories = await categories.EnsureAsync(id);
        Partners = await queries.PartnersAsync(id);
        Areas = (await db.Areas.AsNoTracking().Where(a => a.ContractId == id).OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync())
            .Select(a => (a.Id, a.Name)).ToList();
        Result = await queries.ListAsync(id, Filter, TableRows);
        HotSpots = await queries.HotSpotsAsync(id, Now);
        ViewData["Title"] = "Signalements";
        ViewData["Breadcrumb"] = Crumbs(new Crumb("Signalements"));
        return Page();
    }

    /// <summary>The map's data: the filtered incidents' points as compact GeoJSON (number, category, state; no text).</summary>
    public async Task<IActionResult> OnGetCarteAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var points = await queries.MapAsync(id, Filter);
        return Content(IncidentGeoJson.WriteMap(points, await categories.EnsureAsync(id), clock.GetUtcNow()), "application/geo+json; charset=utf-8");
    }

    /// <summary>The same data as a file (members' export, audited).</summary>
    public async Task<IActionResult> OnGetGeoJsonAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var rows = await HttpContext.RequestServices.GetRequiredService<IncidentExport>().RowsThatMayLeaveAsync(id, Filter);
        await HttpContext.AuditReadAsync(AuditKinds.IncidentsExported, "Contract", id, id, new { count = rows.Count, format = "geojson" });
        var bytes = System.Text.Encoding.UTF8.GetBytes(IncidentGeoJson.Write(rows, clock.GetUtcNow()));
        return File(bytes, "application/geo+json", $"signalements-{DateTime.UtcNow:yyyyMMdd}.geojson");
    }

    /// <summary>The filtered incidents as CSV or XLSX (members' export through <see cref="IncidentExport"/>, audited).</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id, string? format)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var file = await export.BuildAsync(id, Filter, format);
        await HttpContext.AuditReadAsync(AuditKinds.IncidentsExported, "Contract", id, id, new { count = file.Rows, format = file.Format });
        return File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>The current filters as route values (for the map source, the export and the links).</summary>
    public Dictionary<string, string?> FilterRoute() => new()
    {
        ["id"] = ContractId.ToString(), ["categorie"] = Category, ["statut"] = Status, ["partenaire"] = Partner?.ToString(),
        ["du"] = From?.ToString("yyyy-MM-dd"), ["au"] = To?.ToString("yyyy-MM-dd"), ["secteur"] = Area?.ToString(),
    };
}
