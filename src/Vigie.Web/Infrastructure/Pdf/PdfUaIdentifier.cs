using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Vigie.Web.Infrastructure.Pdf;

/// <summary>
/// Adds the PDF/UA identifier (<c>pdfuaid:part</c> = 1, ISO 14289-1 §5) to the XMP metadata of a saved PDF. PDFsharp
/// regenerates the catalog's XMP packet on every save and offers no hook to extend it, so the identifier is added
/// afterwards as a PDF incremental update (ISO 32000-1 §7.5.6): a new metadata stream holding PDFsharp's packet plus the
/// identifier, the catalog pointing at it, a cross-reference section for the two objects and a trailer with /Prev.
/// The original bytes are kept untouched in front; readers use the last revision.
/// </summary>
public static partial class PdfUaIdentifier
{
    private const string Description =
        "<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"><pdfuaid:part>1</pdfuaid:part></rdf:Description>\n";

    /// <summary>The PDF with the identifier added; the input unchanged when it already has one or its layout is not the one PDFsharp writes.</summary>
    public static byte[] Add(byte[] pdf)
    {
        // Latin-1 maps every byte to one char and back, so offsets in the string are offsets in the file.
        var latin1 = Encoding.Latin1;
        var text = latin1.GetString(pdf);
        if (text.Contains("pdfuaid:part", StringComparison.Ordinal)) return pdf;
        var trailer = TrailerRegex().Matches(text).LastOrDefault();
        var startXref = StartXrefRegex().Matches(text).LastOrDefault();
        if (trailer is null || startXref is null) return pdf;
        var trailerBody = trailer.Groups[1].Value;
        var root = RootRegex().Match(trailerBody);
        var size = SizeRegex().Match(trailerBody);
        if (!root.Success || !size.Success) return pdf;
        var rootNumber = int.Parse(root.Groups[1].Value, CultureInfo.InvariantCulture);
        var catalog = ObjectRegex(rootNumber).Match(text);
        if (!catalog.Success) return pdf;
        var catalogBody = catalog.Groups[1].Value.Trim();
        var metadataRef = MetadataRefRegex().Match(catalogBody);
        if (!metadataRef.Success) return pdf;
        var metadataObject = ObjectRegex(int.Parse(metadataRef.Groups[1].Value, CultureInfo.InvariantCulture)).Match(text);
        if (!metadataObject.Success) return pdf;
        var stream = StreamRegex().Match(metadataObject.Groups[1].Value);
        if (!stream.Success || stream.Groups[1].Value.Contains("/Filter", StringComparison.Ordinal)) return pdf;
        var xmp = Encoding.UTF8.GetString(latin1.GetBytes(stream.Groups[2].Value));
        var end = xmp.LastIndexOf("</rdf:RDF>", StringComparison.Ordinal);
        if (end < 0) return pdf;
        var packet = Encoding.UTF8.GetBytes(xmp[..end] + Description + xmp[end..]);

        var newNumber = int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture);
        var newCatalog = MetadataRefRegex().Replace(catalogBody, $"/Metadata {newNumber} 0 R", 1);
        using var output = new MemoryStream();
        output.Write(pdf);
        void Write(string s) => output.Write(latin1.GetBytes(s));
        if (pdf[^1] != '\n') Write("\n");
        var metadataOffset = output.Position;
        Write($"{newNumber} 0 obj\n<</Type/Metadata/Subtype/XML/Length {packet.Length}>>\nstream\n");
        output.Write(packet);
        Write("\nendstream\nendobj\n");
        var catalogOffset = output.Position;
        Write($"{rootNumber} 0 obj\n{newCatalog}\nendobj\n");
        var xrefOffset = output.Position;
        // Each cross-reference entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, n, CR LF.
        Write($"xref\n0 1\n0000000000 65535 f\r\n{rootNumber} 1\n{catalogOffset:D10} 00000 n\r\n{newNumber} 1\n{metadataOffset:D10} 00000 n\r\n");
        var kept = SizeRegex().Replace(PrevRegex().Replace(trailerBody, ""), "").Trim();
        Write($"trailer\n<<{kept[2..^2]}/Size {newNumber + 1}/Prev {startXref.Groups[1].Value}>>\nstartxref\n{xrefOffset}\n%%EOF\n");
        return output.ToArray();
    }

    private static Regex ObjectRegex(int number) => new($@"(?<![0-9]){number} 0 obj(.*?)endobj", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    // PDFsharp writes a comment after the trailer dictionary ("% Created with PDFsharp …").
    [GeneratedRegex(@"trailer\s*(<<.*?>>)(?:\s*%[^\r\n]*)?\s*startxref", RegexOptions.Singleline)]
    private static partial Regex TrailerRegex();

    [GeneratedRegex(@"startxref\s+([0-9]+)\s+%%EOF")]
    private static partial Regex StartXrefRegex();

    [GeneratedRegex(@"/Root\s*([0-9]+)\s+0\s+R")]
    private static partial Regex RootRegex();

    [GeneratedRegex(@"/Size\s*([0-9]+)")]
    private static partial Regex SizeRegex();

    [GeneratedRegex(@"/Prev\s*[0-9]+")]
    private static partial Regex PrevRegex();

    [GeneratedRegex(@"/Metadata\s*([0-9]+)\s+0\s+R")]
    private static partial Regex MetadataRefRegex();

    [GeneratedRegex(@"^\s*(<<.*?>>)\s*stream\r?\n(.*)\r?\nendstream\s*$", RegexOptions.Singleline)]
    private static partial Regex StreamRegex();
}
