using Microsoft.AspNetCore.Authorization;

namespace Vigie.Web.Features.Account;

/// <summary>"Mon compte": who I am, where I belong, and the links to my security settings.</summary>
[Authorize]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Profile(string FullName, string Email, string Organisation, bool TwoFactorEnabled);
    public sealed record MembershipRow(Guid ContractId, string ContractTitle, ContractRole Role);

    public Profile Me { get; private set; } = new("", "", "", false);
    public IReadOnlyList<string> PlatformRoles { get; private set; } = [];
    public IReadOnlyList<MembershipRow> Memberships { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        ViewData["Title"] = "Mon compte";
        if (User.UserId() is not { } uid) return Challenge();
        var me = await db.Users.AsNoTracking().Where(u => u.Id == uid)
            .Select(u => new Profile(u.FullName, u.Email ?? "", u.Organisation!.Name, u.TwoFactorEnabled))
            .FirstOrDefaultAsync();
        if (me is null) return Challenge();
        Me = me;
        PlatformRoles = await db.UserRoles.Where(ur => ur.UserId == uid)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .ToListAsync();
        // Only the user's own memberships: no ContractAccess widening for administrators here.
        Memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == uid)
            .OrderBy(m => m.Contract!.Title)
            .Select(m => new MembershipRow(m.ContractId, m.Contract!.Title, m.Role))
            .ToListAsync();
        return Page();
    }
}
