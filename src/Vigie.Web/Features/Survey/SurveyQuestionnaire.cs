using System.Globalization;

namespace Vigie.Web.Features.Survey;

/// <summary>What a column of a response holds (import columns and online form fields, specs §2.7).</summary>
public enum SurveyColumnKind
{
    /// <summary>One code from an allowed set (single choice, scales, yes/no, grid rows).</summary>
    Coded,
    /// <summary>0/1: one option of a multiple choice (B6_1 …).</summary>
    Flag,
    Count,
    BirthYear,
    Zone,
    Text,
}

public sealed record SurveyOptionLabel(int Code, string Label);

/// <summary>One column: its code (C1a, B6_2), the question it belongs to, what it holds and the allowed codes.</summary>
public sealed record SurveyColumn(string Code, SurveyQuestion Question, SurveyColumnKind Kind, IReadOnlyList<SurveyOptionLabel> Options, string Label)
{
    public static readonly int[] Missing = [96, 97, 98];
    public bool Allows(int code) => Kind switch
    {
        SurveyColumnKind.Flag => code is 0 or 1,
        SurveyColumnKind.Count => code is >= 0 and <= 99,
        SurveyColumnKind.Coded => Options.Any(o => o.Code == code) || code is 97 or 98
            || (code == 96 && Question.Type is SurveyQuestionType.Frequency4 or SurveyQuestionType.Grid),
        _ => true,
    };
}

/// <summary>
/// A survey's questions as columns and skip rules: the shape imports, the online form and the results share. Built
/// from the stored questions, so an edited questionnaire is read the same way everywhere.
/// </summary>
public sealed class SurveyQuestionnaire
{
    public const string SexCode = "A1", BirthYearCode = "A2", ZoneCode = "A3", FreeTextCode = "E4";
    public IReadOnlyList<SurveyQuestion> Questions { get; }
    public IReadOnlyList<SurveyColumn> Columns { get; }

    public SurveyQuestionnaire(IEnumerable<SurveyQuestion> questions)
    {
        Questions = [.. questions.OrderBy(q => q.Position)];
        Columns = [.. Questions.SelectMany(ColumnsOf)];
    }

    public static IReadOnlyList<SurveyOptionLabel> ParseOptions(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] :
        [.. text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var eq = part.IndexOf('=');
            return new SurveyOptionLabel(int.Parse(part[..eq], CultureInfo.InvariantCulture), part[(eq + 1)..]);
        })];

    /// <summary>Grid rows: "C1a=label|…" → (code, label).</summary>
    public static IReadOnlyList<(string Code, string Label)> ParseRows(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] :
        [.. text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var eq = part.IndexOf('=');
            return (part[..eq], part[(eq + 1)..]);
        })];

    private static IEnumerable<SurveyColumn> ColumnsOf(SurveyQuestion q)
    {
        var options = ParseOptions(q.Options);
        switch (q.Type)
        {
            case SurveyQuestionType.MultipleChoice:
                foreach (var o in options) yield return new SurveyColumn($"{q.Code}_{o.Code}", q, SurveyColumnKind.Flag, [], o.Label);
                break;
            case SurveyQuestionType.Grid:
                // A grid without its own scale (D7) takes codes 1–3 per row, as its row labels say.
                var scale = options.Count > 0 ? options : [new(1, "1"), new(2, "2"), new(3, "3")];
                foreach (var (code, label) in ParseRows(q.Rows)) yield return new SurveyColumn(code, q, SurveyColumnKind.Coded, scale, label);
                break;
            case SurveyQuestionType.Count:
                yield return new SurveyColumn(q.Code, q, SurveyColumnKind.Count, [], q.Text);
                break;
            case SurveyQuestionType.BirthYear:
                yield return new SurveyColumn(q.Code, q, SurveyColumnKind.BirthYear, [], q.Text);
                break;
            case SurveyQuestionType.Zone:
                yield return new SurveyColumn(q.Code, q, SurveyColumnKind.Zone, [], q.Text);
                break;
            case SurveyQuestionType.FreeText:
                yield return new SurveyColumn(q.Code, q, SurveyColumnKind.Text, [], q.Text);
                break;
            case SurveyQuestionType.AgeBand:
                yield return new SurveyColumn(q.Code, q, SurveyColumnKind.Coded,
                    [new(1, "15–29 ans"), new(2, "30–44 ans"), new(3, "45–59 ans"), new(4, "60–74 ans"), new(5, "75 ans ou plus")], q.Text);
                break;
            default:
                yield return new SurveyColumn(q.Code, q, SurveyColumnKind.Coded, options, q.Text);
                break;
        }
    }

    /// <summary>
    /// Is the question shown, given the coded answers so far? ShowIf "D1=1|D2=1": any term true. A question without a
    /// rule is always shown.
    /// </summary>
    public static bool Shown(SurveyQuestion q, IReadOnlyDictionary<string, int> coded)
    {
        if (string.IsNullOrWhiteSpace(q.ShowIf)) return true;
        foreach (var term in q.ShowIf.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = term.IndexOf('=');
            if (eq > 0 && coded.TryGetValue(term[..eq].Trim(), out var v) && int.TryParse(term[(eq + 1)..], CultureInfo.InvariantCulture, out var want) && v == want)
                return true;
        }
        return false;
    }

    /// <summary>Age band of a respondent born in <paramref name="birthYear"/>, interviewed in <paramref name="year"/> (collection year − birth year).</summary>
    public static SurveyAgeBand? AgeBand(int birthYear, int year) => (year - birthYear) switch
    {
        < 15 => null,
        < 30 => SurveyAgeBand.A15_29,
        < 45 => SurveyAgeBand.A30_44,
        < 60 => SurveyAgeBand.A45_59,
        < 75 => SurveyAgeBand.A60_74,
        _ => SurveyAgeBand.A75Plus,
    };

    public static string AgeBandLabel(SurveyAgeBand b) => b switch
    {
        SurveyAgeBand.A15_29 => "15–29 ans",
        SurveyAgeBand.A30_44 => "30–44 ans",
        SurveyAgeBand.A45_59 => "45–59 ans",
        SurveyAgeBand.A60_74 => "60–74 ans",
        _ => "75 ans ou plus",
    };
}
