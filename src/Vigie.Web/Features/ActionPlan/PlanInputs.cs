using System.ComponentModel.DataAnnotations;

namespace Vigie.Web.Features.ActionPlan;

// Inputs shared by the pages (bound as `Input`) and the API (JSON bodies): one set of rules and messages.

public sealed class PlanItemInput : IValidatableInput
{
    /// <summary>The version the writer started from (ADR 0019): a stale one answers 409 with what changed; omitted, the change is not checked.</summary>
    public int? Version { get; set; }

    /// <summary>Parent item; null for a priority (axe / engagement).</summary>
    public Guid? ParentId { get; set; }

    [Required(ErrorMessage = "Choisissez le niveau (axe, objectif, action, sous-action).")]
    public PlanItemKind? Kind { get; set; }

    [Required(ErrorMessage = "L'intitulé est obligatoire.")]
    [StringLength(300, ErrorMessage = "L'intitulé ne doit pas dépasser 300 caractères.")]
    public string Title { get; set; } = "";

    [StringLength(40, ErrorMessage = "La référence ne doit pas dépasser 40 caractères.")]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "La référence ne peut contenir que des lettres, chiffres, points, tirets et soulignés.")]
    public string? Reference { get; set; }

    [StringLength(8000, ErrorMessage = "Le problème constaté ne doit pas dépasser 8 000 caractères.")]
    public string? ProblemObserved { get; set; }
    [StringLength(8000, ErrorMessage = "Les objectifs ne doivent pas dépasser 8 000 caractères.")]
    public string? Objectives { get; set; }
    [StringLength(8000, ErrorMessage = "La description ne doit pas dépasser 8 000 caractères.")]
    public string? Description { get; set; }
    [StringLength(2000, ErrorMessage = "Le public visé ne doit pas dépasser 2 000 caractères.")]
    public string? TargetPublic { get; set; }
    public Guid? AreaId { get; set; }
    public Guid? LeadOrganisationId { get; set; }
    /// <summary>Partner organisations (besides the lead).</summary>
    public List<Guid> PartnerIds { get; set; } = [];
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    [StringLength(8000, ErrorMessage = "Les moyens humains ne doivent pas dépasser 8 000 caractères.")]
    public string? HumanMeans { get; set; }
    [StringLength(8000, ErrorMessage = "Les moyens matériels ne doivent pas dépasser 8 000 caractères.")]
    public string? MaterialMeans { get; set; }
    [StringLength(8000, ErrorMessage = "Les outils de suivi ne doivent pas dépasser 8 000 caractères.")]
    public string? FollowUpTools { get; set; }
    /// <summary>Key of a status of the contract's vocabulary ("planned", "in-progress", "done"…).</summary>
    [StringLength(40, ErrorMessage = "Statut inconnu.")]
    public string? Status { get; set; }
    [Range(0, 100, ErrorMessage = "L'avancement saisi doit être compris entre 0 et 100.")]
    public int? ProgressOverride { get; set; }
    [Range(typeof(decimal), "0", "1000", ErrorMessage = "Le poids doit être compris entre 0 et 1 000.", ParseLimitsInInvariantCulture = true)]
    public decimal Weight { get; set; } = 1m;
    [StringLength(8000, ErrorMessage = "Le bilan annuel ne doit pas dépasser 8 000 caractères.")]
    public string? YearlyReview { get; set; }
}

public sealed class MoveInput : IValidatableInput
{
    /// <summary>New parent; null = becomes a priority.</summary>
    public Guid? ParentId { get; set; }
    /// <summary>New 1-based position among the new siblings; beyond the end = last.</summary>
    [Required(ErrorMessage = "La position est obligatoire.")]
    [Range(1, 10000, ErrorMessage = "La position doit être un nombre entier positif.")]
    public int? Position { get; set; }
}

