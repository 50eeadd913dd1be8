using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Vigie.Web.Features.Cases;

// Inputs shared by the pages (bound with a prefix) and the API (JSON bodies). Closed lists everywhere; the only free
// texts (a factual note, a justification) are short, refuse e-mail addresses and telephone numbers, and are encrypted.

/// <summary>Refuses an e-mail address or a telephone number inside a free text (CNIL 2020: no contact data, no copy of police files).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed partial class NoContactDetailsAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        if (value is not string text || text.Length == 0) return ValidationResult.Success;
        if (Email().IsMatch(text) || Phone().IsMatch(text))
            return new ValidationResult(ErrorMessage ?? "Ce texte ne doit contenir ni adresse électronique ni numéro de téléphone.", [context.MemberName!]);
        return ValidationResult.Success;
    }

    [GeneratedRegex(@"[^\s@]+\s*(@|\(at\)|\[at\])\s*[^\s@]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    /// <summary>Eight digits or more, possibly separated by spaces, dots, dashes (French numbers, +33, 0033…).</summary>
    [GeneratedRegex(@"(\+|\b00)?\d([\s.\-/]?\d){7,}")]
    private static partial Regex Phone();
}

public static class CaseRules
{
    public const string NamePattern = @"^\p{L}[\p{L}\p{M}' \-]*$";
    public const string NameMessage = "lettres, espaces, apostrophes et traits d'union seulement";
    public const int NoteLength = 280;
    public const int JustificationLength = 300;
}

public sealed class CaseGroupInput : IValidatableInput
{
    [Required(ErrorMessage = "Le nom du dispositif est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le nom ne doit pas dépasser 200 caractères.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Choisissez le type de dispositif.")]
    public CaseGroupKind? Kind { get; set; }

    /// <summary>The governance body whose meetings examine the cases (watch cell, thematic group…); never the plenary or the restricted formation.</summary>
    public Guid? BodyId { get; set; }

    /// <summary>The coordonnateur (a member of the contract); yourself when empty.</summary>
    public Guid? CoordinatorUserId { get; set; }

    [Required(ErrorMessage = "Choisissez l'institution du coordonnateur.")]
    public CaseInstitution? CoordinatorInstitution { get; set; }

    [StringLength(100, ErrorMessage = "La version du règlement intérieur ne doit pas dépasser 100 caractères.")]
    public string? RulebookVersion { get; set; }

    /// <summary>Youth programme: people are followed until the day before their 25th birthday (AU-038 art. 5).</summary>
    public bool YouthCohort { get; set; } = true;
}

public sealed class CaseMemberInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez le membre (compte Vigie membre du contrat).")]
    public Guid? UserId { get; set; }

    [Required(ErrorMessage = "Choisissez l'institution du membre.")]
    public CaseInstitution? Institution { get; set; }

    [StringLength(200, ErrorMessage = "La fonction ne doit pas dépasser 200 caractères.")]
    public string? Function { get; set; }

    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
}

public sealed class MemberStatusInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez le nouveau statut du membre.")]
    public CaseMemberStatus? Status { get; set; }
}

public sealed class CharterSignatureInput : IValidatableInput
{
    /// <summary>The clauses ticked (1 to 8): all are required.</summary>
    public List<int> AcceptedClauses { get; set; } = [];
}

/// <summary>Who a person is, as typed: the surname, first name and birth date of a sheet and of the duplicate check.</summary>
public class PersonInput : IValidatableInput
{
    [Required(ErrorMessage = "Le nom est obligatoire.")]
    [StringLength(100, ErrorMessage = "Le nom ne doit pas dépasser 100 caractères.")]
    [RegularExpression(CaseRules.NamePattern, ErrorMessage = "Le nom : " + CaseRules.NameMessage + ".")]
    public string? Surname { get; set; }

    [Required(ErrorMessage = "Le prénom est obligatoire.")]
    [StringLength(100, ErrorMessage = "Le prénom ne doit pas dépasser 100 caractères.")]
    [RegularExpression(CaseRules.NamePattern, ErrorMessage = "Le prénom : " + CaseRules.NameMessage + ".")]
    public string? FirstName { get; set; }

    [Required(ErrorMessage = "La date de naissance est obligatoire.")]
    public DateOnly? BirthDate { get; set; }
}

public sealed class DuplicateCheckInput : PersonInput;

public sealed class RepresentativeInput
{
    [StringLength(100, ErrorMessage = "Le nom du représentant ne doit pas dépasser 100 caractères.")]
    [RegularExpression(CaseRules.NamePattern, ErrorMessage = "Le nom du représentant : " + CaseRules.NameMessage + ".")]
    public string? Surname { get; set; }

