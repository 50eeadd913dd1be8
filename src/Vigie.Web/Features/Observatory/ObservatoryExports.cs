using System.Globalization;
using System.Xml.Linq;

namespace Vigie.Web.Features.Observatory;

/// <summary>
/// Exports of the observatory table (CSV for French spreadsheets, XLSX) and of a series chart (SVG).
/// The chart's PNG is made by the browser from the Chart.js canvas (canvas.toDataURL in
/// wwwroot/js/observatory-chart.js): a server-side PNG would need an image library this project does not have.
/// </summary>
public static class ObservatoryExports
{
    public const string CsvType = Spreadsheets.CsvType;
    public const string XlsxType = Spreadsheets.XlsxType;

    public static readonly string[] Headers =
    [
        "Indicateur", "Code", "Unité de compte", "Nombre", "Taux pour mille", "Dénominateur", "Diffusion",
        "Estimation nombre (moyenne départementale des communes non diffusées)", "Estimation taux", "Communes en secret statistique",
        "Nombre année précédente", "Évolution (nombre)", "Évolution (%)", "Taux département", "Taux France métropolitaine", "Taux France entière",
        "Au-dessus de la moyenne nationale",
    ];

    public static string DisclosureLabel(ObsRow r) => r.Disclosure switch
    {
        Disclosure.Withheld => "secret statistique",
        _ when r.Partial => "partiel",
        Disclosure.Zero => "publié (zéro)",
        _ => "publié",
    };

    public static string DenominatorLabel(RateDenominator d) => d == RateDenominator.Dwellings ? "logements" : "habitants";

    public static string SourceLine(EditionInfo edition) => $"Source : SSMSI / Ministère de l'Intérieur, édition du {Culture.Date(edition.ProducedOn)}";

    private static object?[] Cells(ObsRow r) =>
    [
        r.Label, r.Code, r.Unit, r.Count, r.Rate, DenominatorLabel(r.Denominator), DisclosureLabel(r),
        r.EstimateCount, r.EstimateRate, r.WithheldCommunes == 0 ? null : r.WithheldCommunes,
        r.PreviousCount, r.ChangeCount, r.ChangePercent, r.DepartementRate, r.FranceMetroRate, r.FranceRate, r.AboveNational ? "oui" : "non",
    ];

    /// <summary>UTF-8 with BOM (Excel detects the encoding), ';' separator, decimal comma.</summary>
    public static byte[] Csv(ObsTable table) =>
        Spreadsheets.Csv(table.Rows.Select(r => Cells(r).Select(Format)).Prepend(Headers));

    /// <summary>Plain numbers (no thousands separator) so spreadsheets read them as numbers.</summary>
    private static string Format(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.##########", Culture.French),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static byte[] Xlsx(ObsTable table) =>
        Spreadsheets.Xlsx("Observatoire",
        [
            Headers, .. table.Rows.Select(Cells), [], [$"{table.Territory.Name} — {table.Year}"], [SourceLine(table.Edition)],
        ]);

    /// <summary>A small hand-written SVG line chart of the rate per thousand: axes, years, values, title, source.</summary>
    public static string Svg(ObsSeries series)
    {
        const int width = 800, height = 420, left = 70, right = 30, top = 60, bottom = 80;
        XNamespace ns = "http://www.w3.org/2000/svg";
        var points = series.Points;
        var values = points.Where(p => p.Rate is not null && !p.Partial).Select(p => p.Rate!.Value).ToList();
        var max = values.Count == 0 ? 1m : values.Max();
        max = max <= 0 ? 1m : NiceCeiling(max);
        double X(int i) => left + (points.Count == 1 ? (width - left - right) / 2.0 : i * (width - left - right) / (double)(points.Count - 1));
        double Y(decimal v) => top + (double)(1 - v / max) * (height - top - bottom);
        string N(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);
        string F(decimal d) => d.ToString("0.##", Culture.French);

        var title = $"{series.Label} — {series.Territory.Name} (taux pour mille {DenominatorLabel(series.Denominator)})";
        var svg = new XElement(ns + "svg", new XAttribute("width", width), new XAttribute("height", height),
            new XAttribute("viewBox", $"0 0 {width} {height}"), new XAttribute("role", "img"), new XAttribute("font-family", "Marianne, Arial, sans-serif"),
            new XElement(ns + "title", title),
            new XElement(ns + "rect", new XAttribute("width", width), new XAttribute("height", height), new XAttribute("fill", "#ffffff")),
            new XElement(ns + "text", new XAttribute("x", left), new XAttribute("y", 30), new XAttribute("font-size", 16), new XAttribute("font-weight", "bold"), title),
            new XElement(ns + "line", new XAttribute("x1", left), new XAttribute("y1", top), new XAttribute("x2", left), new XAttribute("y2", height - bottom), new XAttribute("stroke", "#3a3a3a")),
            new XElement(ns + "line", new XAttribute("x1", left), new XAttribute("y1", height - bottom), new XAttribute("x2", width - right), new XAttribute("y2", height - bottom), new XAttribute("stroke", "#3a3a3a")));
        for (var k = 0; k <= 4; k++)
        {
            var v = max * k / 4;
            svg.Add(new XElement(ns + "text", new XAttribute("x", left - 8), new XAttribute("y", N(Y(v) + 4)), new XAttribute("font-size", 11), new XAttribute("text-anchor", "end"), F(v)),
                new XElement(ns + "line", new XAttribute("x1", left), new XAttribute("y1", N(Y(v))), new XAttribute("x2", width - right), new XAttribute("y2", N(Y(v))), new XAttribute("stroke", "#dddddd")));
        }
        var path = new List<string>();
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            svg.Add(new XElement(ns + "text", new XAttribute("x", N(X(i))), new XAttribute("y", height - bottom + 18), new XAttribute("font-size", 12), new XAttribute("text-anchor", "middle"), p.Year));
            if (p.Rate is { } r && !p.Partial)
            {
                path.Add($"{N(X(i))},{N(Y(r))}");
                svg.Add(new XElement(ns + "circle", new XAttribute("cx", N(X(i))), new XAttribute("cy", N(Y(r))), new XAttribute("r", 4), new XAttribute("fill", "#000091")),
                    new XElement(ns + "text", new XAttribute("x", N(X(i))), new XAttribute("y", N(Y(r) - 9)), new XAttribute("font-size", 11), new XAttribute("text-anchor", "middle"), F(r)));
            }
            else
                svg.Add(new XElement(ns + "text", new XAttribute("x", N(X(i))), new XAttribute("y", height - bottom - 6), new XAttribute("font-size", 10), new XAttribute("text-anchor", "middle"),
                    p.Disclosure == Disclosure.Withheld ? "secret" : "partiel"));
        }
        if (path.Count > 1)
            svg.Add(new XElement(ns + "polyline", new XAttribute("points", string.Join(' ', path)), new XAttribute("fill", "none"), new XAttribute("stroke", "#000091"), new XAttribute("stroke-width", 2)));
        svg.Add(new XElement(ns + "text", new XAttribute("x", left), new XAttribute("y", height - 20), new XAttribute("font-size", 11), SourceLine(series.Edition)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Declaration + "\n" + svg.ToString(SaveOptions.DisableFormatting);
    }

    private static decimal NiceCeiling(decimal v)
    {
        var magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)v)));
        foreach (var step in new[] { 1m, 2m, 2.5m, 5m, 10m })
            if (step * magnitude >= v) return step * magnitude;
        return 10 * magnitude;
    }
}
