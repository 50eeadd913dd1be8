using System.ComponentModel.DataAnnotations;

namespace Vigie.Web.Features.Governance;

// Inputs shared by the pages (bound with a prefix) and the API (JSON bodies): one set of rules and French messages.

public sealed class BodyInput : IValidatableInput
{
    /// <summary>The version the writer started from (ADR 0019): a stale one answers 409 with what changed; omitted, the change is not checked; ignored when a body is created.</summary>
    public int? Version { get; set; }

    [Required(ErrorMessage = "Le nom de l'instance est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le nom ne doit pas dépasser 200 caractères.")]
    public string? Name { get; set; }

    public BodyKind Kind { get; set; } = BodyKind.Plenary;

    [StringLength(200, ErrorMessage = "La présidence ne doit pas dépasser 200 caractères.")]
    public string? Chair { get; set; }

    [StringLength(4000, ErrorMessage = "La description ne doit pas dépasser 4 000 caractères.")]
    public string? Description { get; set; }

    [StringLength(200, ErrorMessage = "Le site ne doit pas dépasser 200 caractères.")]
    public string? Site { get; set; }

    [StringLength(200, ErrorMessage = "L'infraction ne doit pas dépasser 200 caractères.")]
    public string? Offence { get; set; }

    public DateOnly? ActiveFrom { get; set; }
    public DateOnly? ActiveTo { get; set; }

    /// <summary>Default visibility of its meetings' content: public, members or restricted.</summary>
    public MinutesVisibility DefaultVisibility { get; set; } = MinutesVisibility.Members;
}

public sealed class MembershipInput : IValidatableInput
{
    public Guid? OrganisationId { get; set; }
    /// <summary>A contact of a partner organisation (a person without an account).</summary>
    public Guid? ContactId { get; set; }
    /// <summary>A user account, member of the contract: what gives access to restricted minutes.</summary>
    public Guid? UserId { get; set; }

    [StringLength(200, ErrorMessage = "Le rôle ne doit pas dépasser 200 caractères.")]
    public string? Role { get; set; }

    [Required(ErrorMessage = "La date de début est obligatoire.")]
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }
}

/// <summary>
/// A meeting's title, date, times (Europe/Paris) and place: what a new meeting is given (<see cref="MeetingInput"/>) and
/// what a reschedule changes (those already convened then receive the updated invitation).
/// </summary>
public class MeetingScheduleInput : IValidatableInput
{
    /// <summary>The version the writer started from (ADR 0019): a stale one answers 409 with what changed; omitted, the change is not checked; ignored when a meeting is created.</summary>
    public int? Version { get; set; }

    [Required(ErrorMessage = "L'intitulé est obligatoire.")]
    [StringLength(200, ErrorMessage = "L'intitulé ne doit pas dépasser 200 caractères.")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "La date est obligatoire.")]
    public DateOnly? Date { get; set; }

    /// <summary>Local time (Europe/Paris), "HH:mm".</summary>
    [Required(ErrorMessage = "L'heure de début est obligatoire.")]
    public TimeOnly? StartTime { get; set; }

    [Required(ErrorMessage = "L'heure de fin est obligatoire.")]
    public TimeOnly? EndTime { get; set; }

    [StringLength(300, ErrorMessage = "Le lieu ne doit pas dépasser 300 caractères.")]
    public string? Place { get; set; }
}

public sealed class MeetingInput : MeetingScheduleInput
{
    [Required(ErrorMessage = "Choisissez l'instance.")]
    public Guid? BodyId { get; set; }

    /// <summary>Visibility of the content; the body's default when absent.</summary>
    public MinutesVisibility? Visibility { get; set; }
}

