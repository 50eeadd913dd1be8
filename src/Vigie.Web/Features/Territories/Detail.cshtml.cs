namespace Vigie.Web.Features.Territories;

public sealed class DetailModel(TerritoryQueries queries) : PageModel
{
    public TerritoryDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string kind, string code)
    {
        if (!TerritoryKinds.TryParse(kind, out var k)) return NotFound();
        var detail = await queries.DetailAsync(k.Value, code);
        if (detail is null) return NotFound();
        Detail = detail;
        ViewData["Title"] = $"{detail.Territory.Name} ({detail.Territory.Code})";
        return Page();
    }
}
