namespace Vigie.Web.Features.Governance;

public sealed record BodySummary(Guid Id, string Name, BodyKind Kind, string? Chair, MinutesVisibility DefaultVisibility, int CurrentMembers, DateTimeOffset? NextMeeting);
public sealed record SeatView(Guid Id, Guid? OrganisationId, string? Organisation, Guid? ContactId, string? Contact, Guid? UserId, string? User, string? Role, DateOnly From, DateOnly? To, bool IsCurrent);
public sealed record BodyDetail(Guid Id, Guid ContractId, string Name, BodyKind Kind, string? Chair, string? Description, string? Site, string? Offence,
    DateOnly? ActiveFrom, DateOnly? ActiveTo, MinutesVisibility DefaultVisibility, IReadOnlyList<SeatView> Seats, int Version = 0);
public sealed record MeetingSummary(Guid Id, Guid BodyId, string Body, BodyKind BodyKind, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place, MeetingStatus Status, MinutesVisibility Visibility, Guid? SeriesId, int Version = 0);
public sealed record OutcomeView(Guid Id, Guid AgendaItemId, OutcomeKind Kind, string Text, Guid? TaskId, Guid? PlanItemId);
public sealed record AgendaItemView(Guid Id, int Position, string Title, int? DurationMinutes, string? Presenter, Guid? PlanItemId, Guid? PlanIndicatorId, Guid? IncidentId, IReadOnlyList<OutcomeView> Outcomes);
public sealed record AttendanceView(Guid Id, Guid OrganisationId, string Organisation, string? PersonName, AttendanceStatus Status, string? RepresentedBy);
public sealed record TaskView(Guid Id, Guid ContractId, string Contract, string Body, Guid MeetingId, string Meeting, DateTimeOffset MeetingStartsAt, string Title,
    Guid? OwnerOrganisationId, string? OwnerOrganisation, Guid? OwnerUserId, string? OwnerUser, DateOnly? DueOn, FollowUpStatus Status, DateOnly? ClosedOn, string? Progress, MinutesVisibility Visibility, int Version = 0);
public sealed record ConvocationView(MailingKind Kind, string Recipient, string? RecipientName, DateTimeOffset SentAt, int Sequence);

/// <summary>
/// A meeting as the viewer may see it. When <see cref="ContentVisible"/> is false (restricted and the
/// viewer is not a member), agenda, minutes, outcomes, attendance and tasks are empty: only the date,
/// place and body are shown.
/// </summary>
public sealed record MeetingDetail(MeetingSummary Meeting, bool ContentVisible, string? Minutes, IReadOnlyList<AgendaItemView> Agenda,
    IReadOnlyList<AttendanceView> Attendance, IReadOnlyList<TaskView> CarriedOverTasks, IReadOnlyList<TaskView> TasksAgreed,
    IReadOnlyList<ConvocationView> Convocations, int Sequence);

public sealed record SearchHit(MeetingSummary Meeting, string Where);

public sealed class GovernanceQueries(AppDbContext db, GovernanceAccess governance, Infrastructure.ContractViewers viewers, Infrastructure.ICurrentUser user, TimeProvider clock)
{
    public async Task<IReadOnlyList<BodySummary>?> BodiesAsync(Guid contractId)
    {
        if (await viewers.ForAsync(contractId) is null) return null;
        var today = governance.Today;
        var now = clock.GetUtcNow();
        return await db.Bodies.AsNoTracking().Where(b => b.ContractId == contractId)
            .OrderBy(b => b.Kind).ThenBy(b => b.Name)
            .Select(b => new BodySummary(b.Id, b.Name, b.Kind, b.Chair, b.DefaultVisibility,
                b.Memberships.Count(m => m.From <= today && (m.To == null || m.To >= today)),
                db.Meetings.Where(m => m.BodyId == b.Id && m.StartsAt >= now && m.Status != MeetingStatus.Cancelled).OrderBy(m => m.StartsAt).Select(m => (DateTimeOffset?)m.StartsAt).FirstOrDefault()))
            .ToListAsync();
    }

