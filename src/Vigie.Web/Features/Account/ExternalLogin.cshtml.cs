using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.Account;

/// <summary>
/// Return from ProConnect (ADR 0018): the provider's identity (issuer + subject) is looked up in
/// <see cref="ExternalLoginLink"/>; on a first login the Vigie account with the same, verified e-mail is linked. No
/// account is ever created here. A role that requires two factors needs a strong login at the provider (acr/amr).
/// </summary>
public sealed class ExternalLoginModel(SignInManager<AppUser> signIn, AppDbContext db, Auditor auditor, TimeProvider clock, IOptions<ProConnectOptions> options) : PageModel
{
    public const string UnknownAccount = "Aucun compte Vigie ne correspond à l'adresse électronique transmise par ProConnect. Demandez à un administrateur de Vigie de vous créer un compte avec cette adresse.";
    public const string TooWeak = "Votre rôle dans Vigie exige une double authentification : connectez-vous à ProConnect avec un second facteur (authentification forte), ou avec votre mot de passe Vigie et votre code de double authentification.";
    public const string Unverified = "ProConnect n'a pas confirmé votre adresse électronique : la connexion est refusée.";
    public const string Disabled = "Ce compte Vigie est désactivé.";

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        ViewData["Title"] = "Connexion avec ProConnect";
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is not { } principal) return RedirectToPage("/Account/Login");
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);

        var subject = principal.FindFirst("sub");
        var issuer = principal.FindFirstValue("iss") ?? subject?.Issuer;
        if (subject is null || string.IsNullOrEmpty(issuer)) return await RefuseAsync("claims", null, UnknownAccount);

        var now = clock.GetUtcNow();
        var link = await db.ExternalLoginLinks.FirstOrDefaultAsync(l => l.Issuer == issuer && l.Subject == subject.Value);
        AppUser? user;
        if (link is not null)
        {
            user = await signIn.UserManager.FindByIdAsync(link.UserId.ToString());
        }
        else
        {
            var email = principal.FindFirstValue("email")?.Trim();
            if (string.IsNullOrEmpty(email)) return await RefuseAsync("no-email", null, UnknownAccount);
            if (!options.Value.AcceptUnverifiedEmail && !string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase))
                return await RefuseAsync("unverified", null, Unverified);
            user = await signIn.UserManager.FindByEmailAsync(email);
            if (user is null) return await RefuseAsync("unknown", null, UnknownAccount);
            if (await db.ExternalLoginLinks.AnyAsync(l => l.UserId == user.Id && l.Issuer == issuer))
                return await RefuseAsync("already-linked", user.Id, UnknownAccount); // another identity of this provider holds the account
            link = new ExternalLoginLink { Id = Guid.NewGuid(), Issuer = issuer, Subject = subject.Value, UserId = user.Id, LinkedAt = now };
            db.ExternalLoginLinks.Add(link);
            auditor.Record(AuditKinds.ExternalLoginLinked, "User", user.Id, userId: user.Id);
        }
        if (user is null) return await RefuseAsync("unknown", null, UnknownAccount);
        if (user.IsDisabled) return await RefuseAsync("disabled", user.Id, Disabled);

        var strong = ProConnectClaims.IsStrong(principal, options.Value);
        var roles = await signIn.UserManager.GetRolesAsync(user);
        // A user who turned on Vigie's own second factor never gets a one-factor session through ProConnect either: the
        // session's two-factor claim comes from the account (VigieClaimsFactory), so a weak login would pass as two-factor.
        // Otherwise the same rule as a local login: the roles an administrator made two factors mandatory for (Sécurité).
        var needsTwoFactor = user.TwoFactorEnabled || await TwoFactorEnforcement.IsRequiredAsync(db, user.Id, roles, HttpContext.RequestAborted);
        if (needsTwoFactor && !strong) return await RefuseAsync("weak", user.Id, TooWeak);

        link.LastUsedAt = now;
        auditor.Record(AuditKinds.SignInSucceeded, "User", user.Id, userId: user.Id, data: new { twoFactor = strong, via = "proconnect" });
        await db.SaveChangesAsync();

        var claims = new List<Claim> { new(ProConnectClaims.External, "1") };
        if (strong) claims.Add(new Claim(ProConnectClaims.StrongLogin, "1"));
        var properties = new AuthenticationProperties();
        // The provider's id_token rides on Vigie's session so that logout can end the provider's session (id_token_hint).
        if (external.Properties?.GetTokenValue("id_token") is { } idToken) properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        await signIn.SignInWithClaimsAsync(user, properties, claims);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private async Task<IActionResult> RefuseAsync(string reason, Guid? userId, string message)
    {
        db.ChangeTracker.Clear(); // nothing is kept from a refused login, not even a link added on the way (the audit below saves)
        await auditor.RecordNowAsync(AuditKinds.SignInFailed, userId is null ? null : "User", userId, userId: userId, data: new { reason, via = "proconnect" });
        Error = message;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
