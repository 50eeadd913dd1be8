using System.Globalization;
using System.Security.Cryptography;

namespace Vigie.Web.Features.Survey;

/// <summary>
/// The survey's changes, shared by pages and API: create a survey (default questionnaire seeded from code), edit a
/// question before fieldwork, create a wave, enter its sampling plan (population margins), open it online, close
/// it, publish its results. Coordinators only; every change audited (ids and counts).
/// </summary>
public sealed class SurveyCommands(AppDbContext db, ContractViewers viewers, Auditor auditor)
{
    public const int TitleMax = 200, QuestionMax = 1000, CodeMax = 40;

    private async Task<ContractViewer?> ViewerAsync(Guid contractId) => await viewers.ForAsync(contractId);

    public async Task<CommandResult<Guid>> CreateSurveyAsync(Guid contractId, string? title)
    {
        if (await ViewerAsync(contractId) is not { } viewer) return CommandResult<Guid>.Missing();
        if (!viewer.IsCoordinator) return CommandResult<Guid>.Denied();
        title = title?.Trim();
        if (string.IsNullOrEmpty(title)) return CommandResult<Guid>.Invalid("title", "Le titre de l'enquête est obligatoire.");
        if (title.Length > TitleMax) return CommandResult<Guid>.Invalid("title", $"Le titre ne doit pas dépasser {TitleMax} caractères.");
        var survey = new Domain.Survey { Id = Guid.NewGuid(), ContractId = contractId, Title = title };
        survey.Questions = SurveyTemplate.Questions(survey.Id, contractId);
        db.Surveys.Add(survey);
        auditor.Record(AuditKinds.SurveyCreated, nameof(Domain.Survey), survey.Id, contractId, new { questions = survey.Questions.Count });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(survey.Id);
    }

    /// <summary>Why the questionnaire can no longer change (a wave collected or holding responses), or null.</summary>
    public async Task<string?> FrozenReasonAsync(Guid surveyId)
    {
        var waves = db.SurveyWaves.Where(w => w.SurveyId == surveyId);
        if (await waves.AnyAsync(w => w.Status != SurveyWaveStatus.Draft))
            return "Le questionnaire ne peut plus être modifié : une vague a été ouverte à la collecte.";
        if (await db.SurveyResponses.AnyAsync(r => waves.Any(w => w.Id == r.WaveId)))
            return "Le questionnaire ne peut plus être modifié : une vague contient déjà des réponses.";
        return null;
    }

    public async Task<CommandResult<Guid>> UpdateQuestionAsync(Guid contractId, Guid surveyId, string code, string? text, string? options)
    {
        if (await ViewerAsync(contractId) is not { } viewer) return CommandResult<Guid>.Missing();
        var q = await db.SurveyQuestions.SingleOrDefaultAsync(x => x.ContractId == contractId && x.SurveyId == surveyId && x.Code == code);
        if (q is null) return CommandResult<Guid>.Missing();
        if (!viewer.IsCoordinator) return CommandResult<Guid>.Denied();
        if (await FrozenReasonAsync(surveyId) is { } reason) return CommandResult<Guid>.Denied(reason);
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return CommandResult<Guid>.Invalid("text", "Le libellé de la question est obligatoire.");
        if (text.Length > QuestionMax) return CommandResult<Guid>.Invalid("text", $"Le libellé ne doit pas dépasser {QuestionMax} caractères.");
        if (options is not null && q.Options is not null)
        {
            options = options.Trim();
            try
            {
                var parsed = SurveyQuestionnaire.ParseOptions(options);
                if (parsed.Count == 0 || parsed.Select(o => o.Code).Distinct().Count() != parsed.Count || parsed.Any(o => o.Label.Length == 0))
                    throw new FormatException();
            }
            catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
            {
                return CommandResult<Guid>.Invalid("options", "Les réponses s'écrivent « code=libellé » séparés par « | », codes entiers distincts (par exemple 1=Oui|2=Non).");
            }
            q.Options = options;
        }
        q.Text = text;
        auditor.Record(AuditKinds.SurveyQuestionUpdated, nameof(SurveyQuestion), q.Id, contractId, new { code });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(q.Id);
    }

