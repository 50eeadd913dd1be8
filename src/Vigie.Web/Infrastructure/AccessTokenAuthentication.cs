using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigie.Web.Data;
using Vigie.Web.Domain;

namespace Vigie.Web.Infrastructure;

/// <summary>API authentication by personal access token: <c>Authorization: Bearer vigie_…</c>.</summary>
public sealed class AccessTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, SignInManager<AppUser> signIn, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";
    public const string TokenPrefix = "vigie_";

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A new random token; the caller shows it once and stores only its hash.</summary>
    public static string NewToken() =>
        TokenPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
            return AuthenticateResult.Fail("Jeton inconnu.");

        var hash = Hash(token);
        var now = clock.GetUtcNow();
        var found = await db.AccessTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Select(t => new { t.Id, t.UserId, t.ExpiresAt, t.LastUsedAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || (found.ExpiresAt is { } exp && exp <= now))
            return AuthenticateResult.Fail("Jeton inconnu, révoqué ou expiré.");

        var user = await signIn.UserManager.FindByIdAsync(found.UserId.ToString());
        if (user is null || user.IsDisabled || await signIn.UserManager.IsLockedOutAsync(user))
            return AuthenticateResult.Fail("Compte désactivé.");

        // Throttled so a busy script does not write on every call.
        if (found.LastUsedAt is null || now - found.LastUsedAt > TimeSpan.FromMinutes(1))
            await db.AccessTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);

        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(VigieClaims.AccessTokenId, found.Id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    // A ProblemDetails body, in French: an empty 401/403 would be re-executed by the status-code pages into HTML.
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = result.Failure?.Message
            ?? "Jeton d'accès manquant : envoyez l'en-tête « Authorization: Bearer vigie_… » (jetons : /compte/jetons).";
        await Results.Problem(title: "Authentification requise", detail: detail, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(title: "Accès refusé", detail: "Votre compte n'a pas les droits nécessaires pour cette opération.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }
}