    [StringLength(100, ErrorMessage = "Le prénom du représentant ne doit pas dépasser 100 caractères.")]
    [RegularExpression(CaseRules.NamePattern, ErrorMessage = "Le prénom du représentant : " + CaseRules.NameMessage + ".")]
    public string? FirstName { get; set; }

    public RepresentativeLink? Link { get; set; }

    [StringLength(300, ErrorMessage = "L'adresse du représentant ne doit pas dépasser 300 caractères.")]
    public string? Address { get; set; }

    [Phone(ErrorMessage = "Le téléphone du représentant n'est pas un numéro valide.")]
    [StringLength(30, ErrorMessage = "Le téléphone du représentant ne doit pas dépasser 30 caractères.")]
    public string? Phone { get; set; }

    [EmailAddress(ErrorMessage = "L'adresse électronique du représentant n'est pas valide.")]
    [StringLength(200, ErrorMessage = "L'adresse électronique du représentant ne doit pas dépasser 200 caractères.")]
    public string? Email { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Surname) && string.IsNullOrWhiteSpace(FirstName) && Link is null
        && string.IsNullOrWhiteSpace(Address) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Email);
}

/// <summary>
/// The person's details a sheet holds and a rectification (§1.7) may change: identity, contact details, school or
/// occupational situation and quartier of residence.
/// </summary>
public class CasePersonDetailsInput : PersonInput
{
    [Required(ErrorMessage = "Choisissez le sexe (ou « autre / non renseigné »).")]
    public CaseSex? Sex { get; set; }

    [StringLength(300, ErrorMessage = "L'adresse ne doit pas dépasser 300 caractères.")]
    public string? Address { get; set; }

    [Phone(ErrorMessage = "Le téléphone n'est pas un numéro valide.")]
    [StringLength(30, ErrorMessage = "Le téléphone ne doit pas dépasser 30 caractères.")]
    public string? Phone { get; set; }

    [EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide.")]
    [StringLength(200, ErrorMessage = "L'adresse électronique ne doit pas dépasser 200 caractères.")]
    public string? Email { get; set; }

    public CaseSchoolLevel? SchoolLevel { get; set; }
    public CaseOccupation? Occupation { get; set; }

    /// <summary>Quartier of residence: one of the contract's quartiers or QPV (an <c>Area</c> id), optional.</summary>
    public Guid? AreaId { get; set; }
}

/// <summary>A rectification granted to the person (§1.7): the sheet's details as they must now read, entered by the coordinator from the request.</summary>
public sealed class CaseRectificationInput : CasePersonDetailsInput;

public sealed class CaseSheetInput : CasePersonDetailsInput
{
    /// <summary>At most two legal representatives.</summary>
    public List<RepresentativeInput> Representatives { get; set; } = [];

    public DateOnly? StartedOn { get; set; }

    [Required(ErrorMessage = "Choisissez l'origine du suivi.")]
    public CaseOrigin? Origin { get; set; }

    [Required(ErrorMessage = "Choisissez l'institution à l'origine du signalement.")]
    public CaseInstitution? ReferralSource { get; set; }

    /// <summary>One to three problématiques (closed list).</summary>
    public List<CaseProblem> Problems { get; set; } = [];

    /// <summary>The référent de parcours: an active member of the group.</summary>
    public Guid? ReferentUserId { get; set; }

    /// <summary>The programme concerned: one of the contract's programmes in force (closed list), optional.</summary>
    public Guid? ProgrammeId { get; set; }

    /// <summary>Art. 8 (sensitive) data present: only if strictly necessary, with a justification.</summary>
    public bool SensitiveData { get; set; }

    /// <summary>Required when sensitive data is flagged or an offence-linked problématique is chosen.</summary>
    [StringLength(CaseRules.JustificationLength, ErrorMessage = "La justification ne doit pas dépasser 300 caractères.")]
    [NoContactDetails(ErrorMessage = "La justification ne doit contenir ni adresse électronique ni numéro de téléphone.")]
    public string? Justification { get; set; }
}

public sealed class CaseStatusInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez le nouveau statut.")]
    public CaseStatus? Status { get; set; }

    /// <summary>Required to close.</summary>
    public CaseClosureReason? ClosureReason { get; set; }
}

