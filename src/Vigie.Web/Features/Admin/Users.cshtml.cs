namespace Vigie.Web.Features.Admin;

public sealed class UsersModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 200;

    public sealed record Row(Guid Id, string FullName, string Email, string Organisation, bool TwoFactor, bool Disabled, bool Locked, bool HasPassword)
    {
        public IReadOnlyList<string> Roles { get; set; } = [];
    }

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool Truncated { get; private set; }

    public async Task OnGetAsync()
    {
        ViewData["Title"] = "Utilisateurs";
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim();
            // Lower-cased on both sides so the search is case-insensitive on SQLite and PostgreSQL alike.
            var lower = q.ToLowerInvariant();
            var upper = q.ToUpperInvariant();
            users = users.Where(u => u.FullName.ToLower().Contains(lower)
                || u.NormalizedEmail!.Contains(upper)
                || u.Organisation!.Name.ToLower().Contains(lower));
        }
        var now = clock.GetUtcNow();
        var raw = await users.OrderBy(u => u.FullName).Take(PageSize + 1)
            .Select(u => new { u.Id, u.FullName, u.Email, Org = u.Organisation!.Name, u.TwoFactorEnabled, u.IsDisabled, u.LockoutEnd, HasPassword = u.PasswordHash != null })
            .ToListAsync();
        Truncated = raw.Count > PageSize;
        var rows = raw.Take(PageSize)
            .Select(u => new Row(u.Id, u.FullName, u.Email ?? "", u.Org, u.TwoFactorEnabled, u.IsDisabled, u.LockoutEnd > now, u.HasPassword))
            .ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync();
        foreach (var row in rows)
            row.Roles = roles.Where(r => r.UserId == row.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList();
        Rows = rows;
    }
}
