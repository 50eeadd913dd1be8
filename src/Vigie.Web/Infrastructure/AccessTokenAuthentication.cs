using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// API authentication by personal access token: <c>Authorization: Bearer vigie_…</c>. The database context and Identity's
/// sign-in manager are resolved only when the token is not in <see cref="AccessTokenCache"/> (or its use date is due):
/// the handler is created for every request, also cookie-authenticated ones, and a cached API answer needs neither.
/// </summary>
public sealed class AccessTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TimeProvider clock, AccessTokenCache tokenCache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private AppDbContext Db => Context.RequestServices.GetRequiredService<AppDbContext>();

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
        // A token that authenticated within AccessTokenCache.Lifetime is not looked up again (the API's hot path);
        // any change this instance saves to tokens, users, roles or memberships drops the cache at once.
        var entry = tokenCache.Find(hash);
        if (entry is null)
        {
            var generation = tokenCache.Generation;
            var db = Db;
            var signIn = Context.RequestServices.GetRequiredService<SignInManager<AppUser>>();
            var found = await db.AccessTokens.AsNoTracking()
                .Where(t => t.TokenHash == hash && t.RevokedAt == null)
                .Select(t => new { t.Id, t.UserId, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.Scopes })
                .FirstOrDefaultAsync(Context.RequestAborted);
            // Tokens from before expiry became mandatory end one year after their creation.
            var expiresAt = found is null ? now : found.ExpiresAt ?? found.CreatedAt.AddYears(1);
            if (found is null || expiresAt <= now)
                return AuthenticateResult.Fail("Jeton inconnu, révoqué ou expiré.");

            // A lockout (failed passwords) is not a reason to stop the owner's scripts: only disablement is.
            var user = await signIn.UserManager.FindByIdAsync(found.UserId.ToString());
            if (user is null || user.IsDisabled)
                return AuthenticateResult.Fail("Compte désactivé.");

            var principal = await signIn.CreateUserPrincipalAsync(user);
            // Mandatory two-factor authentication covers the API too: a user held on the set-up page cannot read with a token.
            if (!user.TwoFactorEnabled
                && await TwoFactorEnforcement.IsRequiredAsync(db, user.Id, Roles.Platform.Where(principal.IsInRole), Context.RequestAborted))
                return AuthenticateResult.Fail(TwoFactorEnforcement.ApiMessage);

            var scopes = TokenScopes.Parse(found.Scopes);
            var identity = (System.Security.Claims.ClaimsIdentity)principal.Identity!;
            // An administrator's token carries administrator rights only with the "admin" scope.
            if (!scopes.Contains(TokenScopes.Admin))
                foreach (var claim in identity.FindAll(c => c.Type == identity.RoleClaimType && c.Value == Roles.Administrator).ToList())
                    identity.RemoveClaim(claim);
            foreach (var scope in scopes) identity.AddClaim(new System.Security.Claims.Claim(TokenScopes.ClaimType, scope));
            identity.AddClaim(new System.Security.Claims.Claim(TokenScopes.TokenIdClaim, found.Id.ToString()));
            entry = tokenCache.Add(hash, principal, found.Id, expiresAt, found.LastUsedAt, generation);
        }

        // Throttled so a busy script does not write on every call.
        if (entry.ShouldStampUse(now))
            await Db.AccessTokens.Where(t => t.Id == entry.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);

        return AuthenticateResult.Success(new AuthenticationTicket(entry.NewPrincipal(), SchemeName));
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
