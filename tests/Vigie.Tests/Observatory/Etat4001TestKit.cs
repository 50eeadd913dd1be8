using System.IO.Compression;
using System.Security;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Observatory;
using Vigie.Web.Features.Observatory.Etat4001;

namespace Vigie.Tests.Observatory;

/// <summary>The real état 4001 workbook, imported once per run (after the geography, for commune attachment).</summary>
public static class Etat4001TestKit
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<VigieFactory, Etat4001ImportResult> Imported = [];

    public static string WorkbookPath => Path.Combine(TestEnvironment.SharedData, "etat4001",
        "crimes-et-delits-enregistres-par-les-services-de-gendarmerie-et-de-police-depuis-2012.xlsx");

    /// <summary>The result of this run's first (real) import.</summary>
    public static async Task<Etat4001ImportResult> EnsureEtat4001Async(this VigieFactory f)
    {
        await f.EnsureGeographyAsync();
        await Gate.WaitAsync();
        try
        {
            if (Imported.TryGetValue(f, out var done)) return done;
            Etat4001ImportResult? result = null;
            await f.WithScope(async sp =>
            {
                await using var stream = File.OpenRead(WorkbookPath);
                result = await sp.GetRequiredService<Etat4001Importer>().ImportAsync(Path.GetFileName(WorkbookPath), stream, null);
            });
            Imported[f] = result!;
            return result!;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static Task<Etat4001Service> ServiceAsync(this VigieFactory f, PoliceForce force, string departement, string name) =>
        f.WithDb(db => db.Etat4001Services.AsNoTracking().SingleAsync(s => s.Force == force && s.DepartementCode == departement && s.Name == name));

    public static Task<long> CountAsync(this VigieFactory f, int serviceId, int year, int index) =>
        f.WithDb(async db =>
        {
            var edition = await db.StatEditions.Where(e => e.Source == StatSource.Etat4001).OrderByDescending(e => e.ProducedOn).Select(e => e.Id).FirstAsync();
            return await db.Etat4001Counts.Where(c => c.EditionId == edition && c.ServiceId == serviceId && c.Year == year && c.IndexNumber == index)
                .Select(c => c.Count).FirstOrDefaultAsync();
        });

    public static Task<(int Services, int Years, int Counts, int Editions)> RowCountsAsync(this VigieFactory f) =>
        f.WithDb(async db => (await db.Etat4001Services.CountAsync(), await db.Etat4001ServiceYears.CountAsync(),
            await db.Etat4001Counts.CountAsync(), await db.StatEditions.CountAsync(e => e.Source == StatSource.Etat4001)));

    /// <summary>
    /// A minimal xlsx written by hand (inline strings): one sheet per (name, rows). Enough for ExcelDataReader,
    /// so a test can build a workbook with a missing header row without an OpenXML library.
    /// </summary>
    public static byte[] Workbook(params (string Name, string?[][] Rows)[] sheets)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Write(string path, string content)
            {
                using var w = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                w.Write(content);
            }
            var overrides = string.Concat(sheets.Select((_, i) =>
                $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
            Write("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" + overrides + "</Types>");
            Write("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Write("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                + string.Concat(sheets.Select((s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>")) + "</sheets></workbook>");
            Write("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + string.Concat(sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"))
                + "</Relationships>");
            for (var i = 0; i < sheets.Length; i++)
            {
                var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
                for (var r = 0; r < sheets[i].Rows.Length; r++)
                {
                    sb.Append($"<row r=\"{r + 1}\">");
                    for (var c = 0; c < sheets[i].Rows[r].Length; c++)
                    {
                        var v = sheets[i].Rows[r][c];
                        if (v is null) continue;
                        var cell = $"{Vigie.Web.Features.Observatory.Etat4001.Etat4001Importer.ColumnLetter(c)}{r + 1}";
                        sb.Append(long.TryParse(v, out _)
                            ? $"<c r=\"{cell}\"><v>{v}</v></c>"
                            : $"<c r=\"{cell}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(v)}</t></is></c>");
                    }
                    sb.Append("</row>");
                }
                sb.Append("</sheetData></worksheet>");
                Write($"xl/worksheets/sheet{i + 1}.xml", sb.ToString());
            }
        }
        return ms.ToArray();
    }

    /// <summary>A gendarmerie sheet in the published layout (2 header rows, 107 index rows) with one compagnie.</summary>
    public static string?[][] GendarmerieSheet(int year, string departement, string name, long perIndex)
    {
        var rows = new List<string?[]>
        {
            new[] { $"Année {year} - compagnies de gendarmerie", "Départements", departement },
            new[] { "Code index", "Libellé index \\ CGD", name },
        };
        for (var i = 1; i <= 107; i++) rows.Add([i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Index {i}", perIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return [.. rows];
    }
}
