using System.ComponentModel.DataAnnotations;

namespace Vigie.Web.Features.VideoProtection;

// Inputs shared by the pages and the API (enumerations by name, e.g. "Perimetre"; purposes by their L251-2 number 1–11).
// The system is optional when the contract has a single one.

public sealed class VideoSystemInput : IValidatableInput
{
    [Required(ErrorMessage = "La commune est obligatoire.")]
    [StringLength(200, ErrorMessage = "La commune ne doit pas dépasser 200 caractères.")]
    public string? Commune { get; set; }
    [Required(ErrorMessage = "Le responsable du système est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le responsable ne doit pas dépasser 200 caractères.")]
    public string? Responsible { get; set; }
    [StringLength(400, ErrorMessage = "Le contact pour le droit d'accès ne doit pas dépasser 400 caractères.")]
    public string? AccessContact { get; set; }
    public bool HasCsu { get; set; }
    /// <summary>Municipal, Intercommunal or Externalise.</summary>
    public string? Operator { get; set; }
    public DateOnly? AipdDate { get; set; }
    /// <summary>A governance body of kind VideoEthicsCommittee of the same contract.</summary>
    public Guid? CommitteeBodyId { get; set; }
    [StringLength(20000, ErrorMessage = "La charte ne doit pas dépasser 20 000 caractères.")]
    public string? CharterText { get; set; }
    [StringLength(40, ErrorMessage = "La version de la charte ne doit pas dépasser 40 caractères.")]
    public string? CharterVersion { get; set; }
}

public sealed class VideoRecommendationInput
{
    public string? Site { get; set; }
    public string? CameraKind { get; set; }
    public int? Purpose { get; set; }
    public int Priority { get; set; } = 1;
}

public sealed class VideoDiagnosticInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    [Required(ErrorMessage = "La date du diagnostic est obligatoire.")]
    public DateOnly? Date { get; set; }
    /// <summary>ReferentSuretePN, ReferentSureteGN, BureauEtudes or Interne.</summary>
    public string? Author { get; set; }
    [Required(ErrorMessage = "Le périmètre étudié est obligatoire.")]
    [StringLength(400, ErrorMessage = "Le périmètre ne doit pas dépasser 400 caractères.")]
    public string? Perimeter { get; set; }
    [StringLength(8000, ErrorMessage = "Les constats ne doivent pas dépasser 8 000 caractères.")]
    public string? Findings { get; set; }
    /// <summary>Favorable, Reserve or Defavorable.</summary>
    public string? Opinion { get; set; }
    public List<VideoRecommendationInput> Recommendations { get; set; } = [];
}

public sealed class VideoRequestInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    /// <summary>Initiale, Renouvellement or Modification.</summary>
    public string? Kind { get; set; }
    /// <summary>ParCamera or Perimetre.</summary>
    public string? Mode { get; set; }
    public List<int> Purposes { get; set; } = [];
    public bool VideoVerbalisation { get; set; }
    public DateOnly? FiledOn { get; set; }
    /// <summary>Brouillon, Deposee, EnInstruction, AvisCommissionRendu, Accordee, Refusee.</summary>
    public string? Status { get; set; }
    public DateOnly? CommissionSittingOn { get; set; }
    /// <summary>Favorable, FavorableAvecReserves or Defavorable.</summary>
    public string? CommissionOpinion { get; set; }
    [StringLength(4000, ErrorMessage = "Les réserves ne doivent pas dépasser 4 000 caractères.")]
    public string? CommissionReserves { get; set; }
}

/// <summary>
/// The progress of a request (PUT /requests/{id}): Deposee → EnInstruction → AvisCommissionRendu (with the commission's
/// opinion) → Accordee or Refusee. The implicit rejection is computed (filing + 4 months), never entered.
/// </summary>
public sealed class VideoRequestProgressInput : IValidatableInput
{
    /// <summary>Brouillon, Deposee, EnInstruction, AvisCommissionRendu, Accordee or Refusee.</summary>
    [Required(ErrorMessage = "Le nouvel état de la demande est obligatoire.")]
    public string? Status { get; set; }
    /// <summary>Required from Deposee on (kept when absent).</summary>
    public DateOnly? FiledOn { get; set; }
    public DateOnly? CommissionSittingOn { get; set; }
    /// <summary>Favorable, FavorableAvecReserves or Defavorable; required with AvisCommissionRendu.</summary>
    public string? CommissionOpinion { get; set; }
    [StringLength(4000, ErrorMessage = "Les réserves ne doivent pas dépasser 4 000 caractères.")]
    public string? CommissionReserves { get; set; }
    /// <summary>The version the writer started from (ADR 0019); a stale one is refused with a 409.</summary>
    public int? Version { get; set; }
}

