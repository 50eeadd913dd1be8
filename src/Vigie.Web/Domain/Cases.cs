namespace Vigie.Web.Domain;

// Confidential follow-up of individuals (issue 13, shared/specs §1, docs/adr/0010-confidential-cases.md).
// Identity, contact details and every free text of a sheet are stored encrypted (CaseCipher); what stays in clear
// are closed lists, dates, ids and a keyed hash (duplicate check). No field can hold an offence.

/// <summary>The kinds of group where individual cases may be examined (AU-038 art. 1). Plenary and restricted CLSPD formations are not representable.</summary>
public enum CaseGroupKind
{
    TerritorialGroup,
    ThematicGroup,
    /// <summary>Cellule de veille: the local name of a territorial working group.</summary>
    WatchCell,
    /// <summary>Conseil pour les droits et devoirs des familles (CASF L141-1).</summary>
    Cddf,
}

public enum CaseMemberStatus { Active, Suspended, Excluded, Left }

/// <summary>Institutions (CNIL 2020 checkbox list): a member's institution, who referred a case, who carries an action.</summary>
public enum CaseInstitution
{
    NationalPolice, SocialLandlord, School, Gendarmerie, MunicipalPolice, Prosecutor, Pjj, Spip,
    DepartmentalSocialService, Ccas, SpecialisedPrevention, MissionLocale, SocialMediation,
    Transport, MunicipalService, VictimSupport, FamilyOrPerson, OtherGroupMember,
}

public enum CaseOrigin { PartnerReferral, GltdProsecutorDecision, CddfReferral, FamilyRequest, AfterMayorReminder }

/// <summary>Problématiques: the closed list replacing the free-text "motif de signalement". <see cref="FirstOffence"/> and <see cref="Reoffending"/> imply offence data (tier 3).</summary>
public enum CaseProblem
{
    AbsenteeismDropout, SchoolExclusion, IncivilitiesTranquillity, DelinquencyRiskExposure, FirstOffence, Reoffending,
    AddictiveBehaviour, WanderingFamilyBreakdown, ParentingDifficulties, DomesticViolenceVictim, OtherVictimisation, ExploitationRisk,
}

/// <summary>Status machine of §1.3.</summary>
public enum CaseStatus { Proposed, UnderReview, Followed, Watch, NotRetained, Closed, Archived }

public enum CaseClosureReason
{
    GoalsReached, CommonLawRelay, JudicialRelay, MovedAway, RefusedAdherence, AgeLimit25, ProgrammeEnded, LostContact, NotRetainedAfterReview,
}

public enum CaseSchoolLevel { Primary, MiddleSchool, HighSchool, VocationalHighSchool, Apprenticeship, Higher, NotInSchool, DroppedOut }

public enum CaseOccupation { Employed, InTraining, JobSeeking, Inactive, MissionLocaleFollowUp }

public enum CaseSex { Female, Male, OtherOrUnstated }

public enum RepresentativeLink { Mother, Father, Guardian, OtherRepresentative }

public enum CaseActionType
{
    EducationalSupport, SchoolSupport, MissionLocaleReferral, EmploymentInsertion, EducationalWorksite, SportCulture, ParentingSupport,
    CddfReferral, MayorReminder, SocialMediation, CareAddictionReferral, VictimSupportReferral, Housing, CommunityServiceHosting, Other,
}

public enum CaseActionResult { Done, InProgress, Partial, NotDone, RefusedByPerson, NotApplicable }

/// <summary>Judicial measures (tier 3). There is deliberately no field for the offence or the motive (CNIL 2020, TIG example).</summary>
public enum JudicialMeasureType
{
    PjjEducationalMeasure, CommunityService, Reparation, CitizenshipCourse, ProbationaryWarning, JudicialSupervision, ProbationarySuspendedSentence, Other,
}

public enum JudicialService { Pjj, Spip, Prosecutor, Association }

public enum CaseDecision { OpenFollowUp, Continue, CommonLawReferral, ClosureProposed, Adjourned }

