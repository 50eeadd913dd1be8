using Microsoft.AspNetCore.Identity;

namespace Vigie.Web.Features.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn, Auditor auditor) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.UserId() is { } id) await auditor.RecordNowAsync(AuditKinds.SignedOut, "User", id, userId: id);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
