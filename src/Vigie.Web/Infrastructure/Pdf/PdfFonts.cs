using PdfSharp.Fonts;

namespace Vigie.Web.Infrastructure.Pdf;

/// <summary>
/// PDFsharp has no font discovery on Linux: this resolver serves DejaVu Sans (Debian package fonts-dejavu-core,
/// full Latin coverage incl. « », € and accented capitals) for every family the reports ask for.
/// </summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly string[] Folders =
    [
        Environment.GetEnvironmentVariable("VIGIE_PDF_FONTS") ?? "",
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/local/share/fonts",
    ];

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["regular"] = "DejaVuSans.ttf",
        ["bold"] = "DejaVuSans-Bold.ttf",
        ["italic"] = "DejaVuSans-Oblique.ttf",
        ["bolditalic"] = "DejaVuSans-BoldOblique.ttf",
    };

    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>Sets the AGPL licence flag and the font resolver once per process (PDFsharp settings are global).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (installed)
            {
                return;
            }
            PdfSharp.PdfSharpLicense.SetAgplLicense();
            GlobalFontSettings.FontResolver ??= new PdfFonts();
            installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (true, true) => "bolditalic",
            (true, false) => "bold",
            (false, true) => "italic",
            _ => "regular",
        });

    public byte[]? GetFont(string faceName)
    {
        var file = Files.GetValueOrDefault(faceName, Files["regular"]);
        foreach (var folder in Folders.Where(f => f.Length > 0))
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }
        throw new InvalidOperationException(
            $"Font {file} not found (install the Debian package fonts-dejavu-core or set VIGIE_PDF_FONTS to a folder holding DejaVu Sans).");
    }
}
