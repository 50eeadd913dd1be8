using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Territories;

public sealed class IndexModel(TerritoryQueries queries) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

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
        Url.Page("/Territories/Index") + $"?q={Uri.EscapeDataString(Q ?? "")}&type={Uri.EscapeDataString(Type ?? "")}&page={page}";
}
