using Vigie.Web.Features.Observatory;

namespace Vigie.Web.Features.Public;

public sealed class ContractIndicatorModel(ObservatoryQueries queries, AppDbContext db) : ObservatoryChartModel(queries)
{
    private readonly ObservatoryQueries _queries = queries;
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string Indicator { get; set; } = "";
    public override string BackPath => Url.Page("/Public/ContractObservatory", new { id = Id })!;
    public override bool IsPublic => true;

    public async Task<IActionResult> OnGetAsync() => await LoadSeriesAsync(await _queries.ContractTerritoryAsync(PublicContracts.Published(db), Id), Indicator) ?? Page();
    public async Task<IActionResult> OnGetSvgAsync() => await LoadSeriesAsync(await _queries.ContractTerritoryAsync(PublicContracts.Published(db), Id), Indicator) ?? SvgFile();
}
