namespace Vigie.Web.Features.Observatory.PartnerSeries;

/// <summary>A contract's partner series, by year, one column per series (members only: values are not suppressed here).</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class PartnerSeriesIndexModel(ContractAccess access, PartnerSeriesQueries queries) : PageModel
{
    public Guid ContractId { get; private set; }
    public string ContractTitle { get; private set; } = "";
    public PartnerSeriesYearTable Table { get; private set; } = null!;
    public bool CanImport { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var contract = await access.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Id, c.Title }).FirstOrDefaultAsync(ct);
        if (contract is null) return NotFound();
        ContractId = contract.Id;
        ContractTitle = contract.Title;
        Table = await queries.YearTableAsync(id, ct);
        CanImport = await access.RoleInAsync(id) is ContractRole.Coordinator or ContractRole.PartnerMember;
        ViewData["Title"] = "Séries des partenaires";
        return Page();
    }
}
