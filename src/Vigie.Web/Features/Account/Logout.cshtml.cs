using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Vigie.Web.Features.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn, Auditor auditor, IOptions<ProConnectOptions> proConnect,
    IOptionsMonitor<OpenIdConnectOptions> oidc, PublicLinks links, ILogger<LogoutModel> logger) : PageModel
{
    /// <summary>The login page's <c>erreur</c> value after a logout whose provider could not be reached.</summary>
    public const string ProviderUnreachable = "proconnect-deconnexion";
    public const string ProviderUnreachableMessage = "Vous êtes déconnecté de Vigie, mais ProConnect n'a pas pu être joint : fermez votre navigateur pour terminer aussi votre session ProConnect.";

    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.UserId() is { } id) await auditor.RecordNowAsync(AuditKinds.SignedOut, "User", id, userId: id);
        // A ProConnect session ends at the provider too (end_session_endpoint with id_token_hint), which sends the browser back to the login page.
        var idToken = User.FindFirst(ProConnectClaims.External) is not null && proConnect.Value.Enabled ? await HttpContext.GetTokenAsync("id_token") : null;
        await signIn.SignOutAsync();
        if (idToken is not null && oidc.Get(ProConnectOptions.Scheme).ConfigurationManager is { } manager)
        {
            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await manager.GetConfigurationAsync(HttpContext.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException || !HttpContext.RequestAborted.IsCancellationRequested)
            {
                // The provider's discovery document cannot be read (provider down, network): Vigie's session is already
                // over; say so rather than fail the logout.
                logger.LogWarning("ProConnect logout: the provider could not be reached ({Error})", e.GetType().Name);
                return RedirectToPage("/Account/Login", new { erreur = ProviderUnreachable });
            }
            if (!string.IsNullOrEmpty(configuration.EndSessionEndpoint))
                return Redirect(QueryHelpers.AddQueryString(configuration.EndSessionEndpoint, new Dictionary<string, string?>
                {
                    ["id_token_hint"] = idToken,
                    ["post_logout_redirect_uri"] = links.ToPage("/Account/Login"),
                }));
        }
        return RedirectToPage("/Account/Login");
    }
}
