namespace Vigie.Web.Features.Partners;

public sealed class EditContactModel(AppDbContext db, Auditor auditor, PartnerAccess partners) : ContactPage(db, partners, "Modifier")
{
    [BindProperty] public ContactInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid contactId)
    {
        var (contact, refusal) = await LoadContactAsync(id, contactId, tracked: false);
        if (contact is null) return refusal!;
        Input = ContactInput.From(contact);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid contactId)
    {
        var (contact, refusal) = await LoadContactAsync(id, contactId, tracked: true);
        if (contact is null) return refusal!;
        if (!ModelState.IsValid) return Page();

        Input.ApplyTo(contact);
        auditor.Record(AuditKinds.ContactUpdated, nameof(Contact), contact.Id, data: new { organisationId = id });
        await Db.SaveChangesAsync();
        TempData["Flash"] = $"Le contact « {contact.FullName} » a été modifié.";
        return RedirectToPage("/Partners/Details", new { id });
    }
}
