using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Vigie.Web.Features.Account;

/// <summary>Sets a new password from an e-mailed link: password reset, and first password of an invited user.</summary>
[EnableRateLimiting(RateLimits.Login)]
public sealed class ResetPasswordModel(UserManager<AppUser> users, Auditor auditor, Vigie.Web.Data.AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public AccountNewPasswordInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public Guid? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public int? Invitation { get; set; }

    public bool LinkLooksValid => UserId is not null && !string.IsNullOrEmpty(Code);

    public void OnGet() => SetTitle();

    public async Task<IActionResult> OnPostAsync()
    {
        SetTitle();
        var user = UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        var token = Code is null ? null : AccountMails.DecodeToken(Code);
        if (user is null || token is null || user.IsDisabled)
        {
            ModelState.AddModelError(string.Empty, "Ce lien de réinitialisation est invalide ou a expiré. Demandez-en un nouveau.");
            return Page();
        }
        if (!ModelState.IsValid) return Page();

        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                var field = e.Code.StartsWith("Password", StringComparison.Ordinal) && e.Code != nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? "Input.Password" : string.Empty;
                ModelState.AddModelError(field, e.Description);
            }
            return Page();
        }
        // A reset proves control of the mailbox; clearing a lockout lets the user sign in straight away.
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        await auditor.RecordNowAsync(AuditKinds.PasswordReset, "User", user.Id, userId: user.Id, data: new { invitation = Invitation == 1 });
        await Features.Tokens.AccessTokens.RevokeAllAsync(db, auditor, user.Id, "password-reset", clock.GetUtcNow());
        await DbTicketStore.EndAllAsync(db, user.Id);
        TempData["Flash"] = Invitation == 1
            ? "Votre mot de passe est enregistré. Vous pouvez maintenant vous connecter."
            : "Votre mot de passe a été réinitialisé. Vous pouvez maintenant vous connecter.";
        return RedirectToPage("/Account/Login");
    }

    private void SetTitle() => ViewData["Title"] = Invitation == 1 ? "Choisir votre mot de passe" : "Réinitialiser le mot de passe";
}
