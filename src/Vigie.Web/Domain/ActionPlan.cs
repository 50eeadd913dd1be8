namespace Vigie.Web.Domain;

/// <summary>Level of a node of the action plan tree (DOMAIN.md §2: axe / engagement → objectif → fiche action → sous-action).</summary>
public enum PlanItemKind
{
    /// <summary>Axe, engagement prioritaire.</summary>
    Priority,
    Objective,
    /// <summary>Fiche action.</summary>
    Action,
    SubAction,
}

/// <summary>
/// One node of a contract's action plan: ONE self-referencing tree (priority → objective → action → sub-action
/// of any depth). The displayed number ("2.3") is computed from <see cref="Position"/> along the path, never
/// stored, so a move renumbers everything without rewriting rows other than the siblings' positions.
/// The fiche action fields (DOMAIN.md §2) are used by actions and sub-actions; priorities and objectives use
/// title, description and objectives only.
/// </summary>
public class PlanItem : StampedEntity, IVersioned
{
    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid? ParentId { get; set; }
    public PlanItem? Parent { get; set; }
    public PlanItemKind Kind { get; set; }
    /// <summary>1-based position among siblings; kept contiguous by every command that moves or deletes.</summary>
    public int Position { get; set; }
    /// <summary>Stable reference for round trips (export/import upsert key), unique per contract, e.g. "A-7K2Q".</summary>
    public required string Reference { get; set; }
    public required string Title { get; set; }
    /// <summary>Problème constaté (from the diagnostic).</summary>
    public string? ProblemObserved { get; set; }
    public string? Objectives { get; set; }
    public string? Description { get; set; }
    public string? TargetPublic { get; set; }
    /// <summary>Sub-area of the contract (quartier, QPV, site); null = the whole contract territory.</summary>
    public Guid? AreaId { get; set; }
    public Area? Area { get; set; }
    /// <summary>Pilote / porteur.</summary>
    public Guid? LeadOrganisationId { get; set; }
    public Organisation? LeadOrganisation { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? HumanMeans { get; set; }
    public string? MaterialMeans { get; set; }
    /// <summary>Outils de suivi.</summary>
    public string? FollowUpTools { get; set; }
    public Guid? StatusId { get; set; }
    public PlanStatus? Status { get; set; }
    /// <summary>Progress typed by the coordinator (0–100) that overrides everything computed; null = computed.</summary>
    public int? ProgressOverride { get; set; }
    /// <summary>Weight of this item in its parent's progress (default 1).</summary>
    public decimal Weight { get; set; } = 1m;
    /// <summary>Bilan annuel: the yearly review text.</summary>
    public string? YearlyReview { get; set; }
    /// <summary>
    /// Who may read the item (and everything under it): Public (the public plan page of a published contract),
    /// Members, or Restricted. Items typed in the plan are public; an action created or amended by a meeting's
    /// decision inherits that meeting's visibility and stays there until declassified (audited).
    /// </summary>
    public MinutesVisibility Visibility { get; set; } = MinutesVisibility.Public;
    /// <summary>
    /// The meeting whose content made this item non-public, when there is exactly one: a restricted item is readable by
    /// that meeting's body members and the contract's coordinators; without a source, by the coordinators only.
    /// </summary>
    public Guid? SourceMeetingId { get; set; }
    /// <summary>Lineage across generations: the item of the previous contract this one continues (set by the renewal).</summary>
    public Guid? ContinuesItemId { get; set; }
    public List<PlanItemPartner> Partners { get; set; } = [];
}

/// <summary>A partner of an action (besides the lead); what it commits to is a <see cref="Commitment"/>.</summary>
public class PlanItemPartner
{
    public Guid ContractId { get; set; }
    public Guid PlanItemId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
}

/// <summary>
/// Status vocabulary of one contract's plan (planned, in progress, done, abandoned, postponed by default) with
/// a default progress applied when an item has nothing to compute from.
/// </summary>
public class PlanStatus : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    /// <summary>Stable key ("planned", "in-progress", "done", "abandoned", "postponed" or a contract's own).</summary>
    public required string Key { get; set; }
    public required string Label { get; set; }
    /// <summary>Progress (0–100) of an item in this status when nothing else gives one; null = no default.</summary>
    public int? DefaultProgress { get; set; }
    public int Order { get; set; }
    /// <summary>Closed items are finished one way or another (done, abandoned): no reminders.</summary>
    public bool IsClosed { get; set; }
    /// <summary>False for "abandoned": the item leaves its parent's roll-up instead of dragging it down.</summary>
    public bool CountsInProgress { get; set; } = true;
}

