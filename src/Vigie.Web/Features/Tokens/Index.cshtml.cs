using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vigie.Web.Data;
using Vigie.Web.Features.Shared;
using Vigie.Web.Infrastructure;

namespace Vigie.Web.Features.Tokens;

/// <summary>The signed-in user's personal access tokens for the API.</summary>
public sealed class IndexModel(AppDbContext db, Auditor auditor, TimeProvider clock) : PageModel
{
    public const string NewTokenKey = "NewToken";
    public sealed record Row(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, TokenStatus Status);

    [BindProperty] public TokenInput Input { get; set; } = new();
    public IReadOnlyList<Row> Tokens { get; private set; } = [];
    /// <summary>The plain token just created, carried once across the redirect by TempData.</summary>
    public string? NewToken { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        NewToken = TempData[NewTokenKey] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var userId = User.UserId()!.Value;
        var now = clock.GetUtcNow();
        if (AccessTokens.CheckExpiry(Input.ExpiresOn, now) is { } expiryError)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(TokenInput.ExpiresOn)}", expiryError);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var (token, plain) = AccessTokens.Add(db, auditor, userId, Input, now);
        await db.SaveChangesAsync();
        TempData[NewTokenKey] = plain;
        TempData["Flash"] = $"Le jeton « {token.Name} » a été créé.";
        return Redirect("/compte/jetons");
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
        return Redirect("/compte/jetons");
    }

    private async Task LoadAsync()
    {
        ViewData["Title"] = "Jetons d'accès à l'API";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Mon compte"), new("Jetons d'accès à l'API") };
        var userId = User.UserId()!.Value;
        Now = clock.GetUtcNow();
        var rows = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new { t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt }).ToListAsync();
        Tokens = [.. rows.OrderByDescending(t => t.CreatedAt)
            .Select(t => new Row(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, AccessTokens.Status(t.RevokedAt, t.ExpiresAt, Now)))];
    }
}
