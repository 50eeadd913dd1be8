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
}
