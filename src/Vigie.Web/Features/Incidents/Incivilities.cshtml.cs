namespace Vigie.Web.Features.Incidents;

/// <summary>The incivilités series of a contract (issue 14 item 6): monthly counts by category group and by sub-area, beside the police figures.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class IncivilitiesModel(ContractAccess access, IncidentSeries series, TimeProvider clock) : IncidentPageModel(access)
{
    [BindProperty(SupportsGet = true, Name = "du")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public DateOnly? To { get; set; }

    public IncidentSeries.IncidentSeriesTable Table { get; private set; } = null!;

    /// <summary>The sub-areas' totals over the period, by group.</summary>
    public IReadOnlyList<(string Area, IReadOnlyDictionary<string, int> ByGroup, int Total)> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var today = Culture.ParisDate(clock.GetUtcNow());
        var to = To ?? today;
        var from = From ?? new DateOnly(to.Year, to.Month, 1).AddMonths(-11);
        if (from > to || from < to.AddYears(-10)) (from, to) = (new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today);
        (From, To) = (from, to);
        Table = await series.MonthlyAsync(id, from, to);
        Areas = Table.Points.GroupBy(p => p.Area ?? "Hors secteur")
            .Select(g => (g.Key, (IReadOnlyDictionary<string, int>)g.GroupBy(p => p.Group).ToDictionary(x => x.Key, x => x.Sum(p => p.Count)), g.Sum(p => p.Count)))
            .OrderByDescending(a => a.Item3).ToList();
        ViewData["Title"] = "Incivilités signalées";
        ViewData["Breadcrumb"] = IncidentCrumbs(new Crumb("Incivilités (série mensuelle)"));
        return Page();
    }
}
