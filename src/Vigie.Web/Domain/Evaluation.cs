namespace Vigie.Web.Domain;

/// <summary>An end-of-period evaluation of a contract, or a yearly bilan (specs §5).</summary>
public enum EvaluationKind
{
    /// <summary>Évaluation de fin de contrat.</summary>
    Final,
    /// <summary>Bilan annuel.</summary>
    YearlyBilan,
}

/// <summary>The report's life: draft → validated by the restricted formation → presented in plenary (specs §5.3).</summary>
public enum EvaluationStatus
{
    Draft,
    Validated,
    Presented,
}

/// <summary>The six evaluation criteria of the SFE / OECD-DAC (specs §5.1).</summary>
public enum EvaluationCriterion
{
    Pertinence,
    Coherence,
    Efficacite,
    Efficience,
    Impact,
    Durabilite,
}

/// <summary>Traffic-light rating of a criterion.</summary>
public enum EvaluationRatingLevel
{
    Satisfying,
    Mixed,
    Insufficient,
}

public enum EvaluationConfidence
{
    Low,
    Medium,
    High,
}

/// <summary>Whether an objective was met: computed from indicator targets, or written by the evaluators where there is none.</summary>
public enum Attainment
{
    Met,
    Partly,
    NotMet,
}

public enum RecommendationPriority
{
    High,
    Medium,
    Low,
}

/// <summary>
/// An evaluation of one contract over a period: its mandate (who asked, which body, council approval), its evaluative
/// questions and ratings, written judgements where no target exists, and recommendations. Every figure of the report is
/// computed from the plan, governance and observatory at reading time; only what evaluators write is stored here.
/// </summary>
public class ContractEvaluation : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public EvaluationKind Kind { get; set; }
    public required string Title { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    /// <summary>Mandate: who asked for the evaluation (e.g. "Le maire, président du CLSPD").</summary>
    public string? RequestedBy { get; set; }
    /// <summary>Mandate: the body in charge of the evaluation (CLSPD plenary or restricted formation).</summary>
    public Guid? MandateBodyId { get; set; }
    /// <summary>Mandate: date of the municipal council's approval.</summary>
    public DateOnly? CouncilApprovalDate { get; set; }
    /// <summary>Evaluators' summary of the evaluation (public once validated).</summary>
    public string? Conclusion { get; set; }
    public EvaluationStatus Status { get; set; }
    /// <summary>Report version: 1 for the draft, incremented at each validation/presentation.</summary>
    public int ReportVersion { get; set; } = 1;
    public DateOnly? ValidatedOn { get; set; }
    public DateOnly? PresentedOn { get; set; }
}

/// <summary>
/// A report version frozen when the restricted formation validated it (issue 15 item 5): the report as computed that day, in
/// three renderings so that each audience keeps its visibility rules — <see cref="FullContent"/> (every plan item and section a
/// coordinator may read), <see cref="MembersContent"/> (what every member may read: no restricted content) and
/// <see cref="PublicContent"/> (the public report) — each a JSON <c>EvaluationReportView</c>. Validated and presented reports
/// are read from here, so a later SSMSI edition or indicator value does not change them; the draft keeps computing live.
/// </summary>
public class EvaluationReportVersion : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid EvaluationId { get; set; }
    /// <summary>The evaluation's report version number it froze (<see cref="ContractEvaluation.ReportVersion"/>).</summary>
    public int Number { get; set; }
    /// <summary>Validated by the restricted formation, then presented in plenary.</summary>
    public EvaluationStatus Status { get; set; }
    public DateOnly ValidatedOn { get; set; }
    /// <summary>The coordinator who recorded the validation.</summary>
    public Guid? ValidatedById { get; set; }
    /// <summary>The body that validated it (the sitting's body, else the evaluation's mandate body).</summary>
    public Guid? ValidatedByBodyId { get; set; }
    /// <summary>The sitting where it was validated, when recorded.</summary>
    public Guid? ValidatedInMeetingId { get; set; }
    public DateOnly? PresentedOn { get; set; }
    /// <summary>The day its figures were extracted (the validation day).</summary>
    public DateOnly ExtractedOn { get; set; }
    public required string FullContent { get; set; }
    public required string MembersContent { get; set; }
    public required string PublicContent { get; set; }
    /// <summary>SHA-256 (hex) of <see cref="FullContent"/>: the fingerprint of the version.</summary>
    public required string ContentHash { get; set; }
    /// <summary>SHA-256 (hex) of <see cref="PublicContent"/>.</summary>
    public required string PublicContentHash { get; set; }
}

/// <summary>An evaluative question and its rating for one criterion, for the whole contract or one plan item.</summary>
public class EvaluationRating : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid EvaluationId { get; set; }
    public EvaluationCriterion Criterion { get; set; }
    /// <summary>The priority or action rated; null = the contract as a whole.</summary>
    public Guid? PlanItemId { get; set; }
    public required string Question { get; set; }
    public EvaluationRatingLevel? Level { get; set; }
    public string? Evidence { get; set; }
    public EvaluationConfidence Confidence { get; set; } = EvaluationConfidence.Medium;
}

/// <summary>The evaluators' written judgement of a plan item that has no target (or overriding nothing: targets win).</summary>
public class EvaluationJudgement : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid EvaluationId { get; set; }
    public Guid PlanItemId { get; set; }
    public Attainment Attainment { get; set; }
    public string? Comment { get; set; }
}

/// <summary>A recommendation of an evaluation; on renewal it may become a draft fiche action of the next contract.</summary>
public class EvaluationRecommendation : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid EvaluationId { get; set; }
    public required string Text { get; set; }
    public Guid? OwnerOrganisationId { get; set; }
    public Organisation? OwnerOrganisation { get; set; }
    public RecommendationPriority Priority { get; set; } = RecommendationPriority.Medium;
    /// <summary>The draft fiche action created from it in the next generation's plan.</summary>
    public Guid? DraftPlanItemId { get; set; }
}

/// <summary>The signature of an avenant by one of the contract's signatories, with an optional scanned document.</summary>
public class AmendmentSignature : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid AmendmentId { get; set; }
    public Guid SignatoryId { get; set; }
    public DateOnly SignedOn { get; set; }
    public Guid? DocumentId { get; set; }
}
