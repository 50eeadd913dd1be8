using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.Observatory;

/// <summary>Parsing of the query parameters shared by the API and the pages (French messages naming the parameter).</summary>
public static class ObservatoryInput
{
    public static bool TryYear(string? text, out int? year, out string? error)
    {
        year = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (text.Trim().Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1990 and <= 2100)
        {
            year = y;
            return true;
        }
        error = $"L'année « {text} » est invalide : attendu une année sur 4 chiffres (par exemple 2024).";
        return false;
    }

    public static bool TryEdition(string? text, out DateOnly? edition, out string? error)
    {
        edition = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            edition = d;
            return true;
        }
        error = $"L'édition « {text} » est invalide : attendu la date de production au format AAAA-MM-JJ (par exemple 2025-06-04).";
        return false;
    }

    public static string Disclosure(Disclosure d) => d switch
    {
        Domain.Disclosure.Zero => "zero",
        Domain.Disclosure.Withheld => "withheld",
        _ => "published",
    };

    public static string Denominator(RateDenominator d) => d == RateDenominator.Dwellings ? "dwellings" : "population";
}

public static class ObservatoryApi
{
    public sealed record ObservatoryTerritoryDto(string Level, string Code, string Name);
    public sealed record EstimateDto(decimal? Count, decimal? Rate);
    public sealed record ChangeDto(long? Previous, long? Count, decimal? Percent);
    public sealed record ComparisonDto(decimal? Departement, decimal? FranceMetropolitaine, decimal? FranceEntiere);
    public sealed record IndicatorDto(string Indicator, string Code, string Unit, long? Count, decimal? Rate, string Denominator, string Disclosure,
        EstimateDto? Estimate, bool Partial, int WithheldCommunes, ChangeDto Change, ComparisonDto Comparison, bool AboveNational);
    public sealed record TableDto(ObservatoryTerritoryDto Territory, string Edition, int Year, string? Departement, IReadOnlyList<IndicatorDto> Indicators);
    public sealed record PointDto(int Year, long? Count, decimal? Rate, string Disclosure, EstimateDto? Estimate, bool Partial, int WithheldCommunes);
    public sealed record IndicatorSeriesDto(ObservatoryTerritoryDto Territory, string Edition, string Indicator, string Code, string Unit, string Denominator, IReadOnlyList<PointDto> Series);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/observatory").WithTags("Observatoire");

        g.MapGet("/{level}/{code}", async Task<Results<CachedJsonAnswer<TableDto>, ValidationProblem, ProblemHttpResult>> (ObservatoryQueries queries,
            IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, string level, string code, string? year, string? edition) =>
        {
            // SSMSI figures are public and change only with an import: a successful answer is kept per data stamp
            // (ObservatoryQueries), so repeated calls skip resolving the territory, edition and years (bench/observatory),
            // and is kept serialised with its ETag (CachedJsonAnswer: the same bytes, or a 304 for If-None-Match).
            var cacheKey = ObservatoryLevels.TryParse(level, out var lv) && ObservatoryInput.TryEdition(edition, out var e0, out _)
                && ObservatoryInput.TryYear(year, out var y0, out _)
                ? ("api-table", lv, code.Trim().ToUpperInvariant(), y0, e0) : default((string, ObsLevel, string, int?, DateOnly?)?);
            if (cacheKey is { } k && await queries.CachedOrDefaultAsync<CachedJsonAnswer<TableDto>>(k) is { } hit) return hit;
            var resolved = await ResolveAsync(queries, level, code, edition);
            if (resolved.Error is { } error) return error;
            if (resolved.NotFound is { } notFound) return notFound;
            if (!ObservatoryInput.TryYear(year, out var y, out var yearError)) return ApiErrors.Field("year", yearError!);
            var (territory, ed) = (resolved.Territory!, resolved.Edition!);
            var years = await queries.YearsAsync(territory, ed);
            var chosen = y ?? (years.Count > 0 ? years[0] : 0);
            if (!years.Contains(chosen))
                return ApiErrors.NotFound($"Aucune donnée pour {territory.Name} en {chosen} dans l'édition du {Infrastructure.Culture.Date(ed.ProducedOn)}.");
            var table = await queries.TableAsync(territory, ed, chosen);
            if (table.Rows.Count == 0) return ApiErrors.NotFound($"Aucune donnée pour {territory.Name} en {chosen}.");
            var dto = new TableDto(Territory(territory), EditionText(ed), chosen, table.DepartementName, table.Rows.Select(r => new IndicatorDto(
                r.Label, r.Code, r.Unit, r.Count, r.Rate, ObservatoryInput.Denominator(r.Denominator), ObservatoryInput.Disclosure(r.Disclosure),
                r.Disclosure == Disclosure.Withheld && (r.EstimateCount is not null || r.EstimateRate is not null) ? new EstimateDto(r.EstimateCount, r.EstimateRate) : null,
                r.Partial, r.WithheldCommunes, new ChangeDto(r.PreviousCount, r.ChangeCount, r.ChangePercent),
                new ComparisonDto(r.DepartementRate, r.FranceMetroRate, r.FranceRate), r.AboveNational)).ToList());
            var answer = new CachedJsonAnswer<TableDto>(dto, json.Value.SerializerOptions);
            if (cacheKey is { } key) await queries.RememberAsync(key, answer);
            return answer;
        })
        .WithSummary("Délinquance enregistrée (SSMSI) d'un territoire pour une année : chaque indicateur avec nombre, taux, évolution et comparaison département / France.")
        .WithDescription("level : commune (arrondissements compris), departement, region, epci, ept, france (code ignoré, « FR »). year : AAAA (dernière année par défaut). "
            + "edition : date de production AAAA-MM-JJ (dernière édition par défaut). Les chiffres sont ceux publiés ; disclosure : published, zero, withheld "
            + "(secret statistique : estimate = moyenne départementale des communes non diffusées, jamais le chiffre de la commune). "
            + "Agrégats (EPCI, EPT, région sans base régionale, France) = Σnombre / Σdénominateur × 1000 ; partial = des communes membres sont en secret statistique.");

