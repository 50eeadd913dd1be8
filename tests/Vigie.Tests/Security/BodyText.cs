using System.IO.Compression;
using System.Text;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Security;

/// <summary>
/// The readable text of anything the app sends out: HTML, JSON, CSV, iCalendar and other text as UTF-8;
/// PDF through pdftotext (<see cref="PdfText"/>); XLSX (and any other zip) as the text of its XML parts.
/// </summary>
public static class BodyText
{
    public static async Task<string> DecodeAsync(byte[] content, string? contentType = null)
    {
        if (content.Length >= 4 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F')
            return await PdfText.ExtractAsync(content, layout: false);
        if (content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4)
            return Unzip(content);
        if (contentType is not null && contentType.Contains("pdf", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Contenu annoncé {contentType} mais illisible comme PDF.");
        return Encoding.UTF8.GetString(content);
    }

    /// <summary>Every entry of an XLSX (shared strings, sheets, document properties) as text, one after the other.</summary>
    private static string Unzip(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        var sb = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            sb.Append(entry.FullName).Append('\n').Append(reader.ReadToEnd()).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Text without any whitespace, so a marker wrapped by a PDF line, an iCalendar fold or a mail line still matches.</summary>
    public static string Flat(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString();
    }
}