public sealed class VideoAuthorisationInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    public Guid? RequestId { get; set; }
    [Required(ErrorMessage = "Le numéro de l'arrêté est obligatoire.")]
    [StringLength(100, ErrorMessage = "Le numéro de l'arrêté ne doit pas dépasser 100 caractères.")]
    public string? OrderNumber { get; set; }
    [Required(ErrorMessage = "La date de l'arrêté est obligatoire.")]
    public DateOnly? OrderDate { get; set; }
    [Required(ErrorMessage = "La préfecture est obligatoire.")]
    [StringLength(200, ErrorMessage = "La préfecture ne doit pas dépasser 200 caractères.")]
    public string? Prefecture { get; set; }
    /// <summary>ParCamera or Perimetre.</summary>
    public string? Mode { get; set; }
    public List<int> Purposes { get; set; } = [];
    public bool VideoVerbalisation { get; set; }
    [StringLength(200, ErrorMessage = "Le nom du périmètre ne doit pas dépasser 200 caractères.")]
    public string? PerimeterName { get; set; }
    /// <summary>GeoJSON Polygon or MultiPolygon (WGS84), required with the Perimetre mode.</summary>
    public string? PerimeterGeoJson { get; set; }
    public int? AuthorisedCameras { get; set; }
    [Required(ErrorMessage = "La durée de conservation est obligatoire.")]
    public int? RetentionDays { get; set; }
    public int? MinimumRetentionDays { get; set; }
    [StringLength(4000, ErrorMessage = "Les prescriptions ne doivent pas dépasser 4 000 caractères.")]
    public string? Prescriptions { get; set; }
    [Required(ErrorMessage = "La date d'effet est obligatoire.")]
    public DateOnly? EffectiveOn { get; set; }
    /// <summary>The authorisation this one renews (same system; each is renewed at most once).</summary>
    public Guid? RenewsAuthorisationId { get; set; }
}

public sealed class VideoCameraInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    public Guid? AuthorisationId { get; set; }
    public Guid? RecorderId { get; set; }
    [Required(ErrorMessage = "Le code de la caméra est obligatoire.")]
    [StringLength(40, ErrorMessage = "Le code ne doit pas dépasser 40 caractères.")]
    public string? Code { get; set; }
    [Required(ErrorMessage = "Le site est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le site ne doit pas dépasser 200 caractères.")]
    public string? Site { get; set; }
    [StringLength(300, ErrorMessage = "L'adresse ne doit pas dépasser 300 caractères.")]
    public string? Address { get; set; }
    [Required(ErrorMessage = "La latitude est obligatoire.")]
    public double? Latitude { get; set; }
    [Required(ErrorMessage = "La longitude est obligatoire.")]
    public double? Longitude { get; set; }
    /// <summary>Fixe, DomePTZ or Nomade.</summary>
    public string? Kind { get; set; }
    /// <summary>VoiePublique, ERP or Abords.</summary>
    public string? Field { get; set; }
    public int? Bearing { get; set; }
    public int? ViewAngle { get; set; }
    [Required(ErrorMessage = "La finalité de la caméra (1 à 11) est obligatoire.")]
    public int? Purpose { get; set; }
    public bool PrivacyMasking { get; set; }
    [StringLength(400, ErrorMessage = "La description du masquage ne doit pas dépasser 400 caractères.")]
    public string? PrivacyMaskingNote { get; set; }
    /// <summary>Projetee, Installee, EnService, HorsService or Deposee.</summary>
    public string? State { get; set; }
    public DateOnly? InServiceOn { get; set; }
    public DateOnly? PrefectInformedOn { get; set; }
    public bool SignPresent { get; set; }
    public DateOnly? SignCheckedOn { get; set; }
    /// <summary>With an edit (PUT /cameras/{id}): the version the writer started from (ADR 0019).</summary>
    public int? Version { get; set; }
}

public sealed class VideoCameraStateInput : IValidatableInput
{
    [Required(ErrorMessage = "L'état est obligatoire.")]
    public string? State { get; set; }
    public DateOnly? InServiceOn { get; set; }
    public DateOnly? PrefectInformedOn { get; set; }
    /// <summary>The authorisation the camera comes under from now on; its current one when absent.</summary>
    public Guid? AuthorisationId { get; set; }
    public int? Version { get; set; }
}

public sealed class VideoRecorderInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    [Required(ErrorMessage = "L'autorisation dont relève l'enregistreur est obligatoire.")]
    public Guid? AuthorisationId { get; set; }
    [Required(ErrorMessage = "Le nom de l'enregistreur est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le nom ne doit pas dépasser 200 caractères.")]
    public string? Name { get; set; }
    [Required(ErrorMessage = "La durée de conservation configurée est obligatoire.")]
    public int? RetentionDays { get; set; }
    /// <summary>With an edit (PUT /recorders/{id}): the version the writer started from (ADR 0019).</summary>
    public int? Version { get; set; }
}

