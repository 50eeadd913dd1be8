namespace Vigie.Web.Features.Admin;

/// <summary>Which roles must use two-factor authentication (enforced by <see cref="TwoFactorEnforcement"/>).</summary>
public sealed class SecurityModel(AppDbContext db, Auditor auditor, TimeProvider clock, ICurrentUser currentUser) : PageModel
{
    public sealed record RoleOption(string Role, string Label);

    /// <summary>Platform roles by their <see cref="Roles"/> name, contract roles by their enum name.</summary>
    public static readonly IReadOnlyList<RoleOption> Options =
    [
        new(Roles.Administrator, Labels.PlatformRole(Roles.Administrator)),
        new(Roles.ContractCreator, Labels.PlatformRole(Roles.ContractCreator)),
        new(Roles.DataProtectionOfficer, Labels.PlatformRole(Roles.DataProtectionOfficer)),
        new(nameof(ContractRole.Coordinator), Labels.Role(ContractRole.Coordinator)),
        new(nameof(ContractRole.PartnerMember), Labels.Role(ContractRole.PartnerMember)),
        new(nameof(ContractRole.Reader), Labels.Role(ContractRole.Reader)),
    ];

    [BindProperty] public List<string> Required { get; set; } = [];

    public async Task OnGetAsync()
    {
        ViewData["Title"] = "Sécurité : double authentification";
        Required = await db.TwoFactorRequirements.AsNoTracking().Where(r => r.Required).Select(r => r.Role).ToListAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ViewData["Title"] = "Sécurité : double authentification";
        var unknown = Required.Except(Options.Select(o => o.Role)).ToList();
        if (unknown.Count > 0)
        {
            ModelState.AddModelError(nameof(Required), "Rôle inconnu dans le formulaire : rechargez la page et recommencez.");
            return Page();
        }

        var rows = await db.TwoFactorRequirements.ToDictionaryAsync(r => r.Role);
        var now = clock.GetUtcNow();
        var changed = false;
        foreach (var option in Options)
        {
            var wanted = Required.Contains(option.Role);
            if (!rows.TryGetValue(option.Role, out var row))
            {
                if (!wanted) continue;
                row = new TwoFactorRequirement { Role = option.Role };
                db.TwoFactorRequirements.Add(row);
            }
            else if (row.Required == wanted) continue;
            row.Required = wanted;
            row.UpdatedAt = now;
            row.UpdatedById = currentUser.Id;
            changed = true;
        }
        if (changed)
        {
            auditor.Record(AuditKinds.TwoFactorPolicyChanged, data: new { required = Options.Select(o => o.Role).Where(Required.Contains).ToArray() });
            await db.SaveChangesAsync();
        }
        TempData["Flash"] = changed ? "La politique de double authentification est enregistrée." : "Aucun changement.";
        return RedirectToPage();
    }
}
