using System.Globalization;

namespace Vigie.Web.Features.Observatory.PartnerSeries;

public sealed class PartnerSeriesOptions
{
    public const string Section = "Observatory";

    /// <summary>Partner values above zero and below this are shown as "&lt; N" outside contract members' pages.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1000, ErrorMessage = "Observatory:PartnerSmallCountThreshold must be between {1} and {2}.")]
    public int PartnerSmallCountThreshold { get; set; } = 5;
}

/// <summary>Source kinds as written in the CSV (« source » column) and their French labels.</summary>
public static class PartnerSourceKinds
{
    public static readonly IReadOnlyDictionary<string, PartnerSourceKind> ByCode = new Dictionary<string, PartnerSourceKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["police-municipale"] = PartnerSourceKind.PoliceMunicipale,
        ["bailleur"] = PartnerSourceKind.Bailleur,
        ["transport"] = PartnerSourceKind.Transport,
        ["vigie"] = PartnerSourceKind.Vigie,
        ["autre"] = PartnerSourceKind.Autre,
    };

    public static string Code(PartnerSourceKind kind) => ByCode.First(p => p.Value == kind).Key;

    public static string Label(PartnerSourceKind kind) => kind switch
    {
        PartnerSourceKind.PoliceMunicipale => "Police municipale",
        PartnerSourceKind.Bailleur => "Bailleur social",
        PartnerSourceKind.Transport => "Opérateur de transport",
        PartnerSourceKind.Vigie => "Incidents enregistrés dans Vigie",
        _ => "Autre source",
    };
}

/// <summary>
/// Small-count suppression of partner figures (DOMAIN.md §4.4): on any page not restricted to contract
/// members, a value above zero and below the threshold is shown as "&lt; threshold".
/// </summary>
public static class PartnerSeriesDisclosure
{
    public static bool IsSuppressed(decimal value, int threshold) => value > 0 && value < threshold;

    /// <param name="membersOnly">True on pages only contract members can see: then the value is shown as is.</param>
    public static string Format(decimal value, int threshold, bool membersOnly) =>
        !membersOnly && IsSuppressed(value, threshold)
            ? $"< {threshold.ToString(CultureInfo.InvariantCulture)}"
            : FormatValue(value);

    public static string FormatValue(decimal value) => value.ToString("#,##0.####", Culture.French);
}