/// <summary>A dispositif: a working group (L132-5 CSI) or a CDDF where a contract's partners examine individual situations.</summary>
public class CaseGroup : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public required string Name { get; set; }
    public CaseGroupKind Kind { get; set; }
    /// <summary>The governance body whose meetings examine the cases (by code on their agenda); never a plenary or restricted formation.</summary>
    public Guid? BodyId { get; set; }
    /// <summary>The coordonnateur (AU-038 art. 1), required; also a member of the group.</summary>
    public Guid CoordinatorUserId { get; set; }
    /// <summary>Version label of the internal rulebook the exchanges follow (L132-5).</summary>
    public string? RulebookVersion { get; set; }
    /// <summary>Current charter version: 1, 2…; a new version suspends every member's access until signed again (rule A1).</summary>
    public int CharterVersion { get; set; } = 1;
    /// <summary>Youth programmes: 25 (AU-038 art. 5); null for adult cohorts.</summary>
    public int? CohortMaxAge { get; set; } = 25;
    /// <summary>Months a closed sheet stays in the archive after its end date before the purge (§1.6: 3 by default, 0–36).</summary>
    public int ArchiveMonths { get; set; } = 3;
    /// <summary>Months a sheet not retained is kept after the decision before the purge (§1.6: 3 by default, 0–3).</summary>
    public int NotRetainedMonths { get; set; } = 3;
    /// <summary>Months the group's audit events (the case module's log) are kept before the daily job deletes them (§1.6: 12 by default, 6–36; docs/adr/0022-case-audit-retention.md).</summary>
    public int AuditMonths { get; set; } = 12;
    public List<CaseGroupMember> Members { get; set; } = [];
}