public sealed class SeriesInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez l'instance.")]
    public Guid? BodyId { get; set; }

    [Required(ErrorMessage = "L'intitulé est obligatoire.")]
    [StringLength(200, ErrorMessage = "L'intitulé ne doit pas dépasser 200 caractères.")]
    public string? Title { get; set; }

    public RecurrenceFrequency Frequency { get; set; } = RecurrenceFrequency.Monthly;

    public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Tuesday;

    /// <summary>Monthly: 1 to 4 (first to fourth), 5 for the last one of the month.</summary>
    [Range(1, 5, ErrorMessage = "La semaine du mois doit être comprise entre 1 et 5 (5 = la dernière).")]
    public int? WeekOfMonth { get; set; }

    /// <summary>Every-N-months series ("everyNMonths"): months between two meetings, 2 to 12 (6 = twice a year).</summary>
    [Range(2, 12, ErrorMessage = "L'intervalle doit être compris entre 2 et 12 mois (6 = deux fois par an).")]
    public int? IntervalMonths { get; set; }

    [Required(ErrorMessage = "L'heure de début est obligatoire.")]
    public TimeOnly? StartTime { get; set; }

    [Range(15, 600, ErrorMessage = "La durée doit être comprise entre 15 et 600 minutes.")]
    public int DurationMinutes { get; set; } = 120;

    [Required(ErrorMessage = "La date de la première réunion possible est obligatoire.")]
    public DateOnly? FirstDate { get; set; }

    [Required(ErrorMessage = "La date de fin de la série est obligatoire.")]
    public DateOnly? Until { get; set; }

    [StringLength(300, ErrorMessage = "Le lieu ne doit pas dépasser 300 caractères.")]
    public string? Place { get; set; }
}

public sealed class AgendaItemInput : IValidatableInput
{
    [Required(ErrorMessage = "L'intitulé du point est obligatoire.")]
    [StringLength(300, ErrorMessage = "L'intitulé ne doit pas dépasser 300 caractères.")]
    public string? Title { get; set; }

    [Range(1, 600, ErrorMessage = "La durée doit être comprise entre 1 et 600 minutes.")]
    public int? DurationMinutes { get; set; }

    [StringLength(200, ErrorMessage = "Le nom de l'intervenant ne doit pas dépasser 200 caractères.")]
    public string? Presenter { get; set; }

    public Guid? PlanItemId { get; set; }
    public Guid? PlanIndicatorId { get; set; }
    public Guid? IncidentId { get; set; }
}

public sealed class AttendanceInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez le partenaire.")]
    public Guid? OrganisationId { get; set; }

    [StringLength(200, ErrorMessage = "Le nom ne doit pas dépasser 200 caractères.")]
    public string? PersonName { get; set; }

    public AttendanceStatus Status { get; set; } = AttendanceStatus.Present;

    [StringLength(200, ErrorMessage = "Le nom du représentant ne doit pas dépasser 200 caractères.")]
    public string? RepresentedBy { get; set; }
}

public sealed class MinutesInput : IValidatableInput
{
    /// <summary>The version the writer started from (ADR 0019): a stale one answers 409 with what changed; omitted, the change is not checked.</summary>
    public int? Version { get; set; }

    [StringLength(200_000, ErrorMessage = "Le compte rendu ne doit pas dépasser 200 000 caractères.")]
    public string? Minutes { get; set; }

    public MinutesVisibility Visibility { get; set; } = MinutesVisibility.Members;
}

public sealed class OutcomeInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez le point de l'ordre du jour.")]
    public Guid? AgendaItemId { get; set; }

    public OutcomeKind Kind { get; set; } = OutcomeKind.Decision;

    [Required(ErrorMessage = "Le texte est obligatoire.")]
    [StringLength(4000, ErrorMessage = "Le texte ne doit pas dépasser 4 000 caractères.")]
    public string? Text { get; set; }

    /// <summary>Task: the partner responsible.</summary>
    public Guid? OwnerOrganisationId { get; set; }
    /// <summary>Task: the person responsible (a member of the contract).</summary>
    public Guid? OwnerUserId { get; set; }
    /// <summary>Task: due date.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>Decision: the plan action it amends or, with <see cref="CreatePlanAction"/>, the axis/objective under which it creates one.</summary>
    public Guid? PlanItemId { get; set; }

    /// <summary>Decision: create a new action of the plan from the decision's text.</summary>
    public bool CreatePlanAction { get; set; }
}

public sealed class TaskUpdateInput : IValidatableInput
{
    /// <summary>The version the writer started from (ADR 0019): a stale one answers 409 with what changed; omitted, the change is not checked.</summary>
    public int? Version { get; set; }

    public FollowUpStatus Status { get; set; } = FollowUpStatus.Open;

    [StringLength(2000, ErrorMessage = "L'avancement ne doit pas dépasser 2 000 caractères.")]
    public string? Progress { get; set; }
}

public sealed class MeetingStatusInput : IValidatableInput
{
    [Required(ErrorMessage = "Le statut est obligatoire.")]
    public MeetingStatus? Status { get; set; }
}
