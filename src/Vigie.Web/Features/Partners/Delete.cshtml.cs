namespace Vigie.Web.Features.Partners;

/// <summary>Hard delete, only for an organisation nothing refers to; otherwise the page offers to archive it.</summary>
public sealed class DeleteModel(AppDbContext db, Auditor auditor) : PageModel
{
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public int Users { get; private set; }
    public int Signatories { get; private set; }
    public bool IsReferenced => Users + Signatories > 0;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id);
        if (org is null) return NotFound();
        if (!PartnerRules.CanEdit(User, id)) return StatusCode(StatusCodes.Status403Forbidden);
        await LoadAsync(org);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id);
        if (org is null) return NotFound();
        if (!PartnerRules.CanEdit(User, id)) return StatusCode(StatusCodes.Status403Forbidden);
        await LoadAsync(org);
        if (IsReferenced)
        {
            TempData["FlashError"] = $"« {org.Name} » est référencée par des utilisateurs ou des contrats : elle ne peut pas être supprimée. Archivez-la plutôt.";
            return RedirectToPage("/Partners/Details", new { id });
        }

        db.Organisations.Remove(org); // contacts go with it (cascade)
        auditor.Record(AuditKinds.PartnerDeleted, nameof(Organisation), org.Id);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"L'organisation « {org.Name} » a été supprimée.";
        return RedirectToPage("/Partners/Index");
    }

    private async Task LoadAsync(Organisation org)
    {
        Id = org.Id;
        Name = org.Name;
        (Users, Signatories) = await PartnerRules.ReferencesAsync(db, org.Id);
        ViewData["Title"] = $"Supprimer « {org.Name} »";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Partenaires", Url.Page("/Partners/Index")), new(org.Name, Url.Page("/Partners/Details", new { id = org.Id })), new("Supprimer") };
    }
}
