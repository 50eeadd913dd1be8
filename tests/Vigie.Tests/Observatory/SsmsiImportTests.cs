using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Observatory;
using Vigie.Web.Infrastructure;
using static Vigie.Web.Features.Observatory.IndicatorCatalog;

namespace Vigie.Tests.Observatory;

[Collection(AppCollection.Name)]
public sealed class SsmsiImportTests(VigieFactory factory)
{
    private static readonly DateOnly Jan = new(2025, 1, 26);
    private static readonly DateOnly Jun = new(2025, 6, 4);
    private static readonly DateOnly Jul2023 = new(2023, 7, 17);

    [Fact]
    public async Task Import_RealDepartementFiles_DetectsEachGenerationAndAllRows()
    {
        await factory.EnsureSsmsiAsync();

        var r2023 = SsmsiTestKit.FirstImports[SsmsiTestKit.Jul2023];
        var rJan = SsmsiTestKit.FirstImports[SsmsiTestKit.Jan2025];
        var rJun = SsmsiTestKit.FirstImports[SsmsiTestKit.Jun2025];
        Assert.Equal((Generations.Ssmsi2023, 9_898L, 14, 7, 2016, 2022), (r2023.Schema, r2023.Rows, r2023.Indicators, r2023.Years, r2023.FirstYear!.Value, r2023.LastYear!.Value));
        Assert.Equal((Generations.Ssmsi2025Jan, 15_453L, 17, 9), (rJan.Schema, rJan.Rows, rJan.Indicators, rJan.Years));
        Assert.Equal((Generations.Ssmsi2025Jun, 16_362L, 18, 9), (rJun.Schema, rJun.Rows, rJun.Indicators, rJun.Years));
        Assert.All(new[] { r2023, rJan, rJun }, r => Assert.Equal((StatLevel.Departement, 101, 0L), (r.Level, r.Geographies, r.Withheld)));
    }

    [Fact]
    public async Task Import_January2025Edition_RhoneFiguresAsPublished()
    {
        await factory.EnsureSsmsiAsync();

        var v = await factory.ValueAsync(Jan, StatLevel.Departement, "69", 2024, Cambriolages);

        Assert.NotNull(v);
        Assert.Equal(8_316, v.Count);
        Assert.Equal(8.6262229m, v.Rate);
        Assert.Equal("Cambriolages de logement", v.PublishedLabel);
        Assert.Equal("Infraction", v.Unit);
        Assert.Equal(Disclosure.Published, v.Disclosure);
        Assert.Equal((1_907_982L, 2022, 964_037m, 2021), (v.Population!.Value, v.PopulationYear!.Value, v.Dwellings!.Value, v.DwellingsYear!.Value));
        var ain = await factory.ValueAsync(Jan, StatLevel.Departement, "01", 2016, Homicides);
        Assert.Equal((5L, 0.0078318m), (ain!.Count!.Value, ain.Rate!.Value));
        var tentatives = await factory.ValueAsync(Jan, StatLevel.Departement, "39", 2023, TentativesHomicide);
        Assert.Equal("Tentatives d'homicides", tentatives!.PublishedLabel);
    }

    [Fact]
    public async Task Import_June2025Edition_KeepsRevisedValueBesideOlderEdition()
    {
        await factory.EnsureSsmsiAsync();

        var v = await factory.ValueAsync(Jun, StatLevel.Departement, "69", 2024, Cambriolages);
        var hautesAlpesZero = await factory.ValueAsync(Jun, StatLevel.Departement, "05", 2016, Homicides);
        var mayotte = await factory.ValueAsync(Jun, StatLevel.Departement, "976", 2024, EscroqueriesFraudes);
        var vehicle = await factory.ValueAsync(Jun, StatLevel.Departement, "01", 2016, VolsVehicules);

        Assert.Equal((8_302L, 8.6117006m), (v!.Count!.Value, v.Rate!.Value));
        Assert.Equal((Disclosure.Zero, 0L, 0m), (hautesAlpesZero!.Disclosure, hautesAlpesZero.Count!.Value, hautesAlpesZero.Rate!.Value));
        Assert.Equal((455L, 1.7737547m, 2017), (mayotte!.Count!.Value, mayotte.Rate!.Value, mayotte.PopulationYear!.Value));
        Assert.Equal("Vols de véhicule", vehicle!.PublishedLabel);
        Assert.Equal(8_316, (await factory.ValueAsync(Jan, StatLevel.Departement, "69", 2024, Cambriolages))!.Count);
    }

