using System.Globalization;
using System.Text.Json;

namespace Vigie.Web.Features.Observatory;

/// <summary>
/// What the territory, contract and public observatory pages share: query parameters (annee, edition,
/// comparer) validated into ModelState, the table, the edition comparison and the exports.
/// </summary>
public abstract class ObservatoryPageModel(ObservatoryQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Annee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Edition { get; set; }
    [BindProperty(SupportsGet = true)] public string? Comparer { get; set; }

    protected ObservatoryQueries Queries => queries;
    public ObsTerritory? Territory { get; private set; }
    public ObsTable? Table { get; private set; }
    public IReadOnlyList<EditionInfo> Editions { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public EditionInfo? CompareWith { get; private set; }
    public IReadOnlyList<ObsComparisonRow> Comparison { get; private set; } = [];
    /// <summary>The page's own path (exports and indicator links are relative to it).</summary>
    public abstract string BasePath { get; }
    /// <summary>The path of one indicator's chart page under this table.</summary>
    public abstract string IndicatorPath(string indicator);
    /// <summary>Public pages show no internal links.</summary>
    public virtual bool IsPublic => false;

    /// <summary>Loads the table; null when the page should render (possibly with field errors), else the result to return.</summary>
    protected async Task<IActionResult?> LoadTableAsync(ObsTerritory? territory)
    {
        if (territory is null) return NotFound();
        Territory = territory;
        ViewData["Title"] = $"Observatoire — {territory.Name}";
        var yearOk = ObservatoryInput.TryYear(Annee, out var year, out var yearError);
        if (!yearOk) ModelState.AddModelError(nameof(Annee), yearError!);
        var editionOk = ObservatoryInput.TryEdition(Edition, out var editionDate, out var editionError);
        if (!editionOk) ModelState.AddModelError(nameof(Edition), editionError!);
        if (!ObservatoryInput.TryEdition(Comparer, out var compareDate, out var compareError)) ModelState.AddModelError(nameof(Comparer), compareError!.Replace("L'édition", "L'édition à comparer", StringComparison.Ordinal));
        Editions = await queries.EditionsAsync();
        if (!ModelState.IsValid) return null;

        var edition = await queries.EditionAsync(territory, editionDate);
        if (edition is null)
        {
            if (editionDate is not null) ModelState.AddModelError(nameof(Edition), $"Aucune édition SSMSI produite le {Culture.Date(editionDate.Value)}.");
            return null;
        }
        Years = await queries.YearsAsync(territory, edition);
        if (Years.Count == 0) return null;
        var chosen = year ?? Years[0];
        if (!Years.Contains(chosen))
        {
            ModelState.AddModelError(nameof(Annee), $"Pas de données pour l'année {chosen} dans l'édition du {Culture.Date(edition.ProducedOn)}.");
            return null;
        }
        Table = await queries.TableAsync(territory, edition, chosen);
        if (compareDate is { } cd)
        {
            CompareWith = Editions.FirstOrDefault(e => e.ProducedOn == cd);
            if (CompareWith is null) ModelState.AddModelError(nameof(Comparer), $"Aucune édition SSMSI produite le {Culture.Date(cd)}.");
            else Comparison = await queries.CompareAsync(territory, CompareWith, edition, chosen);
        }
        return null;
    }

    protected async Task<IActionResult> ExportAsync(string format)
    {
        if (Table is null) return NotFound();
        if (User.Identity?.IsAuthenticated == true) await HttpContext.AuditReadAsync(AuditKinds.ExportDownloaded, "Territory", Table.Territory.Code, ExportContractId, new { what = "observatory", format = format == "xlsx" ? "xlsx" : "csv" });
        var name = $"observatoire-{Slug(Table.Territory.Code)}-{Table.Year}-edition-{Table.Edition.ProducedOn:yyyy-MM-dd}";
        return format == "xlsx"
            ? File(ObservatoryExports.Xlsx(Table), ObservatoryExports.XlsxType, name + ".xlsx")
            : File(ObservatoryExports.Csv(Table), ObservatoryExports.CsvType, name + ".csv");
    }

    /// <summary>The contract an export belongs to (contract observatory pages), for the read audit.</summary>
    protected virtual Guid? ExportContractId => null;

    private static string Slug(string code) => new(code.Where(char.IsLetterOrDigit).ToArray());

    /// <summary>Query string keeping the chosen year and edition.</summary>
    public string Query(string? handler = null)
    {
        var parts = new List<string>();
        if (handler is not null) parts.Add("handler=" + handler);
        if (Table is not null)
        {
            parts.Add("annee=" + Table.Year.ToString(CultureInfo.InvariantCulture));
            parts.Add("edition=" + Table.Edition.ProducedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

/// <summary>The per-indicator evolution chart (territory, contract, public), with SVG export and a data table.</summary>
public abstract class ObservatoryChartModel(ObservatoryQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Edition { get; set; }
    public ObsSeries? Series { get; private set; }
    public abstract string BackPath { get; }
    public virtual bool IsPublic => false;

    protected async Task<IActionResult?> LoadSeriesAsync(ObsTerritory? territory, string indicator)
    {
        if (territory is null) return NotFound();
        if (!ObservatoryInput.TryEdition(Edition, out var editionDate, out var error))
        {
            ModelState.AddModelError(nameof(Edition), error!);
            ViewData["Title"] = "Évolution d'un indicateur";
            return null;
        }
        var edition = await queries.EditionAsync(territory, editionDate);
        if (edition is null) return NotFound();
        Series = await queries.SeriesAsync(territory, edition, indicator);
        if (Series is null) return NotFound();
        ViewData["Title"] = $"{Series.Label} — {territory.Name}";
        return null;
    }

    protected IActionResult SvgFile() =>
        Series is null ? NotFound() : File(System.Text.Encoding.UTF8.GetBytes(ObservatoryExports.Svg(Series)), "image/svg+xml",
            $"{Series.IndicatorCode}-{new string(Series.Territory.Code.Where(char.IsLetterOrDigit).ToArray())}.svg");

    /// <summary>The chart's data for observatory-chart.js, in a JSON data block (not a script for CSP).</summary>
    public string ChartJson() => Series is null ? "{}" : JsonSerializer.Serialize(new
    {
        title = $"{Series.Label} — {Series.Territory.Name}",
        label = $"Taux pour mille {ObservatoryExports.DenominatorLabel(Series.Denominator)}",
        years = Series.Points.Select(p => p.Year),
        rates = Series.Points.Select(p => p.Partial ? null : p.Rate),
        counts = Series.Points.Select(p => p.Partial ? null : p.Count),
        file = $"{Series.IndicatorCode}-{Series.Territory.Code}.png",
    });
}
