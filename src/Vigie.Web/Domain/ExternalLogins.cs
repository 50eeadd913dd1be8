namespace Vigie.Web.Domain;

/// <summary>
/// A Vigie account linked to an identity at an OpenID Connect provider (ProConnect), ADR 0018: keyed by the issuer
/// and the subject together — never the subject alone, which two providers may both use.
/// </summary>
public sealed class ExternalLoginLink
{
    public Guid Id { get; set; }
    public string Issuer { get; set; } = "";
    public string Subject { get; set; } = "";
    public Guid UserId { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
