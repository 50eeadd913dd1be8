using Microsoft.AspNetCore.Identity;

namespace Vigie.Web.Features.Tokens;

/// <summary>
/// The signed-in user's personal access tokens for the API. Tokens are created only here, from a cookie session,
/// after the password is typed again (fresh authentication) and with 2FA enabled when the user's role requires it.
/// </summary>
public sealed class IndexModel(AppDbContext db, Auditor auditor, TimeProvider clock, UserManager<AppUser> users) : PageModel
{
    public const string NewTokenKey = "NewToken";
    public sealed record Row(Guid Id, string Name, string Prefix, string Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, TokenStatus Status);

    [BindProperty] public TokenInput Input { get; set; } = new();
    public IReadOnlyList<Row> Tokens { get; private set; } = [];
    /// <summary>The plain token just created, carried once across the redirect by TempData.</summary>
    public string? NewToken { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public bool IsAdministrator => User.IsInRole(Roles.Administrator);
    /// <summary>The user's role requires 2FA and it is not enabled: no token can be created.</summary>
    public bool TwoFactorMissing { get; private set; }

    public async Task OnGetAsync()
    {
        NewToken = TempData[NewTokenKey] as string;
        Input.ExpiresOn = AccessTokens.Today(clock.GetUtcNow()).AddDays(AccessTokens.DefaultLifetimeDays);
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var userId = User.UserId()!.Value;
        var now = clock.GetUtcNow();
        var password = Input.CurrentPassword;
        Input.CurrentPassword = null; // never echoed back into the form
        if (await TwoFactorEnforcement.IsMissingAsync(db, userId, HttpContext.RequestAborted))
            ModelState.AddModelError("", "La double authentification est obligatoire pour votre rôle : activez-la avant de créer un jeton.");
        if (ModelState.GetFieldValidationState($"{nameof(Input)}.{nameof(TokenInput.ExpiresOn)}") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && AccessTokens.CheckExpiry(Input.ExpiresOn, now) is { } expiryError)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(TokenInput.ExpiresOn)}", expiryError);
        if (Input.Admin && !IsAdministrator)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(TokenInput.Admin)}", "Seul un administrateur peut créer un jeton avec la portée « Administration ».");
        if (!string.IsNullOrEmpty(password))
        {
            var user = await users.GetUserAsync(User);
            if (user is null || !await users.CheckPasswordAsync(user, password))
                ModelState.AddModelError($"{nameof(Input)}.{nameof(TokenInput.CurrentPassword)}", "Le mot de passe saisi est incorrect.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var (token, plain) = AccessTokens.Add(db, auditor, userId, Input, now);
        await db.SaveChangesAsync();
        TempData[NewTokenKey] = plain;
        TempData["Flash"] = $"Le jeton « {token.Name} » a été créé.";
        return RedirectToPage("/Tokens/Index");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId)
    {
        var userId = User.UserId()!.Value;
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId);
        if (token is null) return NotFound();

        if (token.RevokedAt is null)
        {
            AccessTokens.Revoke(token, auditor, clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        TempData["Flash"] = $"Le jeton « {token.Name} » a été révoqué : il ne permet plus d'accéder à l'API.";
        return RedirectToPage("/Tokens/Index");
    }

    private async Task LoadAsync()
    {
        ViewData["Title"] = "Jetons d'accès à l'API";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Mon compte"), new("Jetons d'accès à l'API") };
        var userId = User.UserId()!.Value;
        Now = clock.GetUtcNow();
        TwoFactorMissing = await TwoFactorEnforcement.IsMissingAsync(db, userId, HttpContext.RequestAborted);
        var rows = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new { t.Id, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt }).ToListAsync();
        Tokens = [.. rows.OrderByDescending(t => t.CreatedAt)
            .Select(t => new Row(t.Id, t.Name, t.Prefix, TokenScopes.Labels(t.Scopes), t.CreatedAt, t.ExpiresAt, t.LastUsedAt, AccessTokens.Status(t.RevokedAt, t.ExpiresAt, Now)))];
    }
}
