using Vigie.Web.Features.Shared;

namespace Vigie.Web.Features.Survey;

/// <summary>
/// The action plan's view of the survey (Features/Shared/IndicatorSourcesPort.cs, ADR 0020): the weighted share of one
/// item's aggregated answer for the whole area, one value per wave, computed by the same estimation as the results page.
/// </summary>
public sealed class SurveyIndicatorSource(AppDbContext db, SurveyQueries queries) : ISurveyIndicatorSource
{
    /// <summary>A wave's weighted results, computed once per request however many indicators read that wave (scoped service).</summary>
    private readonly Dictionary<Guid, SurveyResultSet> _results = [];

    public async Task<IReadOnlyList<SurveyIndicatorChoice>> ChoicesAsync(Guid contractId)
    {
        var list = new List<SurveyIndicatorChoice>();
        foreach (var s in await db.Surveys.AsNoTracking().Include(s => s.Questions).Where(s => s.ContractId == contractId).OrderBy(s => s.CreatedAt).ToListAsync())
            list.AddRange(SurveyEstimation.Indicators(new SurveyQuestionnaire(s.Questions))
                .DistinctBy(i => (i.Item, i.Aggregate))
                .Select(i => new SurveyIndicatorChoice(s.Id, s.Title, i.Item, i.Aggregate, i.Question)));
        return list;
    }

    public async Task<IReadOnlyList<LiveIndicatorPoint>> ValuesAsync(Guid contractId, Guid surveyId, string item, string answer, bool membersView)
    {
        var waves = await db.SurveyWaves.AsNoTracking().Include(w => w.Survey)
            .Where(w => w.ContractId == contractId && w.SurveyId == surveyId && (membersView || w.PublishedAt != null)
                && db.SurveyResponses.Any(r => r.WaveId == w.Id && !r.Incomplete && r.VoidedAt == null))
            .OrderBy(w => w.Number).ToListAsync();
        var points = new List<LiveIndicatorPoint>();
        foreach (var w in waves)
        {
            if (!_results.TryGetValue(w.Id, out var results)) _results[w.Id] = results = await queries.ResultsAsync(w.Id);
            if (results.Rows.FirstOrDefault(r => r.Zone.Code == SurveyEstimation.AllZone && r.Indicator.Item == item && r.Indicator.Aggregate == answer) is not { } row)
                continue;
            var e = row.Estimate;
            var masked = e.Status == SurveyWeighting.SurveyFigureStatus.Masque || e.Share is null;
            var provenance = $"Enquête « {w.Survey!.Title} », vague {w.Code} ({Culture.Date(w.FieldStart)} – {Culture.Date(w.FieldEnd)}), part pondérée sur {e.N.ToString("N0", Culture.French)} réponses"
                + (masked || e.Low is null || e.High is null ? "" : $", IC 95 % {Percent(e.Low.Value)} – {Percent(e.High.Value)} %")
                + (w.PublishedAt is null ? " — résultats non publiés" : "");
            var note = masked ? "effectif insuffisant (masqué)" : e.Status == SurveyWeighting.SurveyFigureStatus.Prudence ? "à interpréter avec prudence" : null;
            points.Add(new LiveIndicatorPoint(w.Code, w.FieldEnd, masked ? null : Math.Round((decimal)e.Share!.Value * 100m, 1), provenance, note));
        }
        return points;
    }

    private static string Percent(double share) => (share * 100).ToString("0.0", Culture.French);
}
