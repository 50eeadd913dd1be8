using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigie.Web.Features.Observatory.Maps;

/// <summary>
/// Choropleth of the communes of a département for one indicator and year. The contours (IGN 2018,
/// Observatory:GeoFolder) are served by the app, merged with the values: no tile layer, no external request.
/// </summary>
public sealed class MapModel(ObservatoryQueries queries, IConfiguration configuration) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Departement { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Indicateur { get; set; }
    [BindProperty(SupportsGet = true)] public string? Annee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Edition { get; set; }

    public string? DepartementName { get; private set; }
    public Indicator? Indicator { get; private set; }
    public IReadOnlyList<Indicator> Indicators { get; private set; } = [];
    public EditionInfo? EditionInfo { get; private set; }
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<MapValue> Values { get; private set; } = [];
    /// <summary>Upper bounds of the colour classes (rates per thousand), ascending.</summary>
    public IReadOnlyList<decimal> Classes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    /// <summary>The département's GeoJSON with, in each feature's properties, the commune's value and colour class.</summary>
    public async Task<IActionResult> OnGetDonneesAsync()
    {
        if (await LoadAsync() is { } stop) return stop;
        if (Indicator is null || EditionInfo is null) return BadRequest();
        var file = GeoFile(Departement);
        if (file is null)
            return NotFound(new { title = "Introuvable", detail = $"Aucun fond de carte des communes pour le département « {Departement} » dans le dossier configuré (Observatory:GeoFolder)." });
        var geo = JsonNode.Parse(await System.IO.File.ReadAllTextAsync(file))!;
        var byCode = Values.ToDictionary(v => v.Code);
        foreach (var feature in geo["features"]!.AsArray())
        {
            var props = feature!["properties"]!.AsObject();
            var code = props["code"]?.GetValue<string>() ?? "";
            if (!byCode.TryGetValue(code, out var v)) { props["disclosure"] = "none"; continue; }
            props["disclosure"] = ObservatoryInput.Disclosure(v.Disclosure);
            props["count"] = v.Count;
            props["rate"] = v.Rate;
            props["rateText"] = v.Rate?.ToString("N2", Culture.French);
            props["class"] = v.Rate is { } r ? ClassOf(r) : null;
        }
        return Content(geo.ToJsonString(), "application/geo+json");
    }

    public int ClassOf(decimal rate)
    {
        for (var i = 0; i < Classes.Count; i++) if (rate <= Classes[i]) return i;
        return Classes.Count - 1;
    }

    private async Task<IActionResult?> LoadAsync()
    {
        Departement = Departement.Trim().ToUpperInvariant();
        var territory = await queries.TerritoryAsync(ObsLevel.Departement, Departement);
        if (territory is null) return NotFound();
        DepartementName = territory.Name;
        ViewData["Title"] = $"Carte des communes — {territory.Name}";
        Indicators = await queries.IndicatorsAsync();
        if (!ObservatoryInput.TryYear(Annee, out var year, out var yearError)) ModelState.AddModelError(nameof(Annee), yearError!);
        if (!ObservatoryInput.TryEdition(Edition, out var editionDate, out var editionError)) ModelState.AddModelError(nameof(Edition), editionError!);
        Indicator = string.IsNullOrWhiteSpace(Indicateur) ? Indicators.FirstOrDefault(i => i.Code == "cambriolages-logement") ?? Indicators.FirstOrDefault()
            : Indicators.FirstOrDefault(i => i.Code == Indicateur.Trim());
        if (Indicator is null) ModelState.AddModelError(nameof(Indicateur), $"Indicateur « {Indicateur} » inconnu.");
        if (!ModelState.IsValid) return null;
        // Commune-level edition: the map shows commune rows.
        var communeScope = new ObsTerritory(ObsLevel.Commune, Departement, territory.Name, Departement) { Communes = [] };
        EditionInfo = await queries.EditionAsync(communeScope, editionDate);
        if (EditionInfo is null)
        {
            if (editionDate is not null) ModelState.AddModelError(nameof(Edition), $"Aucune édition SSMSI produite le {Culture.Date(editionDate.Value)}.");
            return null;
        }
        Years = await queries.YearsAsync(communeScope, EditionInfo);
        if (Years.Count == 0) return null;
        Year = year ?? Years[0];
        if (!Years.Contains(Year))
        {
            ModelState.AddModelError(nameof(Annee), $"Pas de données communales pour l'année {Year}.");
            return null;
        }
        Values = await queries.MapValuesAsync(Departement, EditionInfo, Indicator!.Id, Year);
        Classes = Quantiles(Values.Where(v => v.Rate is not null).Select(v => v.Rate!.Value).ToList());
        return null;
    }

    /// <summary>Up to five classes by quantiles of the published rates.</summary>
    private static List<decimal> Quantiles(List<decimal> rates)
    {
        if (rates.Count == 0) return [];
        rates.Sort();
        var bounds = new List<decimal>();
        for (var k = 1; k <= 5; k++)
        {
            var b = rates[Math.Min(rates.Count - 1, (int)Math.Ceiling(k * rates.Count / 5.0) - 1)];
            if (bounds.Count == 0 || b > bounds[^1]) bounds.Add(b);
        }
        return bounds;
    }

    private string? GeoFile(string departement)
    {
        var configured = configuration["Observatory:GeoFolder"];
        var folder = string.IsNullOrWhiteSpace(configured) ? SharedData.Find("geo") : Path.GetFullPath(configured, Directory.GetCurrentDirectory());
        if (folder is null || !Directory.Exists(folder)) return null;
        // Département codes are letters/digits only, so the pattern cannot escape the folder.
        if (!departement.All(char.IsLetterOrDigit)) return null;
        return Directory.GetFiles(folder, $"communes-{departement.ToLowerInvariant()}-*.geojson").Order(StringComparer.Ordinal).FirstOrDefault();
    }

    public string Query(string? handler = null)
    {
        var parts = new List<string>();
        if (handler is not null) parts.Add("handler=" + handler);
        if (Indicator is not null) parts.Add("indicateur=" + Indicator.Code);
        if (Year > 0) parts.Add("annee=" + Year.ToString(CultureInfo.InvariantCulture));
        if (EditionInfo is not null) parts.Add("edition=" + EditionInfo.ProducedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return "?" + string.Join('&', parts);
    }
}