/// <summary>
/// A record hanging on one action of a contract's plan (commitment, milestone, budget line, indicator): scoped by
/// contract like every plan row, deleted with its item, and given a stable reference for round trips.
/// </summary>
public abstract class PlanItemRecord : StampedEntity, IVersioned
{
    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid PlanItemId { get; set; }
    public PlanItem? PlanItem { get; set; }
    /// <summary>Stable reference for round trips.</summary>
    public required string Reference { get; set; }
}

/// <summary>What one partner organisation commits to on an action: first-class, edited by that partner.</summary>
public class Commitment : PlanItemRecord
{
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string What { get; set; }
    /// <summary>Moyens engagés (internal: never on the public page).</summary>
    public string? Means { get; set; }
    public DateOnly? DueDate { get; set; }
    public Guid? StatusId { get; set; }
    public PlanStatus? Status { get; set; }
    /// <summary>The partner's own progress (0–100); null = not reported (shown as missing).</summary>
    public int? Progress { get; set; }
    public decimal Weight { get; set; } = 1m;
}

/// <summary>A dated milestone (jalon) of an action.</summary>
public class Milestone : PlanItemRecord
{
    public required string Title { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly? DoneOn { get; set; }
    public decimal Weight { get; set; } = 1m;
    /// <summary>Organisation responsible; its partner members may mark it done.</summary>
    public Guid? OwnerOrganisationId { get; set; }
    public Organisation? OwnerOrganisation { get; set; }
}

public enum FundingSource
{
    Fipd,
    Commune,
    /// <summary>État / contrat de ville.</summary>
    EtatContratDeVille,
    Departement,
    Caf,
    Bailleurs,
    Autre,
}

/// <summary>A funding line of an action, in euros.</summary>
public class BudgetLine : PlanItemRecord
{
    public FundingSource Funder { get; set; }
    /// <summary>The partner carrying or receiving the money, when there is one.</summary>
    public Guid? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string? Label { get; set; }
    public int? Year { get; set; }
    public decimal Planned { get; set; }
    public decimal Granted { get; set; }
    public decimal Spent { get; set; }
}

public enum PlanIndicatorKind
{
    /// <summary>Indicateur de réalisation.</summary>
    Output,
    /// <summary>Indicateur de résultat.</summary>
    Result,
    Impact,
}

public enum Periodicity
{
    Monthly,
    Quarterly,
    Yearly,
}

/// <summary>Which figure of an observatory series feeds an indicator.</summary>
public enum ObservatoryMeasure
{
    Count,
    RatePerThousand,
}

/// <summary>Where an indicator's values come from (ADR 0020): typed by hand, or read live from a series of Vigie, never copied.</summary>
public enum PlanIndicatorSourceKind
{
    /// <summary>Values typed with their provenance.</summary>
    Manual,
    /// <summary>An SSMSI series of the contract territory (<see cref="PlanIndicator.ObservatoryIndicatorCode"/>).</summary>
    Observatory,
    /// <summary>A weighted proportion of a survey item, one value per wave (<see cref="PlanIndicator.SurveyId"/>).</summary>
    Survey,
    /// <summary>Yearly count of incivilités of a category group, optionally one sub-area (<see cref="PlanIndicator.IncidentGroup"/>).</summary>
    Incivilities,
}

/// <summary>
/// An indicator of an action or objective. Values are typed with their provenance, or — when
/// <see cref="ObservatoryIndicatorCode"/> is set — read live from the observatory series of the contract
/// territory, so nobody retypes police figures.
/// </summary>
public class PlanIndicator : PlanItemRecord
{
    public required string Name { get; set; }
    public PlanIndicatorKind Kind { get; set; }
    public required string Unit { get; set; }
    public decimal? BaselineValue { get; set; }
    public DateOnly? BaselineDate { get; set; }
    public decimal? TargetValue { get; set; }
    public DateOnly? TargetDate { get; set; }
    public Periodicity Periodicity { get; set; } = Periodicity.Yearly;
    public string? Source { get; set; }
    /// <summary>Code from <c>IndicatorCatalog</c>; null = values entered by hand.</summary>
    public string? ObservatoryIndicatorCode { get; set; }
    public ObservatoryMeasure ObservatoryMeasure { get; set; }
    /// <summary>
    /// The live source chosen. Rows written before it existed keep <see cref="PlanIndicatorSourceKind.Manual"/> with an
    /// observatory code: <see cref="EffectiveSource"/> reads them as observatory-fed.
    /// </summary>
    public PlanIndicatorSourceKind LiveSource { get; set; }
    /// <summary>Survey source: the survey whose waves give one value each.</summary>
    public Guid? SurveyId { get; set; }
    /// <summary>Survey source: the questionnaire item (column code, e.g. "B1").</summary>
    public string? SurveyItem { get; set; }
    /// <summary>Survey source: the aggregated answer whose weighted share is the value (e.g. "Souvent + De temps en temps").</summary>
    public string? SurveyAnswer { get; set; }
    /// <summary>Incivilités source: the category group code (proprete, tranquillite…).</summary>
    public string? IncidentGroup { get; set; }
    /// <summary>Incivilités source: one sub-area of the contract; null = the whole contract.</summary>
    public Guid? IncidentAreaId { get; set; }
    /// <summary>
    /// Carried over by a renewal (ADR 0020) with a source that still points to the previous contract — a survey of it, or a
    /// sector it did not carry: the source is kept but reads no value until the coordinator relinks it (saving clears it).
    /// </summary>
    public bool SourceToRelink { get; set; }
    public List<PlanIndicatorValue> Values { get; set; } = [];

