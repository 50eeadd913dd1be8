namespace Vigie.Web.Features.Partners;

public sealed class AddContactModel(AppDbContext db, Auditor auditor) : PageModel
{
    [BindProperty] public ContactInput Input { get; set; } = new();
    public string OrganisationName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var name = await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync();
        if (name is null) return NotFound();
        if (!PartnerRules.CanEdit(User, id)) return StatusCode(StatusCodes.Status403Forbidden);
        SetTitle(id, name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var name = await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync();
        if (name is null) return NotFound();
        if (!PartnerRules.CanEdit(User, id)) return StatusCode(StatusCodes.Status403Forbidden);
        SetTitle(id, name);
        if (!ModelState.IsValid) return Page();

        var contact = new Contact { OrganisationId = id, FullName = "" };
        Input.ApplyTo(contact);
        db.Contacts.Add(contact);
        auditor.Record(AuditKinds.ContactAdded, nameof(Contact), contact.Id, data: new { organisationId = id });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"Le contact « {contact.FullName} » a été ajouté.";
        return RedirectToPage("/Partners/Details", new { id });
    }

    private void SetTitle(Guid id, string name)
    {
        OrganisationName = name;
        ViewData["Title"] = $"Ajouter un contact – {name}";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Partenaires", Url.Page("/Partners/Index")), new(name, Url.Page("/Partners/Details", new { id })), new("Ajouter un contact") };
    }
}
