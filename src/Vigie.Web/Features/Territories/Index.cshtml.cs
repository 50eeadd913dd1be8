using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Territories;

public sealed class IndexModel(TerritoryQueries queries) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    // Not "page": Razor Pages puts the page's own name in the route values under that key, and binding it to an int
    // failed on every visit (issue 11 F: an error banner on the Territoires page).
    [BindProperty(SupportsGet = true, Name = PageQuery)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<TerritoryRow> Rows { get; private set; } = [];
    public bool HasNext { get; private set; }
    public IEnumerable<SelectListItem> KindItems =>
        Enum.GetValues<TerritoryKind>().Select(k => new SelectListItem(Shared.Labels.TerritoryKind(k), TerritoryKinds.Slug(k), TerritoryKinds.Slug(k) == Type));

    public async Task OnGetAsync()
    {
        ViewData["Title"] = "Territoires";
        TerritoryKind? kind = null;
        if (!string.IsNullOrWhiteSpace(Type) && !TerritoryKinds.TryParse(Type, out kind))
        {
            ModelState.AddModelError(nameof(Type), "Type de territoire inconnu : choisissez un type dans la liste.");
            return;
        }
        PageNumber = Math.Max(1, PageNumber);
        var rows = await queries.SearchAsync(Q, kind, null, (PageNumber - 1) * PageSize, PageSize + 1);
        HasNext = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
    }

    public string PageUrl(int page) =>
        Url.Page("/Territories/Index") + $"?q={Uri.EscapeDataString(Q ?? "")}&type={Uri.EscapeDataString(Type ?? "")}&{PageQuery}={page}";
    public const string PageQuery = "numero";
}
