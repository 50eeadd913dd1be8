using System.IO.Compression;
using System.Security;
using System.Text;

namespace Vigie.Tests.Infrastructure;

/// <summary>Hand-made XLSX files for the import limits: a decompression bomb, and one with many columns.</summary>
public static class TableFiles
{
    /// <summary>
    /// A one-sheet workbook whose sheet XML repeats the same row until it inflates to <paramref name="inflatedBytes"/>:
    /// a few hundred KB on the wire. With <paramref name="lieAboutSize"/> the zip's headers declare 1 000 bytes instead.
    /// </summary>
    public static byte[] Bomb(long inflatedBytes, bool lieAboutSize = false)
    {
        var bytes = Workbook(w =>
        {
            w.Write("<row><c t=\"inlineStr\"><is><t>Type</t></is></c><c t=\"inlineStr\"><is><t>Référence</t></is></c><c t=\"inlineStr\"><is><t>Parent</t></is></c><c t=\"inlineStr\"><is><t>Intitulé</t></is></c></row>");
            const string row = "<row><c t=\"inlineStr\"><is><t>Élément</t></is></c><c t=\"inlineStr\"><is><t>AAAAAAAAAA</t></is></c><c/><c t=\"inlineStr\"><is><t>BBBBBBBBBBBBBBBBBBBB</t></is></c></row>";
            for (long written = 0; written < inflatedBytes; written += row.Length) w.Write(row);
        });
        return lieAboutSize ? DeclareSmallSizes(bytes) : bytes;
    }

    /// <summary>A one-sheet workbook from rows of text cells.</summary>
    public static byte[] Xlsx(IEnumerable<IEnumerable<string>> rows) => Workbook(w =>
    {
        foreach (var row in rows)
            w.Write("<row>" + string.Concat(row.Select(c => $"<c t=\"inlineStr\"><is><t>{SecurityElement.Escape(c)}</t></is></c>")) + "</row>");
    });

    private static byte[] Workbook(Action<TextWriter> sheetData)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Write(string path, Action<TextWriter> content)
            {
                using var w = new StreamWriter(zip.CreateEntry(path, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false), 1 << 16);
                content(w);
            }
            Write("[Content_Types].xml", w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"));
            Write("_rels/.rels", w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
            Write("xl/workbook.xml", w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                + "<sheet name=\"Feuil1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            Write("xl/_rels/workbook.xml.rels", w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"));
            Write("xl/worksheets/sheet1.xml", w =>
            {
                w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
                sheetData(w);
                w.Write("</sheetData></worksheet>");
            });
        }
        return ms.ToArray();
    }

    /// <summary>Rewrites every local and central header so the zip declares 1 000 uncompressed bytes per entry.</summary>
    private static byte[] DeclareSmallSizes(byte[] zip)
    {
        var b = (byte[])zip.Clone();
        uint U32(int at) => BitConverter.ToUInt32(b, at);
        ushort U16(int at) => BitConverter.ToUInt16(b, at);
        var pos = 0;
        while (U32(pos) == 0x04034b50) // local file headers, one after the other (sizes are in the headers: no data descriptor)
        {
            var next = pos + 30 + U16(pos + 26) + U16(pos + 28) + (int)U32(pos + 18);
            BitConverter.TryWriteBytes(b.AsSpan(pos + 22, 4), 1000u);
            pos = next;
        }
        var eocd = b.Length - 22;
        if (U32(eocd) != 0x06054b50) throw new InvalidOperationException("zip comment not expected");
        var cd = (int)U32(eocd + 16);
        for (var n = 0; n < U16(eocd + 10); n++)
        {
            BitConverter.TryWriteBytes(b.AsSpan(cd + 24, 4), 1000u);
            cd += 46 + U16(cd + 28) + U16(cd + 30) + U16(cd + 32);
        }
        return b;
    }
}
