namespace Vigie.Web.Features.Shared;

// Port between the survey module (provider) and the diagnostic (consumer). Owned jointly: do not change it
// without telling the integrator. Only published waves, only aggregate figures (never a respondent's answers).
public interface ISurveyResultsForDiagnostic
{
    Task<IReadOnlyList<SurveyWaveSummary>> PublishedWavesAsync(Guid contractId, CancellationToken ct);
}

public sealed record SurveyWaveSummary(
    int WaveId, string Title, DateOnly FieldStart, DateOnly FieldEnd, int Responses, string Weighting,
    IReadOnlyList<SurveyResultLine> Lines);

// Share and bounds are proportions in [0, 1]; Low/High: the interval shown to readers (Wilson on n_eff).
// Suppressed: true when the base is under the publication threshold (figures then null).
public sealed record SurveyResultLine(
    string QuestionCode, string Question, string Answer, double? Share, double? Low, double? High, int Base, bool Suppressed);
