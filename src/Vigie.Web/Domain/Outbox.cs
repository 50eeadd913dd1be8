namespace Vigie.Web.Domain;

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    /// <summary>"Échec": the last allowed attempt failed; an administrator may send it again.</summary>
    Failed = 2,
}

/// <summary>
/// A mail waiting to leave (ADR 0018): written in the same SaveChanges as the change that causes it, sent by
/// <c>OutboxSender</c>. <see cref="Content"/> is the whole MIME message as composed at enqueue time.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>Claim of one sender: no other instance touches the row before this time.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Kind of the last failure (exception type, SMTP status code): never an address or a message text.</summary>
    public string? LastError { get; set; }
}
