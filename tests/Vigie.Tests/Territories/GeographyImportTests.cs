using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Territories;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Territories;

[Collection(AppCollection.Name)]
public sealed class GeographyImportTests(VigieFactory factory)
{
    private async Task<GeographyImportResult> ImportAsync(string folder)
    {
        GeographyImportResult? result = null;
        await factory.WithScope(async sp => result = await sp.GetRequiredService<GeographyImporter>().ImportFolderAsync(folder));
        return result!;
    }

    [Fact]
    public async Task Import_RealFiles_GivesOfficialCountsAndIsIdempotent()
    {
        await factory.EnsureGeographyAsync();

        var again = await ImportAsync(Geography.InseeFolder);

        Assert.Equal(34_875, again.FileCounts[TerritoryKind.Commune]);
        Assert.Equal(45, again.FileCounts[TerritoryKind.Arrondissement]);
        Assert.Equal(476, again.FileCounts[TerritoryKind.AssociatedCommune]);
        Assert.Equal(2_152, again.FileCounts[TerritoryKind.DelegatedCommune]);
        Assert.Equal(101, again.FileCounts[TerritoryKind.Departement]);
        Assert.Equal(18, again.FileCounts[TerritoryKind.Region]);
        Assert.Equal(1_255, again.FileCounts[TerritoryKind.Epci]);
        Assert.Equal(11, again.FileCounts[TerritoryKind.Ept]);
        Assert.Equal(0, again.Inserted);
        Assert.Equal(0, again.Updated);
        Assert.Equal(again.FileCounts.Values.Sum(), again.Unchanged);
    }

    [Fact]
    public async Task Import_RealFiles_StoresHierarchyEpciAndPopulations()
    {
        await factory.EnsureGeographyAsync();
        await factory.WithDb(async db =>
        {
            var lomme = await db.Territories.SingleAsync(t => t.Code == "59355");
            Assert.Equal(TerritoryKind.AssociatedCommune, lomme.Kind);
            Assert.Equal("59350", lomme.ParentCode);
            Assert.Equal("59", lomme.DepartementCode);
            var lille = await db.Territories.SingleAsync(t => t.Kind == TerritoryKind.Commune && t.Code == "59350");
            Assert.Equal("200093201", lille.EpciCode);
            Assert.Equal(238_695, lille.Population);
            var paris13 = await db.Territories.SingleAsync(t => t.Kind == TerritoryKind.Arrondissement && t.Code == "75113");
            Assert.Equal(177_735, paris13.Population);
            Assert.Equal("75056", paris13.ParentCode);
            var paris = await db.Territories.SingleAsync(t => t.Kind == TerritoryKind.Commune && t.Code == "75056");
            Assert.Equal(2_113_705, paris.Population); // sum of the arrondissements
            var puteaux = await db.Territories.SingleAsync(t => t.Kind == TerritoryKind.Commune && t.Code == "92062");
            Assert.Equal("200057982", puteaux.EptCode);
            var mel = await db.Territories.SingleAsync(t => t.Kind == TerritoryKind.Epci && t.Code == "200093201");
            Assert.Equal("Métropole Européenne de Lille", mel.Name);
            Assert.Equal("METRO", mel.Nature);
            Assert.Equal(1_194_040, mel.Population);
            Assert.Equal(45, await db.Territories.CountAsync(t => t.Kind == TerritoryKind.Arrondissement));
            Assert.Equal(476, await db.Territories.CountAsync(t => t.Kind == TerritoryKind.AssociatedCommune));
            Assert.Equal(34_875, await db.Territories.CountAsync(t => t.Kind == TerritoryKind.Commune && t.RegionCode != null));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.GeographyImported));
            return 0;
        });
    }
}

/// <summary>Corrupted copies of the real files (written to a temporary folder) must change nothing.</summary>
[Collection(AppCollection.Name)]
public sealed class GeographyImportRejectsBadFilesTests(VigieFactory factory)
{
    private static string CopyWith(Func<string[], string[]> editCommunes)
    {
        var dir = Directory.CreateTempSubdirectory("vigie-geo-").FullName;
        foreach (var name in new[] { "regions.csv", "departements.csv", "donnees_communes.csv" })
            File.Copy(Path.Combine(Geography.InseeFolder, name), Path.Combine(dir, name));
        var lines = File.ReadAllText(Path.Combine(Geography.InseeFolder, "communes.csv"), Encoding.UTF8).Split("\r\n");
        File.WriteAllText(Path.Combine(dir, "communes.csv"), string.Join("\r\n", editCommunes(lines)), new UTF8Encoding(false));
        return dir;
    }

    private async Task<(int Count, string Name)> SnapshotAsync() => await factory.WithDb(async db =>
        (await db.Territories.CountAsync(), (await db.Territories.SingleAsync(t => t.Kind == TerritoryKind.Commune && t.Code == "01001")).Name));

    private async Task<UserInputException> ImportFailsAsync(string folder)
    {
        UserInputException? error = null;
        await factory.WithScope(async sp =>
            error = await Assert.ThrowsAsync<UserInputException>(() => sp.GetRequiredService<GeographyImporter>().ImportFolderAsync(folder)));
        return error!;
    }

    [Fact]
    public async Task Import_MissingColumn_FailsNamingFileAndColumn_AndChangesNothing()
    {
        await factory.EnsureGeographyAsync();
        var before = await SnapshotAsync();
        var folder = CopyWith(lines => [lines[0].Replace("LIBELLE", "NOM"), .. lines[1..]]);

        var error = await ImportFailsAsync(folder);

        Assert.Equal("communes.csv : la colonne « LIBELLE » est manquante dans l'en-tête.", error.Message);
        Assert.Equal(before, await SnapshotAsync());
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task Import_BadRowInTheMiddle_FailsNamingFileAndLine_AndKeepsEarlierRowsUnchanged()
    {
        await factory.EnsureGeographyAsync();
        var before = await SnapshotAsync();
        var folder = CopyWith(lines =>
        {
            lines[1] = lines[1].Replace("L'Abergement-Clémenciat", "Nom modifié"); // would be an update…
            lines[19_999] = "XYZ" + lines[19_999][lines[19_999].IndexOf(',')..]; // …but line 20 000 is wrong
            return lines;
        });

        var error = await ImportFailsAsync(folder);

        Assert.StartsWith("communes.csv, ligne 20000 : type « XYZ » inconnu", error.Message);
        Assert.Equal(before, await SnapshotAsync());
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task Import_BadPopulation_NamesColumnAndLine()
    {
        await factory.EnsureGeographyAsync();
        var folder = CopyWith(lines => lines);
        var pop = File.ReadAllLines(Path.Combine(folder, "donnees_communes.csv"));
        pop[10] = string.Join(';', pop[10].Split(';') is var cells ? [.. cells[..8], "beaucoup", .. cells[9..]] : []);
        File.WriteAllLines(Path.Combine(folder, "donnees_communes.csv"), pop);

        var error = await ImportFailsAsync(folder);

        Assert.Equal("donnees_communes.csv, ligne 11 : « beaucoup » n'est pas un nombre entier positif (colonne « PMUN »).", error.Message);
        Directory.Delete(folder, true);
    }
}