public sealed class CommitmentInput : IValidatableInput
{
    /// <summary>The version the client started from (ADR 0019); a stale one is refused with a conflict. Null = no check.</summary>
    public int? Version { get; set; }
    [Required(ErrorMessage = "Choisissez l'organisation qui s'engage.")]
    public Guid? OrganisationId { get; set; }
    [Required(ErrorMessage = "Décrivez l'engagement.")]
    [StringLength(2000, ErrorMessage = "L'engagement ne doit pas dépasser 2 000 caractères.")]
    public string What { get; set; } = "";
    [StringLength(8000, ErrorMessage = "Les moyens engagés ne doivent pas dépasser 8 000 caractères.")]
    public string? Means { get; set; }
    public DateOnly? DueDate { get; set; }
    [StringLength(40, ErrorMessage = "Statut inconnu.")]
    public string? Status { get; set; }
    [Range(0, 100, ErrorMessage = "L'avancement doit être compris entre 0 et 100.")]
    public int? Progress { get; set; }
    [Range(typeof(decimal), "0", "1000", ErrorMessage = "Le poids doit être compris entre 0 et 1 000.", ParseLimitsInInvariantCulture = true)]
    public decimal Weight { get; set; } = 1m;
    [StringLength(40, ErrorMessage = "La référence ne doit pas dépasser 40 caractères.")]
    public string? Reference { get; set; }
}

public sealed class MilestoneInput : IValidatableInput
{
    /// <summary>The version the client started from (ADR 0019); a stale one is refused with a conflict. Null = no check.</summary>
    public int? Version { get; set; }
    [Required(ErrorMessage = "L'intitulé du jalon est obligatoire.")]
    [StringLength(300, ErrorMessage = "L'intitulé ne doit pas dépasser 300 caractères.")]
    public string Title { get; set; } = "";
    [Required(ErrorMessage = "La date d'échéance est obligatoire.")]
    public DateOnly? DueOn { get; set; }
    public DateOnly? DoneOn { get; set; }
    [Range(typeof(decimal), "0", "1000", ErrorMessage = "Le poids doit être compris entre 0 et 1 000.", ParseLimitsInInvariantCulture = true)]
    public decimal Weight { get; set; } = 1m;
    public Guid? OwnerOrganisationId { get; set; }
    [StringLength(40, ErrorMessage = "La référence ne doit pas dépasser 40 caractères.")]
    public string? Reference { get; set; }
}

public sealed class MilestoneDoneInput : IValidatableInput
{
    /// <summary>The milestone's version the client started from (ADR 0019): a stale one answers 409; omitted, not checked.</summary>
    public int? Version { get; set; }
    /// <summary>Date it was done; null = not done (reopens it).</summary>
    public DateOnly? DoneOn { get; set; }
}

public sealed class BudgetLineInput : IValidatableInput
{
    /// <summary>The version the client started from (ADR 0019); a stale one is refused with a conflict. Null = no check.</summary>
    public int? Version { get; set; }
    [Required(ErrorMessage = "Choisissez le financeur.")]
    public FundingSource? Funder { get; set; }
    public Guid? OrganisationId { get; set; }
    [StringLength(300, ErrorMessage = "Le libellé ne doit pas dépasser 300 caractères.")]
    public string? Label { get; set; }
    [Range(PlanRules.FirstYear, PlanRules.LastYear, ErrorMessage = "L'année doit être comprise entre 1990 et 2100.")]
    public int? Year { get; set; }
    [Range(typeof(decimal), "0", "1000000000", ErrorMessage = "Le montant prévu doit être positif (en euros).", ParseLimitsInInvariantCulture = true)]
    public decimal Planned { get; set; }
    [Range(typeof(decimal), "0", "1000000000", ErrorMessage = "Le montant accordé doit être positif (en euros).", ParseLimitsInInvariantCulture = true)]
    public decimal Granted { get; set; }
    [Range(typeof(decimal), "0", "1000000000", ErrorMessage = "Le montant dépensé doit être positif (en euros).", ParseLimitsInInvariantCulture = true)]
    public decimal Spent { get; set; }
    [StringLength(40, ErrorMessage = "La référence ne doit pas dépasser 40 caractères.")]
    public string? Reference { get; set; }
}

