using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.ActionPlan;

/// <summary>
/// The plan CSV opened in a spreadsheet, saved and imported back. The real proof: LibreOffice Calc (headless, French
/// locale, dates and numbers recognised on opening) converts our export and saves it as « , » + Windows-1252 and as tab +
/// UTF-8, dates written as shown (dd/mm/yy) and numbers with a decimal comma in quotes; the import gives back the same plan.
/// Excel's « CSV (séparateur : point-virgule) » is reproduced byte for byte as a fixture (Windows-1252, CRLF, no BOM,
/// amounts « 12 345,67 € » with a no-break space), since Excel does not run here.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PlanCsvSpreadsheetTests(VigieFactory factory)
{
    static PlanCsvSpreadsheetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static async Task BuildAsync(PlanFixture p)
    {
        var axis = await p.ItemAsync("priority", "Sécuriser l'espace public", null, new { description = "Premier point ; « citation »\nsur deux lignes" });
        var a = await p.ItemAsync("action", "Médiation de nuit", axis, new
        {
            leadOrganisationId = p.PartnerX.OrganisationId, partnerIds = new[] { p.PartnerY.OrganisationId },
            startDate = "2026-01-15", endDate = "2027-06-30", weight = 2.5, humanMeans = "2 ETP", progressOverride = 35,
        });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/budget", new { funder = "fipd", organisationId = p.PartnerX.OrganisationId, label = "Postes, matériel", year = 2026, planned = 12345.67, granted = 10000, spent = 2500.5 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/milestones", new { title = "Recrutement", dueOn = "2026-03-31", doneOn = "2026-03-05" });
        var ind = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/indicators", new { name = "Interventions", kind = "output", unit = "interventions", baselineValue = 0, targetValue = 400, targetDate = "2027-12-31" });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/indicators/{ind}/values", new { period = "2026-T1", value = 87.5, provenance = "Rapport" });
    }

    private static async Task<byte[]> ExportCsvAsync(PlanFixture p) => await (await p.CoordinatorApi.GetAsync($"{p.Plan}/export?format=csv")).Content.ReadAsByteArrayAsync();

    private async Task<PlanFixture> EmptyPlanWithSamePartnersAsync(PlanFixture a)
    {
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, Vigie.Web.Domain.ContractRole.Coordinator));
        return a with { Contract = contract, Coordinator = coordinator, CoordinatorApi = await factory.ApiClientAsync(coordinator) };
    }

    private static async Task<HttpResponseMessage> ImportCsvAsync(PlanFixture p, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "plan.csv");
        return await p.CoordinatorApi.PostAsync($"{p.Plan}/import", form);
    }

    /// <summary>Runs LibreOffice Calc headless in the French locale: our CSV in (« ; », UTF-8), the given CSV filter out.</summary>
    private static byte[] ThroughCalc(byte[] csv, string exportOptions)
    {
        var dir = Directory.CreateTempSubdirectory("vigie-calc-");
        try
        {
            var input = Path.Combine(dir.FullName, "plan.csv");
            File.WriteAllBytes(input, csv);
            var start = new ProcessStartInfo("soffice")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.FullName,
                ArgumentList =
                {
                    $"-env:UserInstallation=file://{dir.FullName}/profile", "--headless", "--norestore",
                    // Import: « ; », « " », UTF-8, from line 1, French (1036), quoted fields not forced to text, special numbers (dates, amounts) recognised.
                    "--infilter=CSV:59,34,76,1,,1036,false,true",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):" + exportOptions, "--outdir", Path.Combine(dir.FullName, "out"), input,
                },
            };
            start.Environment["LC_ALL"] = "fr_FR.UTF-8";
            start.Environment["LANG"] = "fr_FR.UTF-8";
            Process process;
            try { process = Process.Start(start)!; }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("LibreOffice (soffice) is required by this test: run ./test.sh, which installs libreoffice-calc-nogui.", e);
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(180_000)) { process.Kill(entireProcessTree: true); throw new TimeoutException("soffice did not finish"); }
                var result = Path.Combine(dir.FullName, "out", "plan.csv");
                Assert.True(File.Exists(result), $"soffice wrote nothing: {output.Result} {error.Result}");
                return File.ReadAllBytes(result);
            }
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public async Task CsvSavedByLibreOfficeCalc_CommaWindows1252AndTabUtf8_ReimportsToTheSamePlan()
    {
        var a = await factory.PlanFixtureAsync();
        await BuildAsync(a);
        var original = await ExportCsvAsync(a);
        var expected = Encoding.UTF8.GetString(original);

        // 44 = « , », charset 1 = Windows-1252, French, cells saved as shown (9th token).
        var comma = ThroughCalc(original, "44,34,1,1,,1036,false,true,true");
        // 9 = tab, charset 76 = UTF-8.
        var tab = ThroughCalc(original, "9,34,76,1,,1036,false,true,true");
        var commaText = Encoding.GetEncoding(1252).GetString(comma);
        // What makes these files different from ours: the separator, the encoding, dates as Calc shows them, quoted decimal commas.
        Assert.StartsWith("Type,Référence,Parent", commaText, StringComparison.Ordinal);
        Assert.Contains("15/01/26", commaText, StringComparison.Ordinal);
        Assert.Contains("\"12345,67\"", commaText, StringComparison.Ordinal);
        Assert.False(System.Text.Unicode.Utf8.IsValid(comma), "Windows-1252 expected");
        Assert.StartsWith("Type\tRéférence\tParent", Encoding.UTF8.GetString(tab).TrimStart('\uFEFF'), StringComparison.Ordinal);

        foreach (var file in new[] { comma, tab })
        {
            var b = await EmptyPlanWithSamePartnersAsync(a);
            var r = await ImportCsvAsync(b, file);
            Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
            Assert.Equal(expected, Encoding.UTF8.GetString(await ExportCsvAsync(b)));
        }
    }

    [Fact]
    public async Task CsvSavedByExcel_SemicolonWindows1252WithFormattedAmounts_Imports()
    {
        var p = await factory.PlanFixtureAsync();
        // Excel FR « CSV (séparateur : point-virgule) »: Windows-1252, no BOM, CRLF, cells as shown: amounts with a
        // no-break thousands space and the euro sign, dates dd/mm/yyyy, ISO dates kept as typed, quotes only where needed.
        var csv = string.Join("\r\n",
            "Type;Référence;Parent;Niveau;Position;Intitulé;Début;Fin;Description;Financeur;Année;Prévu;Accordé;Dépensé;Poids",
            "Élément;A1;;Axe prioritaire;1;Médiation de nuit;15/01/2026;2027-06-30;\"Ligne 1 ; « suite »\r\nligne 2\";;;;;;2,5",
            "Budget;B1;A1;;;Postes;;;;FIPD;2026;12\u00A0345,67 €;10\u00A0000,00 €;2\u00A0500,50 €;") + "\r\n";
        var r = await ImportCsvAsync(p, Encoding.GetEncoding(1252).GetBytes(csv));
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());

        var item = await factory.WithDb(db => db.PlanItems.SingleAsync(i => i.ContractId == p.Contract.Id));
        Assert.Equal(new DateOnly(2026, 1, 15), item.StartDate);
        Assert.Equal(new DateOnly(2027, 6, 30), item.EndDate);
        Assert.Equal(2.5m, item.Weight);
        Assert.Equal("Ligne 1 ; « suite »\nligne 2", item.Description!.ReplaceLineEndings("\n"));
        var line = await factory.WithDb(db => db.BudgetLines.SingleAsync(l => l.ContractId == p.Contract.Id));
        Assert.Equal((12345.67m, 10000m, 2500.50m), (line.Planned, line.Granted, line.Spent));
    }
}
