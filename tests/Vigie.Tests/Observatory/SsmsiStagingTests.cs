using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Observatory.Ssmsi;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Observatory;

/// <summary>
/// The PostgreSQL staging import (COPY into a TEMP table, conversion in SQL, ADR 0021) against the row-by-row path:
/// the same values to the last decimal, the same French errors, and no staging table left in the database. On SQLite
/// the importer never stages (the same assertions then check that).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SsmsiStagingTests(VigieFactory factory)
{
    private static readonly bool Stages = TestEnvironment.IsPostgres;

    private async Task<SsmsiImportResult> ImportAsync(string path, DateOnly edition, bool staging)
    {
        SsmsiImportResult? result = null;
        await factory.WithScope(async sp =>
        {
            var importer = sp.GetRequiredService<SsmsiImporter>();
            importer.PostgresStaging = staging;
            importer.SqliteRawBinding = staging;
            result = await importer.ImportAsync(new SsmsiSource(Path.GetFileName(path), () => File.OpenRead(path)), edition);
        });
        return result!;
    }

    private async Task<UserInputException> RejectedAsync(string path, DateOnly edition, bool staging)
    {
        var before = await factory.CountsAsync();
        var e = await Assert.ThrowsAsync<UserInputException>(() => ImportAsync(path, edition, staging));
        Assert.Equal(before, await factory.CountsAsync());
        return e;
    }

    /// <summary>Every value of an edition, key and all columns but the edition id, in key order (on SQLite, the stored
    /// text and type of each cell, so a decimal written "1.50" by one writer and "1.5" by the other differs).</summary>
    private Task<List<string>> ValuesAsync(DateOnly edition) => TestEnvironment.IsPostgres ? EntityValuesAsync(edition) : factory.WithDb(async db =>
    {
        var id = await db.StatEditions.Where(e => e.Source == StatSource.Ssmsi && e.ProducedOn == edition).Select(e => e.Id).SingleAsync();
        var cells = string.Join(" || '|' || ", new[] { "Level", "GeoCode", "Year", "IndicatorId", "PublishedLabel", "Unit", "Disclosure", "Count", "Rate",
            "Population", "PopulationYear", "Dwellings", "DwellingsYear", "EstimateCount", "EstimateRate" }.Select(c => $"typeof(\"{c}\") || quote(\"{c}\")"));
        var sql = "SELECT " + cells + " AS \"Value\" FROM \"StatValues\" WHERE \"EditionId\" = {0}";
        return (await db.Database.SqlQueryRaw<string>(sql, id).ToListAsync())
            .Order(StringComparer.Ordinal).ToList();
    });

    private Task<List<string>> EntityValuesAsync(DateOnly edition) => factory.WithDb(async db =>
        (await (from v in db.StatValues.AsNoTracking()
                join e in db.StatEditions on v.EditionId equals e.Id
                where e.Source == StatSource.Ssmsi && e.ProducedOn == edition
                select v).ToListAsync())
        .Select(v => string.Join('|', v.Level, v.GeoCode, v.Year, v.IndicatorId, v.PublishedLabel, v.Unit, v.Disclosure, v.Count,
            v.Rate?.ToString(CultureInfo.InvariantCulture), v.Population, v.PopulationYear, v.Dwellings?.ToString(CultureInfo.InvariantCulture),
            v.DwellingsYear, v.EstimateCount?.ToString(CultureInfo.InvariantCulture), v.EstimateRate?.ToString(CultureInfo.InvariantCulture)))
        .Order(StringComparer.Ordinal).ToList());

    private Task<long> StagingTablesAsync() => factory.WithDb(db => db.Database
        .SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_class WHERE relname LIKE 'vigie_ssmsi_%'").SingleAsync());

    /// <summary>A small communal base in the generator's format: withheld cells with estimates, NA, decimal commas.</summary>
    private static string Communal(int communes, Func<int, string, string>? alter = null)
    {
        var sb = new StringBuilder("CODGEO_2025;annee;indicateur;unite_de_compte;nombre;taux_pour_mille;est_diffuse;insee_pop;insee_pop_millesime;insee_log;insee_log_millesime;complement_info_nombre;complement_info_taux\n");
        var indicators = new[] { ("Violences physiques intrafamiliales", "Victime"), ("Cambriolages de logement", "Infraction"), ("Vols de véhicule", "Véhicule") };
        var line = 1;
        for (var c = 0; c < communes; c++)
        {
            var code = c % 7 == 0 ? $"2A{c:000}" : $"{1001 + c}"; // "1001": leading zero dropped by a spreadsheet
            for (var year = 2016; year <= 2024; year++)
                foreach (var (label, unit) in indicators)
                {
                    line++;
                    var withheld = (c + year) % 3 == 0;
                    var text = withheld
                        ? $"{code};{year};{label};{unit};NA;NA;ndiff;{1000 + c};{year};{(c % 5 == 0 ? "NA" : $"{400 + c},5")};{year};{c % 4},{year % 10}5;{c % 9},123456789"
                        : $"{code};{year};{label};{unit};{(c + year) % 4 * 3};{(c + year) % 4},{c}0;diff;{1000 + c};{year};{400 + c};{(year % 2 == 0 ? year : "NA")};;";
                    sb.Append(alter is null ? text : alter(line, text)).Append('\n');
                }
        }
        return sb.ToString();
    }

    [Fact]
    public async Task RealAndCommunalFiles_StagedValuesEqualRowByRowValues()
    {
        var communal = SsmsiTestKit.TempFile("communale-produit-le2011-01-01.csv", Communal(40));
        var cases = new[] { (SsmsiTestKit.Jul2023, 2011, true), (SsmsiTestKit.Jun2025, 2012, true), (SsmsiTestKit.Jan2025, 2013, false), (communal, 2014, true) };
        foreach (var (path, year, unquoted) in cases)
        {
            var staged = await ImportAsync(path, new DateOnly(year, 1, 1), staging: true);
            var rowByRow = await ImportAsync(path, new DateOnly(year, 1, 2), staging: false);

            // Quoted files (January 2025) always go row by row: PostgreSQL's CSV reader treats quotes differently.
            Assert.Equal(Stages && unquoted, staged.Staged);
            Assert.False(rowByRow.Staged);
            Assert.Equal((rowByRow.Schema, rowByRow.Level, rowByRow.Rows, rowByRow.Indicators, rowByRow.Years, rowByRow.FirstYear, rowByRow.LastYear, rowByRow.Geographies, rowByRow.Withheld),
                (staged.Schema, staged.Level, staged.Rows, staged.Indicators, staged.Years, staged.FirstYear, staged.LastYear, staged.Geographies, staged.Withheld));
            var expected = await ValuesAsync(new DateOnly(year, 1, 2));
            Assert.Equal(expected.Count, staged.Rows);
            Assert.Equal(expected, await ValuesAsync(new DateOnly(year, 1, 1)));
        }
        var withheld = await EntityValuesAsync(new DateOnly(2014, 1, 1));
        Assert.Contains(withheld, v => v.Contains("|Withheld|") && (v.EndsWith("|0.123456789", StringComparison.Ordinal) || v.EndsWith("|0.1234567890", StringComparison.Ordinal)));
        Assert.Contains(withheld, v => v.StartsWith("Commune|01002|", StringComparison.Ordinal));
        if (Stages) Assert.Equal(0, await StagingTablesAsync());
    }

    public static TheoryData<string, string, string> BadCells => new()
    {
        // (what, replaced text on line 200, expected words)
        { "text in a rate", "TAUX", "colonne « taux_pour_mille » (n° 6) : « 1,5x » n'est pas un nombre." },
        { "float count", "COUNT", "colonne « nombre » (n° 5) : « 3.0x » n'est pas un nombre entier." },
        { "bad commune", "GEO", "colonne « CODGEO_2025 » (n° 1) : code commune « 123 » invalide" },
        { "bad diffusion", "DIFF", "colonne « est_diffuse » (n° 7) : valeur « peut-être » inattendue" },
        { "withheld count missing", "NA", "colonne « nombre » (n° 5) : nombre absent (NA) alors que la valeur est diffusée." },
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public async Task BadCellDeepInFile_SameFrenchErrorAsRowByRow_NothingSaved(string what, string change, string expected)
    {
        Assert.NotEmpty(what);
        var text = Communal(20, (line, l) =>
        {
            if (line != 200) return l;
            var f = l.Split(';');
            switch (change)
            {
                case "TAUX": f[5] = "1,5x"; f[6] = "diff"; f[4] = "1"; break;
                case "COUNT": f[4] = "3.0x"; f[6] = "diff"; break;
                case "GEO": f[0] = "123"; break;
                case "DIFF": f[6] = "peut-être"; break;
                case "NA": f[4] = "NA"; f[6] = "diff"; break;
            }
            return string.Join(';', f);
        });
        var path = SsmsiTestKit.TempFile("mauvaise-cellule.csv", text);

        var staged = await RejectedAsync(path, new DateOnly(2010, 3, 4), staging: true);
        var rowByRow = await RejectedAsync(path, new DateOnly(2010, 3, 4), staging: false);

        Assert.Equal(rowByRow.Message, staged.Message);
        Assert.Contains("Fichier « mauvaise-cellule.csv », ligne 200, ", staged.Message);
        Assert.Contains(expected, staged.Message);
        if (Stages) Assert.Equal(0, await StagingTablesAsync());
    }

    [Fact]
    public async Task DuplicateAndBlankLines_SameFrenchErrorsAsRowByRow()
    {
        var lines = Communal(10).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var duplicate = SsmsiTestKit.TempFile("doublon.csv", string.Join('\n', lines.Append(lines[5])) + "\n");
        var blank = SsmsiTestKit.TempFile("vide.csv", string.Join('\n', lines.Take(50)) + "\n\n" + string.Join('\n', lines.Skip(50).Take(3)) + "\n");

        var staged = await RejectedAsync(duplicate, new DateOnly(2010, 5, 6), staging: true);
        Assert.Equal((await RejectedAsync(duplicate, new DateOnly(2010, 5, 6), staging: false)).Message, staged.Message);
        Assert.Contains($"lignes 6 et {lines.Count + 1}", staged.Message);

        // A blank line is skipped by the reader; PostgreSQL's COPY would refuse it: the file goes row by row, same result.
        var imported = await ImportAsync(blank, new DateOnly(2010, 5, 7), staging: true);
        Assert.False(imported.Staged);
        Assert.Equal(52, imported.Rows);
    }

    [Fact]
    public async Task StagingTableLeftInTheSession_DoesNotBreakTheNextImport()
    {
        var path = SsmsiTestKit.TempFile("reste-produit-le2010-07-08.csv", Communal(5));
        SsmsiImportResult? result = null;
        await factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            if (Stages)
            {
                // What a run killed between CREATE and DROP would leave if its session survived: same names, other columns.
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync(
                    "CREATE TEMP TABLE vigie_ssmsi_stage (junk int); INSERT INTO vigie_ssmsi_stage VALUES (1); CREATE TEMP TABLE vigie_ssmsi_map (junk int)");
            }
            result = await sp.GetRequiredService<SsmsiImporter>()
                .ImportAsync(new SsmsiSource(Path.GetFileName(path), () => File.OpenRead(path)));
            if (Stages)
                Assert.Equal(0, await db.Database.SqlQueryRaw<long>(
                    "SELECT count(*) AS \"Value\" FROM pg_class WHERE relname LIKE 'vigie_ssmsi_%'").SingleAsync());
        });

        Assert.Equal(Stages, result!.Staged);
        Assert.Equal(5 * 9 * 3, result.Rows);
        Assert.Equal(5 * 9 * 3, (await ValuesAsync(new DateOnly(2010, 7, 8))).Count);
    }
}
