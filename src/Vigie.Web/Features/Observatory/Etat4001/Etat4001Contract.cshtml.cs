using Vigie.Web.Features.Territories;

namespace Vigie.Web.Features.Observatory.Etat4001;

/// <summary>État 4001 services attached to the communes of a contract, with their yearly totals.</summary>
[ContractRequirement(Domain.ContractRole.Reader)]
public sealed class Etat4001ContractModel(ContractAccess access, Etat4001Queries queries, ContractCoverage coverage) : PageModel
{
    public Guid ContractId { get; private set; }
    public string ContractTitle { get; private set; } = "";
    public Etat4001ContractTable Table { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var contract = await access.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Id, c.Title }).FirstOrDefaultAsync(ct);
        if (contract is null) return NotFound();
        ContractId = contract.Id;
        ContractTitle = contract.Title;
        var communes = (await coverage.OfContractAsync(id, ct)).Communes;
        Table = await queries.ForCommunesAsync(communes, ct);
        ViewData["Title"] = "État 4001 du contrat";
        return Page();
    }
}
