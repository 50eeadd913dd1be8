using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Vigie.Web.Infrastructure;

/// <summary>ProConnect (or any OpenID Connect provider) beside local accounts; off unless Authority, ClientId and ClientSecret are set (ADR 0018).</summary>
public sealed class ProConnectOptions : IValidatableObject
{
    public const string Section = "ProConnect";
    public const string Scheme = "ProConnect";

    /// <summary>Issuer URL; its <c>/.well-known/openid-configuration</c> is read at the first login.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary><c>acr</c> values that count as two factors (ProConnect: eidas2, eidas3).</summary>
    public string[] StrongAcrValues { get; set; } = ["eidas2", "eidas3"];
    /// <summary><c>amr</c> values that name a second factor (RFC 8176).</summary>
    public string[] StrongAmrValues { get; set; } = ["mfa", "otp", "hwk", "swk", "sms", "pop"];
    /// <summary>Accept an e-mail the provider does not say it verified (never for ProConnect, whose e-mails are verified).</summary>
    public bool AcceptUnverifiedEmail { get; set; }
    /// <summary>Button label on the login page.</summary>
    public string DisplayName { get; set; } = "ProConnect";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>Plain-HTTP metadata only from a loopback provider (a local test provider), never over the network.</summary>
    public bool IsLoopbackHttp => Uri.TryCreate(Authority, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttp && u.IsLoopback;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var any = !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(ClientId) || !string.IsNullOrWhiteSpace(ClientSecret);
        if (any && !Enabled) yield return new ValidationResult("ProConnect:Authority, ProConnect:ClientId and ProConnect:ClientSecret must be set together.");
        if (Enabled && !(Uri.TryCreate(Authority, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || IsLoopbackHttp)))
            yield return new ValidationResult("ProConnect:Authority must be an https URL (plain http only on loopback).");
    }
}

/// <summary>What Vigie keeps of a ProConnect login between the provider's answer and its own session.</summary>
public static class ProConnectClaims
{
    /// <summary>On the session: the login came from ProConnect with a second factor (acr/amr), so Vigie's own TOTP is not asked.</summary>
    public const string StrongLogin = "vigie:oidc-strong";
    /// <summary>On the session: the login came from ProConnect (logout then ends the provider's session too).</summary>
    public const string External = "vigie:oidc";

    public static bool IsStrong(ClaimsPrincipal principal, ProConnectOptions o) =>
        principal.FindAll("acr").Any(c => o.StrongAcrValues.Contains(c.Value, StringComparer.Ordinal))
        || principal.FindAll("amr").Any(c => o.StrongAmrValues.Contains(c.Value, StringComparer.Ordinal));
}

public static class ProConnectRegistration
{
    public static IServiceCollection AddVigieProConnect(this IServiceCollection services, IConfiguration config, AuthenticationBuilder auth)
    {
        services.AddOptions<ProConnectOptions>().Bind(config.GetSection(ProConnectOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // The session's ProConnect markers survive the periodic security-stamp check (which rebuilds the principal).
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = ctx =>
        {
            var kept = ctx.CurrentPrincipal?.Claims.Where(c => c.Type is ProConnectClaims.StrongLogin or ProConnectClaims.External).ToList() ?? [];
            if (kept.Count > 0 && ctx.NewPrincipal?.Identity is ClaimsIdentity identity) identity.AddClaims(kept.Select(c => new Claim(c.Type, c.Value)));
            return Task.CompletedTask;
        });
        var o = config.GetSection(ProConnectOptions.Section).Get<ProConnectOptions>() ?? new();
        if (!o.Enabled) return services;
        auth.AddOpenIdConnect(ProConnectOptions.Scheme, o.DisplayName, oidc =>
        {
            oidc.Authority = o.Authority;
            oidc.ClientId = o.ClientId;
            oidc.ClientSecret = o.ClientSecret;
            oidc.RequireHttpsMetadata = !o.IsLoopbackHttp;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true; // state and nonce are the handler's defaults
            // The code comes back in the query of a top-level GET (ProConnect's default), so the correlation and nonce cookies
            // can be SameSite=Lax: a form_post return would need SameSite=None, which browsers drop on plain HTTP (loopback tests).
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS (production, behind the believed proxy); plain HTTP on loopback in tests.
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.Scope.Clear();
            foreach (var scope in new[] { "openid", "email", "profile" }) oidc.Scope.Add(scope);
            oidc.GetClaimsFromUserInfoEndpoint = true;
            oidc.MapInboundClaims = false; // keep iss, sub, email, acr, amr as the provider names them
            oidc.SaveTokens = true; // id_token for the logout's id_token_hint
            oidc.SignInScheme = IdentityConstants.ExternalScheme;
            // Logout reads the id_token from Vigie's own session (copied there at sign-in).
            oidc.SignOutScheme = IdentityConstants.ApplicationScheme;
            oidc.CallbackPath = "/signin-proconnect";
            oidc.SignedOutCallbackPath = "/signout-callback-proconnect";
            oidc.ClaimActions.MapAll();
            oidc.Events.OnRemoteFailure = ctx =>
            {
                // Denied consent, a stale state cookie, a provider error: back to the login page with a French message.
                ctx.Response.Redirect(AccountPaths.Login + "?erreur=proconnect");
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
