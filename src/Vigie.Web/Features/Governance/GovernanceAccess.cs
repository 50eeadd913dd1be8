namespace Vigie.Web.Features.Governance;

/// <summary>
/// Scoping of governance data (docs/adr/0006-minutes-visibility.md). Contract scoping and the viewer come from
/// <see cref="ContractAccess"/> and <see cref="ContractViewers"/>; on top of it, the content of a meeting (agenda, minutes, outcomes)
/// marked restricted is visible only to the body's members (a current seat naming their account) and
/// to the contract's coordinators by membership — not to platform administrators as such.
/// Everything is applied inside the queries.
/// </summary>
public sealed class GovernanceAccess(AppDbContext db, TimeProvider clock)
{
    public DateOnly Today => Culture.ParisDate(clock.GetUtcNow());

    /// <summary>Meetings of the contract whose content the viewer may read.</summary>
    public IQueryable<Meeting> WithVisibleContent(IQueryable<Meeting> meetings, ContractViewer v)
    {
        var uid = v.UserId;
        var coordinator = v.IsCoordinatorMember;
        var today = Today;
        return meetings.Where(m => m.ContractId == v.ContractId && (m.Visibility != MinutesVisibility.Restricted || coordinator
            || db.BodyMemberships.Any(s => s.BodyId == m.BodyId && s.UserId == uid && s.From <= today && (s.To == null || s.To >= today))));
    }

    public async Task<bool> CanSeeContentAsync(ContractViewer v, Guid meetingId) =>
        await WithVisibleContent(db.Meetings, v).AnyAsync(m => m.Id == meetingId);

    /// <summary>
    /// Tasks the viewer may see in a contract, by the task's own visibility (inherited from its meeting, see
    /// <see cref="FollowUpTask.Visibility"/>) with the egress rule (<see cref="Shared.Entitlement.Allows"/>): members-only and
    /// public tasks for every viewer of the contract, restricted ones for the body's current members and the coordinators by
    /// membership — and, as ADR 0006 says, for their owner (user or organisation), who must know what to do.
    /// </summary>
    public IQueryable<FollowUpTask> VisibleTasks(ContractViewer v)
    {
        var uid = v.UserId;
        var org = v.OrganisationId ?? Guid.Empty;
        var coordinator = v.IsCoordinatorMember;
        var today = Today;
        return db.FollowUpTasks.Where(t => t.ContractId == v.ContractId
            && (t.Visibility != MinutesVisibility.Restricted || coordinator
                || db.BodyMemberships.Any(s => s.BodyId == t.BodyId && s.UserId == uid && s.From <= today && (s.To == null || s.To >= today))
                || t.OwnerUserId == uid || t.OwnerOrganisationId == org));
    }

    /// <summary>Whether the viewer is entitled to restricted content of a body (a coordinator by membership or a current seat).</summary>
    public async Task<bool> EntitledToBodyAsync(ContractViewer v, Guid? bodyId)
    {
        if (v.IsCoordinatorMember) return true;
        if (bodyId is not { } b) return false;
        var uid = v.UserId;
        var today = Today;
        return await db.BodyMemberships.AnyAsync(s => s.BodyId == b && s.UserId == uid && s.From <= today && (s.To == null || s.To >= today));
    }

    /// <summary>A coordinator, or a partner member whose account or organisation owns the task.</summary>
    public static bool CanUpdateTask(ContractViewer v, FollowUpTask t) =>
        v.IsCoordinator || (v.Role == ContractRole.PartnerMember && (t.OwnerUserId == v.UserId || (t.OwnerOrganisationId is { } o && o == v.OrganisationId)));
}
