using System.ComponentModel.DataAnnotations;

namespace Vigie.Web.Features.Contracts;

// Inputs shared by the pages (bound as `Input`) and the API (JSON bodies): one set of rules and messages.

public sealed class ContractInput : IValidatableInput
{
    [Required(ErrorMessage = "L'intitulé est obligatoire.")]
    [StringLength(300, ErrorMessage = "L'intitulé ne doit pas dépasser 300 caractères.")]
    public string Title { get; set; } = "";

    public ContractKind Kind { get; set; } = ContractKind.Cls;

    [Required(ErrorMessage = "La date de début est obligatoire.")]
    public DateOnly? StartDate { get; set; }

    [Required(ErrorMessage = "La date de fin est obligatoire.")]
    public DateOnly? EndDate { get; set; }

    [StringLength(4000, ErrorMessage = "La présentation ne doit pas dépasser 4 000 caractères.")]
    public string? Summary { get; set; }

    /// <summary>INSEE codes, SIREN or names, separated by commas.</summary>
    [Required(ErrorMessage = "Indiquez au moins une commune, un arrondissement ou un EPCI.")]
    [StringLength(4000, ErrorMessage = "La liste des territoires est trop longue.")]
    public string Territories { get; set; } = "";

    /// <summary>The contract this one renews (previous generation).</summary>
    public Guid? PredecessorId { get; set; }

    /// <summary>When this contract is an avenant to a neighbour's contract.</summary>
    public Guid? AmendsContractId { get; set; }

    public bool IsPublished { get; set; }

    /// <summary>Planned signature date (yyyy-MM-dd), optional: the date the signatories are expected to sign.</summary>
    public DateOnly? PlannedSignatureDate { get; set; }
}

public sealed class SignatoryInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez l'institution signataire.")]
    public Guid? OrganisationId { get; set; }

    [Required(ErrorMessage = "Le nom du représentant est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le nom du représentant ne doit pas dépasser 200 caractères.")]
    public string RepresentativeName { get; set; } = "";

    [StringLength(200, ErrorMessage = "La fonction ne doit pas dépasser 200 caractères.")]
    public string? RepresentativePosition { get; set; }

    public DateOnly? SignedOn { get; set; }
}

public sealed class AmendmentInput : IValidatableInput
{
    [Required(ErrorMessage = "L'objet de l'avenant est obligatoire.")]
    [StringLength(300, ErrorMessage = "L'objet ne doit pas dépasser 300 caractères.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "La date d'effet est obligatoire.")]
    public DateOnly? EffectiveDate { get; set; }

    [Required(ErrorMessage = "Décrivez ce que l'avenant modifie.")]
    [StringLength(8000, ErrorMessage = "La description ne doit pas dépasser 8 000 caractères.")]
    public string Description { get; set; } = "";

    /// <summary>New end date when the avenant extends or shortens the contract.</summary>
    public DateOnly? NewEndDate { get; set; }

    /// <summary>Territories the avenant adds (codes or names, comma-separated).</summary>
    [StringLength(2000, ErrorMessage = "La liste des territoires ajoutés est trop longue.")]
    public string? AddedTerritories { get; set; }

    /// <summary>A commune's contract the avenant attaches to this one (Lomme's CLS to Lille's).</summary>
    public Guid? AttachesContractId { get; set; }

    /// <summary>Priorities (axes) the avenant adds to the plan, one title a line.</summary>
    [StringLength(4000, ErrorMessage = "La liste des axes ajoutés ne doit pas dépasser 4 000 caractères.")]
    public string? AddedPriorities { get; set; }

    /// <summary>True: a draft whose signatures are collected before it is put in force; false: recorded and applied at once.</summary>
    public bool Draft { get; set; }

    /// <summary>An institution the avenant adds as signatory of the contract, with its representative.</summary>
    public Guid? AddedSignatoryOrganisationId { get; set; }

    [StringLength(200, ErrorMessage = "Le nom du représentant du signataire ajouté ne doit pas dépasser 200 caractères.")]
    public string? AddedSignatoryName { get; set; }

    [StringLength(200, ErrorMessage = "La fonction du représentant du signataire ajouté ne doit pas dépasser 200 caractères.")]
    public string? AddedSignatoryPosition { get; set; }

    /// <summary>Signatories the avenant removes from the contract (a JSON null reads as none).</summary>
    public List<Guid> RemovedSignatoryIds { get; set => field = value ?? []; } = [];

    /// <summary>A signatory whose representative the avenant changes (new name and position below).</summary>
    public Guid? ChangedSignatoryId { get; set; }

    [StringLength(200, ErrorMessage = "Le nom du nouveau représentant ne doit pas dépasser 200 caractères.")]
    public string? ChangedSignatoryName { get; set; }

    [StringLength(200, ErrorMessage = "La fonction du nouveau représentant ne doit pas dépasser 200 caractères.")]
    public string? ChangedSignatoryPosition { get; set; }
}

public sealed class AmendmentSignatureInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez le signataire.")]
    public Guid? SignatoryId { get; set; }

    [Required(ErrorMessage = "La date de signature est obligatoire.")]
    public DateOnly? SignedOn { get; set; }
}

public sealed class StatusInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez le nouveau statut.")]
    public ContractStatus? Status { get; set; }
}

public sealed class MemberInput : IValidatableInput
{
    [Required(ErrorMessage = "L'adresse électronique du membre est obligatoire.")]
    [EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide.")]
    public string Email { get; set; } = "";

    public ContractRole Role { get; set; } = ContractRole.Reader;
}
