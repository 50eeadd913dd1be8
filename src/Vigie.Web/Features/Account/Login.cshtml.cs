using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.Account;

[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginModel(SignInManager<AppUser> signIn, Auditor auditor, LoginAccountLimiter accountLimiter, IOptions<ProConnectOptions> proConnect) : PageModel
{
    /// <summary>One message for every failure, so the form never tells whether an account exists or is locked.</summary>
    public const string Failed = "Adresse électronique ou mot de passe incorrect. Après plusieurs échecs, un compte est verrouillé pendant 15 minutes.";

    public sealed class InputModel : AccountEmailInput
    {
        [Required(ErrorMessage = "Saisissez votre mot de passe.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe")]
        public string Password { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Set by the ProConnect handler when the provider's answer could not be used (denied, expired, error).</summary>
    [BindProperty(SupportsGet = true, Name = "erreur")] public string? ExternalError { get; set; }
    public ProConnectOptions ProConnect => proConnect.Value;

    public void OnGet()
    {
        ViewData["Title"] = "Connexion";
        if (ExternalError == LogoutModel.ProviderUnreachable && ProConnect.Enabled)
            ModelState.AddModelError(string.Empty, LogoutModel.ProviderUnreachableMessage);
        else if (ExternalError is not null && ProConnect.Enabled)
            ModelState.AddModelError(string.Empty, "La connexion avec ProConnect n'a pas abouti : réessayez, ou connectez-vous avec votre mot de passe.");
    }

    /// <summary>Sends the browser to ProConnect (code flow, PKCE, state and nonce); it comes back to <c>/Account/ExternalLogin</c>.</summary>
    public IActionResult OnPostProConnect()
    {
        if (!ProConnect.Enabled) return NotFound();
        var properties = new AuthenticationProperties { RedirectUri = Url.Page("/Account/ExternalLogin", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null }) };
        return Challenge(properties, ProConnectOptions.Scheme);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ViewData["Title"] = "Connexion";
        if (!ModelState.IsValid) return Page();
        // Per account, on top of the per-address limit: many addresses trying one account are throttled too.
        using var lease = accountLimiter.Attempt(Input.Email);
        if (!lease.IsAcquired) return new ContentResult { StatusCode = StatusCodes.Status429TooManyRequests, ContentType = "text/plain; charset=utf-8", Content = "Trop de tentatives : réessayez dans une minute." };

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        if (user is null || user.IsDisabled)
        {
            ModelState.AddModelError(string.Empty, Failed);
            await auditor.RecordNowAsync(AuditKinds.SignInFailed, data: new { reason = user is null ? "unknown" : "disabled" });
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        if (result.IsLockedOut)
        {
            await auditor.RecordNowAsync(AuditKinds.LockedOut, "User", user.Id, userId: user.Id);
            ModelState.AddModelError(string.Empty, Failed);
            return Page();
        }
        if (!result.Succeeded)
        {
            await auditor.RecordNowAsync(AuditKinds.SignInFailed, "User", user.Id, userId: user.Id, data: new { reason = "password" });
            ModelState.AddModelError(string.Empty, Failed);
            return Page();
        }
        await auditor.RecordNowAsync(AuditKinds.SignInSucceeded, "User", user.Id, userId: user.Id, data: new { twoFactor = false });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
