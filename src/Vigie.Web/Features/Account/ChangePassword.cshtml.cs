using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Vigie.Web.Features.Account;

[Authorize]
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, Auditor auditor, Vigie.Web.Data.AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed class InputModel : AccountNewPasswordInput
    {
        [Required(ErrorMessage = "Saisissez votre mot de passe actuel.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe actuel")]
        public string CurrentPassword { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public void OnGet() => ViewData["Title"] = "Changer de mot de passe";

    public async Task<IActionResult> OnPostAsync()
    {
        ViewData["Title"] = "Changer de mot de passe";
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!ModelState.IsValid) return Page();

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.Password",
                    e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Le mot de passe actuel est incorrect." : e.Description);
            return Page();
        }
        await auditor.RecordNowAsync(AuditKinds.PasswordChanged, "User", user.Id, userId: user.Id);
        // A new password means the old secrets may be compromised: API tokens and calendar feeds stop working.
        await Features.Tokens.AccessTokens.RevokeAllAsync(db, auditor, user.Id, "password-changed", clock.GetUtcNow());
        // The security stamp changed: reissue this browser's cookie, other sessions expire at their next check.
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = "Votre mot de passe a été changé.";
        return RedirectToPage("/Account/Index");
    }
}
