namespace Vigie.Web.Features.Observatory.PartnerSeries;

/// <summary>The CSV template (UTF-8 with BOM, « ; »), with examples on one of the contract's communes.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class PartnerSeriesTemplateModel(ContractAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var contract = await access.Contracts.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                Commune = c.Territories.Where(t => t.Territory!.Kind == TerritoryKind.Commune).OrderBy(t => t.Territory!.Code).Select(t => t.Territory!.Code).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (contract is null) return NotFound();
        return File(PartnerSeriesImporter.Template(contract.Commune), "text/csv; charset=utf-8", "modele-series-partenaires.csv");
    }
}
