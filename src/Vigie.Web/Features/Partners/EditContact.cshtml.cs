namespace Vigie.Web.Features.Partners;

public sealed class EditContactModel(AppDbContext db, Auditor auditor, PartnerAccess partners) : PageModel
{
    [BindProperty] public ContactInput Input { get; set; } = new();
    public string OrganisationName { get; private set; } = "";
    public string ContactName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid contactId)
    {
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Organisation).FirstOrDefaultAsync(c => c.Id == contactId && c.OrganisationId == id);
        if (contact is null) return NotFound();
        if (!await partners.CanManageContactsAsync(User, id, HttpContext.RequestAborted)) return StatusCode(StatusCodes.Status403Forbidden);
        SetTitle(contact);
        Input = ContactInput.From(contact);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid contactId)
    {
        var contact = await db.Contacts.Include(c => c.Organisation).FirstOrDefaultAsync(c => c.Id == contactId && c.OrganisationId == id);
        if (contact is null) return NotFound();
        if (!await partners.CanManageContactsAsync(User, id, HttpContext.RequestAborted)) return StatusCode(StatusCodes.Status403Forbidden);
        SetTitle(contact);
        if (!ModelState.IsValid) return Page();

        Input.ApplyTo(contact);
        auditor.Record(AuditKinds.ContactUpdated, nameof(Contact), contact.Id, data: new { organisationId = id });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"Le contact « {contact.FullName} » a été modifié.";
        return RedirectToPage("/Partners/Details", new { id });
    }

    private void SetTitle(Contact contact)
    {
        OrganisationName = contact.Organisation!.Name;
        ContactName = contact.FullName;
        ViewData["Title"] = $"Modifier le contact « {contact.FullName} »";
        ViewData["Breadcrumb"] = new List<Crumb>
        {
            new("Partenaires", Url.Page("/Partners/Index")), new(OrganisationName, Url.Page("/Partners/Details", new { id = contact.OrganisationId })), new("Modifier un contact"),
        };
    }
}
