namespace Vigie.Web.Domain;

// Incidents ("signalements", issue 14, specs §3). Every row carries its ContractId: scoping is one Where, and
// deleting a contract cascades to all of it. Visibility is a property of the category (public / partners):
// a partner-only category never leaves the contract's members (Open311, public map, exports to the public).

/// <summary>Who may see incidents of a category outside the contract (specs §3.3).</summary>
public enum IncidentVisibility
{
    /// <summary>May be published through Open311 and on the public map (coarse location, scrubbed text).</summary>
    Public,
    /// <summary>Members of the contract only; never in an unauthenticated Open311 answer.</summary>
    Partners,
}

/// <summary>Unit of a category's first-response SLA ("24 h", "7 j", "5 j ouvrés").</summary>
public enum SlaUnit
{
    Hours,
    Days,
    BusinessDays,
}

/// <summary>The internal states of specs §3.4; Open311 sees only open (all but Cloture) and closed.</summary>
public enum IncidentStatus
{
    Nouveau,
    Qualifie,
    Transmis,
    Reoriente,
    PrisEnCharge,
    EnCours,
    Resolu,
    Cloture,
    Reouvert,
}

/// <summary>Why an incident was closed (specs §3.4).</summary>
public enum IncidentCloseReason
{
    Traite,
    Doublon,
    NonFonde,
    HorsCompetence,
    NonTraitable,
}

/// <summary>How the incident reached Vigie.</summary>
public enum IncidentSource
{
    Agent,
    Partner,
    Resident,
    Phone,
    Open311,
}

/// <summary>A category of a contract (the defaults of specs §3.3, seeded per contract and editable).</summary>
public class IncidentCategory : StampedEntity, IVersioned
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    /// <summary>Open311 service_code (e.g. TAG-STD): a string, unique in the contract.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Group code: proprete, vehicules, voirie, eclairage, tranquillite, transports, autre.</summary>
    public required string Group { get; set; }
    public IncidentVisibility Visibility { get; set; }
    public int SlaValue { get; set; }
    public SlaUnit SlaUnit { get; set; }
    /// <summary>Who pilots it by default, in words (the table's "Default pilot" column).</summary>
    public string? DefaultPilotLabel { get; set; }
    /// <summary>The partner organisation incidents of this category go to when no zone rule matches.</summary>
    public Guid? PilotOrganisationId { get; set; }
    public Organisation? PilotOrganisation { get; set; }
    /// <summary>Secondary partners, in words.</summary>
    public string? SecondaryPartners { get; set; }
    public int Position { get; set; }
    public bool IsArchived { get; set; }
    /// <summary>Secondary partner organisations (chosen from the partners; <see cref="SecondaryPartners"/> keeps the words).</summary>
    public List<IncidentCategoryPartner> Partners { get; set; } = [];
    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
}

/// <summary>A secondary partner of a category (specs §3.3 "Secondary partners").</summary>
public class IncidentCategoryPartner
{
    public Guid CategoryId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid ContractId { get; set; }
}

/// <summary>
/// A routing rule: incidents of a category inside a partner's zone go to that partner (a landlord's estates, a
/// transport line's stations). The zone is a set of the contract's sub-areas and/or a drawn polygon.
/// </summary>
public class RoutingZone : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid CategoryId { get; set; }
    public IncidentCategory? Category { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string Name { get; set; }
    /// <summary>GeoJSON Polygon or MultiPolygon (WGS84), validated like a sub-area's.</summary>
    public string? GeoJson { get; set; }
    public List<RoutingZoneArea> Areas { get; set; } = [];
    /// <summary>From when the zone routes incidents (null: always); an incident is routed by the zone valid at its creation.</summary>
    public DateTimeOffset? ValidFrom { get; set; }
    /// <summary>Until when (exclusive; null: still valid). Removing a zone ends its validity: its history stays.</summary>
    public DateTimeOffset? ValidTo { get; set; }
}

