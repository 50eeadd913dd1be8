using Vigie.Web.Features.Tokens;

namespace Vigie.Web.Features.Admin;

/// <summary>Every user's API tokens, so an administrator can cut off a leaked one (folder is admin-only).</summary>
public sealed class TokensModel(AppDbContext db, Auditor auditor, TimeProvider clock) : PageModel
{
    public const int Limit = 500;
    public sealed record Row(Guid Id, string? UserEmail, string Name, string Prefix, string Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, TokenStatus Status);

    [BindProperty(SupportsGet = true, Name = "tous")] public bool IncludeInactive { get; set; }
    public IReadOnlyList<Row> Tokens { get; private set; } = [];

    public async Task OnGetAsync()
    {
        ViewData["Title"] = "Jetons d'accès de tous les utilisateurs";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Administration"), new("Jetons d'accès") };
        var now = clock.GetUtcNow();
        var query = db.AccessTokens.AsNoTracking();
        if (!IncludeInactive) query = query.Where(t => t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now));
        var rows = await query.OrderByDescending(t => t.CreatedAt).Take(Limit)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { t.Id, u.Email, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt })
            .ToListAsync();
        Tokens = [.. rows.OrderByDescending(t => t.CreatedAt)
            .Select(t => new Row(t.Id, t.Email, t.Name, t.Prefix, TokenScopes.Labels(t.Scopes), t.CreatedAt, t.ExpiresAt, t.LastUsedAt, AccessTokens.Status(t.RevokedAt, t.ExpiresAt, now)))];
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId)
    {
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId);
        if (token is null) return NotFound();

        if (token.RevokedAt is null)
        {
            AccessTokens.Revoke(token, auditor, clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        TempData["Flash"] = $"Le jeton « {token.Name} » a été révoqué.";
        return RedirectToPage("/Admin/Tokens");
    }
}
