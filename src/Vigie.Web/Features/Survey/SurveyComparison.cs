using static Vigie.Web.Features.Survey.SurveyWeighting;

namespace Vigie.Web.Features.Survey;

/// <summary>One indicator of one zone in two waves, the difference in points, and whether it is significant.</summary>
public sealed record SurveyComparisonRow(SurveyZone Zone, string Item, string Question, string Aggregate, SurveyEstimate Before, SurveyEstimate After,
    double? DifferencePoints, bool Significant);

/// <summary>Two waves of one survey side by side (T0 vs T1).</summary>
public sealed record SurveyWaveComparison(SurveyWaveDetail Before, SurveyWaveDetail After, IReadOnlyList<SurveyComparisonRow> Rows);

/// <summary>
/// T0 vs T1 (specs §2.6): both intervals are shown (Wilson on n_eff); a difference is called significant only when both
/// figures are published (not suppressed) and their 95 % intervals do not overlap — conservative, no p-value.
/// </summary>
public static class SurveyCompare
{
    public static IReadOnlyList<SurveyComparisonRow> Rows(SurveyResultSet before, SurveyResultSet after)
    {
        var old = before.Rows.ToDictionary(r => (r.Zone.Code, r.Indicator.Item, r.Indicator.Aggregate));
        var rows = new List<SurveyComparisonRow>();
        foreach (var a in after.Rows)
        {
            if (!old.TryGetValue((a.Zone.Code, a.Indicator.Item, a.Indicator.Aggregate), out var b)) continue;
            var shown = Shown(b.Estimate) && Shown(a.Estimate);
            double? difference = shown ? Math.Round((a.Estimate.Share!.Value - b.Estimate.Share!.Value) * 100, 1, MidpointRounding.AwayFromZero) : null;
            rows.Add(new(a.Zone, a.Indicator.Item, a.Indicator.Question, a.Indicator.Aggregate, b.Estimate, a.Estimate, difference,
                shown && Disjoint(b.Estimate, a.Estimate)));
        }
        return rows;
    }

    private static bool Shown(SurveyEstimate e) => e.Status != SurveyFigureStatus.Masque && e.Share is not null && e.Low is not null && e.High is not null;

    /// <summary>True when the two intervals do not overlap (one lies entirely above the other).</summary>
    public static bool Disjoint(SurveyEstimate a, SurveyEstimate b) => a.Low > b.High || b.Low > a.High;
}
