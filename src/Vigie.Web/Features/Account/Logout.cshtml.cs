using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn, Auditor auditor, IOptions<ProConnectOptions> proConnect,
    IOptionsMonitor<OpenIdConnectOptions> oidc, PublicLinks links) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.UserId() is { } id) await auditor.RecordNowAsync(AuditKinds.SignedOut, "User", id, userId: id);
        // A ProConnect session ends at the provider too (end_session_endpoint with id_token_hint), which sends the browser back to the login page.
        var idToken = User.FindFirst(ProConnectClaims.External) is not null && proConnect.Value.Enabled ? await HttpContext.GetTokenAsync("id_token") : null;
        await signIn.SignOutAsync();
        if (idToken is not null && oidc.Get(ProConnectOptions.Scheme).ConfigurationManager is { } manager)
        {
            var configuration = await manager.GetConfigurationAsync(HttpContext.RequestAborted);
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
