using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Diagnostic;

/// <summary>The contract's diagnostics (whole territory and sub-areas); the coordination creates one from the data.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class IndexModel(ContractViewers viewers, DiagnosticQueries queries, DiagnosticCommands commands, AppDbContext db) : PageModel
{
    public Guid ContractId { get; private set; }
    public ContractViewer Viewer { get; private set; } = null!;
    public IReadOnlyList<DiagnosticQueries.DiagnosticListRow> Diagnostics { get; private set; } = [];
    public IReadOnlyList<SelectListItem> AreaItems { get; private set; } = [];

    [BindProperty] public Guid? AreaId { get; set; }
    [BindProperty] public string? NewTitle { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var r = await commands.CreateAsync(id, AreaId, NewTitle);
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        if (!r.Succeeded)
        {
            foreach (var (field, messages) in r.Errors)
                foreach (var m in messages) ModelState.AddModelError(field == "areaId" ? nameof(AreaId) : nameof(NewTitle), m);
            return Page();
        }
        TempData["Flash"] = "Le diagnostic est créé : ses sections statistiques sont générées à partir des données.";
        return RedirectToPage("/Diagnostic/Details", new { id, diagnosticId = r.Value });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await viewers.ForAsync(id) is not { } viewer) return false;
        ContractId = id;
        Viewer = viewer;
        Diagnostics = await queries.ListAsync(id);
        var title = await db.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Title).FirstAsync();
        AreaItems = [new SelectListItem("Tout le territoire du contrat", ""), .. (await db.Areas.AsNoTracking().Where(a => a.ContractId == id).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name }).ToListAsync()).Select(a => new SelectListItem(a.Name, a.Id.ToString(), a.Id == AreaId))];
        ViewData["Title"] = "Diagnostic local de sécurité";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Contrats", Url.Page("/Contracts/Index")), new(title, Url.Page("/Contracts/Details", new { id })), new("Diagnostic") };
        return true;
    }
}
