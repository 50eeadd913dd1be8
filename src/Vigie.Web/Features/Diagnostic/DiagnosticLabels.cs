namespace Vigie.Web.Features.Diagnostic;

/// <summary>French labels of the diagnostic's enums, and their parsing from API values.</summary>
public static class DiagnosticLabels
{
    public static string Axis(DiagnosticAxis a) => a switch
    {
        DiagnosticAxis.Prevention => "prévention",
        DiagnosticAxis.Dissuasion => "dissuasion",
        DiagnosticAxis.Sanction => "sanction",
        _ => "réparation",
    };

    public static string Axis(string? a) => Enum.TryParse<DiagnosticAxis>(a, out var x) ? Axis(x) : "—";

    public static string Status(DiagnosticSectionStatus s) => s switch
    {
        DiagnosticSectionStatus.Draft => "brouillon",
        DiagnosticSectionStatus.ToReview => "à relire",
        _ => "validé",
    };

    public static string Status(string? s) => Enum.TryParse<DiagnosticSectionStatus>(s, out var x) ? Status(x) : "—";

    public static string SourceKind(DiagnosticSourceKind k) => k switch
    {
        DiagnosticSourceKind.Meeting => "Réunion de travail",
        DiagnosticSourceKind.Interview => "Entretien",
        DiagnosticSourceKind.Document => "Document",
        _ => "Statistiques",
    };

    public static string SourceKind(string? k) => Enum.TryParse<DiagnosticSourceKind>(k, out var x) ? SourceKind(x) : "—";

    public static string Visibility(MinutesVisibility v) => v switch
    {
        MinutesVisibility.Public => "publique",
        MinutesVisibility.Members => "membres du contrat",
        _ => "restreinte",
    };

    /// <summary>Parses an enum value given by name (case-insensitive, no numbers); null when absent or unknown.</summary>
    public static T? Parse<T>(string? value) where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(value) && !value.Trim().All(char.IsAsciiDigit) && Enum.TryParse<T>(value.Trim(), true, out var x) && Enum.IsDefined(x) ? x : null;
}
