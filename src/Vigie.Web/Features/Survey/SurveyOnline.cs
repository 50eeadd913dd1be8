using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;

namespace Vigie.Web.Features.Survey;

public sealed class SurveyOptions
{
    public const string Section = "Survey";

    /// <summary>Answers accepted per client address per minute on the public answer pages (POST only).</summary>
    [Range(1, 100_000, ErrorMessage = "Survey:AnswersPerMinute must be between {1} and {2}.")]
    public int AnswersPerMinute { get; set; } = 20;
}

/// <summary>What the shared answer form (<c>_SurveyForm</c>) shows: the questions, the quartiers, the values typed (refilled after an error).</summary>
public sealed record SurveyFormView(SurveyQuestionnaire Questionnaire, IReadOnlyList<(string Code, string Name)> Quartiers, IReadOnlyDictionary<string, string> Values)
{
    public string? Value(string code) => Values.TryGetValue(code, out var v) ? v : null;
}

/// <summary>
/// The public answer page's rules: a wave open online answers at its code; one response per device (the hash of a
/// random cookie and the wave, so two waves cannot be linked); rate-limited per address; nothing about the respondent
/// is stored beyond the answers (no address, no user agent, no account).
/// </summary>
public sealed class SurveyOnline(AppDbContext db, Auditor auditor, TimeProvider clock)
{
    public const string RateLimit = "survey-answers";
    public const string DeviceCookie = "vigie_enquete";

    public sealed record SurveyOpenWave(SurveyWave Wave, SurveyQuestionnaire Questionnaire, IReadOnlyList<(string Code, string Name)> Quartiers);

    public async Task<SurveyOpenWave?> FindAsync(string code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 40) return null;
        var wave = await db.SurveyWaves.AsNoTracking().Include(w => w.Survey)
            .FirstOrDefaultAsync(w => w.OnlineCode == code && w.Status == SurveyWaveStatus.Open && w.PublishedAt == null);
        if (wave is null) return null;
        return await FormOfAsync(db, wave);
    }

    /// <summary>The questionnaire and quartier referential of a wave, as its answer forms show them (public page and agent entry).</summary>
    public static async Task<SurveyOpenWave> FormOfAsync(AppDbContext db, SurveyWave wave)
    {
        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == wave.SurveyId).ToListAsync();
        var quartiers = (await db.SurveyStrata.AsNoTracking().Where(s => s.WaveId == wave.Id).Select(s => new { s.Quartier, s.QuartierName }).Distinct().ToListAsync())
            .DistinctBy(q => q.Quartier).OrderBy(q => q.QuartierName, StringComparer.Create(Culture.French, false)).Select(q => (Code: q.Quartier, Name: q.QuartierName)).ToList();
        return new SurveyOpenWave(wave, new SurveyQuestionnaire(questions), quartiers);
    }

    /// <summary>Reads a posted answer form: unticked boxes of a multiple choice are "0" once one box of the question is ticked.</summary>
    public static Func<string, string?> FormValues(SurveyQuestionnaire qn, Func<string, string?> form) => code =>
    {
        var column = qn.Columns.FirstOrDefault(c => c.Code == code);
        var v = form(code);
        if (column?.Kind == SurveyColumnKind.Flag && string.IsNullOrEmpty(v))
            return qn.Columns.Any(c => c.Question == column.Question && form(c.Code) == "1") ? "0" : null;
        return v;
    };

    /// <summary>A rule error in French, naming its question ("Question B1 : …", "Quartier : …").</summary>
    public static string Describe(SurveyQuestionnaire qn, SurveyFieldError e)
    {
        var column = qn.Columns.FirstOrDefault(c => c.Code == e.Column);
        var question = column?.Question.Code ?? qn.Questions.FirstOrDefault(q => q.Code == e.Column)?.Code;
        var name = e.Column == "quartier" ? "Quartier" : question is null ? "" : $"Question {question}";
        return name.Length == 0 ? e.Message : $"{name} : {e.Message}";
    }

    public static string DeviceHash(Guid waveId, string device) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{waveId:N}:{device}")));

    public static string NewDevice() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    public Task<bool> AnsweredAsync(Guid waveId, string? device) =>
        device is null ? Task.FromResult(false) : db.SurveyResponses.AnyAsync(r => r.WaveId == waveId && r.DeviceHash == DeviceHash(waveId, device));

    public DateOnly Today => Culture.ParisDate(clock.GetUtcNow());

    /// <summary>Checks and records one online response; the errors name the question codes. False when the device already answered.</summary>
    public async Task<(bool Recorded, List<SurveyFieldError> Errors)> SubmitAsync(SurveyOpenWave open, string device, Func<string, string?> form)
    {
        var wave = open.Wave;
        var today = Today;
        if (today < wave.FieldStart || today > wave.FieldEnd)
            return (false, [new("", $"La collecte en ligne a lieu du {Culture.Date(wave.FieldStart)} au {Culture.Date(wave.FieldEnd)}.")]);
        var hash = DeviceHash(wave.Id, device);
        if (await db.SurveyResponses.AnyAsync(r => r.WaveId == wave.Id && r.DeviceHash == hash)) return (false, []);
        var qn = open.Questionnaire;
        var (response, errors) = SurveyResponseRules.Parse(qn, FormValues(qn, form), today, open.Quartiers.Select(q => q.Code).ToHashSet(StringComparer.Ordinal));
        if (response is null) return (false, errors);
        db.SurveyResponses.Add(new SurveyResponse
        {
            Id = Guid.NewGuid(), WaveId = wave.Id, ContractId = wave.ContractId, RespId = "WEB-" + SurveyCommands.NewCode(), Mode = SurveyMode.Web,
            CollectedOn = today, Quartier = response.Quartier, Sex = response.Sex, BirthYear = response.BirthYear,
            Answers = SurveyImporter.SerializeAnswers(response.Coded), FreeText = response.FreeText, Incomplete = response.Incomplete,
            Source = SurveyResponseSource.Online, DeviceHash = hash, RecordedAt = clock.GetUtcNow(),
        });
        // The respondent's address is not kept, not even in the audit log (it would tie answers to a person).
        var e = auditor.Create(AuditKinds.SurveyResponseSubmitted, nameof(SurveyWave), wave.Id, wave.ContractId);
        e.IpAddress = null;
        db.AuditEvents.Add(e);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two submissions of one device at once: the unique index keeps one.
            return (false, []);
        }
        return (true, []);
    }
}
