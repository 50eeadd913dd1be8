namespace Vigie.Web.Domain;

// Video-protection register (issue 15 items 8–11, specs §4). Every row carries its ContractId (scoping is one Where,
// deleting a contract cascades). The ethics committee is a governance Body of kind VideoEthicsCommittee (its sittings
// are that body's meetings); what governance does not hold — members' quality, opinions, annual reports, citizens'
// referrals — lives here (docs/adr/0017-video-protection.md).

/// <summary>The 11 purposes of CSI L251-2 (stored as their number).</summary>
public enum VideoPurpose
{
    BatimentsPublics = 1,
    DefenseNationale = 2,
    RegulationTrafic = 3,
    InfractionsRoutieres = 4,
    PreventionAtteintes = 5,
    Terrorisme = 6,
    RisquesNaturels = 7,
    SecoursIncendie = 8,
    ParcsAttractions = 9,
    AssuranceVehicules = 10,
    DepotsSauvages = 11,
}

public enum VideoOperator { Municipal, Intercommunal, Externalise }

public enum VideoDiagnosticAuthor { ReferentSuretePN, ReferentSureteGN, BureauEtudes, Interne }

public enum VideoDiagnosticOpinion { Favorable, Reserve, Defavorable }

public enum VideoRequestKind { Initiale, Renouvellement, Modification }

public enum VideoAuthorisationMode { ParCamera, Perimetre }

public enum VideoRequestStatus { Brouillon, Deposee, EnInstruction, AvisCommissionRendu, Accordee, Refusee, RejetImplicite }

public enum VideoCommissionOpinion { Favorable, FavorableAvecReserves, Defavorable }

/// <summary>Computed from the dates and the repeal (never stored, so time moving forward changes it).</summary>
public enum VideoAuthorisationStatus { EnVigueur, ARenouveler, Expiree, Abrogee }

public enum VideoCameraKind { Fixe, DomePTZ, Nomade }

public enum VideoCameraField { VoiePublique, ERP, Abords }

public enum VideoCameraState { Projetee, Installee, EnService, HorsService, Deposee }

public enum VideoExtractionReason { RequisitionJudiciaire, ConstatOperateur, DemandeAccesPersonne, Disciplinaire, Autre }

public enum VideoExtractionMedium { NonReinscriptible, Securise, TransfertChiffre }

public enum VideoRequisitionAuthority { OPJ_PoliceNationale, OPJ_Gendarmerie, Parquet, JugeInstruction, Autre }

public enum VideoRequisitionFrame { Flagrance, Preliminaire, InformationJudiciaire }

public enum VideoRequisitionResponse { Fournie, Partielle, ImagesDetruites, HorsChamp }

public enum VideoAccessObject { Visionnage, VerificationDestruction }

public enum VideoAccessDecision { Accorde, AccordeAvecFloutage, Refuse, ImagesDetruites }

public enum VideoAccessRefusal { SureteEtat, Defense, SecuritePublique, ProcedureJudiciaire, DroitDesTiers }

public enum VideoCommitteeQuality { EluMajorite, EluOpposition, PersonnaliteQualifiee, Magistrat, Associatif, Habitant }

/// <summary>Kinds of alerts raised by the daily job (V1, V2, V3, V4, V5, V7, V8).</summary>
public enum VideoAlertKind
{
    RenewalD365, RenewalD270, RenewalD180, RenewalD150, Expired, RetentionBreach, CameraWithoutAuthorisation, CameraWithoutPrefectInformation, AccessRequestOverdue,
    /// <summary>V1: no purge check recorded for longer than the retention.</summary>
    PurgeCheckLate,
    /// <summary>V5: a copy handed over neither destroyed nor transmitted to the parquet after the longest lawful retention.</summary>
    CopyOutstanding,
    /// <summary>V8: the sign (panneau) of a camera in service not checked for a year.</summary>
    SignCheckDue,
}

/// <summary>A commune's video-protection system (one per contract and commune).</summary>
public class VideoSystem : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public required string Commune { get; set; }
    /// <summary>Who is responsible (usually "Le maire"), by role.</summary>
    public required string Responsible { get; set; }
    /// <summary>How to reach the DPO / exercise the right of access (published).</summary>
    public string? AccessContact { get; set; }
    public bool HasCsu { get; set; }
    public VideoOperator Operator { get; set; }
    public DateOnly? AipdDate { get; set; }
    /// <summary>The governance body of kind VideoEthicsCommittee acting as the ethics committee.</summary>
    public Guid? CommitteeBodyId { get; set; }
    /// <summary>The committee's charter (EFUS principles), published.</summary>
    public string? CharterText { get; set; }
    public string? CharterVersion { get; set; }
}

