using Microsoft.Extensions.Caching.Memory;
using Vigie.Web.Features.Territories;

namespace Vigie.Web.Features.Observatory;

/// <summary>Geographic scope of an observatory view (URL slugs in <see cref="ObservatoryLevels"/>).</summary>
public enum ObsLevel
{
    Commune,
    Departement,
    Region,
    Epci,
    Ept,
    Contract,
    France,
}

public static class ObservatoryLevels
{
    private static readonly (ObsLevel Level, string Slug)[] Map =
    [
        (ObsLevel.Commune, "commune"), (ObsLevel.Departement, "departement"), (ObsLevel.Region, "region"),
        (ObsLevel.Epci, "epci"), (ObsLevel.Ept, "ept"), (ObsLevel.France, "france"),
    ];

    public static IEnumerable<string> Slugs => Map.Select(m => m.Slug);

    /// <summary>Slug and French label of each level, for the level select (issue 11 F: the labels, not the slugs).</summary>
    public static IEnumerable<(string Slug, string Label)> Options => Map.Select(m => (m.Slug, Label(m.Level)));

    public static string Slug(ObsLevel level) => level == ObsLevel.Contract ? "contrat" : Map.First(m => m.Level == level).Slug;

    public static bool TryParse(string? slug, out ObsLevel level)
    {
        foreach (var (l, s) in Map)
            if (string.Equals(s, slug?.Trim(), StringComparison.OrdinalIgnoreCase)) { level = l; return true; }
        // Arrondissements are communes for SSMSI (it publishes 751xx, 6938x, 132xx directly).
        if (string.Equals("arrondissement", slug?.Trim(), StringComparison.OrdinalIgnoreCase)) { level = ObsLevel.Commune; return true; }
        level = default;
        return false;
    }

    public static string UnknownMessage(string? slug) =>
        $"Niveau « {slug} » inconnu. Valeurs possibles : {string.Join(", ", Slugs)}.";

    public static string Label(ObsLevel level) => level switch
    {
        ObsLevel.Commune => "Commune",
        ObsLevel.Departement => "Département",
        ObsLevel.Region => "Région",
        ObsLevel.Epci => "Intercommunalité (EPCI)",
        ObsLevel.Ept => "Établissement public territorial",
        ObsLevel.Contract => "Territoire du contrat",
        _ => "France",
    };
}

/// <summary>A resolved territory: what to read (direct rows or an aggregate of communes/départements).</summary>
public sealed record ObsTerritory(ObsLevel Level, string Code, string Name, string? DepartementCode)
{
    /// <summary>Level and code of the published rows read directly (commune, département, région rows).</summary>
    internal (StatLevel Level, string Code)? Direct { get; init; }
    /// <summary>Member communes to aggregate (EPCI, EPT, PLM cities, contract territory).</summary>
    internal IReadOnlyList<string>? Communes { get; init; }
    /// <summary>Member départements to aggregate (région without région rows); empty list = all (France).</summary>
    internal IReadOnlyList<string>? Departements { get; init; }
}

public sealed record EditionInfo(int Id, DateOnly ProducedOn);

/// <summary>One cell: a geography (or an aggregate) × indicator × year.</summary>
public sealed record ObsCell(int IndicatorId, int Year, string Label, string Unit, Disclosure Disclosure, long? Count, decimal? Rate,
    long? Population, decimal? Dwellings, decimal? EstimateCount, decimal? EstimateRate, int WithheldCommunes)
{
    /// <summary>An aggregate where some member communes are withheld: the count covers published cells only.</summary>
    public bool Partial => WithheldCommunes > 0 && Disclosure != Disclosure.Withheld;
    public bool HasValue => Disclosure != Disclosure.Withheld && !Partial && Count is not null;
}

public sealed record ObsRow(string Code, string Label, string Unit, RateDenominator Denominator, Disclosure Disclosure, long? Count, decimal? Rate,
    decimal? EstimateCount, decimal? EstimateRate, bool Partial, int WithheldCommunes, long? PreviousCount, long? ChangeCount, decimal? ChangePercent,
    decimal? DepartementRate, decimal? FranceMetroRate, decimal? FranceRate)
{
    public bool AboveNational => Rate is { } r && FranceRate is { } f && !Partial && Disclosure != Disclosure.Withheld && r > f;
}

public sealed record ObsTable(ObsTerritory Territory, EditionInfo Edition, int Year, string? DepartementName, IReadOnlyList<ObsRow> Rows);