    [Fact]
    public async Task Import_2023Edition_TwoDigitYearsAndDecimalDwellings()
    {
        await factory.EnsureSsmsiAsync();

        var v = await factory.ValueAsync(Jul2023, StatLevel.Departement, "69", 2022, Cambriolages);

        Assert.NotNull(v);
        Assert.Equal(9_601, v.Count);
        Assert.Equal(10.11130656m, v.Rate);
        Assert.Equal(949_531.0959m, v.Dwellings);
        Assert.Equal((1_883_437L, 2020, 2020), (v.Population!.Value, v.PopulationYear!.Value, v.DwellingsYear!.Value));
        Assert.Equal("infraction", v.Unit); // unit as published (lower-case in 2023)
        var ain = await factory.ValueAsync(Jul2023, StatLevel.Departement, "01", 2016, CoupsBlessures);
        Assert.Equal((1_437L, 2.250851705m, 308_491.1601m), (ain!.Count!.Value, ain.Rate!.Value, ain.Dwellings!.Value));
    }

    [Fact]
    public async Task Import_ParisCommunalExtract_CommuneValuesAndWithheldEstimates()
    {
        await factory.EnsureSsmsiAsync();

        var paris = SsmsiTestKit.FirstImports[SsmsiTestKit.Paris];
        var p13 = await factory.ValueAsync(Jun, StatLevel.Commune, "75113", 2024, Cambriolages);
        var afd = await factory.ValueAsync(Jun, StatLevel.Commune, "75113", 2024, UsageStupefiantsAfd);
        var withheld = await factory.ValueAsync(Jun, StatLevel.Commune, "75102", 2020, VolsAvecArmes);

        Assert.Equal((Generations.SsmsiCommunal, StatLevel.Commune, 2_700L, 20, 15L, 15), (paris.Schema, paris.Level, paris.Rows, paris.Geographies, paris.Withheld, paris.Indicators));
        Assert.Equal((436L, 4.0784654m, 177_735L, 106_903m), (p13!.Count!.Value, p13.Rate!.Value, p13.Population!.Value, p13.Dwellings!.Value));
        Assert.Equal((2_041L, 11.4833882m), (afd!.Count!.Value, afd.Rate!.Value));
        Assert.Equal(Disclosure.Withheld, withheld!.Disclosure);
        Assert.Null(withheld.Count);
        Assert.Null(withheld.Rate);
        Assert.Equal(8m, withheld.EstimateCount);
        Assert.Equal(0.2031574m, withheld.EstimateRate);
        Assert.Null(p13.EstimateCount);
    }

    [Fact]
    public async Task Import_AllFiles_EveryValueReferencesAnExistingEditionAndIndicator()
    {
        // StatValues has no foreign keys (ADR 0007): the importer alone guarantees these references.
        await factory.EnsureSsmsiAsync();

        var (total, orphans) = await factory.WithDb(async db => (
            await db.StatValues.CountAsync(),
            await db.StatValues.CountAsync(v => !db.StatEditions.Any(e => e.Id == v.EditionId) || !db.Indicators.Any(i => i.Id == v.IndicatorId))));

        Assert.True(total > 40_000, $"{total} values");
        Assert.Equal(0, orphans);
    }

    [Fact]
    public async Task Import_ParisExtract_ArrondissementsSumToDepartementOfSameEdition()
    {
        await factory.EnsureSsmsiAsync();

        var sum = await factory.WithDb(async db => (await (from v in db.StatValues
                                                           join e in db.StatEditions on v.EditionId equals e.Id
                                                           join i in db.Indicators on v.IndicatorId equals i.Id
                                                           where e.ProducedOn == Jun && v.Level == StatLevel.Commune && v.GeoCode.StartsWith("751") && v.Year == 2024 && i.Code == Cambriolages
                                                           select v.Count).ToListAsync()).Sum());

        Assert.Equal(9_235, sum);
        Assert.Equal(9_235, (await factory.ValueAsync(Jun, StatLevel.Departement, "75", 2024, Cambriolages))!.Count);
    }