/// <summary>A security diagnostic before installing cameras (référent sûreté).</summary>
public class VideoDiagnostic : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public DateOnly Date { get; set; }
    public VideoDiagnosticAuthor Author { get; set; }
    public required string Perimeter { get; set; }
    public string? Findings { get; set; }
    public VideoDiagnosticOpinion Opinion { get; set; }
    public List<VideoRecommendation> Recommendations { get; set; } = [];
}

/// <summary>One recommendation of a diagnostic: a site, a camera type, a purpose, a priority.</summary>
public class VideoRecommendation
{
    public Guid Id { get; set; }
    public Guid DiagnosticId { get; set; }
    public Guid ContractId { get; set; }
    public required string Site { get; set; }
    public VideoCameraKind CameraKind { get; set; }
    public VideoPurpose Purpose { get; set; }
    public int Priority { get; set; }
}

/// <summary>A request to the préfet (initial, renewal, modification) and the commission's opinion.</summary>
public class VideoAuthorisationRequest : StampedEntity, IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public VideoRequestKind Kind { get; set; }
    public VideoAuthorisationMode Mode { get; set; }
    public List<VideoPurpose> Purposes { get; set; } = [];
    public bool VideoVerbalisation { get; set; }
    public DateOnly? FiledOn { get; set; }
    public VideoRequestStatus Status { get; set; }
    public DateOnly? CommissionSittingOn { get; set; }
    public VideoCommissionOpinion? CommissionOpinion { get; set; }
    public string? CommissionReserves { get; set; }
    /// <summary>The préfet's silence for more than 4 months means rejection.</summary>
    public DateOnly? ImplicitRejectionOn => FiledOn?.AddMonths(4);
}

/// <summary>A préfet's authorisation: 5 years, purposes among the 11, retention ≤ 30 days, a perimeter or a camera list.</summary>
public class VideoAuthorisation : StampedEntity
{
    public const int MaxRetentionDays = 30;
    public const int Years = 5;

    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public Guid? RequestId { get; set; }
    public required string OrderNumber { get; set; }
    public DateOnly OrderDate { get; set; }
    public required string Prefecture { get; set; }
    public VideoAuthorisationMode Mode { get; set; }
    public List<VideoPurpose> Purposes { get; set; } = [];
    public bool VideoVerbalisation { get; set; }
    /// <summary>Name of the perimeter (public) and its GeoJSON polygon (mode Perimetre).</summary>
    public string? PerimeterName { get; set; }
    public string? PerimeterGeoJson { get; set; }
    public int AuthorisedCameras { get; set; }
    public int RetentionDays { get; set; }
    public int? MinimumRetentionDays { get; set; }
    public string? Prescriptions { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public DateOnly? RepealedOn { get; set; }
    /// <summary>Why the préfet repealed it (the arrêté's motive, ≤ 1000 characters), with <see cref="RepealedOn"/>.</summary>
    public string? RepealMotive { get; set; }
    /// <summary>
    /// The authorisation this one renews (same system and contract; at most one successor each). While a successor is in
    /// force, the renewed one raises no renewal reminder nor expiry alert.
    /// </summary>
    public Guid? RenewsAuthorisationId { get; set; }

    public VideoAuthorisationStatus StatusOn(DateOnly today) =>
        RepealedOn is { } r && r <= today ? VideoAuthorisationStatus.Abrogee
        : today >= ExpiresOn ? VideoAuthorisationStatus.Expiree
        : today >= ExpiresOn.AddDays(-365) ? VideoAuthorisationStatus.ARenouveler
        : VideoAuthorisationStatus.EnVigueur;
}

/// <summary>A camera: where, what it films, its state and the préfet's information.</summary>
public class VideoCamera : StampedEntity, IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public Guid? AuthorisationId { get; set; }
    public Guid? RecorderId { get; set; }
    public required string Code { get; set; }
    /// <summary>The site it belongs to (e.g. a social-housing estate): the CLSPD summary counts per site.</summary>
    public required string Site { get; set; }
    public string? Address { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public VideoCameraKind Kind { get; set; }
    public VideoCameraField Field { get; set; }
    /// <summary>Direction of view in degrees (0 = north) and the angle of the field of view, for the map.</summary>
    public int? Bearing { get; set; }
    public int? ViewAngle { get; set; }
    public VideoPurpose Purpose { get; set; }
    public bool PrivacyMasking { get; set; }
    public string? PrivacyMaskingNote { get; set; }
    public VideoCameraState State { get; set; }
    public DateOnly? InServiceOn { get; set; }
    public DateOnly? PrefectInformedOn { get; set; }
    public bool SignPresent { get; set; }
    public DateOnly? SignCheckedOn { get; set; }
}

/// <summary>A recorder: its configured retention and its last purge check.</summary>
public class VideoRecorder : StampedEntity, IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public Guid AuthorisationId { get; set; }
    public required string Name { get; set; }
    public int RetentionDays { get; set; }
    public DateOnly? LastPurgeCheckOn { get; set; }
    public DateTimeOffset? OldestImageAt { get; set; }
}