public sealed class CaseActionInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez le type d'action.")]
    public CaseActionType? Type { get; set; }

    /// <summary>The institution carrying it; a member other than the coordinator records actions of their own institution only.</summary>
    public CaseInstitution? CarrierInstitution { get; set; }

    [Required(ErrorMessage = "La date de début de l'action est obligatoire.")]
    public DateOnly? StartedOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    [Required(ErrorMessage = "Choisissez le résultat de l'action.")]
    public CaseActionResult? Result { get; set; }

    [StringLength(CaseRules.NoteLength, ErrorMessage = "La note factuelle ne doit pas dépasser 280 caractères.")]
    [NoContactDetails(ErrorMessage = "La note factuelle ne doit contenir ni adresse électronique ni numéro de téléphone.")]
    public string? Note { get; set; }
}

public sealed class JudicialMeasureInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez le type de mesure.")]
    public JudicialMeasureType? Type { get; set; }

    [Required(ErrorMessage = "Choisissez le service qui porte la mesure.")]
    public JudicialService? Service { get; set; }

    [Required(ErrorMessage = "La date de début de la mesure est obligatoire.")]
    public DateOnly? StartedOn { get; set; }

    public DateOnly? EndedOn { get; set; }
}

public sealed class CaseAgendaInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez la réunion.")]
    public Guid? MeetingId { get; set; }
}

public sealed class CaseDecisionInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez la réunion.")]
    public Guid? MeetingId { get; set; }

    [Required(ErrorMessage = "Choisissez la décision.")]
    public CaseDecision? Decision { get; set; }
}

/// <summary>Retention of a group (§1.6), recorded in the processing register.</summary>
public sealed class CaseRetentionInput : IValidatableInput
{
    [Required(ErrorMessage = "La durée d'archivage est obligatoire.")]
    [Range(0, 36, ErrorMessage = "La durée d'archivage après la fin du suivi est de 0 à 36 mois (AU-038, article 5).")]
    public int? ArchiveMonths { get; set; }

    [Required(ErrorMessage = "La durée de conservation des situations non retenues est obligatoire.")]
    [Range(0, 3, ErrorMessage = "Une situation non retenue est conservée 3 mois au plus.")]
    public int? NotRetainedMonths { get; set; }

    /// <summary>Months the group's audit events are kept (§1.6: 12 by default, 6 to 36); absent: unchanged.</summary>
    [Range(CaseAuditRetention.MinMonths, CaseAuditRetention.MaxMonths, ErrorMessage = "Le journal d'audit du dispositif est conservé de 6 à 36 mois.")]
    public int? AuditMonths { get; set; }
}

/// <summary>A freeze (legal hold, §1.6): a reason from the list and an end date at most 6 months ahead; no end date lifts it.</summary>
public sealed class CaseFreezeInput : IValidatableInput
{
    public CaseFreezeReason? Reason { get; set; }
    public DateOnly? Until { get; set; }
}

/// <summary>Rule A10: the motive for opening an archived sheet for 24 hours (encrypted, audited).</summary>
public sealed class CaseArchiveAccessInput : IValidatableInput
{
    [Required(ErrorMessage = "Le motif de consultation de l'archive est obligatoire.")]
    [StringLength(CaseRules.JustificationLength, MinimumLength = 10, ErrorMessage = "Le motif fait de 10 à 300 caractères.")]
    [NoContactDetails(ErrorMessage = "Le motif ne doit contenir ni adresse électronique ni numéro de téléphone.")]
    public string? Motive { get; set; }
}

/// <summary>Individual notice (§1.7): when, how and to whom; or, instead, the coordinator's written motive for not informing.</summary>
public sealed class CaseNoticeInput : IValidatableInput
{
    public DateOnly? GivenOn { get; set; }
    public CaseNoticeMeans? Means { get; set; }
    public CaseNoticeRecipient? Recipient { get; set; }

    [StringLength(CaseRules.JustificationLength, ErrorMessage = "Le motif de l'exception ne doit pas dépasser 300 caractères.")]
    [NoContactDetails(ErrorMessage = "Le motif de l'exception ne doit contenir ni adresse électronique ni numéro de téléphone.")]
    public string? ExceptionMotive { get; set; }
}

/// <summary>A rights request received about a sheet (§1.7).</summary>
public sealed class CaseRightsRequestInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez le droit exercé.")]
    public CaseRightsKind? Kind { get; set; }

    [Required(ErrorMessage = "La date de réception de la demande est obligatoire.")]
    public DateOnly? ReceivedOn { get; set; }
}

/// <summary>Extension of the answer deadline by two months (GDPR art. 12(3)): a motive is required.</summary>
public sealed class CaseRightsExtensionInput : IValidatableInput
{
    [Required(ErrorMessage = "Le motif de la prolongation est obligatoire.")]
    [StringLength(CaseRules.JustificationLength, ErrorMessage = "Le motif de la prolongation ne doit pas dépasser 300 caractères.")]
    [NoContactDetails(ErrorMessage = "Le motif de la prolongation ne doit contenir ni adresse électronique ni numéro de téléphone.")]
    public string? Motive { get; set; }
}

