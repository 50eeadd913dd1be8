namespace Vigie.Web.Domain;

/// <summary>Entities stamped by <see cref="Vigie.Web.Data.AuditStampInterceptor"/> on every save.</summary>
public interface IStamped
{
    DateTimeOffset CreatedAt { get; set; }
    Guid? CreatedById { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
    Guid? UpdatedById { get; set; }
}

public abstract class StampedEntity : IStamped
{
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedById { get; set; }
}

/// <summary>
/// Append-only record of a sensitive action (see docs/audit-events.md for every <see cref="Kind"/>).
/// Never holds personal data or free text: identifiers and short codes only.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? UserId { get; set; }
    public required string Kind { get; set; }
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public Guid? ContractId { get; set; }
    /// <summary>Small JSON object of non-personal details (field names, counts, status codes).</summary>
    public string? Data { get; set; }

    // Who acted, from where and how (filled by Auditor from the request; docs/adr/0008-audit-log.md).
    /// <summary>The actor's organisation (institution) at the time of the event.</summary>
    public Guid? ActorOrganisationId { get; set; }
    /// <summary>The actor's platform roles at the time (comma-separated role names); null for a user without one.</summary>
    public string? ActorRole { get; set; }
    /// <summary><see cref="AuditOutcomes"/>: success, denied, failure.</summary>
    public string Outcome { get; set; } = AuditOutcomes.Success;
    /// <summary>The client address as resolved by ASP.NET Core (forwarded headers from trusted proxies only).</summary>
    public string? IpAddress { get; set; }
    /// <summary><see cref="AuditVia"/>: session (cookie), token (personal access token), feed (calendar feed), system.</summary>
    public string? Via { get; set; }
    /// <summary>The credential used when not a cookie session: the access token id or calendar feed id.</summary>
    public string? CredentialId { get; set; }

    // Hash chain, set once by the sealing job (AuditChain), never changed afterwards.
    /// <summary>Position in the chain: 1, 2, 3… without gaps, in sealing (commit) order; null until sealed.</summary>
    public long? Sequence { get; set; }
    /// <summary>Hex SHA-256 of the previous event's hash and this event's canonical form; null until sealed.</summary>
    public string? Hash { get; set; }
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Denied = "denied";
    public const string Failure = "failure";
}

public static class AuditVia
{
    public const string Session = "session";
    public const string Token = "token";
    public const string Feed = "feed";
    public const string System = "system";
}

/// <summary>
/// The single row (Id = 1) holding the head of the audit hash chain, the purge anchor and the job leases.
/// Sealers update it with a condition on <see cref="LastSequence"/>, so only one instance extends the chain at a time.
/// </summary>
public class AuditChainHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    /// <summary>Hash of the event at <see cref="LastSequence"/> (64 zeros for the empty chain).</summary>
    public string LastHash { get; set; } = AuditChainHead.Genesis;
    /// <summary>Events up to this sequence were purged (retention); verification starts after it.</summary>
    public long PurgedThroughSequence { get; set; }
    /// <summary>Hash of the last purged event: the anchor the first remaining event chains to.</summary>
    public string PurgedThroughHash { get; set; } = AuditChainHead.Genesis;
    public DateTimeOffset? LastPurgeAt { get; set; }

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
}