    public sealed record SurveyWaveInput(string? Code, string? Title, DateOnly? FieldStart, DateOnly? FieldEnd, int? PlannedSize, string? CensusVintage,
        int? Version = null);

    public async Task<CommandResult<Guid>> CreateWaveAsync(Guid contractId, Guid surveyId, SurveyWaveInput input)
    {
        if (await ViewerAsync(contractId) is not { } viewer) return CommandResult<Guid>.Missing();
        if (!await db.Surveys.AnyAsync(s => s.Id == surveyId && s.ContractId == contractId)) return CommandResult<Guid>.Missing();
        if (!viewer.IsCoordinator) return CommandResult<Guid>.Denied();
        var (code, title, errors) = await ValidateWaveAsync(surveyId, null, input);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var number = (await db.SurveyWaves.Where(w => w.ContractId == contractId).MaxAsync(w => (int?)w.Number) ?? 0) + 1;
        var wave = new SurveyWave
        {
            Id = Guid.NewGuid(), ContractId = contractId, SurveyId = surveyId, Number = number, Code = code, Title = title,
            FieldStart = input.FieldStart!.Value, FieldEnd = input.FieldEnd!.Value, PlannedSize = input.PlannedSize!.Value,
            CensusVintage = string.IsNullOrWhiteSpace(input.CensusVintage) ? null : input.CensusVintage.Trim(),
        };
        db.SurveyWaves.Add(wave);
        auditor.Record(AuditKinds.SurveyWaveCreated, nameof(SurveyWave), wave.Id, contractId, new { number });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(wave.Id);
    }

    /// <summary>
    /// Edits a wave still in preparation (draft): code, title, field period, planned size, census vintage. Optimistic
    /// concurrency on <see cref="SurveyWave.Version"/> (ADR 0019): a stale version answers the conflict, nothing saved.
    /// </summary>
    public async Task<CommandResult<Guid>> UpdateWaveAsync(Guid contractId, Guid waveId, SurveyWaveInput input)
    {
        var (wave, refusal) = await WaveForChangeAsync(contractId, waveId);
        if (wave is null) return refusal!.NotFound ? CommandResult<Guid>.Missing() : CommandResult<Guid>.Denied();
        if (wave.Status != SurveyWaveStatus.Draft)
            return CommandResult<Guid>.Denied("La vague n'est plus en préparation : sa période, son code et sa taille prévue ne changent plus une fois la collecte ouverte.");
        var (code, title, errors) = await ValidateWaveAsync(wave.SurveyId, wave.Id, input);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var vintage = string.IsNullOrWhiteSpace(input.CensusVintage) ? null : input.CensusVintage.Trim();
        var stored = WaveFields(wave.Code, wave.Title, wave.FieldStart, wave.FieldEnd, wave.PlannedSize, wave.CensusVintage);
        var submitted = WaveFields(code, title, input.FieldStart!.Value, input.FieldEnd!.Value, input.PlannedSize!.Value, vintage);
        if (await EditConflicts.CheckAsync(db, wave, input.Version, stored, submitted) is { } conflict) return CommandResult<Guid>.Stale(conflict);
        // A vintage typed by hand no longer names the imported file: the source shown becomes the typed vintage alone.
        if (vintage != wave.CensusVintage) (wave.CensusFileName, wave.CensusImportedAt) = (null, null);
        (wave.Code, wave.Title, wave.FieldStart, wave.FieldEnd, wave.PlannedSize, wave.CensusVintage) =
            (code, title, input.FieldStart!.Value, input.FieldEnd!.Value, input.PlannedSize!.Value, vintage);
        auditor.Record(AuditKinds.SurveyWaveUpdated, nameof(SurveyWave), wave.Id, contractId, new { number = wave.Number });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(wave.Id);
    }

    private static Dictionary<string, string?> WaveFields(string code, string title, DateOnly start, DateOnly end, int size, string? vintage) => new()
    {
        ["Code"] = code, ["Titre"] = title, ["Début du terrain"] = Culture.Date(start), ["Fin du terrain"] = Culture.Date(end),
        ["Entretiens prévus"] = size.ToString(CultureInfo.InvariantCulture), ["Millésime du recensement"] = vintage,
    };