    public PlanIndicatorSourceKind EffectiveSource() =>
        LiveSource != PlanIndicatorSourceKind.Manual ? LiveSource
        : ObservatoryIndicatorCode is not null ? PlanIndicatorSourceKind.Observatory : PlanIndicatorSourceKind.Manual;
}

/// <summary>A value typed for an indicator, with where it comes from and who typed it (stamps).</summary>
public class PlanIndicatorValue : StampedEntity, IVersioned
{
    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid IndicatorId { get; set; }
    /// <summary>Date the value describes (end of its period).</summary>
    public DateOnly On { get; set; }
    /// <summary>Period label as typed: "2024", "2024-T2", "2024-03".</summary>
    public required string Period { get; set; }
    public decimal Value { get; set; }
    /// <summary>Provenance: where the figure comes from (service, file, count method).</summary>
    public required string Provenance { get; set; }
}

/// <summary>
/// One field changed on a plan record: who, when, before/after. Rows written by the same save share a
/// <see cref="ChangeGroup"/>; <see cref="PlanItemId"/> is the action whose timeline shows the change.
/// </summary>
public class PlanChange
{
    public long Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid? PlanItemId { get; set; }
    public Guid ChangeGroup { get; set; }
    /// <summary>"PlanItem", "Commitment", "Milestone", "BudgetLine", "PlanIndicator", "PlanIndicatorValue".</summary>
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    /// <summary>"created" / "deleted" / "updated".</summary>
    public required string Operation { get; set; }
    public required string Field { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid? ChangedById { get; set; }
}

/// <summary>A comment on an action (internal: never public).</summary>
public class PlanComment : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid PlanItemId { get; set; }
    public required string Text { get; set; }
}

public enum ReminderKind
{
    /// <summary>Sent some days before the due date.</summary>
    BeforeDue,
    /// <summary>Sent once the due date has passed and the item is not done.</summary>
    Overdue,
}

/// <summary>
/// A reminder that has been sent. The unique key (item, recipient, kind) is the lock: an instance inserts the
/// row first and sends only if its insert committed, so several instances never send the same reminder twice.
/// </summary>
public class PlanReminderSent
{
    public long Id { get; set; }
    public Guid ContractId { get; set; }
    /// <summary>Milestone or commitment id.</summary>
    public Guid ItemId { get; set; }
    public Guid RecipientId { get; set; }
    public ReminderKind Kind { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>Per-contract settings of the plan.</summary>
public class PlanSettings : StampedEntity, IVersioned
{
    public Guid ContractId { get; set; }
    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
    /// <summary>Whether budget lines appear on the public page of a published plan.</summary>
    public bool PublishBudget { get; set; }
    /// <summary>How many days before a due date the reminder goes out.</summary>
    public int ReminderDaysBefore { get; set; } = 7;
}
