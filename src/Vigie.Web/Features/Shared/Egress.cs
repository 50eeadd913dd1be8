namespace Vigie.Web.Features.Shared;

/// <summary>Who content is about to be given to, when it leaves a page.</summary>
public enum AudienceKind
{
    /// <summary>An anonymous reader: the public plan page, the public report (page and PDF).</summary>
    Anonymous,
    /// <summary>A signed-in user reading a page, an API answer, or downloading a PDF or an export file for themselves.</summary>
    Reader,
    /// <summary>The personal mailbox of a person: a user account, or a contact named on a body seat.</summary>
    PersonalAddress,
    /// <summary>An organisation's generic address (accueil@…): read by whoever staffs it, never entitled to restricted content.</summary>
    OrganisationAddress,
}

public sealed record Audience(AudienceKind Kind, Guid? UserId = null, Guid? ContactId = null, Guid? OrganisationId = null, bool IsAdministrator = false)
{
    public static readonly Audience Anonymous = new(AudienceKind.Anonymous);
    public static Audience Reader(Guid userId, bool isAdministrator) => new(AudienceKind.Reader, userId, IsAdministrator: isAdministrator);
    public static Audience Person(Guid? userId, Guid? contactId) => new(AudienceKind.PersonalAddress, userId, contactId);
    public static Audience Organisation(Guid organisationId) => new(AudienceKind.OrganisationAddress, OrganisationId: organisationId);
}

/// <summary>
/// What an audience is entitled to in one contract: public content always; members-only content when it takes part
/// in the contract; restricted content of the bodies in <see cref="Bodies"/>, or of every body (<see cref="AllRestricted"/>:
/// the contract's coordinators by membership — never the platform administrator as such).
/// </summary>
public sealed record Entitlement(bool Members, bool AllRestricted, IReadOnlySet<Guid> Bodies)
{
    public static readonly Entitlement PublicOnly = new(false, false, new HashSet<Guid>());

    /// <summary>
    /// The one rule: may content of visibility <paramref name="visibility"/>, whose restricted readers are the members of
    /// <paramref name="bodyId"/> (null: no body, coordinators only), be given to this audience?
    /// </summary>
    public bool Allows(MinutesVisibility visibility, Guid? bodyId) => visibility switch
    {
        MinutesVisibility.Public => true,
        MinutesVisibility.Members => Members,
        _ => AllRestricted || (bodyId is { } b && Bodies.Contains(b)),
    };
}

/// <summary>
/// The egress check (docs/adr/0006-minutes-visibility.md): the single place that decides whether content of a given
/// visibility, from a given contract and body, may leave the application towards a given audience — an anonymous reader
/// (public plan page, public report page and PDF), a signed-in reader (pages, API answers, PDFs, CSV/XLSX exports,
/// calendar feeds), the personal address of a person, or an organisation's generic address.
///
/// Rules:
/// <list type="bullet">
/// <item><c>Public</c> content goes anywhere.</item>
/// <item><c>Members</c> content goes to contract members (and platform administrators, who see every contract), to people
/// seated in one of the contract's bodies and to the generic address of an organisation seated there; never to anonymous readers.</item>
/// <item><c>Restricted</c> content goes only to the source body's current members (a seat naming the person) and to the
/// contract's coordinators by membership; never to an organisation's generic address, never to an anonymous reader, never
/// to an administrator who is not such a coordinator. In an e-mail (body, attachment, invitation) it is never written
/// inline, even to an entitled person: the mail carries a link to the page, behind authentication (<see cref="MayInlineInMail"/>).</item>
/// </list>
/// Reads inside pages and queries apply the same rule in SQL (<c>GovernanceAccess.WithVisibleContent</c>,
/// <c>GovernanceAccess.VisibleTasks</c>, <c>PlanQueries</c>), each built from <see cref="EntitlementAsync"/> or the same three
/// conditions. Lowering a record's visibility is a declassification, audited (<see cref="AuditKinds.ContentDeclassified"/>).
/// </summary>
public sealed class Egress(AppDbContext db, TimeProvider clock)
{
    private DateOnly Today => Culture.ParisDate(clock.GetUtcNow());

    /// <summary>E-mails (bodies, attachments, invitations) may carry content of this visibility inline; restricted content only as a link.</summary>
    public static bool MayInlineInMail(MinutesVisibility visibility) => visibility != MinutesVisibility.Restricted;

    /// <summary>
    /// Confidential follow-up (shared/specs §1.4 A5): a document naming a person (a sheet's PDF, a letter, the person's
    /// own export) leaves only about one person at a time, and only as a download by the signed-in reader who asked for
    /// it — never to an anonymous reader, never attached to a mail, never as a list of several people.
    /// </summary>
    public static bool MayLeaveAsPersonalDocument(int namedPeople, AudienceKind audience) => namedPeople == 1 && audience == AudienceKind.Reader;

    public async Task<bool> MayReceiveAsync(Guid contractId, MinutesVisibility visibility, Guid? bodyId, Audience audience) =>
        visibility == MinutesVisibility.Public || (await EntitlementAsync(contractId, audience)).Allows(visibility, bodyId);

    /// <summary>What an audience may receive from one contract (one round trip per kind of audience).</summary>
    public async Task<Entitlement> EntitlementAsync(Guid contractId, Audience audience)
    {
        var today = Today;
        var seats = db.BodyMemberships.AsNoTracking().Where(s => s.ContractId == contractId && s.From <= today && (s.To == null || s.To >= today));
        switch (audience.Kind)
        {
            case AudienceKind.Reader or AudienceKind.PersonalAddress when audience.UserId is { } uid:
            {
                var role = await db.Memberships.AsNoTracking().Where(m => m.ContractId == contractId && m.UserId == uid)
                    .Select(m => (ContractRole?)m.Role).FirstOrDefaultAsync();
                var bodies = await seats.Where(s => s.UserId == uid).Select(s => s.BodyId).Distinct().ToListAsync();
                var members = role is not null || bodies.Count > 0 || (audience.Kind == AudienceKind.Reader && audience.IsAdministrator);
                return new Entitlement(members, role == ContractRole.Coordinator, bodies.ToHashSet());
            }
            case AudienceKind.PersonalAddress when audience.ContactId is { } cid:
            {
                // A contact named on a seat receives the body's mailings (ADR 0006); it gives no page access (no account).
                var bodies = await seats.Where(s => s.ContactId == cid).Select(s => s.BodyId).Distinct().ToListAsync();
                return new Entitlement(bodies.Count > 0, false, bodies.ToHashSet());
            }
            case AudienceKind.OrganisationAddress when audience.OrganisationId is { } oid:
                return new Entitlement(await seats.AnyAsync(s => s.OrganisationId == oid), false, new HashSet<Guid>());
            default:
                return Entitlement.PublicOnly;
        }
    }
}
