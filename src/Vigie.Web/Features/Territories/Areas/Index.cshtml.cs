namespace Vigie.Web.Features.Territories.Areas;

[ContractRequirement(ContractRole.Reader)]
public sealed class IndexModel(ContractAccess access, AppDbContext db) : PageModel
{
    public sealed record Row(Guid Id, AreaKind Kind, string Name, string? Code, string? CommuneCode, bool HasPolygon);

    public Guid ContractId { get; private set; }
    public string ContractTitle { get; private set; } = "";
    public bool CanEdit { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid contractId)
    {
        var title = await access.Contracts.Where(c => c.Id == contractId).Select(c => c.Title).FirstOrDefaultAsync();
        if (title is null) return NotFound();
        ContractId = contractId;
        ContractTitle = title;
        CanEdit = await access.RoleInAsync(contractId) == ContractRole.Coordinator;
        Rows = await db.Areas.AsNoTracking().Where(a => a.ContractId == contractId).OrderBy(a => a.Name)
            .Select(a => new Row(a.Id, a.Kind, a.Name, a.Code, a.CommuneCode, a.GeoJson != null)).ToListAsync();
        ViewData["Title"] = $"Secteurs – {title}";
        return Page();
    }
}
