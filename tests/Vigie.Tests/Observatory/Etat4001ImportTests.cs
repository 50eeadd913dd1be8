using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Observatory;
using Vigie.Web.Infrastructure;
using Vigie.Web.Features.Observatory.Etat4001;

namespace Vigie.Tests.Observatory;

[Collection(AppCollection.Name)]
public sealed class Etat4001ImportTests(VigieFactory factory)
{
    [Fact]
    public async Task Import_RealWorkbook_StoresPublishedCountsAsPublished()
    {
        var result = await factory.EnsureEtat4001Async();
        Assert.Equal(18, result.Sheets);
        Assert.Equal(new DateOnly(2021, 1, 29), result.Edition);

        var defense = await factory.ServiceAsync(PoliceForce.PoliceNationale, "92", "DTSP92 PUTEAUX LA DEFENSE");
        var puteaux = await factory.ServiceAsync(PoliceForce.PoliceNationale, "92", "DTSP92 PUTEAUX");
        Assert.Equal(5, await factory.CountAsync(defense.Id, 2019, 5));
        Assert.Equal(1, await factory.CountAsync(defense.Id, 2019, 1));
        Assert.Equal(1, await factory.CountAsync(puteaux.Id, 2019, 5));
        Assert.Equal("DSPAP", puteaux.Perimeter);

        var bmra = await factory.ServiceAsync(PoliceForce.PoliceNationale, "01", "BMRA 01");
        Assert.Equal("DCPAF", bmra.Perimeter);
        var belley = await factory.ServiceAsync(PoliceForce.Gendarmerie, "01", "CGD BELLEY");
        Assert.Null(belley.Perimeter);
    }

    [Fact]
    public async Task Import_RealWorkbook_KeepsIndexLabelsAsPublished()
    {
        await factory.EnsureEtat4001Async();
        var labels = await factory.WithDb(db => db.Etat4001Indexes.OrderBy(i => i.Number).Select(i => i.Label).ToListAsync());
        Assert.Equal(107, labels.Count);
        Assert.Equal("Règlements de compte entre malfaireurs", labels[0]);
        Assert.Equal("Index non utilisé", labels[95]);
        Assert.Equal("Autres délits", labels[106]);
    }

    [Fact]
    public async Task Import_RealWorkbook_AttachesServicesToCommunesByName()
    {
        var result = await factory.EnsureEtat4001Async();
        Assert.Equal("92062", (await factory.ServiceAsync(PoliceForce.PoliceNationale, "92", "DTSP92 PUTEAUX")).CommuneCode);
        Assert.Null((await factory.ServiceAsync(PoliceForce.PoliceNationale, "92", "DTSP92 PUTEAUX LA DEFENSE")).CommuneCode);
        Assert.Equal("01053", (await factory.ServiceAsync(PoliceForce.PoliceNationale, "01", "CIAT DE BOURG EN BRESSE")).CommuneCode);
        Assert.Equal("01034", (await factory.ServiceAsync(PoliceForce.Gendarmerie, "01", "CGD BELLEY")).CommuneCode);
        Assert.True(result.Matched > 500, $"{result.Matched} services rattachés seulement");
        Assert.True(result.Unmatched > 0);
        Assert.Equal(result.Services, result.Matched + result.Unmatched);
    }

    [Fact]
    public async Task Reimport_SameWorkbook_ChangesNothing()
    {
        await factory.EnsureEtat4001Async();
        var before = await factory.RowCountsAsync();
        Etat4001ImportResult? again = null;
        await factory.WithScope(async sp =>
        {
            await using var stream = File.OpenRead(Etat4001TestKit.WorkbookPath);
            again = await sp.GetRequiredService<Etat4001Importer>().ImportAsync("copie.xlsx", stream, null);
        });
        Assert.True(again!.AlreadyImported);
        Assert.Equal(before, await factory.RowCountsAsync());
    }

