using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Incidents;

/// <summary>CSV/XLSX export of incidents with the map's filters, from the API and the page; formula injection neutralised; audited.</summary>
[Collection(AppCollection.Name)]
public sealed class IncidentExportTests(VigieFactory factory)
{
    [Fact]
    public async Task ExportCsv_KeepsTheFilters_NeutralisesFormulas_AndIsAudited()
    {
        var s = await factory.IncidentSetupAsync();
        var tag = await s.ReportAsync("TAG-STD");
        await s.ReportAsync("HALL-OCC");
        var formula = await s.LandlordApi.PostAsync($"{s.Base}/incidents", System.Net.Http.Json.JsonContent.Create(new
        {
            category = "TAG-STD", latitude = IncidentKit.LilleLat, longitude = IncidentKit.LilleLon, address = "=HYPERLINK(\"http://x\")", description = "Tag",
        }));
        Assert.Equal(HttpStatusCode.Created, formula.StatusCode);

        var r = await s.ReaderApi.GetAsync($"{s.Base}/incidents/export?format=csv&category=TAG-STD");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.StartsWith("text/csv", r.Content.Headers.ContentType!.ToString());
        var csv = Encoding.UTF8.GetString(await r.Content.ReadAsByteArrayAsync());
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\uFEFFNuméro;Code catégorie", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain("HALL-OCC", csv);
        Assert.Contains("'=HYPERLINK", csv);
        Assert.DoesNotContain(";=HYPERLINK", csv);
        Assert.Contains(tag.GetProperty("number").GetInt32() + ";TAG-STD", csv);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.IncidentsExported && e.ContractId == s.Contract.Id && e.Data!.Contains("csv"))));
    }

    [Fact]
    public async Task ExportXlsx_FromThePage_HasOneRowPerIncident_WithDateCells()
    {
        var s = await factory.IncidentSetupAsync();
        await s.ReportAsync("TAG-STD");
        await s.ReportAsync("HALL-OCC");
        var client = await PageClient.SignedInAsync(factory, s.Coordinator);

        var page = await client.Http.GetStringAsync($"/contrats/{s.Contract.Id}/signalements");
        Assert.Contains("Exporter en XLSX", page);
        var r = await client.Http.GetAsync($"/contrats/{s.Contract.Id}/signalements?handler=Export&format=xlsx&statut=ouverts");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(Spreadsheets.XlsxType, r.Content.Headers.ContentType!.MediaType);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), false);
        var rows = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal(3, rows.Count);
        var reported = rows[1].Elements<Cell>().ElementAt(11);
        Assert.Equal(1U, reported.StyleIndex!.Value);

        var outsider = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/contrats/{s.Contract.Id}/signalements?handler=Export&format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.GetAsync($"{s.Base}/incidents/export?format=csv")).StatusCode);
    }
}