public sealed class IndicatorInput : IValidatableInput
{
    /// <summary>The version the client started from (ADR 0019); a stale one is refused with a conflict. Null = no check.</summary>
    public int? Version { get; set; }
    [Required(ErrorMessage = "Le nom de l'indicateur est obligatoire.")]
    [StringLength(300, ErrorMessage = "Le nom ne doit pas dépasser 300 caractères.")]
    public string Name { get; set; } = "";
    [Required(ErrorMessage = "Choisissez le type d'indicateur (réalisation, résultat, impact).")]
    public PlanIndicatorKind? Kind { get; set; }
    [Required(ErrorMessage = "L'unité est obligatoire.")]
    [StringLength(60, ErrorMessage = "L'unité ne doit pas dépasser 60 caractères.")]
    public string Unit { get; set; } = "";
    public decimal? BaselineValue { get; set; }
    public DateOnly? BaselineDate { get; set; }
    public decimal? TargetValue { get; set; }
    public DateOnly? TargetDate { get; set; }
    public Periodicity Periodicity { get; set; } = Periodicity.Yearly;
    [StringLength(300, ErrorMessage = "La source ne doit pas dépasser 300 caractères.")]
    public string? Source { get; set; }
    /// <summary>Observatory indicator code (e.g. "cambriolages-logement") to feed the values automatically.</summary>
    [StringLength(60, ErrorMessage = "Indicateur de l'observatoire inconnu.")]
    public string? ObservatoryIndicatorCode { get; set; }
    public ObservatoryMeasure ObservatoryMeasure { get; set; }
    /// <summary>Where the values come from (ADR 0020); null = observatory when a code is given, else typed by hand.</summary>
    public PlanIndicatorSourceKind? SourceKind { get; set; }
    /// <summary>Survey source: the survey of the contract, its item (column code) and aggregated answer (GET …/indicator-sources lists them).</summary>
    public Guid? SurveyId { get; set; }
    [StringLength(60, ErrorMessage = "Item d'enquête inconnu.")]
    public string? SurveyItem { get; set; }
    [StringLength(300, ErrorMessage = "Réponse d'enquête inconnue.")]
    public string? SurveyAnswer { get; set; }
    /// <summary>Incivilités source: category group code (proprete, vehicules, voirie, eclairage, tranquillite, transports, autre) and optional sub-area.</summary>
    [StringLength(40, ErrorMessage = "Groupe de catégories d'incivilités inconnu.")]
    public string? IncidentGroup { get; set; }
    public Guid? IncidentAreaId { get; set; }
    [StringLength(40, ErrorMessage = "La référence ne doit pas dépasser 40 caractères.")]
    public string? Reference { get; set; }
}

public sealed class IndicatorValueInput : IValidatableInput
{
    /// <summary>The version the client started from (ADR 0019); a stale one is refused with a conflict. Null = no check.</summary>
    public int? Version { get; set; }
    /// <summary>
    /// The client adds a period it saw without a value (the fiche's quick form): when the period has one by now, the save is a
    /// conflict naming the stored value instead of replacing it. Ignored when <see cref="Version"/> is given.
    /// </summary>
    public bool NewPeriod { get; set; }
    /// <summary>"2024", "2024-T2" (quarter) or "2024-03" (month).</summary>
    [Required(ErrorMessage = "La période est obligatoire (ex. 2024, 2024-T2 ou 2024-03).")]
    [RegularExpression(@"^\d{4}(-T[1-4]|-(0[1-9]|1[0-2]))?$", ErrorMessage = "La période doit s'écrire 2024, 2024-T2 ou 2024-03.")]
    public string Period { get; set; } = "";
    [Required(ErrorMessage = "La valeur est obligatoire.")]
    public decimal? Value { get; set; }
    [Required(ErrorMessage = "La provenance est obligatoire (service, fichier, méthode de comptage).")]
    [StringLength(300, ErrorMessage = "La provenance ne doit pas dépasser 300 caractères.")]
    public string Provenance { get; set; } = "";
}

public sealed class CommentInput : IValidatableInput
{
    [Required(ErrorMessage = "Le commentaire est vide.")]
    [StringLength(4000, ErrorMessage = "Le commentaire ne doit pas dépasser 4 000 caractères.")]
    public string Text { get; set; } = "";
}

public sealed class PlanSettingsInput : IValidatableInput
{
    /// <summary>The settings' version the client started from (ADR 0019): a stale one answers 409 with what changed; omitted, not checked.</summary>
    public int? Version { get; set; }
    public bool PublishBudget { get; set; }
    [Range(0, 90, ErrorMessage = "Le délai de rappel doit être compris entre 0 et 90 jours.")]
    public int ReminderDaysBefore { get; set; } = 7;
}
