using static Vigie.Web.Features.Survey.SurveyWeighting;

namespace Vigie.Web.Features.Survey;

/// <summary>French wording of the survey's values (specs §2.6 display: "23 % [19–27]", integers).</summary>
public static class SurveyLabels
{
    /// <summary>Mandatory caveat on every output (specs §2.6).</summary>
    public const string Caveat = "Échantillon par quotas : les intervalles sont indicatifs (hypothèse de sondage aléatoire simple après redressement).";
    public const string AnchorCaveat = "Repères nationaux : le mode de collecte et le champ diffèrent (CVS 14 ans ou plus, VRS 18 ans ou plus ; tirage aléatoire contre quotas ; national contre local).";

    /// <summary>
    /// Where a wave's population margins come from: « Recensement de la population 2021 (INSEE), fichier …, importé le
    /// dd/MM/yyyy » when imported (<paramref name="withFile"/> false: without the file and date, for the public page),
    /// « populations saisies (RP 2021) » when typed in; null when nothing says it.
    /// </summary>
    public static string? CensusSource(SurveyWave w, bool withFile = true)
    {
        if (w.CensusImportedAt is { } at && w.CensusVintage is { } vintage)
        {
            var census = $"Recensement de la population {(vintage.StartsWith("RP ", StringComparison.Ordinal) ? vintage[3..] : vintage)} (INSEE)";
            return withFile ? $"{census}, fichier « {w.CensusFileName} », importé le {Culture.Date(Culture.ParisDate(at))}" : census;
        }
        return w.CensusVintage is { } typed ? $"populations saisies ({typed})" : null;
    }

    public static string Percent(double? p) => p is { } v ? $"{Math.Round(v * 100, MidpointRounding.AwayFromZero).ToString("0", Culture.French)} %" : "—";

    public static string WithInterval(SurveyEstimate e) => e.Share is null
        ? "effectif insuffisant"
        : $"{Percent(e.Share)} [{Math.Round(e.Low!.Value * 100, MidpointRounding.AwayFromZero).ToString("0", Culture.French)}–{Math.Round(e.High!.Value * 100, MidpointRounding.AwayFromZero).ToString("0", Culture.French)}]";

    public static string StatusCode(SurveyFigureStatus s) => s switch { SurveyFigureStatus.Ok => "ok", SurveyFigureStatus.Prudence => "prudence", _ => "masque" };

    public static string StatusLabel(SurveyFigureStatus s) => s switch
    {
        SurveyFigureStatus.Ok => "",
        SurveyFigureStatus.Prudence => "à interpréter avec prudence",
        _ => "effectif insuffisant",
    };

    public static string WaveStatus(SurveyWaveStatus s) => s switch
    {
        SurveyWaveStatus.Draft => "En préparation",
        SurveyWaveStatus.Open => "Collecte en cours",
        _ => "Collecte close",
    };

    public static string Number(double x, int decimals = 1) => double.IsNaN(x) ? "—" : x.ToString("N" + decimals, Culture.French);

    public static string Mode(SurveyMode m) => m switch { SurveyMode.Face => "Face à face", SurveyMode.Tel => "Téléphone", SurveyMode.Web => "Internet", _ => "Papier" };

    public static string Sex(SurveySex s) => s == SurveySex.Femme ? "F" : "H";

    public static string Band(SurveyAgeBand b) => b switch
    {
        SurveyAgeBand.A15_29 => "15-29", SurveyAgeBand.A30_44 => "30-44", SurveyAgeBand.A45_59 => "45-59", SurveyAgeBand.A60_74 => "60-74", _ => "75+",
    };
}

/// <summary>The results export of specs §2.7 (CSV) and its XLSX twin: aggregate figures only, never a response.</summary>
public static class SurveyExport
{
    public static readonly string[] Headers = ["vague", "zone", "item", "modalite_agregee", "p", "ic_bas", "ic_haut", "n_brut", "n_eff", "statut"];

    private static string D(double? x) => x is { } v ? v.ToString("0.0000", Culture.French) : "";

    public static IEnumerable<string[]> Rows(string wave, SurveyResultSet results) =>
        results.Rows.Select(r => new[]
        {
            wave, r.Zone.Code, r.Indicator.Item, r.Indicator.Aggregate, D(r.Estimate.Share), D(r.Estimate.Low), D(r.Estimate.High),
            r.Estimate.N.ToString(Culture.French), r.Estimate.NEff.ToString("0.0", Culture.French), SurveyLabels.StatusCode(r.Estimate.Status),
        });

    public static byte[] Csv(string wave, SurveyResultSet results) => Spreadsheets.Csv(Rows(wave, results).Prepend(Headers));

    public static byte[] Xlsx(string wave, SurveyResultSet results) =>
        Spreadsheets.Xlsx("Résultats", results.Rows.Select(r => new object?[]
        {
            wave, r.Zone.Code, r.Indicator.Item, r.Indicator.Aggregate, (decimal?)r.Estimate.Share, (decimal?)r.Estimate.Low, (decimal?)r.Estimate.High,
            r.Estimate.N, Math.Round((decimal)r.Estimate.NEff, 1), SurveyLabels.StatusCode(r.Estimate.Status),
        }).Prepend(Headers.Cast<object?>().ToArray()));
}

/// <summary>French labels of a response's origin and of its history.</summary>
public static class SurveyResponseLabels
{
    public static string Source(SurveyResponseSource s) => s switch
    {
        SurveyResponseSource.Online => "En ligne", SurveyResponseSource.Agent => "Saisie d'un agent", _ => "Import",
    };

    public static string Change(SurveyResponseChangeKind k) => k switch
    {
        SurveyResponseChangeKind.Corrected => "Correction", SurveyResponseChangeKind.Deleted => "Suppression", _ => "Annulation",
    };

    /// <summary>A correction's items: "B1 : 2 → 4 ; mode : Papier → Tel".</summary>
    public static string Changes(string? json)
    {
        if (string.IsNullOrEmpty(json)) return "";
        var changes = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?[]>>(json) ?? [];
        return string.Join(" ; ", changes.Select(c => $"{c.Key} : {c.Value.ElementAtOrDefault(0) ?? "—"} → {c.Value.ElementAtOrDefault(1) ?? "—"}"));
    }
}
