namespace Vigie.Web.Features.Partners;

/// <summary>
/// A page on one contact of an organisation (edit, remove): the contact with its organisation, 404 when it is not one of
/// the organisation's, 403 when the user may not manage the organisation's contacts; then the title and breadcrumb
/// ("{verb} le contact « … »").
/// </summary>
public abstract class ContactPage(AppDbContext db, PartnerAccess partners, string verb) : PageModel
{
    public Guid OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = "";
    public string ContactName { get; private set; } = "";

    protected AppDbContext Db => db;

    /// <summary>The contact (tracked when <paramref name="tracked"/>, to change it), or the refusal to answer with.</summary>
    protected async Task<(Contact? Contact, IActionResult? Refusal)> LoadContactAsync(Guid id, Guid contactId, bool tracked)
    {
        var contacts = tracked ? db.Contacts : db.Contacts.AsNoTracking();
        var contact = await contacts.Include(c => c.Organisation).FirstOrDefaultAsync(c => c.Id == contactId && c.OrganisationId == id);
        if (contact is null) return (null, NotFound());
        if (!await partners.CanManageContactsAsync(User, id, HttpContext.RequestAborted)) return (null, StatusCode(StatusCodes.Status403Forbidden));
        OrganisationId = contact.OrganisationId;
        OrganisationName = contact.Organisation!.Name;
        ContactName = contact.FullName;
        ViewData["Title"] = $"{verb} le contact « {contact.FullName} »";
        ViewData["Breadcrumb"] = new List<Crumb>
        {
            new("Partenaires", Url.Page("/Partners/Index")), new(OrganisationName, Url.Page("/Partners/Details", new { id = contact.OrganisationId })), new($"{verb} un contact"),
        };
        return (contact, null);
    }
}
