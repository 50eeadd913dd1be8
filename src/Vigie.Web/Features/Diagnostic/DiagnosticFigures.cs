using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vigie.Web.Features.Observatory;

namespace Vigie.Web.Features.Diagnostic;

/// <summary>One indicator of a territory: its value, its trend, the département and France beside it, and the flag.</summary>
public sealed record DiagnosticFigureRow(string Code, string Label, string Unit, long? Count, decimal? Rate, long? PreviousCount,
    decimal? ChangePercent, decimal? DepartementRate, decimal? FranceRate, bool AboveNational, bool Withheld);

/// <summary>
/// The delinquency figures of one territory for one SSMSI edition and year. <see cref="Source"/> names the source and its
/// edition: every figure shown or printed carries it (issue 12 §2).
/// </summary>
public sealed record DiagnosticFigureTable(string Level, string Code, string Name, string Edition, int Year, string? DepartementName,
    long? Population, string Source, IReadOnlyList<DiagnosticFigureRow> Rows)
{
    public IEnumerable<DiagnosticFigureRow> Flagged => Rows.Where(r => r.AboveNational);
}

/// <summary>
/// Reads a territory's figures through <see cref="ObservatoryQueries"/> (the observatory's own tables, never a copy of its
/// queries). The edition is the latest SSMSI edition holding rows for this territory, so a territory published only in an
/// older edition still gets its figures.
/// </summary>
public sealed class DiagnosticFigures(AppDbContext db, ObservatoryQueries observatory)
{
    public static string LevelLabel(string level) => Enum.TryParse<ObsLevel>(level, out var l) ? ObservatoryLevels.Label(l) : level;

    public async Task<EditionInfo?> LatestEditionAsync(ObsTerritory t)
    {
        IQueryable<StatValue> rows;
        if (t.Direct is { } d) rows = db.StatValues.Where(v => v.Level == d.Level && v.GeoCode == d.Code);
        else if (t.Communes is { } communes) rows = db.StatValues.Where(v => v.Level == StatLevel.Commune && communes.Contains(v.GeoCode));
        else
        {
            var deps = t.Departements ?? [];
            rows = db.StatValues.Where(v => v.Level == StatLevel.Departement);
            if (deps.Count > 0) rows = rows.Where(v => deps.Contains(v.GeoCode));
        }
        var ids = rows.Select(v => v.EditionId).Distinct();
        return await db.StatEditions.AsNoTracking().Where(e => e.Source == StatSource.Ssmsi && ids.Contains(e.Id))
            .OrderByDescending(e => e.ProducedOn).Select(e => new EditionInfo(e.Id, e.ProducedOn)).FirstOrDefaultAsync();
    }

    /// <summary>The table of the latest year of the latest edition; null when SSMSI publishes nothing for the territory.</summary>
    public async Task<DiagnosticFigureTable?> TableAsync(ObsTerritory t)
    {
        if (await LatestEditionAsync(t) is not { } edition) return null;
        var years = await observatory.YearsAsync(t, edition);
        if (years.Count == 0) return null;
        var table = await observatory.TableAsync(t, edition, years[0]);
        long? population = null;
        var codes = t.Direct is { Level: StatLevel.Commune } direct ? [direct.Code] : t.Communes;
        if (codes is { Count: > 0 })
            population = await db.Territories.AsNoTracking().Where(x => codes.Contains(x.Code) && (x.Kind == TerritoryKind.Commune || x.Kind == TerritoryKind.Arrondissement))
                .SumAsync(x => (long?)x.Population);
        var level = t.Direct?.Level switch
        {
            StatLevel.Commune => "communale",
            StatLevel.Region => "régionale",
            StatLevel.Departement => "départementale",
            _ => t.Communes is not null ? "communale (somme des communes)" : "départementale (somme des départements)",
        };
        var source = $"SSMSI, base {level} de la délinquance enregistrée, édition du {Culture.Date(edition.ProducedOn)}, année {table.Year}";
        var rows = table.Rows.Select(r => new DiagnosticFigureRow(r.Code, r.Label, r.Unit, r.Disclosure == Disclosure.Withheld ? null : r.Count,
            r.Rate is { } rate ? Math.Round(rate, 2, MidpointRounding.AwayFromZero) : null, r.PreviousCount, r.ChangePercent,
            r.DepartementRate is { } dr ? Math.Round(dr, 2, MidpointRounding.AwayFromZero) : null,
            r.FranceRate is { } fr ? Math.Round(fr, 2, MidpointRounding.AwayFromZero) : null,
            r.AboveNational, r.Disclosure == Disclosure.Withheld || r.Partial)).ToList();
        return new DiagnosticFigureTable(t.Level.ToString(), t.Code, t.Name, edition.ProducedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            table.Year, table.DepartementName, population, source, rows);
    }

    public static string Number(decimal? v) => v is { } x ? x.ToString("#,##0.##", Culture.French) : "—";
    public static string Number(long? v) => v is { } x ? x.ToString("#,##0", Culture.French) : "—";
}

/// <summary>Canonical JSON and its SHA-256: the same content always gives the same bytes, hence the same hash.</summary>
public static class DiagnosticHash
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    public static string Sha256(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
