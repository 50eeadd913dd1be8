namespace Vigie.Web.Features.Observatory;

public sealed class TerritoryModel(ObservatoryQueries queries) : ObservatoryPageModel(queries)
{
    [BindProperty(SupportsGet = true)] public string Kind { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public override string BasePath => Url.Page("/Observatory/Territory", new { kind = Kind, code = Code })!;
    public override string IndicatorPath(string indicator) => Url.Page("/Observatory/Indicator", new { kind = Kind, code = Code, indicator })!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();
    public async Task<IActionResult> OnGetCsvAsync() => await LoadAsync() ?? await ExportAsync("csv");
    public async Task<IActionResult> OnGetXlsxAsync() => await LoadAsync() ?? await ExportAsync("xlsx");

    private async Task<IActionResult?> LoadAsync()
    {
        if (!ObservatoryLevels.TryParse(Kind, out var level)) return NotFound();
        Kind = Kind.ToLowerInvariant();
        return await LoadTableAsync(await Queries.TerritoryAsync(level, Code));
    }
}
