using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;

namespace Vigie.Tests.Observatory;

/// <summary>One published département row as read from the real SSMSI file (for independent expectations).</summary>
public sealed record DepRow(string Departement, int Year, string Code, string Label, string Unit, long Count, decimal Rate, long Population, long Dwellings);

public sealed record SeededCommune(string Code, long Population, decimal Dwellings);

/// <summary>What the seed inserted, so tests compute their expectations from the same rows.</summary>
public sealed record ObservatoryData(DateOnly Edition, DateOnly OlderEdition, IReadOnlyList<DepRow> Departements, string EpciCode,
    IReadOnlyList<SeededCommune> Communes, string WithheldCommune, string ParisArrondissement)
{
    public string EditionText => Edition.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public string OlderEditionText => OlderEdition.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Commune figures seeded per (code, indicator, year): (count or null when withheld, rate, estimates).</summary>
    public Dictionary<(string Commune, string Indicator, int Year), (long? Count, decimal? Rate, decimal? EstimateCount, decimal? EstimateRate)> CommuneValues { get; } = [];
}

/// <summary>
/// Seeds observatory figures directly through AppDbContext (independent of the SSMSI importer), in
/// editions dated 2001 so they never collide with editions a real import creates. Département rows
/// are the real 2025-01-26 file; commune rows are synthetic on real INSEE codes.
/// </summary>
public static class ObservatorySeed
{
    public static readonly DateOnly Edition = new(2001, 1, 26);
    public static readonly DateOnly OlderEdition = new(2000, 12, 1);
    public const int Year = 2024;
    /// <summary>Rhône cambriolages 2024 in the older edition: the real value minus this (a revision).</summary>
    public const long Revision = 14;

    public static readonly Dictionary<string, string> Codes = new()
    {
        ["Homicides"] = "homicides",
        ["Tentatives d'homicides"] = "tentatives-homicide",
        ["Coups et blessures volontaires"] = "coups-blessures-volontaires",
        ["Coups et blessures volontaires intrafamiliaux"] = "coups-blessures-volontaires-intrafamiliaux",
        ["Autres coups et blessures volontaires"] = "autres-coups-blessures-volontaires",
        ["Violences sexuelles"] = "violences-sexuelles",
        ["Vols avec armes"] = "vols-avec-armes",
        ["Vols violents sans arme"] = "vols-violents-sans-arme",
        ["Vols sans violence contre des personnes"] = "vols-sans-violence-personnes",
        ["Cambriolages de logement"] = "cambriolages-logement",
        ["Vols de véhicules"] = "vols-vehicules",
        ["Vols dans les véhicules"] = "vols-dans-vehicules",
        ["Vols d'accessoires sur véhicules"] = "vols-accessoires-vehicules",
        ["Destructions et dégradations volontaires"] = "destructions-degradations",
        ["Escroqueries"] = "escroqueries",
        ["Trafic de stupéfiants"] = "trafic-stupefiants",
        ["Usage de stupéfiants"] = "usage-stupefiants",
    };

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<VigieFactory, ObservatoryData> Seeded = [];

    public static string DepartementFile => Path.Combine(TestEnvironment.SharedData, "ssmsi", "donnee-dep-data.gouv-2024-geographie2024-produit-le2025-01-26.csv");