    public async Task<BodyDetail?> BodyAsync(Guid contractId, Guid bodyId)
    {
        if (await viewers.ForAsync(contractId) is null) return null;
        var today = governance.Today;
        var body = await db.Bodies.AsNoTracking().Where(b => b.Id == bodyId && b.ContractId == contractId).FirstOrDefaultAsync();
        if (body is null) return null;
        var seats = await db.BodyMemberships.AsNoTracking().Where(m => m.BodyId == bodyId)
            .OrderBy(m => m.To != null).ThenBy(m => m.Organisation!.Name).ThenBy(m => m.From)
            .Select(m => new SeatView(m.Id, m.OrganisationId, m.Organisation!.Name, m.ContactId, m.Contact!.FullName, m.UserId, m.User!.FullName, m.Role, m.From, m.To,
                m.From <= today && (m.To == null || m.To >= today)))
            .ToListAsync();
        return new BodyDetail(body.Id, body.ContractId, body.Name, body.Kind, body.Chair, body.Description, body.Site, body.Offence, body.ActiveFrom, body.ActiveTo, body.DefaultVisibility, seats, body.Version);
    }

    /// <summary>Meetings of the contract between two instants (calendar, list); dates and places are visible to every member.</summary>
    public async Task<IReadOnlyList<MeetingSummary>?> MeetingsAsync(Guid contractId, DateTimeOffset? from = null, DateTimeOffset? to = null, Guid? bodyId = null)
    {
        if (await viewers.ForAsync(contractId) is null) return null;
        var q = db.Meetings.AsNoTracking().Where(m => m.ContractId == contractId);
        if (from is { } f) q = q.Where(m => m.StartsAt >= f);
        if (to is { } t) q = q.Where(m => m.StartsAt < t);
        if (bodyId is { } b) q = q.Where(m => m.BodyId == b);
        return await Summaries(q.OrderBy(m => m.StartsAt)).ToListAsync();
    }

    public static IQueryable<MeetingSummary> Summaries(IQueryable<Meeting> q) =>
        q.Select(m => new MeetingSummary(m.Id, m.BodyId, m.Body!.Name, m.Body.Kind, m.Title, m.StartsAt, m.EndsAt, m.Place, m.Status, m.Visibility, m.SeriesId, m.Version));

