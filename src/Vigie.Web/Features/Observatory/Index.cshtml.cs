using Vigie.Web.Features.Territories;

namespace Vigie.Web.Features.Observatory;

/// <summary>Choose a territory (by kind + code, or by searching a name) and go to its table.</summary>
public sealed class IndexModel(TerritoryQueries territories, ObservatoryQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Niveau { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? Recherche { get; set; }
    [BindProperty(SupportsGet = true)] public string? Annee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Edition { get; set; }
    public IReadOnlyList<TerritoryRow> Results { get; private set; } = [];
    public IReadOnlyList<EditionInfo> Editions { get; private set; } = [];

    public static readonly TerritoryKind[] Searchable =
        [TerritoryKind.Commune, TerritoryKind.Arrondissement, TerritoryKind.Departement, TerritoryKind.Region, TerritoryKind.Epci, TerritoryKind.Ept];

    public async Task<IActionResult> OnGetAsync()
    {
        ViewData["Title"] = "Observatoire de la délinquance";
        Editions = await queries.EditionsAsync();
        if (!ObservatoryInput.TryYear(Annee, out _, out var yearError)) ModelState.AddModelError(nameof(Annee), yearError!);
        if (!ObservatoryInput.TryEdition(Edition, out _, out var editionError)) ModelState.AddModelError(nameof(Edition), editionError!);
        if (!string.IsNullOrWhiteSpace(Code) && ModelState.IsValid)
        {
            if (!ObservatoryLevels.TryParse(Niveau, out var level)) ModelState.AddModelError(nameof(Niveau), ObservatoryLevels.UnknownMessage(Niveau));
            else if (await queries.TerritoryAsync(level, Code) is null)
                ModelState.AddModelError(nameof(Code), $"Aucun territoire de niveau « {Niveau} » n'a le code « {Code} ».");
            else
            {
                return RedirectToPage("/Observatory/Territory", new
                {
                    kind = ObservatoryLevels.Slug(level), code = Code.Trim().ToUpperInvariant(),
                    annee = string.IsNullOrWhiteSpace(Annee) ? null : Annee.Trim(), edition = string.IsNullOrWhiteSpace(Edition) ? null : Edition.Trim(),
                });
            }
        }
        if (!string.IsNullOrWhiteSpace(Recherche))
            Results = (await territories.SearchAsync(Recherche, null, null, 0, 100)).Where(r => Searchable.Contains(r.Kind)).Take(30).ToList();
        return Page();
    }

    public static string Level(TerritoryKind kind) => kind switch
    {
        TerritoryKind.Departement => "departement",
        TerritoryKind.Region => "region",
        TerritoryKind.Epci => "epci",
        TerritoryKind.Ept => "ept",
        _ => "commune",
    };
}