    private async Task<(string Code, string Title, ErrorBag Errors)> ValidateWaveAsync(Guid surveyId, Guid? waveId, SurveyWaveInput input)
    {
        var errors = new ErrorBag();
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0) errors.Add("code", "Le code de la vague est obligatoire (par exemple 2026-T0).");
        else if (code.Length > CodeMax || code.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            errors.Add("code", "Le code de la vague ne contient que lettres, chiffres, « - », « _ » ou « . » (40 caractères au plus).");
        else if (await db.SurveyWaves.AnyAsync(w => w.SurveyId == surveyId && w.Code == code && w.Id != waveId)) errors.Add("code", $"Une vague « {code} » existe déjà dans cette enquête.");
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) errors.Add("title", "Le titre de la vague est obligatoire.");
        else if (title.Length > TitleMax) errors.Add("title", $"Le titre ne doit pas dépasser {TitleMax} caractères.");
        if (input.FieldStart is null) errors.Add("fieldStart", "La date de début de terrain est obligatoire.");
        if (input.FieldEnd is null) errors.Add("fieldEnd", "La date de fin de terrain est obligatoire.");
        else if (input.FieldStart is { } s && input.FieldEnd < s) errors.Add("fieldEnd", "La fin du terrain doit suivre son début.");
        if (input.PlannedSize is not { } size || size is < 1 or > 1_000_000) errors.Add("plannedSize", "La taille d'échantillon prévue est un nombre entier entre 1 et 1 000 000.");
        if (input.CensusVintage?.Trim().Length > 100) errors.Add("censusVintage", "Le millésime du recensement ne doit pas dépasser 100 caractères.");
        return (code, title, errors);
    }

    private async Task<(SurveyWave? Wave, CommandResult<int>? Refusal)> WaveForChangeAsync(Guid contractId, Guid waveId)
    {
        if (await ViewerAsync(contractId) is not { } viewer) return (null, CommandResult<int>.Missing());
        var wave = await db.SurveyWaves.SingleOrDefaultAsync(w => w.Id == waveId && w.ContractId == contractId);
        if (wave is null) return (null, CommandResult<int>.Missing());
        if (!viewer.IsCoordinator) return (null, CommandResult<int>.Denied());
        return (wave, null);
    }

    /// <summary>
    /// The sampling plan: one line per quartier × sex × age band, "code;nom;sexe;tranche;population" (sexe F/H,
    /// tranche 15-29, 30-44, 45-59, 60-74, 75+), replacing the wave's margins. Returns the number of cells.
    /// </summary>
    /// <param name="censusVintage">The margins' census vintage (API), kept as it is when null.</param>
    /// <param name="populationTotal">The total the cells must add up to (API), when given.</param>
    public async Task<CommandResult<int>> SetStrataAsync(Guid contractId, Guid waveId, string? text, string? censusVintage = null, long? populationTotal = null)
    {
        var (wave, refusal) = await WaveForChangeAsync(contractId, waveId);
        if (wave is null) return refusal!;
        if (StrataFrozenReason(wave) is { } frozen) return CommandResult<int>.Denied(frozen);
        if (CheckStrata(text, populationTotal) is { } invalid) return CommandResult<int>.Invalid("strata", invalid);
        if (censusVintage?.Trim().Length > 100) return CommandResult<int>.Invalid("censusVintage", "Le millésime du recensement ne doit pas dépasser 100 caractères.");
        var (cells, _) = ParseStrata(text);
        if (await ReplaceStrataAsync(db, wave, cells) is { } orphans) return CommandResult<int>.Invalid("strata", orphans);
        if (!string.IsNullOrWhiteSpace(censusVintage)) wave.CensusVintage = censusVintage.Trim();
        // Typed in: the margins no longer come from an imported census file.
        (wave.CensusFileName, wave.CensusImportedAt) = (null, null);
        auditor.Record(AuditKinds.SurveyStrataSet, nameof(SurveyWave), waveId, contractId, new { cells = cells.Count, quartiers = cells.Select(c => c.Quartier).Distinct().Count() });
        await db.SaveChangesAsync();
        return CommandResult<int>.Ok(cells.Count);
    }

    /// <summary>
    /// Why a wave's margins can no longer change, or null: once its collection is closed its weights are final (the
    /// results read and compared are those of the closed wave), and once published they are public. Reopen the
    /// collection (unpublished) to correct them.
    /// </summary>
    public static string? StrataFrozenReason(SurveyWave wave) =>
        wave.PublishedAt is not null ? "Les résultats sont publiés : retirez la publication avant de changer le plan de sondage."
        : wave.Status == SurveyWaveStatus.Closed ? "La collecte de la vague est close : son plan de sondage et ses poids sont figés. Rouvrez la collecte pour changer les populations."
        : null;

    /// <summary>
    /// Replaces a wave's population cells (not saved: the caller saves with its audit event), unless responses sit in
    /// quartiers the new cells lack: then the French refusal and nothing changed.
    /// </summary>
    public static async Task<string?> ReplaceStrataAsync(AppDbContext db, SurveyWave wave, IReadOnlyList<SurveyStratumLine> cells)
    {
        var quartiers = cells.Select(c => c.Quartier).ToHashSet(StringComparer.Ordinal);
        var orphans = await db.SurveyResponses.Where(r => r.WaveId == wave.Id && !quartiers.Contains(r.Quartier)).Select(r => r.Quartier).Distinct().ToListAsync();
        if (orphans.Count > 0) return $"Des réponses portent sur des quartiers absents du nouveau plan : {string.Join(", ", orphans.Order(StringComparer.Ordinal))}.";
        db.SurveyStrata.RemoveRange(await db.SurveyStrata.Where(s => s.WaveId == wave.Id).ToListAsync());
        foreach (var c in cells)
            db.SurveyStrata.Add(new SurveyStratum
            {
                Id = Guid.NewGuid(), WaveId = wave.Id, ContractId = wave.ContractId, Quartier = c.Quartier, QuartierName = c.Name, Sex = c.Sex, AgeBand = c.Band,
                Population = c.Population,
            });
        return null;
    }

    /// <summary>The plan's errors in French (at most 10), or null when it is valid and adds up to <paramref name="populationTotal"/> (when given).</summary>
    public static string? CheckStrata(string? text, long? populationTotal)
    {
        var (cells, errors) = ParseStrata(text);
        if (errors.Count == 0 && populationTotal is { } total && cells.Sum(c => (long)c.Population) is var sum && sum != total)
            errors.Add($"Les populations des cases totalisent {sum.ToString("N0", Culture.French)}, pas la population totale annoncée ({total.ToString("N0", Culture.French)}).");
        return errors.Count > 0 ? string.Join(" ", errors.Take(10)) : null;
    }

    public sealed record SurveyStratumLine(string Quartier, string Name, SurveySex Sex, SurveyAgeBand Band, int Population);

    public static (List<SurveyStratumLine> Cells, List<string> Errors) ParseStrata(string? text)
    {
        var cells = new List<SurveyStratumLine>();
        var errors = new List<string>();
        var seen = new HashSet<(string, SurveySex, SurveyAgeBand)>();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("code;", StringComparison.OrdinalIgnoreCase)) continue;
            var parts = line.Split(';').Select(p => p.Trim()).ToArray();
            var n = i + 1;
            if (parts.Length != 5) { errors.Add($"Ligne {n} : 5 champs attendus (code;nom;sexe;tranche;population)."); continue; }
            var code = parts[0];
            if (code.Length is 0 or > 40) { errors.Add($"Ligne {n} : le code du quartier est obligatoire (40 caractères au plus)."); continue; }
            if (parts[1].Length is 0 or > 200) { errors.Add($"Ligne {n} : le nom du quartier est obligatoire (200 caractères au plus)."); continue; }
            SurveySex? sex = parts[2].ToUpperInvariant() switch { "F" => SurveySex.Femme, "H" => SurveySex.Homme, _ => null };
            if (sex is null) { errors.Add($"Ligne {n} : sexe « {parts[2]} » inconnu (F ou H)."); continue; }
            SurveyAgeBand? band = parts[3].Replace('–', '-') switch
            {
                "15-29" => SurveyAgeBand.A15_29, "30-44" => SurveyAgeBand.A30_44, "45-59" => SurveyAgeBand.A45_59, "60-74" => SurveyAgeBand.A60_74, "75+" => SurveyAgeBand.A75Plus, _ => null,
            };
            if (band is null) { errors.Add($"Ligne {n} : tranche d'âge « {parts[3]} » inconnue (15-29, 30-44, 45-59, 60-74 ou 75+)."); continue; }
            if (!int.TryParse(parts[4].Replace(" ", "").Replace("\u202f", "").Replace("\u00a0", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var population) || population > 10_000_000)
            { errors.Add($"Ligne {n} : population « {parts[4]} » invalide (nombre entier positif)."); continue; }
            if (!seen.Add((code, sex.Value, band.Value))) { errors.Add($"Ligne {n} : la case {code} × {parts[2]} × {parts[3]} est en double."); continue; }
            cells.Add(new SurveyStratumLine(code, parts[1], sex.Value, band.Value, population));
        }
        if (cells.Count == 0 && errors.Count == 0) errors.Add("Saisissez au moins une ligne code;nom;sexe;tranche;population.");
        if (cells.Count > 0 && cells.Sum(c => (long)c.Population) == 0) errors.Add("La population totale est nulle.");
        return (cells, errors);
    }

    /// <summary>Opens the wave to collection; online = with a public answer page (a new unguessable code).</summary>
    public async Task<CommandResult<int>> OpenAsync(Guid contractId, Guid waveId, bool online)
    {
        var (wave, refusal) = await WaveForChangeAsync(contractId, waveId);
        if (wave is null) return refusal!;
        if (wave.PublishedAt is not null) return CommandResult<int>.Denied("Les résultats sont publiés : retirez la publication avant de rouvrir la collecte.");
        if (!await db.SurveyQuestions.AnyAsync(q => q.SurveyId == wave.SurveyId))
            return CommandResult<int>.Invalid("questionnaire", "Le questionnaire de l'enquête est vide : il faut au moins une question avant d'ouvrir la collecte.");
        if (!await db.SurveyStrata.AnyAsync(s => s.WaveId == waveId))
            return CommandResult<int>.Invalid("strata", "Saisissez d'abord le plan de sondage (populations par quartier) : il fournit la liste des quartiers.");
        wave.Status = SurveyWaveStatus.Open;
        wave.OnlineCode = online ? wave.OnlineCode ?? NewCode() : null;
        auditor.Record(AuditKinds.SurveyWaveOpened, nameof(SurveyWave), waveId, contractId, new { online });
        await db.SaveChangesAsync();
        return CommandResult<int>.Ok(wave.Number);
    }

    public async Task<CommandResult<int>> CloseAsync(Guid contractId, Guid waveId)
    {
        var (wave, refusal) = await WaveForChangeAsync(contractId, waveId);
        if (wave is null) return refusal!;
        if (wave.Status == SurveyWaveStatus.Closed) return CommandResult<int>.Invalid("status", "La collecte de cette vague est déjà close.");
        wave.Status = SurveyWaveStatus.Closed;
        wave.OnlineCode = null;
        auditor.Record(AuditKinds.SurveyWaveClosed, nameof(SurveyWave), waveId, contractId);
        await db.SaveChangesAsync();
        return CommandResult<int>.Ok(wave.Number);
    }

    /// <summary>Publishes (or withdraws) the wave's aggregate results: the public page and the diagnostic port show published waves only.</summary>
    public async Task<CommandResult<int>> PublishAsync(Guid contractId, Guid waveId, bool publish, DateTimeOffset now)
    {
        var (wave, refusal) = await WaveForChangeAsync(contractId, waveId);
        if (wave is null) return refusal!;
        if (publish && wave.Status != SurveyWaveStatus.Closed)
            return CommandResult<int>.Invalid("status", "Clôturez la collecte avant de publier les résultats de la vague.");
        wave.PublishedAt = publish ? now : null;
        auditor.Record(publish ? AuditKinds.SurveyWavePublished : AuditKinds.SurveyWaveUnpublished, nameof(SurveyWave), waveId, contractId);
        await db.SaveChangesAsync();
        return CommandResult<int>.Ok(wave.Number);
    }

    /// <summary>16 characters from 31 letters and digits without look-alikes (about 79 bits).</summary>
    public static string NewCode()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
