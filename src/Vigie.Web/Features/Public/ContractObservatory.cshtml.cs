using Vigie.Web.Features.Observatory;

namespace Vigie.Web.Features.Public;

/// <summary>Anonymous, read-only observatory of a published contract (404 when not published).</summary>
public sealed class ContractObservatoryModel(ObservatoryQueries queries, AppDbContext db) : ObservatoryPageModel(queries)
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public override string BasePath => Url.Page("/Public/ContractObservatory", new { id = Id })!;
    public override string IndicatorPath(string indicator) => Url.Page("/Public/ContractIndicator", new { id = Id, indicator })!;
    public override bool IsPublic => true;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();
    public async Task<IActionResult> OnGetCsvAsync() => await LoadAsync() ?? await ExportAsync("csv");
    public async Task<IActionResult> OnGetXlsxAsync() => await LoadAsync() ?? await ExportAsync("xlsx");

    private async Task<IActionResult?> LoadAsync() => await LoadTableAsync(await Queries.ContractTerritoryAsync(PublicContracts.Published(db), Id));
}
