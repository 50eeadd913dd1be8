using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Vigie.Web.Features.Account;

[EnableRateLimiting(RateLimits.Login)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, AccountMails mails, Auditor auditor) : PageModel
{
    /// <summary>The same answer whether or not an account exists, so the page cannot be used to test addresses.</summary>
    public const string Confirmation = "Si un compte correspond à cette adresse, un message contenant un lien de réinitialisation vient d'y être envoyé. Le lien est valable 24 heures.";

    [BindProperty] public AccountEmailInput Input { get; set; } = new();
    public bool Sent { get; private set; }

    public void OnGet() => ViewData["Title"] = "Mot de passe oublié";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Mot de passe oublié";
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is not null && !user.IsDisabled)
        {
            await mails.SendResetAsync(user, Request, ct);
            await auditor.RecordNowAsync(AuditKinds.PasswordResetRequested, "User", user.Id, userId: user.Id);
        }
        else
        {
            await auditor.RecordNowAsync(AuditKinds.PasswordResetRequested, data: new { known = false });
        }
        // Rendered rather than redirected so the answer is byte-for-byte the same in both cases.
        Sent = true;
        ModelState.Clear();
        Input = new();
        return Page();
    }
}
