using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Web.Features.Account;

[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginModel(SignInManager<AppUser> signIn, Auditor auditor) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez votre adresse électronique.")]
        [EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide.")]
        [Display(Name = "Adresse électronique")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Saisissez votre mot de passe.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe")]
        public string Password { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() => ViewData["Title"] = "Connexion";

    public async Task<IActionResult> OnPostAsync()
    {
        ViewData["Title"] = "Connexion";
        if (!ModelState.IsValid) return Page();

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        if (user is null || user.IsDisabled)
        {
            ModelState.AddModelError(string.Empty, "Adresse électronique ou mot de passe incorrect.");
            await auditor.RecordNowAsync(AuditKinds.SignInFailed, data: new { reason = user is null ? "unknown" : "disabled" });
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        if (result.IsLockedOut)
        {
            await auditor.RecordNowAsync(AuditKinds.LockedOut, "User", user.Id, userId: user.Id);
            ModelState.AddModelError(string.Empty, "Ce compte est temporairement verrouillé après trop d'échecs. Réessayez dans 15 minutes.");
            return Page();
        }
        if (!result.Succeeded)
        {
            await auditor.RecordNowAsync(AuditKinds.SignInFailed, "User", user.Id, userId: user.Id, data: new { reason = "password" });
            ModelState.AddModelError(string.Empty, "Adresse électronique ou mot de passe incorrect.");
            return Page();
        }
        await auditor.RecordNowAsync(AuditKinds.SignInSucceeded, "User", user.Id, userId: user.Id, data: new { twoFactor = false });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