    public static async Task<ObservatoryData> EnsureObservatoryAsync(this VigieFactory f)
    {
        await f.EnsureGeographyAsync();
        await Gate.WaitAsync();
        try
        {
            if (Seeded.TryGetValue(f, out var done)) return done;
            var data = await f.WithDb(SeedAsync);
            Seeded[f] = data;
            return data;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Tiny reader for the quoted, BOM-prefixed, decimal-comma 2025-01-26 département file.</summary>
    public static List<DepRow> ReadDepartements()
    {
        var rows = new List<DepRow>();
        foreach (var line in File.ReadLines(DepartementFile).Skip(1))
        {
            var c = line.Split(';').Select(x => x.Trim('"')).ToArray();
            rows.Add(new DepRow(c[0], int.Parse(c[2], CultureInfo.InvariantCulture), Codes[c[3]], c[3], c[4],
                long.Parse(c[5], CultureInfo.InvariantCulture), decimal.Parse(c[6].Replace(',', '.'), CultureInfo.InvariantCulture),
                long.Parse(c[7], CultureInfo.InvariantCulture), long.Parse(c[9], CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    private static async Task<Dictionary<string, int>> EnsureIndicatorsAsync(AppDbContext db, List<DepRow> rows)
    {
        var order = 0;
        foreach (var (label, code) in Codes)
        {
            order++;
            if (await db.Indicators.AnyAsync(i => i.Code == code)) continue;
            db.Indicators.Add(new Indicator
            {
                Code = code, Label = label, Unit = rows.First(r => r.Code == code).Unit, Order = order,
                Denominator = code == "cambriolages-logement" ? RateDenominator.Dwellings : RateDenominator.Population,
            });
        }
        await db.SaveChangesAsync();
        return await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id);
    }

    private static async Task<ObservatoryData> SeedAsync(AppDbContext db)
    {
        var rows = ReadDepartements();
        var ids = await EnsureIndicatorsAsync(db, rows);
        var edition = await db.StatEditions.FirstOrDefaultAsync(e => e.Source == StatSource.Ssmsi && e.ProducedOn == Edition);
        var older = await db.StatEditions.FirstOrDefaultAsync(e => e.Source == StatSource.Ssmsi && e.ProducedOn == OlderEdition);
        var fresh = edition is null;
        edition ??= new StatEdition { Source = StatSource.Ssmsi, ProducedOn = Edition, CreatedAt = DateTimeOffset.UtcNow };
        older ??= new StatEdition { Source = StatSource.Ssmsi, ProducedOn = OlderEdition, CreatedAt = DateTimeOffset.UtcNow };
        if (fresh)
        {
            db.StatEditions.AddRange(edition, older);
            await db.SaveChangesAsync();
        }

        // Three real communes of one EPCI of the Nord (the EPCI of Bavinchove, 59054).
        var epci = await db.Territories.Where(t => t.Kind == TerritoryKind.Commune && t.Code == "59054").Select(t => t.EpciCode!).SingleAsync();
        var members = await db.Territories.Where(t => t.Kind == TerritoryKind.Commune && t.EpciCode == epci).OrderBy(t => t.Code).Select(t => t.Code).Take(3).ToListAsync();
        var communes = members.Select((code, i) => new SeededCommune(code, 5000 + 2500 * i, 2100.5m + 1000 * i)).ToList();
        var data = new ObservatoryData(Edition, OlderEdition, rows, epci, communes, communes[2].Code, "75113");

        var values = new List<StatValue>();
        foreach (var r in rows)
        {
            values.Add(Value(edition.Id, StatLevel.Departement, r.Departement, r.Year, ids[r.Code], r.Label, r.Unit, Disclosure(r.Count), r.Count, r.Rate, r.Population, r.Dwellings));
            if (r.Departement == "69" && r.Year == Year)
            {
                var count = r.Code == "cambriolages-logement" ? r.Count - Revision : r.Count;
                values.Add(Value(older.Id, StatLevel.Departement, r.Departement, r.Year, ids[r.Code], r.Label, r.Unit, Disclosure(count), count,
                    r.Code == "cambriolages-logement" ? Math.Round(count * 1000m / r.Dwellings, 7) : r.Rate, r.Population, r.Dwellings));
            }
        }

        // Commune rows: cambriolages published everywhere; vols avec armes withheld in the third commune.
        foreach (var year in new[] { Year - 1, Year })
        {
            for (var i = 0; i < communes.Count; i++)
            {
                var c = communes[i];
                var burglaries = 20L + 5 * i + (year - Year) * 3;
                AddCommune(values, data, edition.Id, ids, c, "cambriolages-logement", "Cambriolages de logement", "Infraction", year, burglaries, Math.Round(burglaries * 1000m / c.Dwellings, 7), null, null);
                if (i == 2) AddCommune(values, data, edition.Id, ids, c, "vols-avec-armes", "Vols avec armes", "Infraction", year, null, null, 1.5m, 0.2031574m);
                else
                {
                    var armed = i == 0 ? 0L : 3L + (year - Year);
                    AddCommune(values, data, edition.Id, ids, c, "vols-avec-armes", "Vols avec armes", "Infraction", year, armed, Math.Round(armed * 1000m / c.Population, 7), null, null);
                }
            }
            // A Paris arrondissement, published directly by SSMSI.
            var paris = new SeededCommune("75113", 177735, 106903m);
            AddCommune(values, data, edition.Id, ids, paris, "cambriolages-logement", "Cambriolages de logement", "Infraction", year, 436 - (Year - year), Math.Round((436m - (Year - year)) * 1000m / 106903m, 7), null, null);
        }
        if (fresh)
        {
            db.StatValues.AddRange(values);
            await db.SaveChangesAsync();
        }
        return data;
    }

    private static void AddCommune(List<StatValue> values, ObservatoryData data, int editionId, Dictionary<string, int> ids, SeededCommune c, string code, string label, string unit,
        int year, long? count, decimal? rate, decimal? estimateCount, decimal? estimateRate)
    {
        var v = Value(editionId, StatLevel.Commune, c.Code, year, ids[code], label, unit, count is null ? Vigie.Web.Domain.Disclosure.Withheld : Disclosure(count.Value), count, rate, c.Population, c.Dwellings);
        v.EstimateCount = estimateCount;
        v.EstimateRate = estimateRate;
        values.Add(v);
        data.CommuneValues[(c.Code, code, year)] = (count, rate, estimateCount, estimateRate);
    }

    private static Disclosure Disclosure(long count) => count == 0 ? Vigie.Web.Domain.Disclosure.Zero : Vigie.Web.Domain.Disclosure.Published;

    private static StatValue Value(int editionId, StatLevel level, string geo, int year, int indicatorId, string label, string unit, Disclosure disclosure,
        long? count, decimal? rate, long population, decimal dwellings) => new()
    {
        EditionId = editionId, Level = level, GeoCode = geo, Year = year, IndicatorId = indicatorId, PublishedLabel = label, Unit = unit,
        Disclosure = disclosure, Count = count, Rate = rate, Population = population, PopulationYear = 2022, Dwellings = dwellings, DwellingsYear = 2021,
    };
}
