using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Rendering;
using Vigie.Web.Features.Account;

namespace Vigie.Web.Features.Admin;

/// <summary>
/// Creates an account without a password and e-mails an invitation link (a password-reset token):
/// the administrator never types nor knows the user's password.
/// </summary>
public sealed class UsersCreateModel(AppDbContext db, UserManager<AppUser> users, AccountMails mails, Auditor auditor, TimeProvider clock, ILogger<UsersCreateModel> log) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez le nom complet.")]
        [StringLength(200, ErrorMessage = "Le nom complet ne doit pas dépasser 200 caractères.")]
        [Display(Name = "Nom complet")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Saisissez l'adresse électronique.")]
        [EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide.")]
        [StringLength(256, ErrorMessage = "L'adresse électronique ne doit pas dépasser 256 caractères.")]
        [Display(Name = "Adresse électronique")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choisissez l'organisation de la personne.")]
        [Display(Name = "Organisation")]
        public Guid? OrganisationId { get; set; }

        public List<string> Roles { get; set; } = [];
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public List<SelectListItem> Organisations { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Email = Input.Email?.Trim() ?? ""; // the binder turns an empty field into null
        Input.FullName = Input.FullName?.Trim() ?? "";
        await UserForm.ValidateAsync(db, ModelState, Input.OrganisationId, Input.Roles);
        if (ModelState.IsValid && await users.FindByEmailAsync(Input.Email) is not null)
            ModelState.AddModelError("Input.Email", "Un compte utilise déjà cette adresse électronique.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var user = new AppUser
        {
            UserName = Input.Email,
            Email = Input.Email,
            FullName = Input.FullName,
            OrganisationId = Input.OrganisationId!.Value,
            CreatedAt = clock.GetUtcNow(),
        };
        var roles = Input.Roles.Distinct().ToList();
        // UserManager saves at each call: one transaction so a refused role leaves no account behind.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var result = await users.CreateAsync(user);
            if (result.Succeeded && roles.Count > 0) result = await users.AddToRolesAsync(user, roles);
            if (!result.Succeeded)
            {
                await tx.RollbackAsync(ct);
                foreach (var e in result.Errors)
                    ModelState.AddModelError(e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email" : string.Empty, e.Description);
                await LoadAsync();
                return Page();
            }
            auditor.Record(AuditKinds.UserCreated, "User", user.Id, data: new { via = "admin", roles });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        try
        {
            await mails.SendInvitationAsync(user, Request, ct);
            await auditor.RecordNowAsync(AuditKinds.UserInvited, "User", user.Id);
            TempData["Flash"] = "Le compte est créé ; une invitation à choisir un mot de passe a été envoyée par courriel.";
        }
        catch (System.Net.Mail.SmtpException ex)
        {
            log.LogError(ex, "Invitation mail failed for user {UserId}", user.Id);
            TempData["FlashError"] = "Le compte est créé mais l'invitation n'a pas pu être envoyée. Réessayez avec « Renvoyer l'invitation ».";
        }
        return RedirectToPage("/Admin/UsersEdit", new { id = user.Id });
    }

    private async Task LoadAsync()
    {
        ViewData["Title"] = "Créer un utilisateur";
        Organisations = await UserForm.OrganisationItemsAsync(db, Input.OrganisationId);
    }
}
