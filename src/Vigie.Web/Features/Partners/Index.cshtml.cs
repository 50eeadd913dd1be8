using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Partners;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;
    public sealed record Row(Guid Id, string Name, PartnerType Type, string? Siren, string? TerritoryCode, bool IsArchived, int Contacts);

    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "archives")] public bool IncludeArchived { get; set; }
    // Not "page": that key is the Razor page's route value (see Territories/Index).
    [BindProperty(SupportsGet = true, Name = Territories.IndexModel.PageQuery)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public bool CanCreate { get; private set; }
    public IEnumerable<SelectListItem> TypeOptions =>
        PartnerTypes.All.Select(t => new SelectListItem(Labels.PartnerType(t), PartnerTypes.Code(t), PartnerTypes.Code(t) == Type));

    public async Task OnGetAsync()
    {
        ViewData["Title"] = "Partenaires";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Partenaires") };
        CanCreate = await PartnerRules.CanAddAsync(db, User);
        // An unknown type in the address filters nothing rather than failing: it only comes from a hand-edited URL.
        var query = PartnerQueries.Filter(db.Organisations.AsNoTracking(), PartnerTypes.Parse(Type), Query, IncludeArchived);
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Rows = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(o => new Row(o.Id, o.Name, o.Type, o.Siren, o.TerritoryCode, o.IsArchived, o.Contacts.Count))
            .ToListAsync();
    }

    public string PageUrl(int page) =>
        Url.Page("/Partners/Index") + QueryString.Create(new Dictionary<string, string?>
        {
            ["type"] = Type, ["q"] = Query, ["archives"] = IncludeArchived ? "true" : null,
            [Territories.IndexModel.PageQuery] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
