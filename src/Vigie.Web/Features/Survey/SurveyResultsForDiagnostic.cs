using static Vigie.Web.Features.Survey.SurveyWeighting;

namespace Vigie.Web.Features.Survey;

/// <summary>The diagnostic's view of the survey (Features/Shared/SurveyResultsPort.cs): published waves, whole-area figures only.</summary>
public sealed class SurveyResultsForDiagnostic(SurveyQueries queries) : ISurveyResultsForDiagnostic
{
    public async Task<IReadOnlyList<SurveyWaveSummary>> PublishedWavesAsync(Guid contractId, CancellationToken ct)
    {
        var list = new List<SurveyWaveSummary>();
        foreach (var w in await queries.PublishedWavesAsync(contractId))
        {
            var results = await queries.ResultsAsync(w.Id);
            var lines = results.Rows.Where(r => r.Zone.Code == SurveyEstimation.AllZone)
                .Select(r => new SurveyResultLine(r.Indicator.QuestionCode, r.Indicator.Question, r.Indicator.Aggregate, r.Estimate.Share, r.Estimate.Low,
                    r.Estimate.High, r.Estimate.N, r.Estimate.Status == SurveyWeighting.SurveyFigureStatus.Masque))
                .ToList();
            list.Add(new SurveyWaveSummary(w.Number, $"{w.Survey!.Title} — {w.Title}", w.FieldStart, w.FieldEnd, results.Respondents,
                $"{results.Weighting.Method} sur sexe × âge × quartier{(w.CensusVintage is { } v ? $" ({v})" : "")}", lines));
        }
        return list;
    }
}
