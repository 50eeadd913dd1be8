using System.Diagnostics;

namespace Vigie.Tests.Infrastructure;

/// <summary>Reads a generated PDF back with poppler's pdftotext / pdfinfo (Debian poppler-utils, installed by test.sh).</summary>
public static class PdfText
{
    /// <summary>The text of every page, in reading order (pdftotext -layout keeps table rows on one line).</summary>
    public static Task<string> ExtractAsync(byte[] pdf, bool layout = true) =>
        RunAsync("pdftotext", pdf, layout ? ["-layout", "-enc", "UTF-8", "-", "-"] : ["-enc", "UTF-8", "-", "-"]);

    /// <summary>The text with every run of whitespace (incl. line breaks from wrapping) collapsed to one space.</summary>
    public static async Task<string> FlatAsync(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Replace(await ExtractAsync(pdf, layout: false), @"\s+", " ");

    /// <summary>pdfinfo's "Key: value" lines (Title, Pages, Tagged, …).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> InfoAsync(byte[] pdf)
    {
        var text = await RunAsync("pdfinfo", pdf, ["-"]);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim())
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());
    }

    private static async Task<string> RunAsync(string tool, byte[] pdf, string[] args)
    {
        Assert.True(pdf.Length > 4 && pdf[0] == '%' && pdf[1] == 'P' && pdf[2] == 'D' && pdf[3] == 'F', "not a PDF");
        var start = new ProcessStartInfo(tool) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(pdf);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await error}");
        return await output;
    }
}
