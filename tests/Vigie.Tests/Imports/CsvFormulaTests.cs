using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Imports;

/// <summary>CSV formula injection (OWASP): text a spreadsheet would evaluate is exported as text; numbers stay numbers.</summary>
[Collection(AppCollection.Name)]
public sealed class CsvFormulaTests(VigieFactory factory)
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\";\"clic\")", "'=HYPERLINK(\"http://evil.example\";\"clic\")")]
    [InlineData("+33 6 12 34 56 78", "'+33 6 12 34 56 78")]
    [InlineData("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("-12,5", "-12,5")]
    [InlineData("-3", "-3")]
    [InlineData("+4.5", "+4.5")]
    [InlineData("Médiation = présence", "Médiation = présence")]
    [InlineData("", "")]
    public void CsvCell_NeutralisesFormulas_KeepsNumbers(string cell, string written) =>
        Assert.Equal(written, Spreadsheets.CsvCell(cell));

    [Fact]
    public void Csv_WritesTheApostrophe_InsideTheField()
    {
        var text = Encoding.UTF8.GetString(Spreadsheets.Csv([["=1+1", "-7", "ok"]]));
        Assert.Equal("\uFEFF'=1+1;-7;ok\r\n", text);
    }

    [Fact]
    public async Task PlanCsvExport_FormulaTitle_IsText_AndReimportsUnchanged()
    {
        var p = await factory.PlanFixtureAsync();
        const string title = "=HYPERLINK(\"http://evil.example\";\"Cliquez\")";
        await p.ItemAsync("priority", title);

        var export = await p.CoordinatorApi.GetAsync($"{p.Plan}/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains(";\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"Cliquez\"\")\";", text, StringComparison.Ordinal);
        Assert.DoesNotContain(";\"=HYPERLINK", text, StringComparison.Ordinal);
        Assert.DoesNotContain(";=HYPERLINK", text, StringComparison.Ordinal);

        // The round trip still holds: the reader takes the apostrophe off again.
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "plan.csv");
        var import = await p.CoordinatorApi.PostAsync($"{p.Plan}/import", form);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(title, await factory.WithDb(db => db.PlanItems.Where(i => i.ContractId == p.Contract.Id).Select(i => i.Title).SingleAsync()));
    }
}
