namespace Vigie.Web.Features.Cases;

/// <summary>Access tiers of §1.4: T1 working view, T2 contact details, T3 judicial, offence-linked and sensitive data.</summary>
public enum CaseTier { None = 0, T1 = 1, T2 = 2, T3 = 3 }

/// <summary>
/// Who is looking at a group: their member row (null for a contract coordinator who is not a member of it) and what
/// it grants today. Content (any sheet, even its code) needs an active membership and the current charter signed (A1).
/// </summary>
public sealed record CaseGroupViewer(CaseGroup Group, CaseGroupMember? Member, Guid UserId, bool IsContractCoordinatorMember, DateOnly Today)
{
    public bool IsActive => Member is { Status: CaseMemberStatus.Active } m && m.From <= Today && (m.To is null || m.To >= Today);
    public bool HasSignedCurrentCharter => Member?.SignedCharterVersion == Group.CharterVersion;
    /// <summary>Rule A1: active in the group and the current charter signed.</summary>
    public bool HasContentAccess => IsActive && HasSignedCurrentCharter;
    /// <summary>The group's coordonnateur, with content access: sees every sheet's T1–T3, manages members and statuses.</summary>
    public bool IsCoordinator => Group.CoordinatorUserId == UserId && HasContentAccess;

    /// <summary>Why content is refused, in French, or null when it is not.</summary>
    public string? Refusal => Member is null ? "Vous n'êtes pas membre de ce dispositif."
        : Member.Status == CaseMemberStatus.Excluded ? "Vous avez été exclu de ce dispositif."
        : Member.Status == CaseMemberStatus.Suspended ? "Votre accès à ce dispositif est suspendu."
        : !IsActive ? "Votre participation à ce dispositif n'est pas en cours."
        : !HasSignedCurrentCharter ? $"Signez la charte déontologique (version {Group.CharterVersion}) pour accéder aux situations."
        : null;

    /// <summary>The refusal as a short code for the audit log (never a sentence, never a value).</summary>
    public string RefusalCode => Member is null ? "not-member"
        : Member.Status == CaseMemberStatus.Excluded ? "excluded"
        : Member.Status == CaseMemberStatus.Suspended ? "suspended"
        : !IsActive ? "inactive"
        : !HasSignedCurrentCharter ? "charter-not-signed"
        : "not-entitled";
}

/// <summary>
/// The one place deciding who sees what of the confidential follow-up (shared/specs §1.4, rules A1–A10), inside the
/// queries: pages and API ask here for the group viewer and the sheets it may read, never filter afterwards.
/// Platform administrators have no access to content as such (A9): only a member row opens a group.
/// </summary>
public sealed class CaseAccess(AppDbContext db, ICurrentUser user, ContractViewers viewers, TimeProvider clock)
{
    /// <summary>Rule A2: a case stays visible to the group's members from its placing on an agenda until this long after the meeting.</summary>
    public static readonly TimeSpan NeedToKnowAfterMeeting = TimeSpan.FromDays(7);

    public DateOnly Today => Culture.ParisDate(clock.GetUtcNow());
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// The viewer of a group of a contract, or null when the contract is not visible, the group is not in it, or the user
    /// neither has a member row in it nor is a coordinator of the contract by membership (who sees that the group exists).
    /// </summary>
    public async Task<CaseGroupViewer?> GroupAsync(Guid contractId, Guid groupId)
    {
        if (user.Id is not { } uid || await viewers.ForAsync(contractId) is not { } contract) return null;
        var group = await db.CaseGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && g.ContractId == contractId);
        if (group is null) return null;
        var member = await db.CaseGroupMembers.AsNoTracking().FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == uid);
        if (member is null && !contract.IsCoordinatorMember) return null;
        return new CaseGroupViewer(group, member, uid, contract.IsCoordinatorMember, Today);
    }

    /// <summary>
    /// The sheets this viewer may read at tier 1 (A1, A2): none without content access; every sheet but archives for the
    /// coordinator; otherwise the sheets whose référent they are, those on an agenda of the group (from their placing
    /// until 7 days after the meeting) and those on which their institution carries an action. Archives (A10) are not
    /// opened here.
    /// </summary>
    public IQueryable<CaseSheet> VisibleSheets(CaseGroupViewer viewer)
    {
        var sheets = db.CaseSheets.Where(s => s.GroupId == viewer.Group.Id && s.ContractId == viewer.Group.ContractId && s.Status != CaseStatus.Archived);
        if (!viewer.HasContentAccess) return sheets.Where(s => false);
        if (viewer.IsCoordinator) return sheets;
        var uid = viewer.UserId;
        var institution = viewer.Member!.Institution;
        var now = Now;
        var windowStart = now - NeedToKnowAfterMeeting;
        return sheets.Where(s => s.ReferentUserId == uid
            || db.CaseAgendaEntries.Any(e => e.SheetId == s.Id && e.AddedAt <= now && db.Meetings.Any(m => m.Id == e.MeetingId && m.EndsAt >= windowStart))
            || db.CaseActions.Any(a => a.SheetId == s.Id && a.CarrierInstitution == institution));
    }

    /// <summary>
    /// The sheets this viewer may read (never write): <see cref="VisibleSheets"/>, and for the coordinator the archived
    /// sheets they opened with a motive less than 24 hours ago (A10). Group members never read an archive.
    /// </summary>
    public IQueryable<CaseSheet> ReadableSheets(CaseGroupViewer viewer)
    {
        if (!viewer.IsCoordinator) return VisibleSheets(viewer);
        var uid = viewer.UserId;
        var now = Now;
        return db.CaseSheets.Where(s => s.GroupId == viewer.Group.Id && s.ContractId == viewer.Group.ContractId
            && (s.Status != CaseStatus.Archived || db.CaseArchiveAccesses.Any(a => a.SheetId == s.Id && a.UserId == uid && a.Until > now)));
    }

    /// <summary>The highest tier this viewer reads on a sheet it can see: T3 for the coordinator and the référent (A2, A3), T1 otherwise.</summary>
    public static CaseTier TierOn(CaseGroupViewer viewer, CaseSheet sheet) =>
        !viewer.HasContentAccess ? CaseTier.None
        : viewer.IsCoordinator || sheet.ReferentUserId == viewer.UserId ? CaseTier.T3
        : CaseTier.T1;

    /// <summary>The groups of a contract the user may see the existence of: theirs, or all for a coordinator of the contract by membership.</summary>
    public async Task<IQueryable<CaseGroup>?> GroupsAsync(Guid contractId)
    {
        if (user.Id is not { } uid || await viewers.ForAsync(contractId) is not { } contract) return null;
        var groups = db.CaseGroups.AsNoTracking().Where(g => g.ContractId == contractId);
        return contract.IsCoordinatorMember ? groups : groups.Where(g => db.CaseGroupMembers.Any(m => m.GroupId == g.Id && m.UserId == uid));
    }
}
