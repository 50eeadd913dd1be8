using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Cases;

/// <summary>
/// The follow-up module's audit log of a contract (§1.5), for the DPO designated for the contract (every group) and the
/// coordinator of a group (their groups): filters, pages of 50, CSV export. Codes, kinds and actors only; the reading
/// and the export are audited. Anyone else who is a member of the contract gets the module's 403 with its reason.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
[CaseSessionRequired]
public sealed class CaseAuditLogModel(ContractAccess access, CaseAuditLog log, AppDbContext db) : CasePageModel(access)
{
    [BindProperty(SupportsGet = true, Name = "groupe")] public Guid? Group { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "membre")] public Guid? UserFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "du")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "numero")] public int PageNumber { get; set; } = 1;

    public CaseAuditLogPage Log { get; private set; } = new(0, 1, 1, []);
    public CaseAuditReader Reader { get; private set; } = null!;
    public List<SelectListItem> Groups { get; private set; } = [];
    public List<SelectListItem> Kinds { get; private set; } = [];
    public List<SelectListItem> Users { get; private set; } = [];

    private CaseAuditFilter Filter => new(Group, Kind, UserFilter, From, To, PageNumber);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } failed) return failed;
        if (!ModelState.IsValid) return Page();
        var page = await log.PageAsync(id, Filter);
        if (!page.Succeeded) return Failed(page);
        Log = page.Value!;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid id)
    {
        if (await LoadAsync(id) is { } failed) return failed;
        if (!ModelState.IsValid) return Page();
        var csv = await log.CsvAsync(id, Filter);
        if (!csv.Succeeded) return Failed(csv);
        Response.Headers.CacheControl = "no-store";
        return File(csv.Value!, "text/csv; charset=utf-8", $"journal-suivi-individuel-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
    }

    /// <summary>A refusal (404/403), or the filter errors under the query names the form uses (groupe, type, du, au).</summary>
    private IActionResult Failed<T>(CommandResult<T> result)
    {
        if (result.NotFound || result.Forbidden) return Fail(result);
        foreach (var (field, messages) in result.Errors)
            foreach (var m in messages) ModelState.AddModelError(field switch { "from" => "du", "kind" => "type", "group" => "groupe", _ => field }, m);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        ViewData["Title"] = "Journal d'audit du suivi individuel";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb("Journal d'audit"));
        var reader = await log.ReaderAsync(id);
        if (!reader.Succeeded) return Fail(reader);
        Reader = reader.Value!;
        Groups = [.. Reader.Groups.Select(g => new SelectListItem(g.Name, g.Id.ToString(), g.Id == Group))];
        Kinds = [.. CaseAuditLog.Kinds.Select(k => new SelectListItem(CaseLabels.AuditEvent(k) is var label && label != k ? $"{label} ({k})" : k, k, k == Kind))];
        Users = await db.Memberships.Where(m => m.ContractId == id).OrderBy(m => m.User!.FullName)
            .Select(m => new SelectListItem(m.User!.FullName, m.UserId.ToString(), m.UserId == UserFilter)).ToListAsync();
        return null;
    }
}
