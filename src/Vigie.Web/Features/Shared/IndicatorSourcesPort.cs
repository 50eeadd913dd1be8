namespace Vigie.Web.Features.Shared;

// Ports between the rooms that hold live series (survey, incidents: providers) and the action plan's indicators (consumer),
// ADR 0020. Values are computed on every read, never copied into the plan. Each provider decides what an audience may read:
// membersView = false means "anyone who may read the plan page", i.e. the public.

/// <summary>One value of a live series as an indicator shows it: null value with a note when the figure may not be given.</summary>
public sealed record LiveIndicatorPoint(string Period, DateOnly On, decimal? Value, string Provenance, string? Note);

/// <summary>A survey indicator a plan indicator can follow: an item of a survey's questionnaire and an aggregated answer.</summary>
public sealed record SurveyIndicatorChoice(Guid SurveyId, string SurveyTitle, string Item, string Answer, string Question);

public interface ISurveyIndicatorSource
{
    /// <summary>Every item × aggregated answer of every survey of the contract.</summary>
    Task<IReadOnlyList<SurveyIndicatorChoice>> ChoicesAsync(Guid contractId);

    /// <summary>
    /// One value per wave of the survey with responses (weighted share in %, whole area): all of them for members,
    /// only waves whose results are published otherwise (unpublished results stay with the contract's members).
    /// </summary>
    Task<IReadOnlyList<LiveIndicatorPoint>> ValuesAsync(Guid contractId, Guid surveyId, string item, string answer, bool membersView);
}

public interface IIncivilityIndicatorSource
{
    /// <summary>Category groups (code → French name).</summary>
    IReadOnlyDictionary<string, string> Groups { get; }

    /// <summary>
    /// Yearly counts of a category group's incidents (optionally one sub-area), from the contract's first year to this year:
    /// all categories for members, public categories only otherwise (partner-only categories never leave the members).
    /// </summary>
    Task<IReadOnlyList<LiveIndicatorPoint>> YearlyAsync(Guid contractId, string group, Guid? areaId, bool membersView);
}