public sealed class VideoPurgeCheckInput : IValidatableInput
{
    [Required(ErrorMessage = "La date du contrôle est obligatoire.")]
    public DateOnly? CheckedOn { get; set; }
    [Required(ErrorMessage = "La date de la plus ancienne image est obligatoire.")]
    public DateTimeOffset? OldestImageAt { get; set; }
}

public sealed class VideoRequisitionInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    [Required(ErrorMessage = "Le numéro de la réquisition est obligatoire.")]
    [StringLength(100, ErrorMessage = "Le numéro ne doit pas dépasser 100 caractères.")]
    public string? Number { get; set; }
    /// <summary>OPJ_PoliceNationale, OPJ_Gendarmerie, Parquet, JugeInstruction or Autre.</summary>
    public string? Authority { get; set; }
    /// <summary>Flagrance, Preliminaire or InformationJudiciaire.</summary>
    public string? Frame { get; set; }
    [Required(ErrorMessage = "La date de réception est obligatoire.")]
    public DateOnly? ReceivedOn { get; set; }
    [Required(ErrorMessage = "Le début de la période demandée est obligatoire.")]
    public DateTimeOffset? PeriodFrom { get; set; }
    [Required(ErrorMessage = "La fin de la période demandée est obligatoire.")]
    public DateTimeOffset? PeriodTo { get; set; }
    [StringLength(200, ErrorMessage = "Le site ne doit pas dépasser 200 caractères.")]
    public string? Site { get; set; }
}

public sealed class VideoRequisitionAnswerInput : IValidatableInput
{
    /// <summary>Fournie, Partielle, ImagesDetruites or HorsChamp.</summary>
    [Required(ErrorMessage = "La réponse est obligatoire.")]
    public string? Response { get; set; }
    public DateOnly? AnsweredOn { get; set; }
}

public sealed class VideoExtractionInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    /// <summary>When the extraction was made; now by default.</summary>
    public DateTimeOffset? At { get; set; }
    [Required(ErrorMessage = "Le nom et le prénom de l'opérateur sont obligatoires.")]
    [StringLength(200, ErrorMessage = "Le nom de l'opérateur ne doit pas dépasser 200 caractères.")]
    public string? OperatorName { get; set; }
    [Required(ErrorMessage = "La fonction de l'opérateur est obligatoire.")]
    [StringLength(200, ErrorMessage = "La fonction ne doit pas dépasser 200 caractères.")]
    public string? OperatorRole { get; set; }
    public List<Guid> CameraIds { get; set; } = [];
    [Required(ErrorMessage = "Le début de la plage extraite est obligatoire.")]
    public DateTimeOffset? From { get; set; }
    [Required(ErrorMessage = "La fin de la plage extraite est obligatoire.")]
    public DateTimeOffset? To { get; set; }
    /// <summary>RequisitionJudiciaire, ConstatOperateur, DemandeAccesPersonne, Disciplinaire or Autre.</summary>
    public string? Reason { get; set; }
    public Guid? RequisitionId { get; set; }
    public Guid? AccessRequestId { get; set; }
    [Required(ErrorMessage = "Le destinataire est obligatoire.")]
    [StringLength(300, ErrorMessage = "Le destinataire ne doit pas dépasser 300 caractères.")]
    public string? Recipient { get; set; }
    /// <summary>NonReinscriptible, Securise or TransfertChiffre.</summary>
    public string? Medium { get; set; }
    public string? Sha256 { get; set; }
    public DateOnly? ParquetTransmittedOn { get; set; }
    public DateOnly? CopyDestroyedOn { get; set; }
}

public sealed class VideoAccessRequestInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    [Required(ErrorMessage = "La référence du dossier est obligatoire.")]
    [StringLength(100, ErrorMessage = "La référence ne doit pas dépasser 100 caractères.")]
    public string? Reference { get; set; }
    [Required(ErrorMessage = "La date de réception est obligatoire.")]
    public DateOnly? ReceivedOn { get; set; }
    public bool IdentityChecked { get; set; }
    public Guid? CameraId { get; set; }
    [Required(ErrorMessage = "Le début du créneau est obligatoire.")]
    public DateTimeOffset? SlotFrom { get; set; }
    [Required(ErrorMessage = "La fin du créneau est obligatoire.")]
    public DateTimeOffset? SlotTo { get; set; }
    /// <summary>Visionnage or VerificationDestruction.</summary>
    public string? Object { get; set; }
    public bool ThirdPartiesVisible { get; set; }
    public bool ReferredToCommittee { get; set; }
}

