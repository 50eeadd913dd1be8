namespace Vigie.Web.Features.Partners;

public sealed class DetailsModel(AppDbContext db, Auditor auditor, PartnerAccess partners) : PageModel
{
    public sealed record View(Guid Id, string Name, PartnerType Type, string? Siren, string? Address, string? Email, string? Phone,
        string? Website, string? TerritoryCode, string? TerritoryName, bool IsArchived, int Users, int Signatories);
    public sealed record ContactRow(Guid Id, string FullName, string? Position, string? Email, string? Phone, bool IsRepresentative);

    public View Organisation { get; private set; } = null!;
    public IReadOnlyList<ContactRow> Contacts { get; private set; } = [];
    public bool CanEdit { get; private set; }
    /// <summary>Contacts are personal data (see <see cref="PartnerAccess"/>): not listed for a user with no tie to the organisation.</summary>
    public bool CanReadContacts { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var view = await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new View(o.Id, o.Name, o.Type, o.Siren, o.Address, o.Email, o.Phone, o.Website, o.TerritoryCode,
                db.Territories.Where(t => t.Code == o.TerritoryCode).Select(t => t.Name).FirstOrDefault(),
                o.IsArchived, db.Users.Count(u => u.OrganisationId == o.Id), db.Signatories.Count(s => s.OrganisationId == o.Id)))
            .FirstOrDefaultAsync();
        if (view is null) return NotFound();
        Organisation = view;
        CanEdit = PartnerRules.CanEdit(User, id);
        CanReadContacts = await partners.CanReadContactsAsync(User, id, HttpContext.RequestAborted);
        if (CanReadContacts)
            Contacts = await db.Contacts.AsNoTracking().Where(c => c.OrganisationId == id)
            .OrderByDescending(c => c.IsRepresentative).ThenBy(c => c.FullName)
            .Select(c => new ContactRow(c.Id, c.FullName, c.Position, c.Email, c.Phone, c.IsRepresentative)).ToListAsync();
        if (Contacts.Count > 0) await HttpContext.AuditReadAsync(AuditKinds.OrganisationContactsRead, "Organisation", id, data: new { contacts = Contacts.Count });
        ViewData["Title"] = view.Name;
        ViewData["Breadcrumb"] = new List<Crumb> { new("Partenaires", Url.Page("/Partners/Index")), new(view.Name) };
        return Page();
    }

    public Task<IActionResult> OnPostArchiveAsync(Guid id) => SetArchivedAsync(id, true);

    public Task<IActionResult> OnPostUnarchiveAsync(Guid id) => SetArchivedAsync(id, false);

    private async Task<IActionResult> SetArchivedAsync(Guid id, bool archived)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id);
        if (org is null) return NotFound();
        if (!PartnerRules.CanEdit(User, id)) return StatusCode(StatusCodes.Status403Forbidden);

        if (org.IsArchived != archived)
        {
            org.IsArchived = archived;
            auditor.Record(archived ? AuditKinds.PartnerArchived : AuditKinds.PartnerUnarchived, nameof(Domain.Organisation), org.Id);
            await db.SaveChangesAsync();
        }
        TempData["Flash"] = archived
            ? $"L'organisation « {org.Name} » a été archivée : elle n'apparaît plus dans les listes mais reste liée aux contrats."
            : $"L'organisation « {org.Name} » a été désarchivée.";
        return RedirectToPage("/Partners/Details", new { id });
    }
}
