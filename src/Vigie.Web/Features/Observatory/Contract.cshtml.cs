namespace Vigie.Web.Features.Observatory;

/// <summary>The observatory of a contract's territory; scoped by ContractAccess (non-members get 404).</summary>
[ContractRequirement(Domain.ContractRole.Reader)]
public sealed class ContractModel(ObservatoryQueries queries, ContractAccess access) : ObservatoryPageModel(queries)
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public override string BasePath => Url.Page("/Observatory/Contract", new { id = Id })!;
    public override string IndicatorPath(string indicator) => Url.Page("/Observatory/ContractIndicator", new { id = Id, indicator })!;
    protected override Guid? ExportContractId => Id;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();
    public async Task<IActionResult> OnGetCsvAsync() => await LoadAsync() ?? await ExportAsync("csv");
    public async Task<IActionResult> OnGetXlsxAsync() => await LoadAsync() ?? await ExportAsync("xlsx");

    private async Task<IActionResult?> LoadAsync() => await LoadTableAsync(await Queries.ContractTerritoryAsync(access.Contracts, Id));
}
