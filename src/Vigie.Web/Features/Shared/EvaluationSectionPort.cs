namespace Vigie.Web.Features.Shared;

// Port between the evaluation report (consumer) and the modules whose data appear in it (providers: diagnostic,
// incidents, confidential follow-up, later video-protection). Each provider registers one IEvaluationSection; the
// report shows the sections in Order. A provider returns only aggregates its audience may receive (the context's
// entitlement; IsPublic for the anonymous page and PDF), masks every count under SmallCell, and names its source.
public interface IEvaluationSection
{
    int Order { get; }
    Task<EvaluationSectionContent?> BuildAsync(EvaluationSectionContext context, CancellationToken ct);
}

/// <summary>What a section is asked for: a contract, the evaluated period, and who will read the result.</summary>
public sealed record EvaluationSectionContext(Guid ContractId, DateOnly PeriodStart, DateOnly PeriodEnd, Entitlement Entitlement, bool IsPublic, DateOnly Today)
{
    /// <summary>Counts under this threshold are masked in every evaluation table (statistical secrecy, specs §1 and §5.3).</summary>
    public const int SmallCell = 5;

    /// <summary>A count as printed: "&lt; 5" under the threshold.</summary>
    public static string Count(int n) => n < SmallCell ? $"< {SmallCell}" : n.ToString(Culture.French);
}

/// <summary>
/// A contributed section. <paramref name="Methodology"/>: lines for the report's annexes (a survey's method);
/// <paramref name="Part"/>: the part of the §5.3 outline it falls in, set by the report from the section's
/// <see cref="IEvaluationSection.Order"/> (under <see cref="StrategyOrderLimit"/>: 2, the diagnostic reminder; else 5, the context).
/// </summary>
public sealed record EvaluationSectionContent(string Title, IReadOnlyList<string> Paragraphs, IReadOnlyList<EvaluationTable> Tables,
    IReadOnlyList<string>? Methodology = null, int Part = 5)
{
    /// <summary>Sections ordered below this fall in part 2 of the outline ("Rappel du diagnostic et de la stratégie").</summary>
    public const int StrategyOrderLimit = 11;
}

/// <summary>A table of the report: every number with its source and extraction date.</summary>
public sealed record EvaluationTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, string Source, DateOnly ExtractedOn)
{
    public string SourceLine => $"Source : {Source} — extraction du {Culture.Date(ExtractedOn)}.";
}