    [Fact]
    public void ServiceNames_AreNormalisedBeforeMatching()
    {
        Assert.Equal("PUTEAUX", CommuneMatcher.StripUnit(CommuneMatcher.Normalise("DTSP92 PUTEAUX")));
        Assert.Equal("BOURG EN BRESSE", CommuneMatcher.StripUnit(CommuneMatcher.Normalise("CIAT DE BOURG EN BRESSE")));
        Assert.Equal("ST DENIS", CommuneMatcher.StripUnit(CommuneMatcher.Normalise("CSP SAINT-DENIS")));
        Assert.Equal(CommuneMatcher.Normalise("Saint-Étienne-du-Rouvray"), CommuneMatcher.StripUnit(CommuneMatcher.Normalise("BRIGADE DE ST ETIENNE DU ROUVRAY")));
        Assert.Equal("L ISLE ADAM", CommuneMatcher.StripUnit(CommuneMatcher.Normalise("CGD L'ISLE-ADAM")));
    }
}

[Collection(AppCollection.Name)]
public sealed class Etat4001CorruptWorkbookTests(VigieFactory factory)
{
    private async Task<UserInputException> ImportFailsAsync(byte[] bytes, DateOnly? edition)
    {
        await factory.EnsureEtat4001Async();
        var before = await factory.RowCountsAsync();
        UserInputException? error = null;
        await factory.WithScope(async sp =>
        {
            error = await Assert.ThrowsAsync<UserInputException>(() =>
                sp.GetRequiredService<Etat4001Importer>().ImportAsync("abime.xlsx", new MemoryStream(bytes), edition));
        });
        Assert.Equal(before, await factory.RowCountsAsync());
        return error!;
    }

    [Fact]
    public async Task Import_TruncatedWorkbook_FailsInFrenchAndSavesNothing()
    {
        var bytes = File.ReadAllBytes(Etat4001TestKit.WorkbookPath)[..200_000];
        var error = await ImportFailsAsync(bytes, new DateOnly(2030, 1, 1));
        Assert.Contains("abime.xlsx", error.Message);
        Assert.Contains("classeur Excel", error.Message);
    }

    [Fact]
    public async Task Import_PoliceSheetWithoutPerimeterRow_NamesSheetLineAndColumnAndSavesNothing()
    {
        // A valid gendarmerie sheet first: it must not be saved either, the import is all or nothing.
        var gn = Etat4001TestKit.GendarmerieSheet(2031, "01", TestData.Unique("CGD TEST"), 3);
        var pn = new List<string?[]>
        {
            new[] { "Année 2031 - services de police", "Départements", "92" },
            new[] { "Code index", "Libellé index \\ CSP", "DTSP92 TEST" },
        };
        for (var i = 1; i <= 108; i++) pn.Add([i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Index {i}", "1"]);
        var bytes = Etat4001TestKit.Workbook(("Services GN 2031", gn), ("Services PN 2031", pn.ToArray()));
        var error = await ImportFailsAsync(bytes, new DateOnly(2031, 6, 1));
        Assert.Contains("feuille « Services PN 2031 », ligne 2, colonne B", error.Message);
        Assert.Contains("Périmètres", error.Message);
    }

    [Fact]
    public async Task Import_TextInACount_NamesTheCell()
    {
        var gn = Etat4001TestKit.GendarmerieSheet(2032, "01", TestData.Unique("CGD TEST"), 2);
        gn[7][2] = "beaucoup";
        var error = await ImportFailsAsync(Etat4001TestKit.Workbook(("Services GN 2032", gn)), new DateOnly(2032, 6, 1));
        Assert.Contains("ligne 8, colonne C", error.Message);
        Assert.Contains("« beaucoup » n'est pas un nombre entier", error.Message);
    }

    [Fact]
    public async Task Import_WorkbookWithoutProductionDate_AsksForTheEdition()
    {
        var gn = Etat4001TestKit.GendarmerieSheet(2033, "01", TestData.Unique("CGD TEST"), 2);
        var error = await ImportFailsAsync(Etat4001TestKit.Workbook(("Services GN 2033", gn)), null);
        Assert.Contains("date d'édition", error.Message);
    }
}
