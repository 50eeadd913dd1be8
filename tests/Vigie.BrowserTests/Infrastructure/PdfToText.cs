using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Vigie.BrowserTests.Infrastructure;

/// <summary>A downloaded PDF read back with poppler's pdftotext, whitespace runs collapsed to one space.</summary>
public static partial class PdfToText
{
    public static async Task<string> ReadAsync(string path)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true };
        foreach (var a in new[] { "-enc", "UTF-8", path, "-" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return WhitespaceRegex().Replace(text, " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