public sealed record ObsSeriesPoint(int Year, Disclosure Disclosure, long? Count, decimal? Rate, bool Partial, int WithheldCommunes, decimal? EstimateCount, decimal? EstimateRate);

public sealed record ObsSeries(ObsTerritory Territory, EditionInfo Edition, string IndicatorCode, string Label, string Unit, RateDenominator Denominator, IReadOnlyList<ObsSeriesPoint> Points);

public sealed record ObsComparisonRow(string Code, string Label, long? CountA, decimal? RateA, long? CountB, decimal? RateB, long? CountDifference, decimal? RateDifference);

/// <summary>
/// The one query service of the observatory views (pages, API, exports, public pages). Published rows
/// are read as published; aggregates (EPCI, EPT, contract, PLM cities, région without région rows,
/// France) are Σcount / Σdenominator × 1000, grouped in SQL over the selected geographies only.
/// Estimates of withheld cells are never added into an aggregate: the aggregate is marked partial.
/// </summary>
public sealed class ObservatoryQueries(AppDbContext db, IMemoryCache cache, ContractCoverage coverage, ObservatoryDataStamp dataStamp)
{
    // ---- cache ----
    // What every view of an edition shares (the indicator catalogue, the latest edition, the France rates, the
    // département cells a commune is compared with) is cached per "data stamp": the highest edition and imported-file
    // ids. Any import, from any instance, changes the stamp, so no cached figure outlives the data it came from.
    // The stamp itself is read once per ObservatoryDataStamp.OtherInstanceDelay per instance (not per request) and
    // dropped at once when this instance saves an edition or a file (HotPathCacheInterceptor).

    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);
    private (int Editions, int Files)? _stamp;

    private sealed record DataStamp(int? Editions, int? Files);

    private async Task<(int Editions, int Files)> StampAsync()
    {
        // Plain SQL both providers accept; one round trip per instance and interval, not per request (the API's hot path).
        _stamp ??= await dataStamp.GetAsync(async () =>
        {
            var row = await db.Database.SqlQueryRaw<DataStamp>(
                "SELECT (SELECT MAX(\"Id\") FROM \"StatEditions\") AS \"Editions\", (SELECT MAX(\"Id\") FROM \"StatFiles\") AS \"Files\"").SingleAsync();
            return (row.Editions ?? 0, row.Files ?? 0);
        });
        return _stamp.Value;
    }

    private async Task<T> CachedAsync<T>(object key, Func<Task<T>> load)
    {
        var stamped = (key, await StampAsync());
        if (cache.TryGetValue(stamped, out T? value) && value is not null) return value;
        value = await load();
        cache.Set(stamped, value, CacheLifetime);
        return value;
    }

    /// <summary>A value cached under <paramref name="key"/> for the current data stamp, or null.</summary>
    public async Task<T?> CachedOrDefaultAsync<T>(object key) where T : class =>
        cache.TryGetValue((key, await StampAsync()), out T? value) ? value : null;

    /// <summary>Caches <paramref name="value"/> under <paramref name="key"/> for the current data stamp.</summary>
    public async Task RememberAsync<T>(object key, T value) where T : class =>
        cache.Set((key, await StampAsync()), value, CacheLifetime);

    private Task<Dictionary<int, Indicator>> IndicatorMapAsync() =>
        CachedAsync("indicators", async () => await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id));

    private async Task<HashSet<int>> DwellingIndicatorsAsync() =>
        (await IndicatorMapAsync()).Values.Where(i => i.Denominator == RateDenominator.Dwellings).Select(i => i.Id).ToHashSet();

    /// <summary>PLM cities: SSMSI publishes their arrondissements, never the city code.</summary>
    public static readonly string[] PlmCities = ["75056", "69123", "13055"];

    /// <summary>DROM (971–976): France métropolitaine excludes them.</summary>
    public static bool IsOverseas(string departement) => departement.StartsWith("97", StringComparison.Ordinal);

    // ---- editions ----

    public Task<IReadOnlyList<EditionInfo>> EditionsAsync() => CachedAsync<IReadOnlyList<EditionInfo>>("editions", async () =>
        await db.StatEditions.AsNoTracking().Where(e => e.Source == StatSource.Ssmsi)
            .Where(e => db.StatValues.Any(v => v.EditionId == e.Id))
            .OrderByDescending(e => e.ProducedOn).Select(e => new EditionInfo(e.Id, e.ProducedOn)).ToListAsync());

    /// <summary>The explicit edition, or the latest SSMSI edition holding rows at the level the territory reads.</summary>
    public async Task<EditionInfo?> EditionAsync(ObsTerritory territory, DateOnly? producedOn)
    {
        var editions = db.StatEditions.AsNoTracking().Where(e => e.Source == StatSource.Ssmsi);
        if (producedOn is { } d)
            return await editions.Where(e => e.ProducedOn == d).Select(e => new EditionInfo(e.Id, e.ProducedOn)).FirstOrDefaultAsync();
        var level = ReadLevel(territory);
        var latest = await CachedAsync(("latest-edition", level), async () => new[]
        {
            await editions.Where(e => db.StatValues.Any(v => v.EditionId == e.Id && v.Level == level))
                .OrderByDescending(e => e.ProducedOn).Select(e => new EditionInfo(e.Id, e.ProducedOn)).FirstOrDefaultAsync(),
        });
        return latest[0];
    }

    public async Task<IReadOnlyList<int>> YearsAsync(ObsTerritory territory, EditionInfo edition)
    {
        var level = ReadLevel(territory);
        var rows = db.StatValues.AsNoTracking().Where(v => v.EditionId == edition.Id && v.Level == level);
        // The territory's own rows (unique index Level, GeoCode, EditionId…): a level-wide DISTINCT scans every row of a
        // national communal base (≈5 M rows) on each request (bench/observatory: seconds per API call).
        if (territory.Direct is { } direct) rows = rows.Where(v => v.GeoCode == direct.Code);
        else if (territory.Communes is { Count: > 0 } communes) rows = rows.Where(v => communes.Contains(v.GeoCode));
        return await rows.Select(v => v.Year).Distinct().OrderByDescending(y => y).ToListAsync();
    }

    private static StatLevel ReadLevel(ObsTerritory t) =>
        t.Direct?.Level ?? (t.Communes is not null ? StatLevel.Commune : StatLevel.Departement);

    // ---- territories ----

    /// <summary>Resolves a level + code to a territory; null when unknown.</summary>
    public async Task<ObsTerritory?> TerritoryAsync(ObsLevel level, string? code)
    {
        code = (code ?? "").Trim().ToUpperInvariant();
        var territories = db.Territories.AsNoTracking();
        switch (level)
        {
            case ObsLevel.France:
                return new ObsTerritory(ObsLevel.France, "FR", "France entière", null) { Departements = [] };
            case ObsLevel.Commune:
            {
                var t = await territories.Where(x => x.Code == code && (x.Kind == TerritoryKind.Commune || x.Kind == TerritoryKind.Arrondissement))
                    .OrderBy(x => x.Kind).Select(x => new { x.Code, x.Name, x.DepartementCode }).FirstOrDefaultAsync();
                if (t is null) return null;
                if (PlmCities.Contains(t.Code))
                    return new ObsTerritory(level, t.Code, t.Name, t.DepartementCode) { Communes = await ArrondissementsAsync([t.Code]) };
                return new ObsTerritory(level, t.Code, t.Name, t.DepartementCode) { Direct = (StatLevel.Commune, t.Code) };
            }
            case ObsLevel.Departement:
            {
                var t = await territories.Where(x => x.Kind == TerritoryKind.Departement && x.Code == code).Select(x => new { x.Code, x.Name }).FirstOrDefaultAsync();
                return t is null ? null : new ObsTerritory(level, t.Code, t.Name, t.Code) { Direct = (StatLevel.Departement, t.Code) };
            }
            case ObsLevel.Region:
            {
                var t = await territories.Where(x => x.Kind == TerritoryKind.Region && x.Code == code).Select(x => new { x.Code, x.Name }).FirstOrDefaultAsync();
                if (t is null) return null;
                // Région rows when SSMSI published them (regional base), otherwise the sum of its départements.
                if (await db.StatValues.AnyAsync(v => v.Level == StatLevel.Region && v.GeoCode == t.Code))
                    return new ObsTerritory(level, t.Code, t.Name, null) { Direct = (StatLevel.Region, t.Code) };
                var deps = await territories.Where(x => x.Kind == TerritoryKind.Departement && x.RegionCode == t.Code).Select(x => x.Code).ToListAsync();
                return new ObsTerritory(level, t.Code, t.Name, null) { Departements = deps };
            }
            case ObsLevel.Epci:
            case ObsLevel.Ept:
            {
                var kind = level == ObsLevel.Epci ? TerritoryKind.Epci : TerritoryKind.Ept;
                var t = await territories.Where(x => x.Kind == kind && x.Code == code).Select(x => new { x.Code, x.Name, x.DepartementCode }).FirstOrDefaultAsync();
                if (t is null) return null;
                var members = level == ObsLevel.Epci
                    ? await territories.Where(x => x.Kind == TerritoryKind.Commune && x.EpciCode == t.Code).Select(x => x.Code).ToListAsync()
                    : await territories.Where(x => x.Kind == TerritoryKind.Commune && x.EptCode == t.Code).Select(x => x.Code).ToListAsync();
                var dep = t.DepartementCode ?? await MainDepartementAsync(members);
                return new ObsTerritory(level, t.Code, t.Name, dep) { Communes = await ExpandPlmAsync(members) };
            }
            default:
                return null;
        }
    }

    /// <summary>
    /// A contract's territory, read as the sum of its statistical units (<see cref="Coverage.StatisticalUnits"/>).
    /// The caller has already scoped the contract (ContractAccess or IsPublished).
    /// </summary>
    public async Task<ObsTerritory?> ContractTerritoryAsync(IQueryable<SecurityContract> visibleContracts, Guid contractId)
    {
        var contract = await visibleContracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => new { c.Id, c.Title }).FirstOrDefaultAsync();
        if (contract is null) return null;
        var units = (await coverage.OfContractAsync(contract.Id)).StatisticalUnits;
        // The département most units lie in, for the département comparison.
        var departement = units.Where(u => u.DepartementCode is not null).GroupBy(u => u.DepartementCode!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
        return new ObsTerritory(ObsLevel.Contract, contract.Id.ToString(), contract.Title, departement) { Communes = units.Select(u => u.Code).ToList() };
    }

    private async Task<List<string>> ArrondissementsAsync(IReadOnlyCollection<string> cities) =>
        await db.Territories.AsNoTracking().Where(x => x.Kind == TerritoryKind.Arrondissement && x.ParentCode != null && cities.Contains(x.ParentCode))
            .Select(x => x.Code).OrderBy(c => c).ToListAsync();

    private async Task<IReadOnlyList<string>> ExpandPlmAsync(IReadOnlyList<string> communes)
    {
        var plm = communes.Where(PlmCities.Contains).ToList();
        if (plm.Count == 0) return communes;
        var arrondissements = await ArrondissementsAsync(plm);
        return communes.Where(c => !PlmCities.Contains(c)).Concat(arrondissements).Distinct().ToList();
    }

    /// <summary>The département most member communes belong to (for the département comparison).</summary>
    private async Task<string?> MainDepartementAsync(IReadOnlyCollection<string> communes)
    {
        if (communes.Count == 0) return null;
        var deps = await db.Territories.AsNoTracking().Where(x => (x.Kind == TerritoryKind.Commune || x.Kind == TerritoryKind.Arrondissement) && communes.Contains(x.Code))
            .Select(x => x.DepartementCode).ToListAsync();
        return deps.Where(d => d is not null).GroupBy(d => d).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();
    }

    // ---- cells ----

    /// <summary>Cells of a territory for the given years (null = all years) and indicator (null = all).</summary>
    internal async Task<List<ObsCell>> CellsAsync(ObsTerritory t, int editionId, int[]? years, int? indicatorId)
    {
        if (t.Direct is { } direct)
        {
            var q = db.StatValues.AsNoTracking().Where(v => v.EditionId == editionId && v.Level == direct.Level && v.GeoCode == direct.Code);
            if (years is not null) q = q.Where(v => years.Contains(v.Year));
            if (indicatorId is { } ind) q = q.Where(v => v.IndicatorId == ind);
            return await q.Select(v => new ObsCell(v.IndicatorId, v.Year, v.PublishedLabel, v.Unit, v.Disclosure, v.Count, v.Rate,
                v.Population, v.Dwellings, v.EstimateCount, v.EstimateRate, 0)).ToListAsync();
        }
        IQueryable<StatValue> rows;
        if (t.Communes is { } communes)
            rows = db.StatValues.Where(v => v.EditionId == editionId && v.Level == StatLevel.Commune && communes.Contains(v.GeoCode));
        else
        {
            var deps = t.Departements ?? [];
            rows = db.StatValues.Where(v => v.EditionId == editionId && v.Level == StatLevel.Departement);
            if (deps.Count > 0) rows = rows.Where(v => deps.Contains(v.GeoCode));
        }
        if (years is not null) rows = rows.Where(v => years.Contains(v.Year));
        if (indicatorId is { } id) rows = rows.Where(v => v.IndicatorId == id);
        return await AggregateAsync(rows.AsNoTracking());
    }

    /// <summary>
    /// Σcount over published cells, Σpopulation over every row (withheld cells keep their population),
    /// grouped in SQL. Dwellings are decimals, which SQLite cannot SUM: they are summed here in memory,
    /// over the rows of the selected geographies of the dwellings indicators only.
    /// </summary>
    private async Task<List<ObsCell>> AggregateAsync(IQueryable<StatValue> rows)
    {
        var groups = await rows.GroupBy(v => new { v.IndicatorId, v.Year })
            .Select(g => new
            {
                g.Key.IndicatorId,
                g.Key.Year,
                Label = g.Max(v => v.PublishedLabel),
                Unit = g.Max(v => v.Unit),
                Count = g.Sum(v => v.Disclosure == Disclosure.Withheld ? 0L : v.Count ?? 0L),
                Population = g.Sum(v => v.Population ?? 0L),
                Withheld = g.Count(v => v.Disclosure == Disclosure.Withheld),
                Members = g.Count(),
            }).ToListAsync();
        var dwellingIndicators = await DwellingIndicatorsAsync();
        var dwellings = new Dictionary<(int, int), decimal>();
        if (groups.Any(g => dwellingIndicators.Contains(g.IndicatorId)))
        {
            var list = await rows.Where(v => dwellingIndicators.Contains(v.IndicatorId)).Select(v => new { v.IndicatorId, v.Year, v.Dwellings }).ToListAsync();
            foreach (var r in list)
                dwellings[(r.IndicatorId, r.Year)] = dwellings.GetValueOrDefault((r.IndicatorId, r.Year)) + (r.Dwellings ?? 0m);
        }
        return groups.Select(g =>
        {
            var allWithheld = g.Withheld == g.Members;
            decimal? dw = dwellings.TryGetValue((g.IndicatorId, g.Year), out var d) ? d : null;
            var denominator = dwellingIndicators.Contains(g.IndicatorId) ? dw : g.Population;
            long? count = allWithheld ? null : g.Count;
            var disclosure = allWithheld ? Disclosure.Withheld : g.Count == 0 && g.Withheld == 0 ? Disclosure.Zero : Disclosure.Published;
            return new ObsCell(g.IndicatorId, g.Year, g.Label ?? "", g.Unit ?? "", disclosure, count, RatePerThousand(count, denominator),
                g.Population, dw, null, null, g.Withheld);
        }).ToList();
    }

    /// <summary>Rate per thousand, rounded to 7 decimals like the SSMSI files.</summary>
    public static decimal? RatePerThousand(long? count, decimal? denominator) =>
        count is { } c && denominator is { } d && d > 0 ? Math.Round(c * 1000m / d, 7, MidpointRounding.AwayFromZero) : null;

    /// <summary>France rates per indicator from the département rows: (métropole, entière).</summary>
    internal Task<Dictionary<int, (decimal? Metro, decimal? All)>> FranceRatesAsync(int editionId, int year) =>
        CachedAsync(("france", editionId, year), () => LoadFranceRatesAsync(editionId, year));

    private async Task<Dictionary<int, (decimal? Metro, decimal? All)>> LoadFranceRatesAsync(int editionId, int year)
    {
        var rows = db.StatValues.AsNoTracking().Where(v => v.EditionId == editionId && v.Level == StatLevel.Departement && v.Year == year);
        var groups = await rows.GroupBy(v => v.IndicatorId).Select(g => new
        {
            IndicatorId = g.Key,
            Count = g.Sum(v => v.Count ?? 0L),
            Population = g.Sum(v => v.Population ?? 0L),
            CountMetro = g.Sum(v => v.GeoCode.StartsWith("97") ? 0L : v.Count ?? 0L),
            PopulationMetro = g.Sum(v => v.GeoCode.StartsWith("97") ? 0L : v.Population ?? 0L),
        }).ToListAsync();
        var dwellingIndicators = await DwellingIndicatorsAsync();
        var dwellings = await rows.Where(v => dwellingIndicators.Contains(v.IndicatorId)).Select(v => new { v.IndicatorId, v.GeoCode, v.Dwellings }).ToListAsync();
        return groups.ToDictionary(g => g.IndicatorId, g =>
        {
            if (!dwellingIndicators.Contains(g.IndicatorId))
                return (RatePerThousand(g.CountMetro, g.PopulationMetro), RatePerThousand(g.Count, g.Population));
            var mine = dwellings.Where(d => d.IndicatorId == g.IndicatorId).ToList();
            return (RatePerThousand(g.CountMetro, mine.Where(d => !IsOverseas(d.GeoCode)).Sum(d => d.Dwellings ?? 0m)),
                RatePerThousand(g.Count, mine.Sum(d => d.Dwellings ?? 0m)));
        });
    }

    // ---- views ----

    public async Task<ObsTable> TableAsync(ObsTerritory territory, EditionInfo edition, int year)
    {
        var indicators = await IndicatorMapAsync();
        var cells = await CellsAsync(territory, edition.Id, [year, year - 1], null);
        var current = cells.Where(c => c.Year == year).ToList();
        var previous = cells.Where(c => c.Year == year - 1).ToDictionary(c => c.IndicatorId);

        Dictionary<int, ObsCell> departement = [];
        string? departementName = null;
        if (territory.DepartementCode is { } dep && territory.Level != ObsLevel.Departement)
        {
            (departement, departementName) = await CachedAsync(("departement", edition.Id, dep, year), async () =>
            {
                var depTerritory = new ObsTerritory(ObsLevel.Departement, dep, dep, dep) { Direct = (StatLevel.Departement, dep) };
                return ((await CellsAsync(depTerritory, edition.Id, [year], null)).ToDictionary(c => c.IndicatorId),
                    await db.Territories.Where(x => x.Kind == TerritoryKind.Departement && x.Code == dep).Select(x => x.Name).FirstOrDefaultAsync());
            });
        }
        else if (territory.Level == ObsLevel.Departement)
        {
            departement = current.ToDictionary(c => c.IndicatorId);
            departementName = territory.Name;
        }
        var france = await FranceRatesAsync(edition.Id, year);

        var rows = current.Where(c => indicators.ContainsKey(c.IndicatorId))
            .OrderBy(c => indicators[c.IndicatorId].Order).ThenBy(c => indicators[c.IndicatorId].Code)
            .Select(c =>
            {
                var ind = indicators[c.IndicatorId];
                var prev = previous.GetValueOrDefault(c.IndicatorId);
                long? change = null;
                decimal? changePercent = null;
                if (c.HasValue && prev is { HasValue: true })
                {
                    change = c.Count!.Value - prev.Count!.Value;
                    changePercent = prev.Count.Value == 0 ? null : Math.Round(change.Value * 100m / prev.Count.Value, 1, MidpointRounding.AwayFromZero);
                }
                var fr = france.GetValueOrDefault(c.IndicatorId);
                return new ObsRow(ind.Code, c.Label, c.Unit, ind.Denominator, c.Disclosure, c.Count, c.Rate, c.EstimateCount, c.EstimateRate,
                    c.Partial, c.WithheldCommunes, prev?.HasValue == true ? prev.Count : null, change, changePercent,
                    departement.GetValueOrDefault(c.IndicatorId)?.Rate, fr.Metro, fr.All);
            }).ToList();
        return new ObsTable(territory, edition, year, departementName, rows);
    }

    public async Task<ObsSeries?> SeriesAsync(ObsTerritory territory, EditionInfo edition, string indicatorCode)
    {
        var ind = await IndicatorAsync(indicatorCode);
        if (ind is null) return null;
        var cells = await CellsAsync(territory, edition.Id, null, ind.Id);
        if (cells.Count == 0) return null;
        var latest = cells.MaxBy(c => c.Year)!;
        return new ObsSeries(territory, edition, ind.Code, latest.Label, latest.Unit, ind.Denominator,
            cells.OrderBy(c => c.Year).Select(c => new ObsSeriesPoint(c.Year, c.Disclosure, c.Count, c.Rate, c.Partial, c.WithheldCommunes, c.EstimateCount, c.EstimateRate)).ToList());
    }

    /// <summary>Same territory and year in two editions: each value and the difference (B − A).</summary>
    public async Task<IReadOnlyList<ObsComparisonRow>> CompareAsync(ObsTerritory territory, EditionInfo a, EditionInfo b, int year)
    {
        var indicators = await IndicatorMapAsync();
        var cellsA = (await CellsAsync(territory, a.Id, [year], null)).ToDictionary(c => c.IndicatorId);
        var cellsB = (await CellsAsync(territory, b.Id, [year], null)).ToDictionary(c => c.IndicatorId);
        return cellsA.Keys.Union(cellsB.Keys).Where(indicators.ContainsKey)
            .OrderBy(id => indicators[id].Order).ThenBy(id => indicators[id].Code)
            .Select(id =>
            {
                var ca = cellsA.GetValueOrDefault(id);
                var cb = cellsB.GetValueOrDefault(id);
                var va = ca is { HasValue: true } ? ca : null;
                var vb = cb is { HasValue: true } ? cb : null;
                return new ObsComparisonRow(indicators[id].Code, (cb ?? ca)!.Label, va?.Count, va?.Rate, vb?.Count, vb?.Rate,
                    va is not null && vb is not null ? vb.Count - va.Count : null,
                    va?.Rate is { } ra && vb?.Rate is { } rb ? rb - ra : null);
            }).ToList();
    }

    /// <summary>Values per commune of a département for one indicator and year (the choropleth map).</summary>
    public async Task<IReadOnlyList<MapValue>> MapValuesAsync(string departement, EditionInfo edition, int indicatorId, int year)
    {
        var communes = await db.Territories.AsNoTracking()
            .Where(x => (x.Kind == TerritoryKind.Commune || x.Kind == TerritoryKind.Arrondissement) && x.DepartementCode == departement)
            .Select(x => new { x.Code, x.Name, x.Kind, x.ParentCode }).ToListAsync();
        var codes = communes.Select(c => c.Code).ToList();
        var values = await db.StatValues.AsNoTracking()
            .Where(v => v.EditionId == edition.Id && v.Level == StatLevel.Commune && v.Year == year && v.IndicatorId == indicatorId && codes.Contains(v.GeoCode))
            .Select(v => new { v.GeoCode, v.Disclosure, v.Count, v.Rate, v.Population, v.Dwellings, v.EstimateCount, v.EstimateRate }).ToListAsync();
        var denominatorIsDwellings = (await DwellingIndicatorsAsync()).Contains(indicatorId);
        var result = new List<MapValue>();
        foreach (var c in communes.Where(c => c.Kind == TerritoryKind.Commune).OrderBy(c => c.Code))
        {
            if (PlmCities.Contains(c.Code))
            {
                // The 2018 contours have one polygon for Paris / Lyon / Marseille: aggregate the arrondissements onto it.
                var parts = communes.Where(a => a.Kind == TerritoryKind.Arrondissement && a.ParentCode == c.Code).Select(a => a.Code).ToHashSet();
                var rows = values.Where(v => parts.Contains(v.GeoCode)).ToList();
                if (rows.Count == 0) continue;
                var withheld = rows.Count(r => r.Disclosure == Disclosure.Withheld);
                var count = rows.Where(r => r.Disclosure != Disclosure.Withheld).Sum(r => r.Count ?? 0);
                var denominator = denominatorIsDwellings ? rows.Sum(r => r.Dwellings ?? 0m) : rows.Sum(r => (decimal)(r.Population ?? 0));
                result.Add(withheld == rows.Count
                    ? new MapValue(c.Code, c.Name, Disclosure.Withheld, null, null, null, null, withheld)
                    : new MapValue(c.Code, c.Name, count == 0 && withheld == 0 ? Disclosure.Zero : Disclosure.Published, count, RatePerThousand(count, denominator), null, null, withheld));
                continue;
            }
            var v = values.FirstOrDefault(x => x.GeoCode == c.Code);
            if (v is null) continue;
            result.Add(new MapValue(c.Code, c.Name, v.Disclosure, v.Count, v.Rate, v.EstimateCount, v.EstimateRate, 0));
        }
        return result;
    }

    public async Task<Indicator?> IndicatorAsync(string code) => (await IndicatorMapAsync()).Values.FirstOrDefault(i => i.Code == code);

    public async Task<IReadOnlyList<Indicator>> IndicatorsAsync() => [.. (await IndicatorMapAsync()).Values.OrderBy(i => i.Order).ThenBy(i => i.Code)];
}

public sealed record MapValue(string Code, string Name, Disclosure Disclosure, long? Count, decimal? Rate, decimal? EstimateCount, decimal? EstimateRate, int WithheldArrondissements);