    [Fact]
    public async Task France_SumOfDepartements_MatchesPublishedNationalFigures()
    {
        await factory.EnsureSsmsiAsync();

        Assert.Equal(218_672, await factory.FranceCountAsync(Jan, 2024, Cambriolages));
        Assert.Equal(997, await factory.FranceCountAsync(Jan, 2024, Homicides));
        Assert.Equal(4_305, await factory.FranceCountAsync(Jan, 2024, TentativesHomicide));
        Assert.Equal(288_114, await factory.FranceCountAsync(Jan, 2024, UsageStupefiants));
        Assert.Equal(218_156, await factory.FranceCountAsync(Jun, 2024, Cambriolages));
        Assert.Equal(976, await factory.FranceCountAsync(Jun, 2024, Homicides));
        Assert.Equal(196_420, await factory.FranceCountAsync(Jun, 2024, UsageStupefiantsAfd));
    }

    [Fact]
    public async Task Import_SameFileTwice_ChangesNothing()
    {
        await factory.EnsureSsmsiAsync();
        var before = await factory.CountsAsync();

        var again = await factory.ImportSsmsiAsync(SsmsiTestKit.Jun2025);
        var renamedCopy = await factory.ImportSsmsiAsync(SsmsiTestKit.Paris, SsmsiTestKit.ParisEdition, "autre-nom.csv");

        Assert.True(again.AlreadyImported);
        Assert.True(renamedCopy.AlreadyImported);
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task Import_FileNameWithoutDateAndNoEdition_FrenchErrorAndNothingSaved()
    {
        var before = await factory.CountsAsync();

        var e = await Assert.ThrowsAsync<UserInputException>(() => factory.ImportSsmsiAsync(SsmsiTestKit.Paris));

        Assert.Contains("Édition inconnue pour « delinquance_paris.csv »", e.Message);
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task Import_RegionFile_DetectedFromHeaderWithPaddedCodes()
    {
        var path = SsmsiTestKit.TempFile("donnee-reg-data.gouv-2024-geographie2025-produit-le2011-03-04.csv",
            "\uFEFFcode_region;annee;indicateur;unite_de_compte;nombre;taux_pour_mille;insee_pop;insee_pop_millesime;insee_log;insee_log_millesime\n" +
            "1;2024;Homicides;Victime;12;0.031;384315;2022;230000;2021\n" +
            "84;2024;Cambriolages de logement;Infraction;30000;7.5;8000000;2022;4000000;2021\n");

        var r = await factory.ImportSsmsiAsync(path);

        Assert.Equal((StatLevel.Region, Generations.Ssmsi2025Jun, 2L), (r.Level, r.Schema, r.Rows));
        var guadeloupe = await factory.ValueAsync(new DateOnly(2011, 3, 4), StatLevel.Region, "01", 2024, Homicides);
        Assert.Equal((12L, 0.031m), (guadeloupe!.Count!.Value, guadeloupe.Rate!.Value));
    }

    [Fact]
    public async Task EnsureCatalogue_Twice_KeepsOneRowPerCode()
    {
        var ids = await factory.WithDb(db => IndicatorCatalog.EnsureAsync(db));
        var again = await factory.WithDb(db => IndicatorCatalog.EnsureAsync(db));
        var rows = await factory.WithDb(db => db.Indicators.AsNoTracking().ToListAsync());

        Assert.Equal(22, rows.Count);
        Assert.Equal(ids, again);
        Assert.Equal(RateDenominator.Dwellings, rows.Single(r => r.Code == Cambriolages).Denominator);
        Assert.Equal("Tentatives d'homicide", rows.Single(r => r.Code == TentativesHomicide).Label);
        Assert.Equal(TentativesHomicide, CodeFor(Generations.Ssmsi2025Jan, "Tentatives d'homicides"));
        Assert.Null(CodeFor(Generations.Ssmsi2023, "Homicides")); // not in the 2023 nomenclature
    }
}