public sealed class CaseRightsAnswerInput : IValidatableInput
{
    [Required(ErrorMessage = "La date de la réponse est obligatoire.")]
    public DateOnly? AnsweredOn { get; set; }
}

/// <summary>The controller and DPO the collective notice names (§1.7), edited by a coordinator of the contract.</summary>
public sealed class CaseNoticeSettingsInput : IValidatableInput
{
    /// <summary>The version the writer started from (ADR 0019): a stale one answers 409 with what changed; omitted, the change is not checked.</summary>
    public int? Version { get; set; }

    [Required(ErrorMessage = "Le responsable du traitement est obligatoire (par exemple : le maire de la commune).")]
    [StringLength(CaseNoticeSettings.NameMax, ErrorMessage = "Le responsable du traitement ne doit pas dépasser 200 caractères.")]
    public string? ControllerName { get; set; }

    [StringLength(CaseNoticeSettings.AddressMax, ErrorMessage = "L'adresse du responsable ne doit pas dépasser 400 caractères.")]
    public string? ControllerAddress { get; set; }

    [StringLength(CaseNoticeSettings.NameMax, ErrorMessage = "Le nom du délégué à la protection des données ne doit pas dépasser 200 caractères.")]
    public string? DpoName { get; set; }

    [Required(ErrorMessage = "Le contact du délégué à la protection des données est obligatoire (adresse électronique ou postale).")]
    [StringLength(CaseNoticeSettings.ContactMax, ErrorMessage = "Le contact du délégué à la protection des données ne doit pas dépasser 300 caractères.")]
    public string? DpoContact { get; set; }
}

/// <summary>A programme of the contract (§1.2): code and label, archived when no longer offered.</summary>
public sealed class CaseProgrammeInput : IValidatableInput
{
    /// <summary>The version the writer started from (ADR 0019), on a change; omitted, the change is not checked.</summary>
    public int? Version { get; set; }

    [Required(ErrorMessage = "Le code du programme est obligatoire (par exemple : PRE).")]
    [StringLength(CaseProgramme.CodeMax, ErrorMessage = "Le code du programme ne doit pas dépasser 30 caractères.")]
    [RegularExpression(@"^\s*[A-Za-z0-9][A-Za-z0-9_\-]*\s*$", ErrorMessage = "Le code du programme : lettres sans accent, chiffres, tirets et soulignés seulement.")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "L'intitulé du programme est obligatoire.")]
    [StringLength(CaseProgramme.LabelMax, ErrorMessage = "L'intitulé du programme ne doit pas dépasser 200 caractères.")]
    [NoContactDetails(ErrorMessage = "L'intitulé du programme ne doit contenir ni adresse électronique ni numéro de téléphone.")]
    public string? Label { get; set; }

    /// <summary>Archived: no longer offered on sheets, kept for those that name it.</summary>
    public bool Archived { get; set; }
}

/// <summary>The programme of a sheet (none when empty), with the sheet's version the writer started from (ADR 0019).</summary>
public sealed class CaseSheetProgrammeInput : IValidatableInput
{
    public Guid? ProgrammeId { get; set; }

    /// <summary>The sheet's version as the writer read it; a stale one answers 409 naming the stored programme.</summary>
    public int? Version { get; set; }
}

/// <summary>The yearly review of how the group applies its charter (§1.1): date, institutions present, findings, decisions.</summary>
public sealed class CaseCharterReviewInput : IValidatableInput
{
    [Required(ErrorMessage = "La date du bilan est obligatoire.")]
    public DateOnly? HeldOn { get; set; }

    /// <summary>The institutions represented (closed list, at least one).</summary>
    public List<CaseInstitution> Institutions { get; set; } = [];

    [Required(ErrorMessage = "Les constats du bilan sont obligatoires.")]
    [StringLength(CaseCharterReview.TextMax, ErrorMessage = "Les constats ne doivent pas dépasser 1 000 caractères.")]
    [NoContactDetails(ErrorMessage = "Les constats ne doivent contenir ni adresse électronique ni numéro de téléphone.")]
    public string? Findings { get; set; }

    [StringLength(CaseCharterReview.TextMax, ErrorMessage = "Les décisions de suivi ne doivent pas dépasser 1 000 caractères.")]
    [NoContactDetails(ErrorMessage = "Les décisions de suivi ne doivent contenir ni adresse électronique ni numéro de téléphone.")]
    public string? Decisions { get; set; }
}
