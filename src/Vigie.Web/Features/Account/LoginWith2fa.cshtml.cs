using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Vigie.Web.Features.Account;

/// <summary>Second step of sign-in: the authenticator code, or a one-time recovery code.</summary>
[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginWith2faModel(SignInManager<AppUser> signIn, Auditor auditor) : PageModel
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? RecoveryCode { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        ViewData["Title"] = "Connexion : double authentification";
        // Only reachable between the password step and the code step.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Account/Login", new { ReturnUrl });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ViewData["Title"] = "Connexion : double authentification";
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Account/Login", new { ReturnUrl });

        var code = TwoFactorModel.NormaliseCode(Input.Code);
        if (code.Length == 0)
        {
            ModelState.AddModelError("Input.Code", "Saisissez le code à 6 chiffres affiché par votre application d'authentification.");
            return Page();
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        return await ResultAsync(user, result, "Input.Code", "Le code de vérification est incorrect ou a expiré.", recovery: false);
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        ViewData["Title"] = "Connexion : double authentification";
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Account/Login", new { ReturnUrl });

        var code = (Input.RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (code.Length == 0)
        {
            ModelState.AddModelError("Input.RecoveryCode", "Saisissez l'un de vos codes de récupération.");
            return Page();
        }
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        return await ResultAsync(user, result, "Input.RecoveryCode", "Ce code de récupération est invalide ou a déjà été utilisé.", recovery: true);
    }

    private async Task<IActionResult> ResultAsync(AppUser user, Microsoft.AspNetCore.Identity.SignInResult result, string field, string error, bool recovery)
    {
        if (result.Succeeded)
        {
            if (recovery) auditor.Record(AuditKinds.RecoveryCodeUsed, "User", user.Id, userId: user.Id);
            await auditor.RecordNowAsync(AuditKinds.SignInSucceeded, "User", user.Id, userId: user.Id, data: new { twoFactor = true, recovery });
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (result.IsLockedOut)
        {
            await auditor.RecordNowAsync(AuditKinds.LockedOut, "User", user.Id, userId: user.Id);
            ModelState.AddModelError(string.Empty, "Ce compte est temporairement verrouillé après trop d'échecs. Réessayez dans 15 minutes.");
            return Page();
        }
        await auditor.RecordNowAsync(AuditKinds.TwoFactorFailed, "User", user.Id, userId: user.Id, data: new { recovery });
        ModelState.AddModelError(field, error);
        return Page();
    }
}
