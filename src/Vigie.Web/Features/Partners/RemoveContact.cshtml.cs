namespace Vigie.Web.Features.Partners;

/// <summary>Confirmation page then POST: works without JavaScript (the CSP forbids inline confirm()).</summary>
public sealed class RemoveContactModel(AppDbContext db, Auditor auditor, PartnerAccess partners) : PageModel
{
    public Guid OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = "";
    public string ContactName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid contactId)
    {
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Organisation).FirstOrDefaultAsync(c => c.Id == contactId && c.OrganisationId == id);
        if (contact is null) return NotFound();
        if (!await partners.CanManageContactsAsync(User, id, HttpContext.RequestAborted)) return StatusCode(StatusCodes.Status403Forbidden);
        SetTitle(contact);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid contactId)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.OrganisationId == id);
        if (contact is null) return NotFound();
        if (!await partners.CanManageContactsAsync(User, id, HttpContext.RequestAborted)) return StatusCode(StatusCodes.Status403Forbidden);

        db.Contacts.Remove(contact);
        auditor.Record(AuditKinds.ContactRemoved, nameof(Contact), contact.Id, data: new { organisationId = id });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"Le contact « {contact.FullName} » a été retiré.";
        return RedirectToPage("/Partners/Details", new { id });
    }

    private void SetTitle(Contact contact)
    {
        OrganisationId = contact.OrganisationId;
        OrganisationName = contact.Organisation!.Name;
        ContactName = contact.FullName;
        ViewData["Title"] = $"Retirer le contact « {contact.FullName} »";
        ViewData["Breadcrumb"] = new List<Crumb>
        {
            new("Partenaires", Url.Page("/Partners/Index")), new(OrganisationName, Url.Page("/Partners/Details", new { id = contact.OrganisationId })), new("Retirer un contact"),
        };
    }
}
