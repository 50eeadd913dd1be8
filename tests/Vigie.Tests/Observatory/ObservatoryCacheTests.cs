using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Observatory;

/// <summary>
/// API answers are cached per data stamp: an import into the same edition is visible at once on the instance that ran
/// it, and on the others within <see cref="ObservatoryDataStamp.OtherInstanceDelay"/> (the stamp is read once per interval).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ObservatoryCacheTests(VigieFactory factory)
{
    [Fact]
    public async Task ApiTable_AfterDepartementFileAddedToSameEdition_ShowsNewComparison()
    {
        var (client, _) = await ObservatoryApiKit.ApiAsync(factory);
        // An old edition no other test reads (never the latest), commune 01001 and its département 01.
        var edition = new DateOnly(2001, 1, 1);
        var folder = Directory.CreateTempSubdirectory("vigie-cache-").FullName;
        var communeFile = Path.Combine(folder, "commune-cache.csv");
        await File.WriteAllTextAsync(communeFile,
            "CODGEO_2025;annee;indicateur;unite_de_compte;nombre;taux_pour_mille;est_diffuse;insee_pop;insee_pop_millesime;insee_log;insee_log_millesime;complement_info_nombre;complement_info_taux\n" +
            "01001;2000;Homicides;Victime;1;1,0000000;diff;1000;2000;500;2000;NA;NA\n");
        var departementFile = Path.Combine(folder, "departement-cache.csv");
        await File.WriteAllTextAsync(departementFile,
            "code_departement;code_region;annee;indicateur;unite_de_compte;nombre;taux_pour_mille;insee_pop;insee_pop_millesime;insee_log;insee_log_millesime\n" +
            "1;84;2000;Homicides;Victime;4;0.0100000;400000;2000;200000;2000\n");
        const string url = "/api/v1/observatory/commune/01001?year=2000&edition=2001-01-01";

        await factory.ImportSsmsiAsync(communeFile, edition);
        var before = (await client.JsonAsync(url)).Indicator("homicides").GetProperty("comparison");
        var beforeAgain = (await client.JsonAsync(url)).Indicator("homicides").GetProperty("comparison");
        await factory.ImportSsmsiAsync(departementFile, edition);
        var after = (await client.JsonAsync(url)).Indicator("homicides").GetProperty("comparison");

        Assert.Null(before.Dec("departement"));
        Assert.Null(beforeAgain.Dec("departement"));
        Assert.Equal(0.0100000m, after.Dec("departement"));
    }

    [Fact]
    public async Task ApiTable_AfterImportOnAnotherInstance_ShowsNewComparisonWithinTheStampDelay()
    {
        var (client, _) = await ObservatoryApiKit.ApiAsync(factory);
        var edition = new DateOnly(2002, 1, 1);
        var folder = Directory.CreateTempSubdirectory("vigie-cache-").FullName;
        var communeFile = Path.Combine(folder, "commune-stamp.csv");
        await File.WriteAllTextAsync(communeFile,
            "CODGEO_2025;annee;indicateur;unite_de_compte;nombre;taux_pour_mille;est_diffuse;insee_pop;insee_pop_millesime;insee_log;insee_log_millesime;complement_info_nombre;complement_info_taux\n" +
            "01001;2000;Homicides;Victime;1;1,0000000;diff;1000;2000;500;2000;NA;NA\n");
        var departementFile = Path.Combine(folder, "departement-stamp.csv");
        await File.WriteAllTextAsync(departementFile,
            "code_departement;code_region;annee;indicateur;unite_de_compte;nombre;taux_pour_mille;insee_pop;insee_pop_millesime;insee_log;insee_log_millesime\n" +
            "1;84;2000;Homicides;Victime;6;0.0200000;300000;2000;200000;2000\n");
        const string url = "/api/v1/observatory/commune/01001?year=2000&edition=2002-01-01";
        await factory.ImportSsmsiAsync(communeFile, edition);
        Assert.Null((await client.JsonAsync(url)).Indicator("homicides").GetProperty("comparison").Dec("departement"));

        var second = VigieFactory.SharingDatabase(factory.ConnectionString);
        var moved = ObservatoryDataStamp.OtherInstanceDelay + TimeSpan.FromSeconds(1);
        try
        {
            await second.InitializeAsync();
            await second.ImportSsmsiAsync(departementFile, edition);
            // This instance may still answer from its stamp until the delay has passed (not asserted: how much real time
            // the second instance took to start and import is not the test's to control); after it, the new figures.
            factory.Clock.Advance(moved);
            var fresh = (await client.JsonAsync(url)).Indicator("homicides").GetProperty("comparison");

            Assert.Equal(0.0200000m, fresh.Dec("departement"));
        }
        finally
        {
            factory.Clock.Advance(-moved);
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }
}