/// <summary>A judicial requisition for images.</summary>
public class VideoRequisition : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public required string Number { get; set; }
    public VideoRequisitionAuthority Authority { get; set; }
    public VideoRequisitionFrame Frame { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateTimeOffset PeriodFrom { get; set; }
    public DateTimeOffset PeriodTo { get; set; }
    public string? Site { get; set; }
    public VideoRequisitionResponse? Response { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    /// <summary>V6: when the images of the period were purged automatically (end of the retention window).</summary>
    public DateTimeOffset? PurgedAt { get; set; }
}

/// <summary>One line of the extraction register (kept 3 years): who, when, which cameras, why, to whom.</summary>
public class VideoExtraction : StampedEntity, IVersioned
{
    public const int KeptYears = 3;

    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string OperatorName { get; set; }
    public required string OperatorRole { get; set; }
    public List<Guid> CameraIds { get; set; } = [];
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public VideoExtractionReason Reason { get; set; }
    public Guid? RequisitionId { get; set; }
    public Guid? AccessRequestId { get; set; }
    public required string Recipient { get; set; }
    public VideoExtractionMedium Medium { get; set; }
    public string? Sha256 { get; set; }
    public DateOnly? ParquetTransmittedOn { get; set; }
    public DateOnly? CopyDestroyedOn { get; set; }
}

/// <summary>A person's request to view images or check their destruction (V7).</summary>
public class VideoAccessRequest : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    /// <summary>The mairie's file reference (never the requester's name).</summary>
    public required string Reference { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public bool IdentityChecked { get; set; }
    public Guid? CameraId { get; set; }
    public DateTimeOffset SlotFrom { get; set; }
    public DateTimeOffset SlotTo { get; set; }
    public VideoAccessObject Object { get; set; }
    public bool ThirdPartiesVisible { get; set; }
    public bool BlurringDone { get; set; }
    public bool ReferredToCommittee { get; set; }
    public VideoAccessDecision? Decision { get; set; }
    public VideoAccessRefusal? RefusalReason { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public DateOnly DueOn => ReceivedOn.AddMonths(1);
}

/// <summary>A member of the ethics committee by quality.</summary>
public class VideoCommitteeMember : StampedEntity, IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public required string Name { get; set; }
    public VideoCommitteeQuality Quality { get; set; }
}

/// <summary>An opinion of the committee, given at a sitting (a meeting of its governance body).</summary>
public class VideoCommitteeOpinion : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public Guid? MeetingId { get; set; }
    public DateOnly Date { get; set; }
    public required string Subject { get; set; }
    public required string Text { get; set; }
    /// <summary>
    /// Who may read the opinion (ADR 0006): copied from its sitting when recorded, or set explicitly (never less protected
    /// than the sitting); without a sitting it is Members unless Public is chosen (issue 15). Null only on opinions recorded before the column existed: read as the sitting's visibility
    /// (public without a sitting), see <c>VideoQueries.OpinionVisibility</c>.
    /// </summary>
    public MinutesVisibility? Visibility { get; set; }
}

/// <summary>The committee's annual report (published on the public page when <see cref="PublishedOn"/> is set).</summary>
public class VideoCommitteeReport : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public int Year { get; set; }
    public required string Text { get; set; }
    public DateOnly? PublishedOn { get; set; }
}

/// <summary>A citizen's referral to the committee (by reference, never a name).</summary>
public class VideoCitizenReferral : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public required string Reference { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public required string Subject { get; set; }
    public Guid? AccessRequestId { get; set; }
    public string? Answer { get; set; }
    public DateOnly? AnsweredOn { get; set; }
}

/// <summary>An alert of the daily job, unique by (kind, subject, period): raised once across instances.</summary>
public class VideoAlert
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid SystemId { get; set; }
    public VideoAlertKind Kind { get; set; }
    public Guid SubjectId { get; set; }
    public required string PeriodKey { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public required string Message { get; set; }
    /// <summary>
    /// When the alert was closed: by the daily job once its condition cleared, or by a coordinator. A resolved alert leaves
    /// the register's list and keeps its key, so the same occurrence is never raised again (ADR 0017).
    /// </summary>
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>The coordinator who closed it; null when the daily job did (or while open).</summary>
    public Guid? ResolvedById { get; set; }
}
