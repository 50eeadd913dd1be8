using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Observatory;

namespace Vigie.Tests.Imports;

/// <summary>
/// Every import reads its file through the one table reader: a decompression bomb, too many rows or columns, a
/// Windows-1252 CSV and a flood of errors get a French answer, and nothing is saved.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ImportLimitsTests(VigieFactory factory)
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task<HttpResponseMessage> PlanImportAsync(PlanFixture p, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : XlsxType);
        form.Add(file, "file", fileName);
        return await p.CoordinatorApi.PostAsync($"{p.Plan}/import", form);
    }

    private async Task AssertNothingSavedAsync(PlanFixture p) =>
        Assert.Equal(0, await factory.WithDb(db => db.PlanItems.CountAsync(i => i.ContractId == p.Contract.Id)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the zip headers declare 1 000 bytes: the reader counts what it really inflates
    public async Task PlanImport_DecompressionBomb_IsRefusedInFrench_AndSavesNothing(bool lieAboutSize)
    {
        var p = await factory.PlanFixtureAsync();
        var bomb = TableFiles.Bomb(80L * 1024 * 1024, lieAboutSize);
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} bytes"); // small on the wire, 80 MB of XML once inflated

        var r = await PlanImportAsync(p, bomb, "plan.xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = await r.Content.ReadAsStringAsync();
        // Honest headers: refused from the declared sizes. Lying headers: the zip layer stops each entry at its
        // declared size, so the sheet reads truncated and the file is refused as damaged — never inflated in full.
        var expected = lieAboutSize ? "n'est pas un classeur Excel (.xlsx) lisible ou il est endommagé" : "Le classeur décompressé dépasse 64 Mo";
        Assert.True(body.Contains(expected, StringComparison.Ordinal), body);
        await AssertNothingSavedAsync(p);
    }

    [Fact]
    public async Task PlanImport_TooManyRows_IsRefusedInFrench()
    {
        var p = await factory.PlanFixtureAsync();
        var csv = new StringBuilder("Type;Référence;Parent;Niveau;Intitulé\r\n");
        for (var i = 0; i < 20_001; i++) csv.Append("Élément;R").Append(i).Append(";;Axe prioritaire;Axe\r\n");

        var r = await PlanImportAsync(p, Encoding.UTF8.GetBytes(csv.ToString()), "plan.csv");

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = System.Text.RegularExpressions.Regex.Unescape(await r.Content.ReadAsStringAsync());
        Assert.True(body.Contains("nombre maximal de 20\u202F000 lignes", StringComparison.Ordinal), body);
        await AssertNothingSavedAsync(p);
    }

    [Fact]
    public async Task PlanImport_TooManyColumns_IsRefusedInFrench_InXlsxAndCsv()
    {
        var p = await factory.PlanFixtureAsync();
        string[] header = ["Type", "Référence", "Parent", "Intitulé", .. Enumerable.Range(0, 200).Select(i => "X" + i)];

        var xlsx = await PlanImportAsync(p, TableFiles.Xlsx([header]), "plan.xlsx");
        var csv = await PlanImportAsync(p, Encoding.UTF8.GetBytes(string.Join(";", header) + "\r\n"), "plan.csv");

        foreach (var r in new[] { xlsx, csv })
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("nombre maximal de 100 colonnes", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await AssertNothingSavedAsync(p);
    }

    [Fact]
    public async Task PlanImport_ManyErrors_ReportsTheFirstHundredAndCountsTheRest()
    {
        var p = await factory.PlanFixtureAsync();
        var csv = new StringBuilder("Type;Référence;Parent;Intitulé\r\n");
        for (var i = 0; i < 150; i++) csv.Append("Truc;R").Append(i).Append(";;X\r\n");

        var r = await PlanImportAsync(p, Encoding.UTF8.GetBytes(csv.ToString()), "plan.csv");

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = await r.Content.ReadAsStringAsync();
        Assert.Contains("… et 50 autres erreurs.", body, StringComparison.Ordinal);
        Assert.Contains("101 erreur(s)", body, StringComparison.Ordinal);
        Assert.Contains("ligne 101 : Type", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ligne 102 : Type", body, StringComparison.Ordinal);
        await AssertNothingSavedAsync(p);
    }

    [Fact]
    public async Task PlanImport_Windows1252Csv_AsExcelFrWritesIt_IsRead()
    {
        var p = await factory.PlanFixtureAsync();
        var text = "Type;Référence;Parent;Niveau;Position;Intitulé\r\nÉlément;P1;;Axe prioritaire;1;Sécurité des élèves à l'école\r\n";
        var latin1 = CodePagesEncoding(1252).GetBytes(text);
        Assert.NotEqual(Encoding.UTF8.GetBytes(text), latin1);

        var r = await PlanImportAsync(p, latin1, "plan.csv");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("Sécurité des élèves à l'école",
            await factory.WithDb(db => db.PlanItems.Where(i => i.ContractId == p.Contract.Id).Select(i => i.Title).SingleAsync()));
    }

    [Fact]
    public async Task PartnerSeriesImport_DecompressionBomb_IsRefusedInFrench_AndSavesNothing()
    {
        var (contract, _, coordinator, _, partnerOrg) = await PartnerSeriesKit.SetupAsync(factory);
        var api = await factory.ApiClientAsync(coordinator);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TableFiles.Bomb(80L * 1024 * 1024));
        file.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        form.Add(file, "file", "series.xlsx");
        form.Add(new StringContent(partnerOrg.Id.ToString()), "organisationId");

        var r = await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports", form);

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("Le classeur décompressé dépasse", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDb(db => db.PartnerSeries.CountAsync(s => s.ContractId == contract.Id)));
    }

    [Fact]
    public async Task PartnerSeriesImport_Windows1252Csv_IsRead()
    {
        var (contract, _, coordinator, _, partnerOrg) = await PartnerSeriesKit.SetupAsync(factory);
        var api = await factory.ApiClientAsync(coordinator);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(CodePagesEncoding(1252).GetBytes("serie;source;unite;periode;territoire;valeur\r\nDégradations élevées;bailleur;faits;2024;;12\r\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "series.csv");
        form.Add(new StringContent(partnerOrg.Id.ToString()), "organisationId");

        var r = await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports", form);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("Dégradations élevées", await factory.WithDb(db => db.PartnerSeries.Where(s => s.ContractId == contract.Id).Select(s => s.Name).SingleAsync()));
    }

    private static Encoding CodePagesEncoding(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }
}