public class RoutingZoneArea
{
    public Guid RoutingZoneId { get; set; }
    public Guid AreaId { get; set; }
    public Guid ContractId { get; set; }
}

/// <summary>A signalement: what, where, when, who handles it, and where it stands.</summary>
public class Incident : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    /// <summary>Number in the contract (1, 2…): the Open311 service_request_id.</summary>
    public int Number { get; set; }
    public Guid CategoryId { get; set; }
    public IncidentCategory? Category { get; set; }
    public IncidentStatus Status { get; set; }
    public IncidentCloseReason? CloseReason { get; set; }
    public Guid? DuplicateOfId { get; set; }
    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>INSEE code derived from the point (a commune associée when a sub-area says so).</summary>
    public string? CommuneCode { get; set; }
    /// <summary>The contract's sub-area containing the point, when any.</summary>
    public Guid? AreaId { get; set; }
    public Area? Area { get; set; }
    public required string Description { get; set; }
    public DateTimeOffset ObservedAt { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public IncidentSource Source { get; set; }
    public Guid? Open311ClientId { get; set; }
    public Guid? PilotOrganisationId { get; set; }
    public Organisation? PilotOrganisation { get; set; }
    /// <summary>When it was last sent to its pilot; the first-response SLA counts from here.</summary>
    public DateTimeOffset? RoutedAt { get; set; }
    /// <summary>Routing time + the category's SLA (Open311 expected_datetime).</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>When the pilot first took it up (PrisEnCharge or later).</summary>
    public DateTimeOffset? TakenUpAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<IncidentEvent> Events { get; set; } = [];
}

public enum IncidentEventKind
{
    Created,
    Routed,
    Rerouted,
    StatusChanged,
    Note,
    MarkedDuplicate,
    Reopened,
}

/// <summary>One line of an incident's history: every change writes one (append-only).</summary>
public class IncidentEvent
{
    public long Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid IncidentId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ByUserId { get; set; }
    public IncidentEventKind Kind { get; set; }
    public IncidentStatus? FromStatus { get; set; }
    public IncidentStatus? ToStatus { get; set; }
    /// <summary>The pilot after a routing.</summary>
    public Guid? OrganisationId { get; set; }
    /// <summary>Reason, action taken, note (members only unless <see cref="IsPublic"/>).</summary>
    public string? Note { get; set; }
    /// <summary>A public note becomes the Open311 status_notes (scrubbed).</summary>
    public bool IsPublic { get; set; }
}

/// <summary>A contract's incident settings: its Open311 jurisdiction.</summary>
public class IncidentSettings : StampedEntity
{
    public Guid ContractId { get; set; }
    /// <summary>Open311 jurisdiction_id (the commune's website domain); null = not published through Open311.</summary>
    public string? Jurisdiction { get; set; }
    /// <summary>Residents may report through the anonymous public form (public categories, photos moderated).</summary>
    public bool PublicForm { get; set; }
}

/// <summary>An Open311 client (an app, a city's CRM) with its api_key; only the key's SHA-256 hash is stored.</summary>
public class Open311Client : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    public required string Prefix { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>Where a photo stands: members see it at once; the public (Open311 media_url, public map) only once approved.</summary>
public enum IncidentPhotoStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A photo of an incident: JPEG, PNG or WebP checked by its bytes, metadata (EXIF, GPS, camera, XMP, comments) stripped
/// before storage; the bytes are a <see cref="StoredFile"/>. Public only after moderation (specs §3.3).
/// </summary>
public class IncidentPhoto
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid IncidentId { get; set; }
    public Guid FileId { get; set; }
    public StoredFile? File { get; set; }
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public IncidentPhotoStatus Status { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public Guid? UploadedById { get; set; }
    public DateTimeOffset? ModeratedAt { get; set; }
    public Guid? ModeratedById { get; set; }
}
