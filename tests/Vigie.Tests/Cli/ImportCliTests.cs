using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Observatory;
using Vigie.Web.Cli;
using Vigie.Web.Domain;

namespace Vigie.Tests.Cli;

/// <summary>The import verbs run in-process on real files: exit codes, the shared summary, French errors, idempotence.</summary>
[Collection(AppCollection.Name)]
public sealed class ImportCliTests(VigieFactory factory)
{
    [Fact]
    public async Task ImportSsmsi_RealFile_PrintsSummary_AndTwiceKeepsTheSameRows()
    {
        var path = SsmsiTestKit.TempFile("extrait-cli.csv", SsmsiTestKit.Head(SsmsiTestKit.Jan2025, 201));

        var (code, output) = await factory.RunCliAsync("import", "ssmsi", path, "--edition", "2004-04-04");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Édition du 04/04/2004", output);
        Assert.Matches(@"Lignes lues\s*│\s*200\b", output);
        Assert.Matches(@"Lignes importées\s*│\s*200\b", output);
        Assert.Matches(@"Lignes rejetées\s*│\s*0\b", output);
        Assert.Contains("Durée", output);
        var after = await factory.CountsAsync();

        var (again, againOutput) = await factory.RunCliAsync("import", "ssmsi", path, "--edition", "2004-04-04");

        Assert.Equal(ExitCodes.Success, again);
        Assert.Contains("Déjà importé", againOutput);
        Assert.Equal(after, await factory.CountsAsync());
    }

    [Fact]
    public async Task ImportSsmsi_TruncatedFile_Exit2_WithFrenchMessageNamingFileAndLine_AndNothingSaved()
    {
        var content = SsmsiTestKit.Head(SsmsiTestKit.Jun2025, 40);
        var path = SsmsiTestKit.TempFile("tronque.csv", content[..^10]);
        var before = await factory.CountsAsync();

        var (code, output) = await factory.RunCliAsync("import", "ssmsi", path, "--edition", "2004-05-05");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Erreur :", output);
        Assert.Contains("« tronque.csv », ligne 40", output);
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task ImportSeries_BadLine_Exit2_TableNamesLineAndColumn_ThenValidFileTwiceSameRows()
    {
        var (contract, commune, _, _, org) = await PartnerSeriesKit.SetupAsync(factory);
        var bad = SsmsiTestKit.TempFile("series.csv", "serie;source;unite;periode;territoire;valeur\nHalls;bailleur;faits;2024;;douze\n");

        var (code, output) = await factory.RunCliAsync("import", "series", bad, "--contract", contract.Id.ToString(), "--organisation", org.Id.ToString());

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Import annulé, aucune donnée n'a été modifiée : 1 erreur(s).", output);
        Assert.Matches(@"series\.csv\s*│\s*2\s*│\s*valeur\s*│\s*« douze » n'est pas un nombre", output);
        Assert.Equal(0, await PartnerSeriesKit.ValueCountAsync(factory, contract.Id));

        var good = SsmsiTestKit.TempFile("series.csv", $"serie;source;unite;periode;territoire;valeur\nHalls;bailleur;faits;2023;;12\nHalls;bailleur;faits;2024;{commune};7,5\n");
        string[] args = ["import", "series", good, "--contract", contract.Id.ToString(), "--organisation", org.Id.ToString()];
        var first = await factory.RunCliAsync(args);
        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Matches(@"Valeurs ajoutées\s*│\s*2\b", first.Output);
        var second = await factory.RunCliAsync(args);
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Matches(@"Valeurs inchangées\s*│\s*2\b", second.Output);
        Assert.Equal(2, await PartnerSeriesKit.ValueCountAsync(factory, contract.Id));
    }

    [Fact]
    public async Task ImportEtat4001_NotAWorkbook_Exit2_InFrench()
    {
        var path = SsmsiTestKit.TempFile("etat4001.xlsx", File.ReadAllBytes(Etat4001TestKit.WorkbookPath)[..100_000]);
        var before = await factory.RowCountsAsync();

        var (code, output) = await factory.RunCliAsync("import", "etat4001", path, "--edition", "2030-03-03");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("etat4001.xlsx", output);
        Assert.Contains("classeur Excel", output);
        Assert.Equal(before, await factory.RowCountsAsync());
    }

    [Fact]
    public async Task BadUsage_MissingFileOrBadEdition_Exit2()
    {
        var missing = await factory.RunCliAsync("import", "ssmsi", "/nulle-part/absent.csv");
        Assert.Equal(ExitCodes.BadInput, missing.ExitCode);
        Assert.Contains("Le fichier « /nulle-part/absent.csv » est introuvable.", missing.Output);

        var edition = await factory.RunCliAsync("import", "etat4001", Etat4001TestKit.WorkbookPath, "--edition", "29/01/2021");
        Assert.Equal(ExitCodes.BadInput, edition.ExitCode);
        Assert.Contains("La date d'édition « 29/01/2021 » est invalide", edition.Output);

        var unknown = await factory.RunCliAsync("import", "ssmsi");
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
    }

    [Fact]
    public async Task ImportGeo_RealFolder_TwiceKeepsTheSameRows()
    {
        await factory.EnsureGeographyAsync();
        var before = await factory.WithDb(db => db.Territories.CountAsync());

        var (code, output) = await factory.RunCliAsync("import", "geo", Geography.InseeFolder);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Géographie importée : 0 ajout(s), 0 modification(s)", output);
        Assert.Matches(@"Lignes lues\s*│\s*38\D?933\b", output);
        Assert.Equal(before, await factory.WithDb(db => db.Territories.CountAsync()));
    }
}

/// <summary><c>import geo</c> without a folder reads <c>Geography:SourceFolder</c> (its own app: the setting is start-up configuration).</summary>
public sealed class ImportGeoSourceFolderTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigie-geo-cli-").FullName;
    private readonly VigieFactory _factory = new();

    public Task InitializeAsync()
    {
        foreach (var name in new[] { "regions.csv", "departements.csv" })
            File.Copy(Path.Combine(Geography.InseeFolder, name), Path.Combine(_folder, name));
        var communes = File.ReadAllText(Path.Combine(Geography.InseeFolder, "communes.csv"), Encoding.UTF8).Replace("TYPECOM,", "TYPE,");
        File.WriteAllText(Path.Combine(_folder, "communes.csv"), communes, new UTF8Encoding(false));
        _factory.Settings["Geography:SourceFolder"] = _folder;
        return _factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_factory).DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ImportGeo_NoFolderArgument_UsesTheConfiguredSourceFolder()
    {
        var (code, output) = await _factory.RunCliAsync("import", "geo");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("communes.csv : la colonne « TYPECOM » est manquante dans l'en-tête.", output);
        Assert.Equal(0, await _factory.WithDb(db => db.Territories.CountAsync()));
    }
}