        g.MapGet("/{level}/{code}/series", async Task<Results<Ok<IndicatorSeriesDto>, ValidationProblem, ProblemHttpResult>> (ObservatoryQueries queries, string level, string code, string? indicator, string? edition) =>
        {
            var resolved = await ResolveAsync(queries, level, code, edition);
            if (resolved.Error is { } error) return error;
            if (resolved.NotFound is { } notFound) return notFound;
            if (string.IsNullOrWhiteSpace(indicator)) return ApiErrors.Field("indicator", "Le paramètre « indicator » (code de l'indicateur, par exemple cambriolages-logement) est obligatoire.");
            if (await queries.IndicatorAsync(indicator.Trim()) is null)
                return ApiErrors.Field("indicator", $"Indicateur « {indicator} » inconnu.");
            var series = await queries.SeriesAsync(resolved.Territory!, resolved.Edition!, indicator.Trim());
            if (series is null) return ApiErrors.NotFound($"Aucune donnée pour l'indicateur « {indicator} » sur {resolved.Territory!.Name}.");
            return TypedResults.Ok(new IndicatorSeriesDto(Territory(series.Territory), EditionText(series.Edition), series.Label, series.IndicatorCode, series.Unit,
                ObservatoryInput.Denominator(series.Denominator),
                series.Points.Select(p => new PointDto(p.Year, p.Count, p.Rate, ObservatoryInput.Disclosure(p.Disclosure),
                    p.Disclosure == Disclosure.Withheld && (p.EstimateCount is not null || p.EstimateRate is not null) ? new EstimateDto(p.EstimateCount, p.EstimateRate) : null,
                    p.Partial, p.WithheldCommunes)).ToList()));
        })
        .WithSummary("Série annuelle d'un indicateur pour un territoire (toutes les années de l'édition).")
        .WithDescription("indicator : code stable de l'indicateur (par exemple cambriolages-logement). edition : AAAA-MM-JJ (dernière par défaut).");
    }

    private sealed record Resolved(ObsTerritory? Territory, EditionInfo? Edition, ValidationProblem? Error, ProblemHttpResult? NotFound);

    private static async Task<Resolved> ResolveAsync(ObservatoryQueries queries, string level, string code, string? edition)
    {
        if (!ObservatoryLevels.TryParse(level, out var l)) return new(null, null, ApiErrors.Field("level", ObservatoryLevels.UnknownMessage(level)), null);
        if (!ObservatoryInput.TryEdition(edition, out var e, out var editionError)) return new(null, null, ApiErrors.Field("edition", editionError!), null);
        var territory = await queries.TerritoryAsync(l, code);
        if (territory is null) return new(null, null, null, ApiErrors.NotFound($"Aucun territoire de niveau « {ObservatoryLevels.Slug(l)} » n'a le code « {code} »."));
        var ed = await queries.EditionAsync(territory, e);
        if (ed is null && e is { } d)
        {
            var known = string.Join(", ", (await queries.EditionsAsync()).Select(x => EditionText(x)));
            return new(null, null, ApiErrors.Field("edition", $"Aucune édition SSMSI produite le « {EditionText(new EditionInfo(0, d))} ». Éditions disponibles : {(known.Length == 0 ? "aucune" : known)}."), null);
        }
        if (ed is null) return new(null, null, null, ApiErrors.NotFound("Aucune donnée SSMSI importée pour ce niveau."));
        return new(territory, ed, null, null);
    }

    private static ObservatoryTerritoryDto Territory(ObsTerritory t) => new(ObservatoryLevels.Slug(t.Level), t.Code, t.Name);

    private static string EditionText(EditionInfo e) => e.ProducedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
