using System.ComponentModel.DataAnnotations;

namespace Vigie.Web.Features.Evaluation;

// Inputs shared by the pages (bound as `Input`) and the API (JSON bodies): one set of rules and messages.

public sealed class EvaluationInput : IValidatableInput
{
    [Required(ErrorMessage = "L'intitulé est obligatoire.")]
    [StringLength(300, ErrorMessage = "L'intitulé ne doit pas dépasser 300 caractères.")]
    public string Title { get; set; } = "";

    public EvaluationKind Kind { get; set; } = EvaluationKind.Final;

    [Required(ErrorMessage = "Le début de la période évaluée est obligatoire.")]
    public DateOnly? PeriodStart { get; set; }

    [Required(ErrorMessage = "La fin de la période évaluée est obligatoire.")]
    public DateOnly? PeriodEnd { get; set; }

    [StringLength(300, ErrorMessage = "Le commanditaire ne doit pas dépasser 300 caractères.")]
    public string? RequestedBy { get; set; }

    public Guid? MandateBodyId { get; set; }

    public DateOnly? CouncilApprovalDate { get; set; }

    [StringLength(8000, ErrorMessage = "La conclusion ne doit pas dépasser 8 000 caractères.")]
    public string? Conclusion { get; set; }
}

public sealed class EvaluationRatingInput : IValidatableInput
{
    [Required(ErrorMessage = "Le critère est obligatoire.")]
    public EvaluationCriterion? Criterion { get; set; }

    /// <summary>The priority or action rated; empty = the contract as a whole.</summary>
    public Guid? PlanItemId { get; set; }

    [Required(ErrorMessage = "La question évaluative est obligatoire.")]
    [StringLength(1000, ErrorMessage = "La question ne doit pas dépasser 1 000 caractères.")]
    public string Question { get; set; } = "";

    public EvaluationRatingLevel? Level { get; set; }

    [StringLength(4000, ErrorMessage = "Les éléments de preuve ne doivent pas dépasser 4 000 caractères.")]
    public string? Evidence { get; set; }

    public EvaluationConfidence Confidence { get; set; } = EvaluationConfidence.Medium;
}

public sealed class EvaluationJudgementInput : IValidatableInput
{
    [Required(ErrorMessage = "La fiche action est obligatoire.")]
    public Guid? PlanItemId { get; set; }

    [Required(ErrorMessage = "L'appréciation (atteint, partiellement, non atteint) est obligatoire.")]
    public Attainment? Attainment { get; set; }

    [StringLength(4000, ErrorMessage = "Le commentaire ne doit pas dépasser 4 000 caractères.")]
    public string? Comment { get; set; }
}

public sealed class EvaluationRecommendationInput : IValidatableInput
{
    [Required(ErrorMessage = "Le texte de la recommandation est obligatoire.")]
    [StringLength(2000, ErrorMessage = "La recommandation ne doit pas dépasser 2 000 caractères.")]
    public string Text { get; set; } = "";

    public Guid? OwnerOrganisationId { get; set; }

    public RecommendationPriority Priority { get; set; } = RecommendationPriority.Medium;
}

public sealed class EvaluationStatusInput : IValidatableInput
{
    [Required(ErrorMessage = "Le statut est obligatoire.")]
    public EvaluationStatus? Status { get; set; }

    /// <summary>Date of the restricted formation's validation or of the plenary presentation (today when empty).</summary>
    public DateOnly? On { get; set; }

    /// <summary>
    /// The held sitting that acts: of the restricted formation at validation, of the plenary formation at presentation
    /// (required for both; ignored when reopening).
    /// </summary>
    public Guid? MeetingId { get; set; }
}
