using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Cases;

/// <summary>
/// The contract's DPOs for the confidential follow-up (§1.5), designated by a coordinator of the contract among its members:
/// they read the module's audit log (<see cref="CaseAuditLogModel"/>), never a sheet. Each change is a ROLE_CHANGED event.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class CaseDpoModel(ContractAccess access, CaseAuditLog log, AppDbContext db) : CasePageModel(access)
{
    public IReadOnlyList<CaseDpoDto> Dpos { get; private set; } = [];
    public List<SelectListItem> Candidates { get; private set; } = [];
    [BindProperty] public Guid? UserId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public Task<IActionResult> OnPostAddAsync(Guid id) => SaveAsync(id, add: true);

    public Task<IActionResult> OnPostRemoveAsync(Guid id) => SaveAsync(id, add: false);

    private async Task<IActionResult> SaveAsync(Guid id, bool add)
    {
        if (await LoadAsync(id) is { } failed) return failed;
        if (UserId is not { } uid)
        {
            ModelState.AddModelError(nameof(UserId), "Choisissez un membre du contrat.");
            return Page();
        }
        var users = Dpos.Select(d => d.UserId).Where(u => u != uid).ToList();
        if (add) users.Add(uid);
        var result = await log.SetDposAsync(id, new CaseDpoInput { UserIds = users });
        if (!result.Succeeded)
        {
            if (result.NotFound || result.Forbidden) return Fail(result);
            foreach (var m in result.Errors.Values.SelectMany(x => x)) ModelState.AddModelError(nameof(UserId), m);
            return Page();
        }
        TempData["Flash"] = add ? "Le délégué à la protection des données est désigné : il lit le journal d'audit du suivi individuel, jamais les fiches."
            : "La désignation est retirée.";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        ViewData["Title"] = "Délégué à la protection des données";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb("Délégué à la protection des données"));
        var dpos = await log.DposAsync(id);
        if (!dpos.Succeeded) return Fail(dpos);
        Dpos = dpos.Value!;
        var designated = Dpos.Select(d => d.UserId).ToList();
        Candidates = await db.Memberships.Where(m => m.ContractId == id && !designated.Contains(m.UserId)).OrderBy(m => m.User!.FullName)
            .Select(m => new SelectListItem(m.User!.FullName, m.UserId.ToString())).ToListAsync();
        return null;
    }
}
