namespace Vigie.Web.Domain;

public enum ContractKind
{
    /// <summary>Contrat local de sécurité.</summary>
    Cls,
    /// <summary>Stratégie territoriale de sécurité et de prévention de la délinquance.</summary>
    Stspd,
    /// <summary>Stratégie intercommunale (CISPD).</summary>
    Sispd,
}

public enum ContractStatus
{
    Draft,
    InSignature,
    InForce,
    UnderEvaluation,
    Ended,
}

/// <summary>A contrat local de sécurité (or STSPD): the root every other record of a council is scoped to.</summary>
public class SecurityContract : StampedEntity
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public ContractKind Kind { get; set; }
    public ContractStatus Status { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public string? Summary { get; set; }
    /// <summary>Generation number: 1 for a first contract, predecessor's + 1 for a renewal.</summary>
    public int Generation { get; set; } = 1;
    /// <summary>The contract this one renews (previous generation).</summary>
    public Guid? PredecessorId { get; set; }
    public SecurityContract? Predecessor { get; set; }
    /// <summary>When this contract is itself an avenant to a neighbour's contract (Lomme's to Lille's).</summary>
    public Guid? AmendsContractId { get; set; }
    public SecurityContract? AmendsContract { get; set; }
    public Guid? SignedDocumentId { get; set; }
    public StoredFile? SignedDocument { get; set; }
    /// <summary>Public pages (observatory, plan, reports) are shown only for published contracts.</summary>
    public bool IsPublished { get; set; }
    /// <summary>When the signature is planned (issue 11 C): set while preparing the contract, kept as a record afterwards.</summary>
    public DateOnly? PlannedSignatureDate { get; set; }
    /// <summary>Current version number, incremented with every recorded change (see <see cref="ContractVersion"/>).</summary>
    public int Version { get; set; }
    public List<ContractTerritory> Territories { get; set; } = [];
    public List<Signatory> Signatories { get; set; } = [];
    public List<Amendment> Amendments { get; set; } = [];
    public List<ContractMembership> Memberships { get; set; } = [];
}

public class ContractTerritory
{
    public Guid ContractId { get; set; }
    public int TerritoryId { get; set; }
    public Territory? Territory { get; set; }
}

/// <summary>A signatory institution, its representative, and the date they signed.</summary>
public class Signatory : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string RepresentativeName { get; set; }
    public string? RepresentativePosition { get; set; }
    public DateOnly? SignedOn { get; set; }
    public int Order { get; set; }
}

/// <summary>An avenant: an amendment with an effective date and what it changes.</summary>
public class Amendment : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public DateOnly EffectiveDate { get; set; }
    /// <summary>What the avenant changes, in words.</summary>
    public required string Description { get; set; }
    /// <summary>New end date when the avenant extends or shortens the contract.</summary>
    public DateOnly? NewEndDate { get; set; }
    /// <summary>Comma-separated INSEE codes the avenant adds to the territory.</summary>
    public string? AddedTerritoryCodes { get; set; }
    public Guid? DocumentId { get; set; }
    public StoredFile? Document { get; set; }
    /// <summary>
    /// True while the avenant is a draft collecting its signatures (<see cref="AmendmentSignature"/>): nothing of it
    /// applies to the contract until it is put in force. False (the default, and every avenant recorded in one step) = in force.
    /// </summary>
    public bool IsDraft { get; set; }
    /// <summary>A commune's contract this avenant attaches to the amended contract (Lomme's CLS to Lille's).</summary>
    public Guid? AttachesContractId { get; set; }
    /// <summary>Priorities (axes) the avenant adds to the plan, one title a line.</summary>
    public string? AddedPriorities { get; set; }
    /// <summary>
    /// Signatories the avenant adds or removes and representatives it changes (issue 15): a JSON list of
    /// <c>AmendmentSignatoryChange</c> (Features/Contracts/AmendmentWorkflow), applied when the avenant comes in force.
    /// </summary>
    public string? SignatoryChanges { get; set; }
}

public enum VersionCause
{
    Created,
    Edited,
    StatusChanged,
    Amended,
    SignatoriesChanged,
}

/// <summary>An immutable snapshot of a contract after each change: the contract history.</summary>
public class ContractVersion
{
    public long Id { get; set; }
    public Guid ContractId { get; set; }
    public int Number { get; set; }
    public VersionCause Cause { get; set; }
    public Guid? AmendmentId { get; set; }
    /// <summary>Date from which this version applies (an avenant's effective date, else the change date).</summary>
    public DateOnly EffectiveDate { get; set; }
    /// <summary>JSON of <see cref="Vigie.Web.Features.Contracts.ContractSnapshot"/>.</summary>
    public required string Snapshot { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid? RecordedById { get; set; }
}

/// <summary>A file kept in the database so several app instances share it (signed contracts, avenants).</summary>
public class StoredFile
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public Guid? UploadedById { get; set; }
}