public class CaseGroupMember : StampedEntity
{
    public Guid Id { get; set; }
    public Guid GroupId { get; set; }
    public CaseGroup? Group { get; set; }
    public Guid UserId { get; set; }
    public CaseInstitution Institution { get; set; }
    public string? Function { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public CaseMemberStatus Status { get; set; } = CaseMemberStatus.Active;
    public int? SignedCharterVersion { get; set; }
    public DateTimeOffset? SignedCharterAt { get; set; }
}

/// <summary>
/// A programme of the CLSPD (§1.2 "programme (enum, configured per CLSPD)", AU-038 art. 3 "le programme concerné"): a
/// closed list kept per contract by its coordinators (e.g. « Réussite éducative », « Prévention de la récidive »). A
/// programme named by a sheet or by an anonymous statistics stub is never deleted: it is archived (no longer offered).
/// </summary>
public class CaseProgramme : StampedEntity, IVersioned
{
    public const int CodeMax = 30;
    public const int LabelMax = 200;

    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    /// <summary>Short code, upper case, unique in the contract (e.g. PRE).</summary>
    public required string Code { get; set; }
    public required string Label { get; set; }
    /// <summary>No longer offered on sheets; kept for the sheets and statistics that name it.</summary>
    public bool Archived { get; set; }
}

/// <summary>
/// The yearly review of how a group applies its ethics charter (§1.1, charter 2010: "bilan annuel de l'application de la
/// charte"), written by the coordinator: the date, the institutions taking part (closed list), the findings and the
/// follow-up decisions (short free texts, never about a person, without e-mail address or phone number). Never edited.
/// </summary>
public class CaseCharterReview : StampedEntity
{
    public const int TextMax = 1000;

    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid GroupId { get; set; }
    public DateOnly HeldOn { get; set; }
    /// <summary>The institutions represented at the review.</summary>
    public List<CaseInstitution> Institutions { get; set; } = [];
    public required string Findings { get; set; }
    public string? Decisions { get; set; }
}

/// <summary>One sheet per person (FicheSuivi). Identity and contact details are ciphertexts; the list of sheets never shows them.</summary>
public class CaseSheet : StampedEntity, IVersioned
{
    /// <summary>Optimistic concurrency token (ADR 0019): moves on with every change of the sheet; the programme form sends it back.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid GroupId { get; set; }
    public CaseGroup? Group { get; set; }
    /// <summary>The pseudonymous code used on agendas and minutes (e.g. FS-7K2M9Q).</summary>
    public required string Code { get; set; }
    /// <summary>Tier 1 identity (surname, first name, sex, birth date), encrypted JSON.</summary>
    public required string IdentityCipher { get; set; }
    /// <summary>Tier 2 contact details and legal representatives, encrypted JSON.</summary>
    public required string ContactCipher { get; set; }
    /// <summary>HMAC of the normalised surname, first name and birth date: the duplicate check compares it, nothing else.</summary>
    public required string DuplicateKey { get; set; }
    public CaseSchoolLevel? SchoolLevel { get; set; }
    public CaseOccupation? Occupation { get; set; }
    public DateOnly StartedOn { get; set; }
    public CaseOrigin Origin { get; set; }
    public CaseInstitution ReferralSource { get; set; }
    public Guid? ReferredByUserId { get; set; }
    /// <summary>The programme concerned (§1.2, one of the contract's <see cref="CaseProgramme"/>), optional.</summary>
    public Guid? ProgrammeId { get; set; }
    /// <summary>At most three problématiques.</summary>
    public List<CaseProblem> Problems { get; set; } = [];
    /// <summary>Quartier of residence (§1.2 quartierCode): one of the contract's sub-areas (quartier or QPV, <see cref="Area"/>), optional.</summary>
    public Guid? AreaId { get; set; }
    public Guid? ReferentUserId { get; set; }
    public CaseStatus Status { get; set; } = CaseStatus.Proposed;
    public DateTimeOffset StatusChangedAt { get; set; }
    public DateOnly? EndedOn { get; set; }
    public CaseClosureReason? ClosureReason { get; set; }
    /// <summary>Next six-month review for a sheet in follow-up or watch.</summary>
    public DateOnly? ReviewDueOn { get; set; }
    /// <summary>Art. 8 (sensitive) data flagged, never by default (tier 3); the justification is encrypted.</summary>
    public bool SensitiveData { get; set; }
    public string? SensitiveJustificationCipher { get; set; }
    /// <summary>Freeze (legal hold, §1.6): no purge before this date (at most 6 months at a time, renewable), except at the 25th birthday.</summary>
    public DateOnly? FrozenUntil { get; set; }
    public CaseFreezeReason? FreezeReason { get; set; }
    /// <summary>Day the coordinator was sent the purge preview for this sheet: the purge waits 7 days after it.</summary>
    public DateOnly? PurgeNoticeSentOn { get; set; }
    /// <summary>Day the six-month review reminder was last sent.</summary>
    public DateOnly? ReviewReminderSentOn { get; set; }
    /// <summary>Individual notice (§1.7): when, how and to whom the person was informed; or an exception, motivated (encrypted).</summary>
    public DateOnly? NoticeGivenOn { get; set; }
    public CaseNoticeMeans? NoticeMeans { get; set; }
    public CaseNoticeRecipient? NoticeRecipient { get; set; }
    public string? NoticeExceptionCipher { get; set; }
    public List<CaseAction> Actions { get; set; } = [];
    public List<JudicialMeasure> Measures { get; set; } = [];
    public List<CaseAgendaEntry> AgendaEntries { get; set; } = [];
}

public class CaseAction : StampedEntity
{
    public Guid Id { get; set; }
    public Guid SheetId { get; set; }
    public CaseActionType Type { get; set; }
    public CaseInstitution CarrierInstitution { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public CaseActionResult Result { get; set; }
    /// <summary>Optional factual note (≤ 280 characters), encrypted.</summary>
    public string? NoteCipher { get; set; }
}

public class JudicialMeasure : StampedEntity
{
    public Guid Id { get; set; }
    public Guid SheetId { get; set; }
    public JudicialMeasureType Type { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public JudicialService Service { get; set; }
}

/// <summary>A sheet placed on a meeting of its group's body: the agenda item carries the code only. Opens the need-to-know window (rule A2).</summary>
public class CaseAgendaEntry : StampedEntity
{
    public Guid Id { get; set; }
    public Guid SheetId { get; set; }
    public Guid MeetingId { get; set; }
    public Guid? AgendaItemId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public CaseDecision? Decision { get; set; }
}

/// <summary>Why a sheet is frozen (kept past its purge date): a closed list, never a free text.</summary>
public enum CaseFreezeReason { Litigation, AdministrativeAccessRequest, RightsRequest, Investigation }

/// <summary>Age at the start of the follow-up, in the bands of the anonymous statistics.</summary>
public enum CaseAgeBand { Under11, From11To13, From14To15, From16To17, From18To21, From22To25, Over25 }

/// <summary>
/// Rule A10: the coordinator opened an archived sheet with a motive (encrypted) for 24 hours, read-only; every view is logged.
/// </summary>
public class CaseArchiveAccess
{
    public Guid Id { get; set; }
    public Guid SheetId { get; set; }
    public Guid UserId { get; set; }
    public required string MotiveCipher { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset Until { get; set; }
}

/// <summary>
/// What is left of a purged sheet (§1.6): the anonymous statistics stub, without any identifier (no sheet id, no code,
/// no date of birth): year, group, problématiques, age band, duration, closure reason.
/// </summary>
public class CaseStatsStub
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid GroupId { get; set; }
    public CaseGroupKind GroupKind { get; set; }
    public int Year { get; set; }
    public List<CaseProblem> Problems { get; set; } = [];
    public CaseAgeBand AgeBand { get; set; }
    /// <summary>The quartier of residence (a sub-area of the contract), kept for the anonymous statistics (§1.6).</summary>
    public Guid? AreaId { get; set; }
    /// <summary>The programme the sheet named (§1.6: the stub keeps it), optional.</summary>
    public Guid? ProgrammeId { get; set; }
    public int DurationDays { get; set; }
    /// <summary>Closed, not retained, or still open when the 25th birthday purged it.</summary>
    public CaseStatus FinalStatus { get; set; }
    public CaseClosureReason? ClosureReason { get; set; }
    public DateOnly PurgedOn { get; set; }
}

/// <summary>Elimination slip (bordereau d'élimination, Code du patrimoine) of one group's purge on one day: counts and date ranges, for the municipal archivist.</summary>
public class CasePurgeSlip
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid GroupId { get; set; }
    public DateOnly PurgedOn { get; set; }
    public int SheetCount { get; set; }
    public DateOnly EarliestStart { get; set; }
    public DateOnly? LatestEnd { get; set; }
    public required string ProcessingName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The contract's controller and DPO as the collective notice of the confidential follow-up names them (shared/specs
/// §1.7), published on the contract's public information page and printed in the letters; edited by a coordinator of
/// the contract. At most one row per contract; absent, the notice names the maire and the commune's DPO generically.
/// </summary>
public class CaseNoticeSettings : StampedEntity, IVersioned
{
    public const int NameMax = 200;
    public const int AddressMax = 400;
    public const int ContactMax = 300;

    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    /// <summary>The controller (responsable de traitement), e.g. « Le maire de Villeneuve ».</summary>
    public required string ControllerName { get; set; }
    public string? ControllerAddress { get; set; }
    /// <summary>The DPO's name or function (a person or a shared service); optional.</summary>
    public string? DpoName { get; set; }
    /// <summary>How to reach the DPO: an e-mail address or a postal address.</summary>
    public required string DpoContact { get; set; }
}

/// <summary>
/// Last request of one browser session to the follow-up area (rule A9: 15-minute idle timeout for tiers 1–2), kept on
/// the server: the session is named by the audit digest of its id (never the id itself, which is the cookie's secret).
/// </summary>
public class CaseSessionActivity
{
    public required string SessionId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>How the person (or their legal representatives) received the individual notice (§1.7).</summary>
public enum CaseNoticeMeans { Letter, HandedOver, Interview, Email }

public enum CaseNoticeRecipient { Person, LegalRepresentatives }

/// <summary>The rights of the person concerned (GDPR art. 15–18, 21), as §1.7 lists them.</summary>
public enum CaseRightsKind { Access, Rectification, Erasure, Limitation, Opposition }

/// <summary>
/// A rights request about one sheet (§1.7): received on a date, answered within one month (GDPR art. 12(3)), extendable
/// by two months with a motive (encrypted). Overdue requests are shown to the coordinator.
/// </summary>
public class CaseRightsRequest
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid GroupId { get; set; }
    /// <summary>
    /// The sheet concerned; null once the sheet is erased or purged: the request stays in the group's register of rights
    /// requests (dates, kind, outcome), with nothing left that points to the person.
    /// </summary>
    public Guid? SheetId { get; set; }
    public CaseRightsKind Kind { get; set; }
    public DateOnly ReceivedOn { get; set; }
    /// <summary>Legal deadline: one month after receipt, or three when extended with a motive.</summary>
    public DateOnly DueOn { get; set; }
    public string? ExtensionMotiveCipher { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>What Vigie did about it: a rectification applied to the sheet, an erasure granted (the sheet deleted, this row kept detached) or refused.</summary>
    public CaseRightsOutcome? Outcome { get; set; }
    /// <summary>The French reason of a refusal, built from closed lists (freeze reason and date): never a personal datum.</summary>
    public string? OutcomeReason { get; set; }
}

/// <summary>The outcome of a rights request applied through Vigie.</summary>
public enum CaseRightsOutcome { Granted, Refused }

/// <summary>
/// A contract's data-protection officer for the confidential follow-up (§1.5: the audit log is "readable by the DPO and the
/// coordonnateur"): a member of the contract designated by a coordinator of the contract. Reads the module's audit events
/// of the contract (codes, kinds, actors, dates), never the content of a sheet.
/// </summary>
public class CaseDpoDesignation
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset DesignatedAt { get; set; }
    public Guid? DesignatedByUserId { get; set; }
}