    public async Task<MeetingDetail?> MeetingAsync(Guid contractId, Guid meetingId)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return null;
        var summary = await Summaries(db.Meetings.AsNoTracking().Where(m => m.Id == meetingId && m.ContractId == contractId)).FirstOrDefaultAsync();
        if (summary is null) return null;
        var visible = await governance.CanSeeContentAsync(v, meetingId);
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.Minutes, m.Sequence }).FirstAsync();
        var convocations = v.IsCoordinator && visible
            ? await db.Convocations.AsNoTracking().Where(c => c.MeetingId == meetingId).OrderByDescending(c => c.SentAt)
                .Select(c => new ConvocationView(c.Kind, c.Recipient, c.RecipientName, c.SentAt, c.Sequence)).ToListAsync()
            : [];
        if (!visible)
            return new MeetingDetail(summary, false, null, [], [], [], [], convocations, meeting.Sequence);

        var agenda = await AgendaAsync(meetingId);
        var attendance = await db.Attendances.AsNoTracking().Where(a => a.MeetingId == meetingId)
            .OrderBy(a => a.Organisation!.Name).ThenBy(a => a.PersonName)
            .Select(a => new AttendanceView(a.Id, a.OrganisationId, a.Organisation!.Name, a.PersonName, a.Status, a.RepresentedBy)).ToListAsync();
        var carried = await CarriedOverAsync(summary, v);
        var agreed = await TaskViews(db.FollowUpTasks.Where(t => t.MeetingId == meetingId)).ToListAsync();
        return new MeetingDetail(summary, true, meeting.Minutes, agenda, attendance, carried, agreed, convocations, meeting.Sequence);
    }

    public async Task<IReadOnlyList<AgendaItemView>> AgendaAsync(Guid meetingId)
    {
        var items = await db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Position).ToListAsync();
        var outcomes = await db.Outcomes.AsNoTracking().Where(o => o.MeetingId == meetingId).OrderBy(o => o.CreatedAt)
            .Select(o => new OutcomeView(o.Id, o.AgendaItemId, o.Kind, o.Text, o.TaskId, o.PlanItemId)).ToListAsync();
        return [.. items.Select(a => new AgendaItemView(a.Id, a.Position, a.Title, a.DurationMinutes, a.Presenter, a.PlanItemId, a.PlanIndicatorId, a.IncidentId,
            [.. outcomes.Where(o => o.AgendaItemId == a.Id)]))];
    }

    /// <summary>
    /// Open tasks agreed at earlier meetings of the same body: they stay on the agenda until closed. Each carries its own
    /// visibility (a task of a restricted meeting stays restricted on a members-only meeting's agenda): with a viewer, only
    /// the tasks they may read; without one (mailings), every task, which the caller filters per recipient with <see cref="Shared.Egress"/>.
    /// </summary>
    public async Task<IReadOnlyList<TaskView>> CarriedOverAsync(MeetingSummary meeting, Infrastructure.ContractViewer? viewer) =>
        await TaskViews((viewer is null ? db.FollowUpTasks : governance.VisibleTasks(viewer)).Where(t => t.BodyId == meeting.BodyId && t.MeetingId != meeting.Id
                && t.Meeting!.StartsAt < meeting.StartsAt
                && t.Status != FollowUpStatus.Done && t.Status != FollowUpStatus.Cancelled))
            .ToListAsync();

    public IQueryable<TaskView> TaskViews(IQueryable<FollowUpTask> q) =>
        q.OrderBy(t => t.DueOn == null).ThenBy(t => t.DueOn).ThenBy(t => t.Title)
            .Select(t => new TaskView(t.Id, t.ContractId, db.Contracts.Where(c => c.Id == t.ContractId).Select(c => c.Title).First(), t.Meeting!.Body!.Name, t.MeetingId, t.Meeting.Title, t.Meeting.StartsAt, t.Title,
                t.OwnerOrganisationId, t.OwnerOrganisation!.Name, t.OwnerUserId, t.OwnerUser!.FullName, t.DueOn, t.Status, t.ClosedOn, t.Progress, t.Visibility, t.Version));

    public async Task<IReadOnlyList<TaskView>?> TasksAsync(Guid contractId, bool openOnly)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return null;
        var q = governance.VisibleTasks(v);
        if (openOnly) q = q.Where(t => t.Status != FollowUpStatus.Done && t.Status != FollowUpStatus.Cancelled);
        return await TaskViews(q.AsNoTracking()).ToListAsync();
    }

    /// <summary>
    /// Search over meeting titles, agenda items, outcomes and minutes of a contract. Only meetings
    /// whose content the viewer may read are searched in their content: a restricted meeting's minutes
    /// never match for a non-member (not even as "a hit exists").
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>?> SearchAsync(Guid contractId, string? text)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return null;
        var term = (text ?? "").Trim().ToLowerInvariant();
        if (term.Length < 2) return [];
        var visible = governance.WithVisibleContent(db.Meetings.AsNoTracking(), v);
        var byTitle = await visible.Where(m => m.Title.ToLower().Contains(term)).Select(m => m.Id).ToListAsync();
        var byAgenda = await visible.Where(m => db.AgendaItems.Any(a => a.MeetingId == m.Id && a.Title.ToLower().Contains(term))
            || db.Outcomes.Any(o => o.MeetingId == m.Id && o.Text.ToLower().Contains(term))).Select(m => m.Id).ToListAsync();
        var byMinutes = await visible.Where(m => m.Minutes != null && m.Minutes.ToLower().Contains(term)).Select(m => m.Id).ToListAsync();
        var ids = byTitle.Concat(byAgenda).Concat(byMinutes).Distinct().ToList();
        var meetings = await Summaries(db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id))).ToListAsync();
        return [.. meetings.OrderByDescending(m => m.StartsAt).Select(m => new SearchHit(m, string.Join(", ",
            new[] { byTitle.Contains(m.Id) ? "intitulé" : null, byAgenda.Contains(m.Id) ? "ordre du jour" : null, byMinutes.Contains(m.Id) ? "compte rendu" : null }.Where(x => x is not null))))];
    }

    /// <summary>"Mes tâches": tasks owned by the signed-in user or their organisation, across the contracts they belong to.</summary>
    public async Task<IReadOnlyList<TaskView>> MyTasksAsync(bool openOnly)
    {
        var uid = user.Id ?? Guid.Empty;
        var org = user.OrganisationId ?? Guid.Empty;
        // Membership, not the administrator's all-contracts view: a task list is personal.
        var contracts = db.Memberships.Where(m => m.UserId == uid).Select(m => m.ContractId);
        var q = db.FollowUpTasks.AsNoTracking().Where(t => contracts.Contains(t.ContractId) && (t.OwnerUserId == uid || t.OwnerOrganisationId == org));
        if (openOnly) q = q.Where(t => t.Status != FollowUpStatus.Done && t.Status != FollowUpStatus.Cancelled);
        return await TaskViews(q).ToListAsync();
    }
}
