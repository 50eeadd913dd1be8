using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Rendering;
using Vigie.Web.Features.Account;

namespace Vigie.Web.Features.Admin;

/// <summary>One user: name, organisation, platform roles; disable/enable, unlock, reset 2FA, resend the invitation.</summary>
public sealed class UsersEditModel(AppDbContext db, UserManager<AppUser> users, AccountMails mails, Auditor auditor, TimeProvider clock, ICurrentUser currentUser) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez le nom complet.")]
        [StringLength(200, ErrorMessage = "Le nom complet ne doit pas dépasser 200 caractères.")]
        [Display(Name = "Nom complet")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Choisissez l'organisation de la personne.")]
        [Display(Name = "Organisation")]
        public Guid? OrganisationId { get; set; }

        public List<string> Roles { get; set; } = [];
    }

    public sealed record State(string Email, bool TwoFactor, bool Disabled, bool Locked, bool HasPassword, DateTimeOffset CreatedAt);

    [BindProperty] public InputModel Input { get; set; } = new();
    public Guid Id { get; private set; }
    public State Status { get; private set; } = new("", false, false, false, false, default);
    public List<SelectListItem> Organisations { get; private set; } = [];
    public bool IsSelf => currentUser.Id == Id;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        Input = new InputModel { FullName = user.FullName, OrganisationId = user.OrganisationId, Roles = [.. await users.GetRolesAsync(user)] };
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();

        Input.FullName = Input.FullName?.Trim() ?? "";
        var wanted = Input.Roles.Distinct().ToList();
        await UserForm.ValidateAsync(db, ModelState, Input.OrganisationId, wanted);
        if (currentUser.Id == user.Id && !wanted.Contains(Roles.Administrator))
            ModelState.AddModelError("Input.Roles", "Vous ne pouvez pas retirer votre propre rôle d'administrateur : demandez-le à un autre administrateur.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        var current = await users.GetRolesAsync(user);
        var granted = wanted.Except(current).ToList();
        var revoked = current.Where(Roles.Platform.Contains).Except(wanted).ToList();
        var detailsChanged = user.FullName != Input.FullName || user.OrganisationId != Input.OrganisationId;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            user.FullName = Input.FullName;
            user.OrganisationId = Input.OrganisationId!.Value;
            var result = await users.UpdateAsync(user);
            if (result.Succeeded && granted.Count > 0) result = await users.AddToRolesAsync(user, granted);
            if (result.Succeeded && revoked.Count > 0) result = await users.RemoveFromRolesAsync(user, revoked);
            // New roles and organisation must reach the user's cookie: a new stamp makes it re-validate.
            if (result.Succeeded && (granted.Count > 0 || revoked.Count > 0 || detailsChanged)) result = await users.UpdateSecurityStampAsync(user);
            if (!result.Succeeded)
            {
                await tx.RollbackAsync(ct);
                foreach (var e in result.Errors) ModelState.AddModelError(string.Empty, e.Description);
                await LoadAsync(user);
                return Page();
            }
            if (detailsChanged) auditor.Record(AuditKinds.UserUpdated, "User", user.Id);
            foreach (var role in granted) auditor.Record(AuditKinds.RoleGranted, "User", user.Id, data: new { role });
            foreach (var role in revoked) auditor.Record(AuditKinds.RoleRevoked, "User", user.Id, data: new { role });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        TempData["Flash"] = "Le compte est enregistré.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        if (currentUser.Id == user.Id)
        {
            TempData["FlashError"] = "Vous ne pouvez pas désactiver votre propre compte.";
            return RedirectToPage(new { id });
        }
        if (!user.IsDisabled)
        {
            user.IsDisabled = true;
            await users.UpdateAsync(user);
            // Browser sessions end at once (server-side sessions), API tokens and calendar feeds are revoked.
            await users.UpdateSecurityStampAsync(user);
            await auditor.RecordNowAsync(AuditKinds.UserDisabled, "User", user.Id);
            await Tokens.AccessTokens.RevokeAllAsync(db, auditor, user.Id, "account-disabled", clock.GetUtcNow());
            await DbTicketStore.EndAllAsync(db, user.Id);
        }
        TempData["Flash"] = "Le compte est désactivé : la personne ne peut plus se connecter.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        if (user.IsDisabled)
        {
            user.IsDisabled = false;
            await users.UpdateAsync(user);
            await auditor.RecordNowAsync(AuditKinds.UserEnabled, "User", user.Id);
        }
        TempData["Flash"] = "Le compte est réactivé.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await auditor.RecordNowAsync(AuditKinds.UserUnlocked, "User", user.Id);
        TempData["Flash"] = "Le compte est déverrouillé.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        if (user.TwoFactorEnabled)
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            // New key and no recovery codes: whoever holds the old phone or codes can no longer use them.
            await users.ResetAuthenticatorKeyAsync(user);
            await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
            await auditor.RecordNowAsync(AuditKinds.UserTwoFactorReset, "User", user.Id);
            // A 2FA reset answers a lost or stolen device: whatever secret travelled with it stops working too.
            await Tokens.AccessTokens.RevokeAllAsync(db, auditor, user.Id, "2fa-reset", clock.GetUtcNow());
        }
        TempData["Flash"] = "La double authentification de ce compte est désactivée ; la personne devra la configurer de nouveau si elle est obligatoire pour l'un de ses rôles.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        if (user.IsDisabled)
        {
            TempData["FlashError"] = "Le compte est désactivé : réactivez-le avant de renvoyer une invitation.";
            return RedirectToPage(new { id });
        }
        await mails.SendInvitationAsync(user, Request, ct);
        await auditor.RecordNowAsync(AuditKinds.UserInvited, "User", user.Id, data: new { resent = true });
        TempData["Flash"] = "Une nouvelle invitation a été envoyée par courriel.";
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(AppUser user)
    {
        ViewData["Title"] = "Utilisateur : " + user.FullName;
        Id = user.Id;
        Status = new State(user.Email ?? "", user.TwoFactorEnabled, user.IsDisabled, user.LockoutEnd > clock.GetUtcNow(), user.PasswordHash is not null, user.CreatedAt);
        Organisations = await UserForm.OrganisationItemsAsync(db, Input.OrganisationId);
    }
}
