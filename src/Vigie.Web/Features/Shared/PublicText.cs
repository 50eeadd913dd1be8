using System.Text.RegularExpressions;

namespace Vigie.Web.Features.Shared;

/// <summary>
/// What free text written by or about residents may show outside the contract (incidents on Open311 and the public map,
/// free answers of the public survey): specs §3.3's privacy rules. Phone
/// numbers, e-mail addresses, licence plates and names after a civility are masked; the point is snapped to a
/// grid of about 200 m and the house number is dropped from the address.
/// </summary>
public static partial class PublicText
{
    public const string Masked = "[masqué]";
    /// <summary>Grid step in degrees (about 220 m of latitude, 140 m of longitude in northern France).</summary>
    public const double GridDegrees = 0.002;

    [GeneratedRegex(@"(?:(?:\+|00)33[\s.\-]?|\b0)[1-9](?:[\s.\-]?\d{2}){4}\b")]
    private static partial Regex Phone();

    [GeneratedRegex(@"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")]
    private static partial Regex Email();

    /// <summary>SIV plates (AB-123-CD) and former FNI plates (123 ABC 75).</summary>
    [GeneratedRegex(@"\b[A-Za-z]{2}[\s\-]?\d{3}[\s\-]?[A-Za-z]{2}\b|\b\d{1,4}[\s\-]?[A-Z]{2,3}[\s\-]?(?:\d{2}|2A|2B|97\d)\b")]
    private static partial Regex Plate();

    [GeneratedRegex(@"\b(?:M\.|MM\.|Mme|Mmes|Mlle|Mr|Monsieur|Madame|Mademoiselle|Dr|Docteur|famille)\s+[A-ZÀ-Ý][\p{L}'\-]+(?:\s+[A-ZÀ-Ý][\p{L}'\-]+)?")]
    private static partial Regex Civility();

    [GeneratedRegex(@"^\s*\d+\s*(?:bis|ter|quater|[a-dA-D])?\b[\s,]*")]
    private static partial Regex HouseNumber();

    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var s = Email().Replace(text, Masked);
        s = Phone().Replace(s, Masked);
        s = Plate().Replace(s, Masked);
        return Civility().Replace(s, Masked);
    }

    public static string? CoarseAddress(string? address) =>
        string.IsNullOrWhiteSpace(address) ? null : Scrub(HouseNumber().Replace(address.Trim(), ""));

    public static double Coarse(double degrees) => Math.Round(Math.Round(degrees / GridDegrees) * GridDegrees, 3);
}
