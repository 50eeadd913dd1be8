namespace Vigie.Web.Domain;

/// <summary>Kinds of bodies of a council (DOMAIN.md §2). Stored as text so new kinds are additive.</summary>
public enum BodyKind
{
    /// <summary>CLSPD en formation plénière: at least yearly, never an individual case.</summary>
    Plenary,
    /// <summary>CLSPD en formation restreinte.</summary>
    Restricted,
    /// <summary>Cellule de veille (usually monthly).</summary>
    WatchCell,
    /// <summary>Weekly "cadre de vie – tranquillité publique" meeting.</summary>
    LivingEnvironment,
    /// <summary>Groupe local de traitement de la délinquance, chaired by the prosecutor, on a site or an offence, for a period.</summary>
    Gltd,
    ThematicGroup,
    /// <summary>Comité d'éthique de la vidéoprotection.</summary>
    VideoEthicsCommittee,
    Other,
}

/// <summary>A body of the council (plenary, watch cell, GLTD…). Who sits in it is dated data (<see cref="BodyMembership"/>), never code.</summary>
public class Body : StampedEntity, IVersioned
{
    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public required string Name { get; set; }
    public BodyKind Kind { get; set; }
    /// <summary>Who chairs it, in words ("Le maire", "Le procureur de la République").</summary>
    public string? Chair { get; set; }
    public string? Description { get; set; }
    /// <summary>GLTD: the site it works on (a station, a neighbourhood).</summary>
    public string? Site { get; set; }
    /// <summary>GLTD: the offence it works on.</summary>
    public string? Offence { get; set; }
    /// <summary>GLTD: period of the group (also usable for any time-bound body).</summary>
    public DateOnly? ActiveFrom { get; set; }
    public DateOnly? ActiveTo { get; set; }
    /// <summary>Default visibility of the minutes of its meetings (a plenary: public; a restricted session: restricted).</summary>
    public MinutesVisibility DefaultVisibility { get; set; } = MinutesVisibility.Members;
    public bool IsArchived { get; set; }
    public List<BodyMembership> Memberships { get; set; } = [];
}

/// <summary>
/// A dated seat in a body: an organisation, and/or a person (a contact of a partner, or a user account).
/// Membership rules change with the law (2021, 2024), hence rows with from/to dates rather than code.
/// A seat naming a user account is what gives access to restricted minutes (docs/adr/0006-minutes-visibility.md).
/// </summary>
public class BodyMembership : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid BodyId { get; set; }
    public Body? Body { get; set; }
    public Guid? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Guid? ContactId { get; set; }
    public Contact? Contact { get; set; }
    public Guid? UserId { get; set; }
    public AppUser? User { get; set; }
    /// <summary>Role in the body, in words ("président", "membre de droit", "signataire de la charte").</summary>
    public string? Role { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}

/// <summary>
/// The visibility of a piece of content, ordered Public &lt; Members &lt; Restricted. Historically the visibility of
/// a meeting's minutes, it is now a property of every record derived from meeting content (a follow-up task,
/// a plan action created or amended by a decision): the derived record carries the level of its source and is
/// filtered by the same rule wherever it is read; lowering it is an explicit, audited declassification
/// (docs/adr/0006-minutes-visibility.md). Every path that lets content leave a page asks
/// <c>Features.Shared.Egress</c>.
/// </summary>
public enum MinutesVisibility
{
    /// <summary>Anyone, including the public report of a published contract.</summary>
    Public,
    /// <summary>Members of the contract.</summary>
    Members,
    /// <summary>Members of the body (a seat naming their account) and the contract's coordinators.</summary>
    Restricted,
}

public enum MeetingStatus
{
    Planned,
    Convened,
    Held,
    Cancelled,
}

public enum RecurrenceFrequency
{
    Weekly,
    Monthly,
    /// <summary>Every <see cref="MeetingSeries.IntervalMonths"/> months (a plenary twice a year: 6), on the same week and day of the month.</summary>
    EveryNMonths,
}

/// <summary>A recurring meeting (a monthly watch cell on the first Tuesday, a weekly living-environment meeting); its occurrences are generated as <see cref="Meeting"/> rows.</summary>
public class MeetingSeries : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid BodyId { get; set; }
    public Body? Body { get; set; }
    public required string Title { get; set; }
    public RecurrenceFrequency Frequency { get; set; }
    public DayOfWeek DayOfWeek { get; set; }
    /// <summary>Monthly: which occurrence of the day in the month (1–4, or 5 for the last one).</summary>
    public int? WeekOfMonth { get; set; }
    /// <summary>Every-N-months series: the number of months between two meetings (2–12).</summary>
    public int? IntervalMonths { get; set; }
    /// <summary>Local (Europe/Paris) time of day.</summary>
    public TimeOnly StartTime { get; set; }
    public int DurationMinutes { get; set; }
    public DateOnly FirstDate { get; set; }
    public DateOnly Until { get; set; }
    public string? Place { get; set; }
}

