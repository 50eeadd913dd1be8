namespace Vigie.Web.Features.Observatory.Etat4001;

/// <summary>One état 4001 service: the 107 indexes × the years it was published.</summary>
public sealed class Etat4001ServiceModel(Etat4001Queries queries) : PageModel
{
    public Etat4001ServiceTable Table { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await queries.ServiceTableAsync(id, ct) is not { } table) return NotFound();
        Table = table;
        ViewData["Title"] = $"État 4001 — {table.Service.Name}";
        return Page();
    }
}
