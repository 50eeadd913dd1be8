using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.ActionPlan;

/// <summary>
/// The plan XLSX read back with the OpenXml SDK, as a spreadsheet program sees it: amounts, numbers and dates are
/// numeric cells (a SUM over them is not 0), amounts carry a euro currency format and dates a dd/mm/yyyy format;
/// the import accepts the typed file and a file of text cells alike.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PlanXlsxCellTypesTests(VigieFactory factory)
{
    private static async Task<PlanFixture> PlanWithBudgetAsync(VigieFactory factory)
    {
        var p = await factory.PlanFixtureAsync();
        var axis = await p.ItemAsync("priority", "Sécuriser l'espace public");
        var a = await p.ItemAsync("action", "Médiation de nuit", axis, new { startDate = "2026-01-15", endDate = "2027-06-30", weight = 2.5 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/budget", new { funder = "fipd", label = "Postes", year = 2026, planned = 12345.67, granted = 10000, spent = 2500.5 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/budget", new { funder = "commune", label = "Matériel", year = 2027, planned = 1000.33, granted = 0, spent = 0 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/milestones", new { title = "Recrutement", dueOn = "2026-03-31", doneOn = "2026-03-15" });
        return p;
    }

    /// <summary>The first sheet as header → cell of each row (Vigie writes every cell of a row, empty ones too, in column order).</summary>
    private sealed record Sheet(WorkbookPart Workbook, List<string> Headers, List<Dictionary<string, Cell>> Rows)
    {
        public static Sheet Read(SpreadsheetDocument doc)
        {
            var wb = doc.WorkbookPart!;
            var data = wb.WorksheetParts.Single().Worksheet.GetFirstChild<SheetData>()!;
            var rows = data.Elements<Row>().ToList();
            var header = rows[0].Elements<Cell>().Select(c => c.InnerText).ToList();
            var list = rows.Skip(1).Select(r => r.Elements<Cell>().Select((c, i) => (c, i)).Where(x => x.i < header.Count)
                .ToDictionary(x => header[x.i], x => x.c)).ToList();
            return new Sheet(wb, header, list);
        }

        public string FormatOf(Cell c)
        {
            var xf = (CellFormat)Workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.ElementAt((int)(c.StyleIndex?.Value ?? 0));
            var id = xf.NumberFormatId?.Value ?? 0;
            return Workbook.WorkbookStylesPart.Stylesheet.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId?.Value == id)?.FormatCode?.Value ?? $"builtin {id}";
        }
    }

    private static bool IsNumeric(Cell c) => (c.DataType is null || c.DataType.Value == CellValues.Number) && c.CellValue is not null;

    [Fact]
    public async Task ExportXlsx_AmountsNumbersAndDates_AreTypedCellsWithFrenchFormats()
    {
        var p = await PlanWithBudgetAsync(factory);
        var r = await p.CoordinatorApi.GetAsync($"{p.Plan}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), false);
        var sheet = Sheet.Read(doc);

        var budget = sheet.Rows.Where(row => row["Type"].InnerText == "Budget").ToList();
        Assert.Equal(2, budget.Count);
        foreach (var column in new[] { "Prévu", "Accordé", "Dépensé" })
            foreach (var row in budget)
            {
                Assert.True(IsNumeric(row[column]), $"{column} is not a numeric cell");
                Assert.Contains("€", sheet.FormatOf(row[column]), StringComparison.Ordinal);
            }
        // What =SOMME(Prévu) gives in a spreadsheet.
        Assert.Equal(13346.00m, budget.Sum(row => decimal.Parse(row["Prévu"].CellValue!.Text, CultureInfo.InvariantCulture)));
        Assert.All(budget, row => Assert.True(IsNumeric(row["Année"])));

        var item = sheet.Rows.Single(row => row["Type"].InnerText == "Élément" && row["Intitulé"].InnerText == "Médiation de nuit");
        Assert.True(IsNumeric(item["Poids"]));
        Assert.Equal(2.5m, decimal.Parse(item["Poids"].CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.True(IsNumeric(item["Position"]));
        foreach (var (row, column, expected) in new[] { (item, "Début", new DateTime(2026, 1, 15)), (item, "Fin", new DateTime(2027, 6, 30)),
                     (sheet.Rows.Single(x => x["Type"].InnerText == "Jalon"), "Réalisé le", new DateTime(2026, 3, 15)) })
        {
            Assert.True(IsNumeric(row[column]), $"{column} is not a date cell");
            Assert.Equal("dd/mm/yyyy", sheet.FormatOf(row[column]));
            Assert.Equal(expected, DateTime.FromOADate(double.Parse(row[column].CellValue!.Text, CultureInfo.InvariantCulture)));
        }
        // Free text stays text.
        Assert.Equal(CellValues.InlineString, item["Intitulé"].DataType!.Value);
    }

    [Fact]
    public async Task ImportXlsx_TypedCellsOrTextCells_GiveTheSamePlan()
    {
        var a = await PlanWithBudgetAsync(factory);
        var typed = await (await a.CoordinatorApi.GetAsync($"{a.Plan}/export?format=xlsx")).Content.ReadAsByteArrayAsync();
        var csv = await (await a.CoordinatorApi.GetAsync($"{a.Plan}/export?format=csv")).Content.ReadAsStringAsync();
        // The former export: every cell as text, in French format.
        var text = TableFiles.Xlsx(csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')));

        foreach (var file in new[] { typed, text })
        {
            var coordinator = await factory.UserAsync();
            var b = a with { Contract = await factory.ContractAsync((coordinator, Vigie.Web.Domain.ContractRole.Coordinator)), Coordinator = coordinator, CoordinatorApi = await factory.ApiClientAsync(coordinator) };
            using var form = new MultipartFormDataContent();
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            form.Add(content, "file", "plan.xlsx");
            var r = await b.CoordinatorApi.PostAsync($"{b.Plan}/import", form);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(5, (await PlanTestKit.JsonAsync(r)).GetProperty("created").GetInt32());
            Assert.Equal(csv, await (await b.CoordinatorApi.GetAsync($"{b.Plan}/export?format=csv")).Content.ReadAsStringAsync());
        }
    }
}
