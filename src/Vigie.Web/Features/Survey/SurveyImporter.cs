using System.Globalization;
using System.Text.Json;
using Vigie.Web.Features.Imports;
using Vigie.Web.Infrastructure.Tables;

namespace Vigie.Web.Features.Survey;

/// <summary>What one import did.</summary>
public sealed record SurveyImportResult(int Lines, int Inserted, int Updated, int Unchanged, int Incomplete, int Dropped);

/// <summary>
/// Reads a response file of specs §2.7 (CSV, UTF-8, ";" separator, header = item codes; or the JSON alternative)
/// into a wave: every line checked first (codes, duplicates, ages, dates in the field period, quartier referential),
/// then all lines written in one save, or none. Importing the same file again changes nothing (responses are matched
/// on <c>resp_id</c>; a changed line replaces the stored answers).
/// </summary>
public sealed class SurveyImporter(AppDbContext db, Auditor auditor, TimeProvider clock)
{
    public static readonly string[] FixedColumns = ["resp_id", "vague", "collecte_mode", "date_collecte", "quartier"];
    public const int RespIdMax = 64;

    /// <summary>One line as read: its number and a value by column code (case as in the header).</summary>
    private sealed record Line(int Number, Func<string, string?> Value);

    public async Task<SurveyImportResult> ImportAsync(Guid waveId, string fileName, Stream content, IProgress<ImportJobProgress>? progress, CancellationToken ct)
    {
        var wave = await db.SurveyWaves.SingleOrDefaultAsync(w => w.Id == waveId, ct)
            ?? throw new UserInputException("Cette vague d'enquête n'existe plus.");
        if (wave.PublishedAt is not null)
            throw new UserInputException($"Les résultats de la vague « {wave.Code} » sont publiés : retirez la publication avant d'importer des réponses.");
        var qn = new SurveyQuestionnaire(await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == wave.SurveyId).ToListAsync(ct));
        var quartiers = (await db.SurveyStrata.AsNoTracking().Where(s => s.WaveId == waveId).Select(s => s.Quartier).Distinct().ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        if (quartiers.Count == 0)
            throw new UserInputException($"La vague « {wave.Code} » n'a pas encore de plan de sondage : saisissez les populations par quartier avant d'importer des réponses.");

        byte[] bytes;
        try
        {
            bytes = await TableReader.ReadAllAsync(content, TableLimits.Default, ct);
        }
        catch (TableException e)
        {
            throw new UserInputException($"{fileName} : {e.Message}");
        }
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? !System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(3)) : !System.Text.Unicode.Utf8.IsValid(bytes))
            throw new UserInputException($"{fileName} : le fichier n'est pas encodé en UTF-8 (Latin-1 ou Windows-1252 ?). Enregistrez-le en « CSV UTF-8 (délimité par des points-virgules) ».");

        var errors = new List<ImportLineError>();
        var lines = LooksLikeJson(bytes) ? JsonLines(bytes, fileName, qn, errors) : CsvLines(bytes, fileName, qn, errors);
        if (errors.Count > 0) throw new ImportRejectedException(errors);

        var parsed = new List<(Line Line, string RespId, SurveyMode Mode, DateOnly Date, SurveyParsedResponse Response)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            void Error(string column, string message) => errors.Add(new ImportLineError(fileName, line.Number, column, message));
            var respId = line.Value("resp_id")?.Trim() ?? "";
            if (respId.Length == 0) Error("resp_id", "l'identifiant du répondant est obligatoire (un code d'enquête, jamais une donnée personnelle).");
            else if (respId.Length > RespIdMax) Error("resp_id", $"l'identifiant dépasse {RespIdMax} caractères.");
            else if (seen.TryGetValue(respId, out var first)) Error("resp_id", $"identifiant « {respId} » en double (déjà ligne {first}).");
            else seen[respId] = line.Number;
            var vague = line.Value("vague")?.Trim() ?? "";
            if (!string.Equals(vague, wave.Code, StringComparison.Ordinal)) Error("vague", $"la vague « {vague} » n'est pas celle de l'import (« {wave.Code} »).");
            var modeText = line.Value("collecte_mode")?.Trim() ?? "";
            SurveyMode? mode = modeText.ToUpperInvariant() switch { "FACE" => SurveyMode.Face, "TEL" => SurveyMode.Tel, "WEB" => SurveyMode.Web, "PAPIER" => SurveyMode.Papier, _ => null };
            if (mode is null) Error("collecte_mode", $"mode de collecte « {modeText} » inconnu (FACE, TEL, WEB ou PAPIER).");
            var dateText = line.Value("date_collecte")?.Trim() ?? "";
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Error("date_collecte", $"date « {dateText} » invalide (format AAAA-MM-JJ).");
                continue;
            }
            if (date < wave.FieldStart || date > wave.FieldEnd)
                Error("date_collecte", $"le {Culture.Date(date)} est hors de la période de terrain ({Culture.Date(wave.FieldStart)} – {Culture.Date(wave.FieldEnd)}).");
            var (response, fieldErrors) = SurveyResponseRules.Parse(qn, line.Value, date, quartiers);
            foreach (var e in fieldErrors) Error(e.Column, e.Message);
            if (response is not null && mode is not null && respId.Length is > 0 and <= RespIdMax) parsed.Add((line, respId, mode.Value, date, response));
            if (line.Number % 500 == 0) progress?.Report(new ImportJobProgress(line.Number - 1, 0, "Vérification", null));
        }
        var existing = await db.SurveyResponses.Where(r => r.WaveId == waveId).ToDictionaryAsync(r => r.RespId, StringComparer.Ordinal, ct);
        static bool Same(SurveyResponse old, SurveyMode mode, DateOnly date, SurveyParsedResponse r, string answers) =>
            old.Mode == mode && old.CollectedOn == date && old.Quartier == r.Quartier && old.Sex == r.Sex && old.BirthYear == r.BirthYear
            && old.Answers == answers && old.FreeText == r.FreeText && old.Incomplete == r.Incomplete;
        // An online answer is never corrected, an agent's entry only through its correction form (history kept): an import
        // may restate them unchanged, never change them.
        foreach (var (line, respId, mode, date, r) in parsed)
            if (existing.TryGetValue(respId, out var old) && old.Source != SurveyResponseSource.Import && !Same(old, mode, date, r, SerializeAnswers(r.Coded)))
                errors.Add(new ImportLineError(fileName, line.Number, "resp_id", old.Source == SurveyResponseSource.Online
                    ? $"la réponse « {respId} » a été donnée en ligne : un import ne peut pas la modifier."
                    : $"la réponse « {respId} » a été saisie par un agent : corrigez-la depuis la liste des réponses, pas par un import."));
        if (errors.Count > 0) throw new ImportRejectedException(TableReader.CapErrors(errors, TableLimits.Default.MaxErrors, m => new ImportLineError(fileName, 0, "", m)));

        int inserted = 0, updated = 0, unchanged = 0;
        var now = clock.GetUtcNow();
        foreach (var (_, respId, mode, date, r) in parsed)
        {
            var answers = SerializeAnswers(r.Coded);
            if (existing.TryGetValue(respId, out var old))
            {
                if (Same(old, mode, date, r, answers)) { unchanged++; continue; }
                (old.Mode, old.CollectedOn, old.Quartier, old.Sex, old.BirthYear, old.Answers, old.FreeText, old.Incomplete, old.RecordedAt) =
                    (mode, date, r.Quartier, r.Sex, r.BirthYear, answers, r.FreeText, r.Incomplete, now);
                updated++;
                continue;
            }
            db.SurveyResponses.Add(new SurveyResponse
            {
                Id = Guid.NewGuid(), WaveId = waveId, ContractId = wave.ContractId, RespId = respId, Mode = mode, CollectedOn = date, Quartier = r.Quartier,
                Sex = r.Sex, BirthYear = r.BirthYear, Answers = answers, FreeText = r.FreeText, Incomplete = r.Incomplete,
                Source = SurveyResponseSource.Import, RecordedAt = now,
            });
            inserted++;
        }
        var result = new SurveyImportResult(parsed.Count, inserted, updated, unchanged, parsed.Count(p => p.Response.Incomplete), parsed.Sum(p => p.Response.Dropped));
        if (inserted + updated > 0)
        {
            auditor.Record(AuditKinds.SurveyResponsesImported, nameof(SurveyWave), waveId, wave.ContractId,
                new { inserted, updated, unchanged, incomplete = result.Incomplete });
            await db.SaveChangesAsync(ct);
        }
        progress?.Report(new ImportJobProgress(parsed.Count, inserted + updated + unchanged, "Enregistrement", 100));
        return result;
    }

    /// <summary>Coded answers in a stable order, so an identical line gives identical JSON (idempotence).</summary>
    public static string SerializeAnswers(IReadOnlyDictionary<string, int> coded) =>
        JsonSerializer.Serialize(new SortedDictionary<string, int>(coded.ToDictionary(), StringComparer.Ordinal));

    public static Dictionary<string, int> ReadAnswers(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];

    private static bool LooksLikeJson(byte[] bytes)
    {
        foreach (var b in bytes.AsSpan(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0))
            if (!char.IsWhiteSpace((char)b)) return b == '{';
        return false;
    }

    private static List<Line> CsvLines(byte[] bytes, string fileName, SurveyQuestionnaire qn, List<ImportLineError> errors)
    {
        var result = new List<Line>();
        try
        {
            string[]? header = null;
            Dictionary<string, int> index = [];
            foreach (var row in TableReader.Rows(bytes, TableFormat.Csv, TableLimits.Default))
            {
                if (header is null)
                {
                    header = [.. row.Cells.Select(c => c.Trim())];
                    var known = FixedColumns.Concat(qn.Columns.Select(c => c.Code)).ToHashSet(StringComparer.Ordinal);
                    for (var i = 0; i < header.Length; i++)
                    {
                        if (!known.Contains(header[i])) errors.Add(new ImportLineError(fileName, 1, header[i], "colonne inconnue (ni colonne fixe ni code du questionnaire)."));
                        else if (!index.TryAdd(header[i], i)) errors.Add(new ImportLineError(fileName, 1, header[i], "colonne en double."));
                    }
                    foreach (var required in FixedColumns.Concat([SurveyQuestionnaire.SexCode, SurveyQuestionnaire.BirthYearCode]))
                        if (!index.ContainsKey(required)) errors.Add(new ImportLineError(fileName, 1, required, "colonne obligatoire absente de l'en-tête."));
                    if (errors.Count > 0) return result;
                    continue;
                }
                if (row.Cells.All(string.IsNullOrWhiteSpace)) continue;
                var cells = row.Cells;
                result.Add(new Line(row.Line, code => index.TryGetValue(code, out var i) && i < cells.Length ? cells[i] : null));
            }
            if (header is null) errors.Add(new ImportLineError(fileName, 0, "", "le fichier est vide."));
        }
        catch (TableException e)
        {
            errors.Add(new ImportLineError(fileName, e.Line, "", e.Message));
        }
        return result;
    }

    /// <summary>JSON alternative: {"vague":…,"responses":[{"resp_id":…,"collecte_mode":…,"date_collecte":…,"quartier":…,"answers":{"B1":2,"B6":[1,3]}}]}.</summary>
    private static List<Line> JsonLines(byte[] bytes, string fileName, SurveyQuestionnaire qn, List<ImportLineError> errors)
    {
        var result = new List<Line>();
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var vague = doc.RootElement.TryGetProperty("vague", out var v) ? v.ToString() : null;
            if (!doc.RootElement.TryGetProperty("responses", out var responses) || responses.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new ImportLineError(fileName, 0, "responses", "le tableau « responses » est absent."));
                return result;
            }
            var number = 1;
            var multiple = qn.Questions.Where(q => q.Type == SurveyQuestionType.MultipleChoice).ToDictionary(q => q.Code, q => qn.Columns.Where(c => c.Question == q).ToList());
            foreach (var r in responses.EnumerateArray())
            {
                number++;
                var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["vague"] = vague };
                foreach (var p in r.EnumerateObject().Where(p => p.Name != "answers")) values[p.Name] = p.Value.ToString();
                if (r.TryGetProperty("answers", out var answers) && answers.ValueKind == JsonValueKind.Object)
                    foreach (var a in answers.EnumerateObject())
                    {
                        if (multiple.TryGetValue(a.Name, out var flags) && a.Value.ValueKind == JsonValueKind.Array)
                        {
                            var chosen = a.Value.EnumerateArray().Select(x => x.ToString()).ToHashSet();
                            foreach (var f in flags) values[f.Code] = chosen.Contains(f.Code[(a.Name.Length + 1)..]) ? "1" : "0";
                            foreach (var c in chosen.Where(c => flags.All(f => f.Code != $"{a.Name}_{c}")))
                                errors.Add(new ImportLineError(fileName, number, a.Name, $"option « {c} » inconnue."));
                        }
                        else if (qn.Columns.Any(c => c.Code == a.Name)) values[a.Name] = a.Value.ToString();
                        else errors.Add(new ImportLineError(fileName, number, a.Name, "code d'item inconnu."));
                    }
                result.Add(new Line(number, code => values.TryGetValue(code, out var x) ? x : null));
            }
        }
        catch (JsonException e)
        {
            errors.Add(new ImportLineError(fileName, (int)(e.LineNumber ?? 0) + 1, "", "JSON mal formé."));
        }
        return result;
    }
}
