namespace Vigie.Web.Features.Survey;

/// <summary>
/// The anonymous responses of a closed wave as CSV, for the coordinators' own analyses: one line per response kept
/// (voided ones left out), one column per item code. Nothing that could single a respondent out leaves: no response
/// code (online answers carry their invitation), no free text (specs §2.7: never leaves the members-only pages), no time
/// finer than the day, and the birth year (A2) as its census age band. Text cells are neutralised against formula
/// injection by <see cref="Spreadsheets.Csv"/>.
/// </summary>
public sealed class SurveyResponsesExport(AppDbContext db)
{
    public const string BandColumn = "A2_tranche";

    /// <summary>The file, or null when the wave is not this contract's or not closed yet; the count of lines.</summary>
    public async Task<(byte[] Csv, int Lines)?> CsvAsync(Guid contractId, Guid waveId)
    {
        var wave = await db.SurveyWaves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId && w.ContractId == contractId);
        if (wave is null || wave.Status != SurveyWaveStatus.Closed) return null;
        var qn = new SurveyQuestionnaire(await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == wave.SurveyId).ToListAsync());
        var columns = qn.Columns.Where(c => c.Kind != SurveyColumnKind.Text).ToList();
        var rows = await db.SurveyResponses.AsNoTracking().Where(r => r.WaveId == waveId && r.VoidedAt == null)
            .Select(r => new { r.Mode, r.CollectedOn, r.Quartier, r.Sex, r.BirthYear, r.Answers, r.Incomplete }).ToListAsync();
        // A stable order that says nothing about who answered when within a day.
        var ordered = rows.OrderBy(r => r.CollectedOn).ThenBy(r => r.Quartier, StringComparer.Ordinal).ThenBy(r => r.Answers, StringComparer.Ordinal).ToList();
        string[] header = ["n", "vague", "collecte_mode", "date_collecte", "quartier", "incomplet",
            .. columns.Select(c => c.Kind == SurveyColumnKind.BirthYear ? BandColumn : c.Code)];
        var lines = ordered.Select((r, i) =>
        {
            var answers = SurveyImporter.ReadAnswers(r.Answers);
            return (IEnumerable<string>)[
                (i + 1).ToString(Culture.French), wave.Code, r.Mode.ToString().ToUpperInvariant(), r.CollectedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                r.Quartier, r.Incomplete ? "1" : "0",
                .. columns.Select(c => c.Kind switch
                {
                    SurveyColumnKind.BirthYear => SurveyQuestionnaire.AgeBand(r.BirthYear, r.CollectedOn.Year) is { } band ? SurveyLabels.Band(band) : "",
                    SurveyColumnKind.Zone => r.Quartier,
                    _ when c.Question.Code == SurveyQuestionnaire.SexCode && !answers.ContainsKey(c.Code) => r.Sex.ToString(Culture.French),
                    _ => answers.TryGetValue(c.Code, out var v) ? v.ToString(Culture.French) : "",
                }),
            ];
        });
        return (Spreadsheets.Csv(lines.Prepend(header)), ordered.Count);
    }
}
