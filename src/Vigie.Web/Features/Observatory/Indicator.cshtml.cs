namespace Vigie.Web.Features.Observatory;

public sealed class IndicatorModel(ObservatoryQueries queries) : ObservatoryChartModel(queries)
{
    private readonly ObservatoryQueries _queries = queries;
    [BindProperty(SupportsGet = true)] public string Kind { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Indicator { get; set; } = "";
    public override string BackPath => Url.Page("/Observatory/Territory", new { kind = Kind, code = Code })!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();
    public async Task<IActionResult> OnGetSvgAsync() => await LoadAsync() ?? SvgFile();

    private async Task<IActionResult?> LoadAsync()
    {
        if (!ObservatoryLevels.TryParse(Kind, out var level)) return NotFound();
        return await LoadSeriesAsync(await _queries.TerritoryAsync(level, Code), Indicator);
    }
}
