using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Observatory.PartnerSeries;

/// <summary>
/// Upload of a partner CSV: coordinators for any partner of the contract, partner members for their own
/// organisation's series. All or nothing, with every error listed by line and column.
/// </summary>
[ContractRequirement(ContractRole.PartnerMember)]
public sealed class PartnerSeriesImportModel(ContractAccess access, AppDbContext db, ICurrentUser user, PartnerSeriesImporter importer) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public Guid? OrganisationId { get; set; }
    public Guid ContractId { get; private set; }
    public string ContractTitle { get; private set; } = "";
    public IReadOnlyList<SelectListItem> Organisations { get; private set; } = [];
    public IReadOnlyList<PartnerSeriesLineError> LineErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id) is { } stop) return stop;
        var organisation = OrganisationId ?? user.OrganisationId;
        if (organisation is null)
            ModelState.AddModelError(nameof(OrganisationId), "Choisissez l'organisation partenaire propriétaire des séries.");
        else if (!await access.CanEditOwnedByAsync(id, organisation.Value))
            return Forbid();
        if (Upload is null || Upload.Length == 0)
            ModelState.AddModelError(nameof(Upload), "Choisissez un fichier CSV au format du modèle.");
        if (!ModelState.IsValid) return Page();

        await using var stream = Upload!.OpenReadStream();
        var report = await importer.ImportAsync(id, organisation!.Value, stream, ct);
        if (!report.Succeeded)
        {
            LineErrors = report.Errors;
            ModelState.AddModelError(nameof(Upload), $"Import annulé, aucune donnée n'a été enregistrée : {report.Errors.Count} erreur(s) dans le fichier (détail ci-dessous).");
            return Page();
        }
        TempData["Flash"] = $"Séries importées : {report.Lines} ligne(s), {report.SeriesCreated} série(s) créée(s), {report.Inserted} valeur(s) ajoutée(s), "
                            + $"{report.Updated} modifiée(s), {report.Unchanged} inchangée(s).";
        return RedirectToPage("/Observatory/PartnerSeries/PartnerSeriesIndex", new { id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var contract = await access.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Id, c.Title }).FirstOrDefaultAsync();
        if (contract is null) return NotFound();
        var role = await access.RoleInAsync(id);
        if (role is not (ContractRole.Coordinator or ContractRole.PartnerMember)) return Forbid();
        ContractId = contract.Id;
        ContractTitle = contract.Title;
        ViewData["Title"] = "Importer des séries de partenaires";
        if (role == ContractRole.Coordinator)
        {
            // The partners of the contract: its signatories and its members' organisations.
            var memberOrgs = db.Memberships.Where(m => m.ContractId == id).Select(m => m.User!.OrganisationId);
            var signatoryOrgs = db.Signatories.Where(s => s.ContractId == id).Select(s => s.OrganisationId);
            Organisations = await db.Organisations.AsNoTracking()
                .Where(o => memberOrgs.Contains(o.Id) || signatoryOrgs.Contains(o.Id) || o.Id == user.OrganisationId)
                .OrderBy(o => o.Name).Select(o => new SelectListItem(o.Name, o.Id.ToString())).ToListAsync();
        }
        else
        {
            Organisations = await db.Organisations.AsNoTracking().Where(o => o.Id == user.OrganisationId)
                .Select(o => new SelectListItem(o.Name, o.Id.ToString())).ToListAsync();
        }
        return null;
    }
}
