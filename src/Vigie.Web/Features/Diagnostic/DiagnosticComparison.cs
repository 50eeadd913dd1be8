using DiffPlex;
using DiffPlex.Chunkers;

namespace Vigie.Web.Features.Diagnostic;

/// <summary>One figure that differs between two versions (or a version and the live document).</summary>
public sealed record DiagnosticFigureChange(string Territory, string Indicator, long? CountBefore, long? CountAfter, decimal? RateBefore, decimal? RateAfter);

/// <summary>A run of words of a section's text: Same, Deleted (only before) or Inserted (only after).</summary>
public sealed record DiagnosticTextPiece(string Change, string Text);

/// <summary>A section whose title or text differs: Added, Removed or Changed, its text as a word diff.</summary>
public sealed record DiagnosticSectionChange(string Title, string Change, IReadOnlyList<DiagnosticTextPiece> Pieces);

/// <summary>What changed from <see cref="From"/> to <see cref="To"/>: editions, figures, texts, findings.</summary>
public sealed record DiagnosticComparison(string From, string To, IReadOnlyList<string> EditionsBefore, IReadOnlyList<string> EditionsAfter,
    IReadOnlyList<DiagnosticFigureChange> Figures, IReadOnlyList<DiagnosticSectionChange> Sections,
    IReadOnlyList<string> FindingsAdded, IReadOnlyList<string> FindingsRemoved)
{
    public bool Identical => Figures.Count == 0 && Sections.Count == 0 && FindingsAdded.Count == 0 && FindingsRemoved.Count == 0
        && EditionsBefore.SequenceEqual(EditionsAfter);
}

/// <summary>
/// Side by side of two contents of a diagnostic (issue 12 §5): figures matched by territory and indicator, sections by
/// kind, axis and organisation (their title may change), texts compared word by word (DiffPlex), findings by their text.
/// Pure: the same two contents always give the same comparison.
/// </summary>
public static class DiagnosticCompare
{
    public static DiagnosticComparison Compare(DiagnosticContent before, DiagnosticContent after, string from, string to)
    {
        var figures = new List<DiagnosticFigureChange>();
        var beforeRows = before.Figures.SelectMany(t => t.Rows.Select(r => (Key: (t.Code, r.Code), Table: t, Row: r))).ToDictionary(x => x.Key);
        var afterRows = after.Figures.SelectMany(t => t.Rows.Select(r => (Key: (t.Code, r.Code), Table: t, Row: r))).ToList();
        foreach (var a in afterRows)
        {
            var b = beforeRows.GetValueOrDefault(a.Key);
            if (b.Row is null || b.Row.Count != a.Row.Count || b.Row.Rate != a.Row.Rate)
                figures.Add(new(a.Table.Name, a.Row.Label, b.Row?.Count, a.Row.Count, b.Row?.Rate, a.Row.Rate));
        }
        var afterKeys = afterRows.Select(a => a.Key).ToHashSet();
        foreach (var b in beforeRows.Values.Where(b => !afterKeys.Contains(b.Key)))
            figures.Add(new(b.Table.Name, b.Row.Label, b.Row.Count, null, b.Row.Rate, null));

        static string Key(DiagnosticSectionContent s) => $"{s.Kind}|{s.Axis}|{s.Organisation}";
        var sections = new List<DiagnosticSectionChange>();
        var beforeSections = before.Sections.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        foreach (var s in after.Sections)
        {
            if (!beforeSections.Remove(Key(s), out var old))
                sections.Add(new(s.Title, "Added", Words("", s.Body)));
            else if (old.Body != s.Body || old.Title != s.Title)
                sections.Add(new(s.Title, "Changed", Words(old.Title == s.Title ? old.Body : $"{old.Title}\n{old.Body}", old.Title == s.Title ? s.Body : $"{s.Title}\n{s.Body}")));
        }
        foreach (var old in beforeSections.Values)
            sections.Add(new(old.Title, "Removed", Words(old.Body, "")));

        var beforeFindings = before.Findings.Select(f => f.Text).ToHashSet(StringComparer.Ordinal);
        var afterFindings = after.Findings.Select(f => f.Text).ToHashSet(StringComparer.Ordinal);
        return new DiagnosticComparison(from, to, Editions(before), Editions(after), figures, sections,
            [.. after.Findings.Select(f => f.Text).Where(t => !beforeFindings.Contains(t))],
            [.. before.Findings.Select(f => f.Text).Where(t => !afterFindings.Contains(t))]);
    }

    private static List<string> Editions(DiagnosticContent c) => [.. c.Figures.Select(t => t.Edition).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>A word diff: runs of unchanged, deleted and inserted words (whitespace kept with the words it follows).</summary>
    public static IReadOnlyList<DiagnosticTextPiece> Words(string? before, string? after)
    {
        var diff = Differ.Instance.CreateDiffs(before ?? "", after ?? "", false, false, new DelimiterChunker([' ', '\n', '\t']));
        var pieces = new List<DiagnosticTextPiece>();
        void Add(string change, IEnumerable<string> words)
        {
            var text = string.Concat(words);
            if (text.Length == 0) return;
            if (pieces.Count > 0 && pieces[^1].Change == change) pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
            else pieces.Add(new(change, text));
        }
        var a = 0;
        foreach (var block in diff.DiffBlocks)
        {
            Add("Same", diff.PiecesOld.Skip(a).Take(block.DeleteStartA - a));
            Add("Deleted", diff.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            Add("Inserted", diff.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            a = block.DeleteStartA + block.DeleteCountA;
        }
        Add("Same", diff.PiecesOld.Skip(a));
        return pieces;
    }
}
