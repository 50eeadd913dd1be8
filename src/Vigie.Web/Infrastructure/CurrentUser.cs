using System.Security.Claims;

namespace Vigie.Web.Infrastructure;

public interface ICurrentUser
{
    Guid? Id { get; }
    Guid? OrganisationId { get; }
    bool IsAdministrator { get; }
}

public static class VigieClaims
{
    public const string Organisation = "vigie:org";
    public const string FullName = "vigie:name";
    public const string TwoFactor = "vigie:2fa";
    /// <summary>Id of the personal access token that authenticated the request (token scheme only).</summary>
    public const string AccessTokenId = "vigie:token";
    /// <summary>Server-side session id of a cookie session, when the session store sets one (read by the audit).</summary>
    public const string SessionId = "vigie:session";

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid? OrganisationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Organisation), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(FullName) ?? user.Identity?.Name ?? "";
}

/// <summary>The signed-in user of the current HTTP request; empty for the CLI and background jobs.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;
    public Guid? Id => Principal?.UserId();
    public Guid? OrganisationId => Principal?.OrganisationId();
    public bool IsAdministrator => Principal?.IsInRole(Domain.Roles.Administrator) ?? false;
}