public class Meeting : StampedEntity, IVersioned
{
    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid BodyId { get; set; }
    public Body? Body { get; set; }
    public Guid? SeriesId { get; set; }
    public MeetingSeries? Series { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string? Place { get; set; }
    public MeetingStatus Status { get; set; }
    /// <summary>Minutes in Markdown, rendered without raw HTML and with only safe link schemes.</summary>
    public string? Minutes { get; set; }
    /// <summary>Who may read the content (agenda, minutes, outcomes) beyond the date and place.</summary>
    public MinutesVisibility Visibility { get; set; }
    /// <summary>iCalendar SEQUENCE: incremented whenever a convocation is re-sent after a change.</summary>
    public int Sequence { get; set; }
    public List<AgendaItem> AgendaItems { get; set; } = [];
    public List<Attendance> Attendances { get; set; } = [];
}

public class AgendaItem : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid MeetingId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public int? DurationMinutes { get; set; }
    public string? Presenter { get; set; }
    /// <summary>Optional link to an action of the plan (PlanItem, built by the action-plan feature).</summary>
    public Guid? PlanItemId { get; set; }
    /// <summary>Optional link to an indicator of the plan (PlanIndicator).</summary>
    public Guid? PlanIndicatorId { get; set; }
    /// <summary>Optional link to an incident; incidents do not exist yet, so no foreign key.</summary>
    public Guid? IncidentId { get; set; }
    public List<Outcome> Outcomes { get; set; } = [];
}

public enum AttendanceStatus
{
    Present,
    Excused,
    Represented,
    Absent,
}

/// <summary>Who came, per partner: the basis of the "attendance per partner" of the public report.</summary>
public class Attendance : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid MeetingId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string? PersonName { get; set; }
    public AttendanceStatus Status { get; set; }
    /// <summary>When represented: by whom.</summary>
    public string? RepresentedBy { get; set; }
}

public enum OutcomeKind
{
    Information,
    Decision,
    Task,
}

/// <summary>What an agenda item produced: an information, a decision, or a follow-up task.</summary>
public class Outcome : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid MeetingId { get; set; }
    public Guid AgendaItemId { get; set; }
    public OutcomeKind Kind { get; set; }
    public required string Text { get; set; }
    /// <summary>For a task outcome: the task it created.</summary>
    public Guid? TaskId { get; set; }
    /// <summary>For a decision: the plan action it created or amended (PlanItem).</summary>
    public Guid? PlanItemId { get; set; }
}

public enum FollowUpStatus
{
    Open,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>
/// A task agreed in a meeting. Shown in its owner's task list and on the agenda of the body's
/// following meetings until it is closed.
/// </summary>
public class FollowUpTask : StampedEntity, IVersioned
{
    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid BodyId { get; set; }
    public Guid MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public required string Title { get; set; }
    public Guid? OwnerOrganisationId { get; set; }
    public Organisation? OwnerOrganisation { get; set; }
    public Guid? OwnerUserId { get; set; }
    public AppUser? OwnerUser { get; set; }
    public DateOnly? DueOn { get; set; }
    public FollowUpStatus Status { get; set; }
    public DateOnly? ClosedOn { get; set; }
    /// <summary>Where it stands, written by the owner.</summary>
    public string? Progress { get; set; }
    /// <summary>
    /// Inherited from the meeting that agreed it (and raised with it); lowered only by an explicit declassification.
    /// Entitlement to a restricted task is that of its body (<see cref="BodyId"/>) plus its owner.
    /// </summary>
    public MinutesVisibility Visibility { get; set; } = MinutesVisibility.Members;

    public static bool IsClosed(FollowUpStatus s) => s is FollowUpStatus.Done or FollowUpStatus.Cancelled;
}

public enum MailingKind
{
    Convocation,
    PackBefore,
    CommitmentsMemo,
    /// <summary>The METHOD:CANCEL sent to those convened when their meeting is cancelled.</summary>
    Cancellation,
}

/// <summary>A record of what was sent to whom and when (convocations, packs, memos).</summary>
public class Convocation
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid MeetingId { get; set; }
    public MailingKind Kind { get; set; }
    public required string Recipient { get; set; }
    public string? RecipientName { get; set; }
    public Guid? UserId { get; set; }
    public Guid? ContactId { get; set; }
    public Guid? OrganisationId { get; set; }
    /// <summary>iCalendar SEQUENCE of the invitation sent.</summary>
    public int Sequence { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public Guid? SentById { get; set; }
}

/// <summary>A per-user subscribable iCalendar feed; only the SHA-256 hash of its secret is stored.</summary>
public class CalendarFeed
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string TokenHash { get; set; }
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
