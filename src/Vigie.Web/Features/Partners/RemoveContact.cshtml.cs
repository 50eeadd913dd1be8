namespace Vigie.Web.Features.Partners;

/// <summary>Confirmation page then POST: works without JavaScript (the CSP forbids inline confirm()).</summary>
public sealed class RemoveContactModel(AppDbContext db, Auditor auditor, PartnerAccess partners) : ContactPage(db, partners, "Retirer")
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid contactId)
    {
        var (contact, refusal) = await LoadContactAsync(id, contactId, tracked: false);
        return contact is null ? refusal! : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid contactId)
    {
        var (contact, refusal) = await LoadContactAsync(id, contactId, tracked: true);
        if (contact is null) return refusal!;

        Db.Contacts.Remove(contact);
        auditor.Record(AuditKinds.ContactRemoved, nameof(Contact), contact.Id, data: new { organisationId = id });
        await Db.SaveChangesAsync();
        TempData["Flash"] = $"Le contact « {contact.FullName} » a été retiré.";
        return RedirectToPage("/Partners/Details", new { id });
    }
}
