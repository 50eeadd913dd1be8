using Microsoft.AspNetCore.Identity;

namespace Vigie.Web.Domain;

public class AppUser : IdentityUser<Guid>
{
    public required string FullName { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool IsDisabled { get; set; }
}

public class AppRole : IdentityRole<Guid>
{
    public AppRole() { }
    public AppRole(string name) : base(name) { }
}

/// <summary>Role a user holds in one contract (docs/adr/0003-authorization-model.md).</summary>
public enum ContractRole
{
    /// <summary>Elected officials, observers: read only.</summary>
    Reader,
    /// <summary>Edits what their organisation owns in the contract.</summary>
    PartnerMember,
    /// <summary>The chargé de mission: edits everything of the contract.</summary>
    Coordinator,
}

public class ContractMembership : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public SecurityContract? Contract { get; set; }
    public Guid UserId { get; set; }
    public AppUser? User { get; set; }
    public ContractRole Role { get; set; }
}

/// <summary>A personal access token for the API; only its SHA-256 hash is stored.</summary>
public class PersonalAccessToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>First characters of the token, shown so a user can recognise it.</summary>
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Space-separated scopes (<c>read</c>, <c>write</c>, <c>admin</c>); empty on tokens older than scopes = read only.</summary>
    public string Scopes { get; set; } = "read";
}

/// <summary>
/// A signed-in browser session: the authentication cookie carries only this row's id, the ticket stays on the
/// server, so signing out (or revoking) ends the session on every instance even if the cookie is replayed.
/// </summary>
public class AuthSession
{
    public required string Id { get; set; }
    public Guid? UserId { get; set; }
    /// <summary>The serialized authentication ticket, protected with the data-protection key ring.</summary>
    public required byte[] Ticket { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>Whether two-factor authentication is mandatory for holders of a role (platform or contract role).</summary>
public class TwoFactorRequirement
{
    public required string Role { get; set; }
    public bool Required { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedById { get; set; }
}

public static class Roles
{
    public const string Administrator = "Administrator";
    /// <summary>Platform role allowed to create contracts (becomes their coordinator).</summary>
    public const string ContractCreator = "ContractCreator";
    /// <summary>Data-protection officer: reads the audit log and its export, receives privilege-change alerts; no content access.</summary>
    public const string DataProtectionOfficer = "DataProtectionOfficer";
    public static readonly string[] Platform = [Administrator, ContractCreator, DataProtectionOfficer];
}
