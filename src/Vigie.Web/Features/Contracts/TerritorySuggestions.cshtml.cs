namespace Vigie.Web.Features.Contracts;

/// <summary>JSON suggestions for the territory field of the contract forms (signed-in users, same origin).</summary>
public sealed class TerritorySuggestionsModel(AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? q)
    {
        var term = (q ?? "").Trim();
        if (term.Length < 2) return new JsonResult(Array.Empty<string>());
        var kinds = TerritoryResolver.ContractKinds;
        var matches = await db.Territories.AsNoTracking()
            .Where(t => kinds.Contains(t.Kind) && (t.Code.StartsWith(term) || t.Name.StartsWith(term)))
            .OrderBy(t => t.Name).Take(15).Select(t => new { t.Name, t.Code }).ToListAsync();
        return new JsonResult(matches.Select(t => $"{t.Name} ({t.Code})"));
    }
}
