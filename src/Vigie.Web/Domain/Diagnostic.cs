namespace Vigie.Web.Domain;

// Diagnostic local de sécurité (issue 12, DOMAIN.md): a living document per contract, or per sub-area of it, whose
// sections are written by their authors and whose figures are read live from the observatory until a version is
// frozen. Every row carries its ContractId (scoping is one Where; deleting a contract cascades to all of it).
// Visibility follows ADR 0006: a section carries its own level (partner contributions are members-only by default),
// findings inherit at least their section's level, and the public page shows only public parts of a published version.

/// <summary>Kind of a section; the draft creates one of each (one partner section per organisation).</summary>
public enum DiagnosticSectionKind
{
    /// <summary>Territoire et population (INSEE figures).</summary>
    Territory,
    /// <summary>Délinquance enregistrée (observatory tables and trends, compared with the département and France).</summary>
    Delinquency,
    /// <summary>Contribution of one partner organisation, edited by its members.</summary>
    PartnerContribution,
    /// <summary>Results of the published survey waves (port to the survey module).</summary>
    Survey,
    /// <summary>One of the four axes of the national frame, with its findings.</summary>
    Axis,
    Conclusions,
}

/// <summary>The four axes of the national frame (prévention, dissuasion, sanction, réparation).</summary>
public enum DiagnosticAxis
{
    Prevention,
    Dissuasion,
    Sanction,
    Reparation,
}

/// <summary>brouillon → à relire → validé; editing a validated section sends it back to draft.</summary>
public enum DiagnosticSectionStatus
{
    Draft,
    ToReview,
    Validated,
}

/// <summary>A diagnostic of a contract (AreaId null) or of one of its sub-areas.</summary>
public class SecurityDiagnostic : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    /// <summary>The sub-area (quartier, QPV, arrondissement's area) it covers; null for the whole contract territory.</summary>
    public Guid? AreaId { get; set; }
    public Area? Area { get; set; }
    public required string Title { get; set; }
    /// <summary>Number of the last frozen version (0 before the first freeze).</summary>
    public int LastVersion { get; set; }
    /// <summary>The version shown on the public pages of a published contract (validated versions only).</summary>
    public Guid? PublishedVersionId { get; set; }
    public List<DiagnosticSection> Sections { get; set; } = [];
}

public class DiagnosticSection : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid DiagnosticId { get; set; }
    public DiagnosticSectionKind Kind { get; set; }
    /// <summary>For <see cref="DiagnosticSectionKind.Axis"/> sections.</summary>
    public DiagnosticAxis? Axis { get; set; }
    /// <summary>For partner contributions: the organisation whose members write it.</summary>
    public Guid? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    /// <summary>Markdown (rendered with raw HTML disabled and unsafe links dropped).</summary>
    public string? Body { get; set; }
    public DiagnosticSectionStatus Status { get; set; }
    /// <summary>The user who last wrote the text.</summary>
    public Guid? AuthorId { get; set; }
    /// <summary>Public or Members (partner contributions default to Members: never on the public page unless lowered).</summary>
    public MinutesVisibility Visibility { get; set; } = MinutesVisibility.Public;
}

/// <summary>A constat: what the diagnostic observed, on an axis, from a section. Plan priorities cite findings.</summary>
public class DiagnosticFinding : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid DiagnosticId { get; set; }
    public Guid? SectionId { get; set; }
    public DiagnosticAxis? Axis { get; set; }
    public required string Text { get; set; }
    /// <summary>At least its section's level (derived records inherit restriction, ADR 0006).</summary>
    public MinutesVisibility Visibility { get; set; } = MinutesVisibility.Public;
    public int Position { get; set; }
}

/// <summary>A plan priority (or objective, action) citing a finding that justifies it.</summary>
public class DiagnosticFindingLink
{
    public Guid ContractId { get; set; }
    public Guid FindingId { get; set; }
    public Guid PlanItemId { get; set; }
}

public enum DiagnosticSourceKind
{
    /// <summary>Réunion de travail (a governance meeting, or a dated meeting recorded here).</summary>
    Meeting,
    Interview,
    Document,
    /// <summary>Statistics with their edition (SSMSI, INSEE, partner series…).</summary>
    Statistics,
}

/// <summary>One entry of the sources register.</summary>
public class DiagnosticSource : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid DiagnosticId { get; set; }
    public DiagnosticSourceKind Kind { get; set; }
    public required string Title { get; set; }
    public DateOnly? Date { get; set; }
    /// <summary>The governance meeting this working meeting was, when it was held in Vigie.</summary>
    public Guid? MeetingId { get; set; }
    /// <summary>An uploaded document (stored like other files).</summary>
    public Guid? FileId { get; set; }
    public StoredFile? File { get; set; }
    /// <summary>Edition of a statistics source (e.g. "édition du 04/06/2025").</summary>
    public string? Edition { get; set; }
    public string? Notes { get; set; }
}

/// <summary>An immutable frozen version: its content and figures as JSON, and the SHA-256 of that JSON.</summary>
public class DiagnosticVersion
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid DiagnosticId { get; set; }
    public int Number { get; set; }
    /// <summary>Every section validated when frozen: only such a version can be published.</summary>
    public bool IsValidated { get; set; }
    /// <summary>Canonical JSON of the diagnostic's content (sections, findings, sources, figures snapshot).</summary>
    public required string Content { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset FrozenAt { get; set; }
    public Guid? FrozenById { get; set; }
}
