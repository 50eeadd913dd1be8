namespace Vigie.Web.Features.Contracts;

public sealed class IndexModel(ContractAccess access) : PageModel
{
    public sealed record Row(Guid Id, string Title, ContractKind Kind, ContractStatus Status, DateOnly StartDate, DateOnly EndDate, int Generation, string Territories);

    [BindProperty(SupportsGet = true)] public ContractStatus? Statut { get; set; }
    [BindProperty(SupportsGet = true)] public string? Recherche { get; set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanCreate => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.ContractCreator);

    public async Task OnGetAsync()
    {
        ViewData["Title"] = "Contrats";
        var q = access.Contracts.AsNoTracking();
        if (Statut is { } s) q = q.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(Recherche))
        {
            var term = Recherche.Trim();
            q = q.Where(c => c.Title.Contains(term) || c.Territories.Any(t => t.Territory!.Code == term || t.Territory.Name.Contains(term)));
        }
        var rows = await q.OrderByDescending(c => c.StartDate).ThenBy(c => c.Title).Take(500)
            .Select(c => new { c.Id, c.Title, c.Kind, c.Status, c.StartDate, c.EndDate, c.Generation, Names = c.Territories.Select(t => t.Territory!.Name).ToList() })
            .ToListAsync();
        Rows = rows.Select(r => new Row(r.Id, r.Title, r.Kind, r.Status, r.StartDate, r.EndDate, r.Generation, string.Join(", ", r.Names.Order()))).ToList();
    }
}
