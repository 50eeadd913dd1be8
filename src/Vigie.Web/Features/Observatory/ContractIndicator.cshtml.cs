namespace Vigie.Web.Features.Observatory;

[ContractRequirement(Domain.ContractRole.Reader)]
public sealed class ContractIndicatorModel(ObservatoryQueries queries, ContractAccess access) : ObservatoryChartModel(queries)
{
    private readonly ObservatoryQueries _queries = queries;
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string Indicator { get; set; } = "";
    public override string BackPath => Url.Page("/Observatory/Contract", new { id = Id })!;

    public async Task<IActionResult> OnGetAsync() => await LoadSeriesAsync(await _queries.ContractTerritoryAsync(access.Contracts, Id), Indicator) ?? Page();
    public async Task<IActionResult> OnGetSvgAsync() => await LoadSeriesAsync(await _queries.ContractTerritoryAsync(access.Contracts, Id), Indicator) ?? SvgFile();
}