public sealed class VideoAccessDecisionInput : IValidatableInput
{
    /// <summary>Accorde, AccordeAvecFloutage, Refuse or ImagesDetruites.</summary>
    [Required(ErrorMessage = "La décision est obligatoire.")]
    public string? Decision { get; set; }
    /// <summary>With Refuse: SureteEtat, Defense, SecuritePublique, ProcedureJudiciaire or DroitDesTiers.</summary>
    public string? RefusalReason { get; set; }
    public bool BlurringDone { get; set; }
    /// <summary>Whether third parties are visible on the images (V7: then only "avec floutage"): true records it; false or absent leaves a stored "visible" as it is (a flag once set is never cleared).</summary>
    public bool? ThirdPartiesVisible { get; set; }
    /// <summary>Today when absent; never before the request's receipt nor in the future.</summary>
    public DateOnly? AnsweredOn { get; set; }
}

/// <summary>What became of the copies handed over with an extraction (V5/V8): destroyed, transmitted to the parquet.</summary>
public sealed class VideoExtractionCopyInput : IValidatableInput
{
    public DateOnly? CopyDestroyedOn { get; set; }
    public DateOnly? ParquetTransmittedOn { get; set; }
    public int? Version { get; set; }
}

public sealed class VideoCommitteeMemberInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    [Required(ErrorMessage = "Le nom du membre est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le nom ne doit pas dépasser 200 caractères.")]
    public string? Name { get; set; }
    /// <summary>EluMajorite, EluOpposition, PersonnaliteQualifiee, Magistrat, Associatif or Habitant.</summary>
    public string? Quality { get; set; }
    /// <summary>With an edit (PUT /committee/members/{id}): the version the writer started from (ADR 0019).</summary>
    public int? Version { get; set; }
}

public sealed class VideoCommitteeOpinionInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    /// <summary>The sitting: a meeting of the committee's governance body.</summary>
    public Guid? MeetingId { get; set; }
    [Required(ErrorMessage = "La date de l'avis est obligatoire.")]
    public DateOnly? Date { get; set; }
    [Required(ErrorMessage = "L'objet de l'avis est obligatoire.")]
    [StringLength(300, ErrorMessage = "L'objet ne doit pas dépasser 300 caractères.")]
    public string? Subject { get; set; }
    [Required(ErrorMessage = "Le texte de l'avis est obligatoire.")]
    [StringLength(8000, ErrorMessage = "Le texte ne doit pas dépasser 8 000 caractères.")]
    public string? Text { get; set; }
    /// <summary>Public, Members or Restricted; by default that of the sitting (Members without a sitting: public only when chosen). Never less protected than the sitting.</summary>
    public string? Visibility { get; set; }
}

public sealed class VideoCommitteeReportInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    [Required(ErrorMessage = "L'année du rapport est obligatoire.")]
    [Range(2000, 2100, ErrorMessage = "L'année du rapport doit être comprise entre 2000 et 2100.")]
    public int? Year { get; set; }
    [Required(ErrorMessage = "Le texte du rapport est obligatoire.")]
    [StringLength(20000, ErrorMessage = "Le rapport ne doit pas dépasser 20 000 caractères.")]
    public string? Text { get; set; }
    /// <summary>Publishes the report on the public information page.</summary>
    public bool Publish { get; set; }
}

public sealed class VideoCitizenReferralInput : IValidatableInput
{
    public Guid? SystemId { get; set; }
    [Required(ErrorMessage = "La référence de la saisine est obligatoire.")]
    [StringLength(100, ErrorMessage = "La référence ne doit pas dépasser 100 caractères.")]
    public string? Reference { get; set; }
    [Required(ErrorMessage = "La date de réception est obligatoire.")]
    public DateOnly? ReceivedOn { get; set; }
    [Required(ErrorMessage = "L'objet de la saisine est obligatoire.")]
    [StringLength(1000, ErrorMessage = "L'objet ne doit pas dépasser 1 000 caractères.")]
    public string? Subject { get; set; }
    public Guid? AccessRequestId { get; set; }
}

public sealed class VideoAuthorisationRepealInput : IValidatableInput
{
    [Required(ErrorMessage = "La date d'abrogation est obligatoire.")]
    public DateOnly? RepealedOn { get; set; }
    [Required(ErrorMessage = "Le motif de l'abrogation est obligatoire.")]
    [StringLength(1000, ErrorMessage = "Le motif ne doit pas dépasser 1 000 caractères.")]
    public string? Motive { get; set; }
}

public sealed class VideoReferralAnswerInput : IValidatableInput
{
    [Required(ErrorMessage = "La date de la réponse est obligatoire.")]
    public DateOnly? AnsweredOn { get; set; }
    [Required(ErrorMessage = "La réponse du comité est obligatoire.")]
    [StringLength(4000, ErrorMessage = "La réponse ne doit pas dépasser 4 000 caractères.")]
    public string? Answer { get; set; }
}
