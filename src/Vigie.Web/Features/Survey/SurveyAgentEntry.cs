using System.Globalization;

namespace Vigie.Web.Features.Survey;

/// <summary>
/// Agent entry of a paper or telephone questionnaire (issue 12 item 6): a member with write rights on the contract
/// (partner member or coordinator) types one respondent's answers into an open wave, with the collection mode and date.
/// The same rules as the import and the public page (<see cref="SurveyResponseRules.Parse"/>); the response gets a
/// generated resp_id and the source <see cref="SurveyResponseSource.Agent"/>; audited with ids only. Shared by the
/// entry page and the API.
/// </summary>
public sealed class SurveyAgentEntry(AppDbContext db, ContractViewers viewers, Auditor auditor, TimeProvider clock)
{
    /// <summary>Modes an agent enters (the web mode is the public page's).</summary>
    public static readonly SurveyMode[] Modes = [SurveyMode.Papier, SurveyMode.Tel, SurveyMode.Face];

    public const string ModeField = "mode", DateField = "collectedOn";
    /// <summary>The correction, delete and void forms' hidden field: the response's version they were shown with (ADR 0019).</summary>
    public const string VersionField = "version";

    public const string PublishedRefusal =
        "Les résultats de cette vague sont publiés : ses réponses ne peuvent plus être corrigées, supprimées ni annulées (retirez d'abord la publication).";
    public const int ReasonMax = 500;

    /// <summary>The wave's form when the viewer may enter responses into it; a refusal otherwise.</summary>
    public async Task<(SurveyOnline.SurveyOpenWave? Form, CommandResult<Guid>? Refusal)> FormAsync(Guid contractId, Guid waveId)
    {
        var (wave, _, refusal) = await WaveForAgentAsync(contractId, waveId);
        if (wave is null) return (null, refusal);
        if (wave.Status != SurveyWaveStatus.Open || wave.PublishedAt is not null)
            return (null, CommandResult<Guid>.Denied("La saisie n'est possible que pendant la collecte : cette vague n'est pas ouverte (ou ses résultats sont publiés)."));
        return (await SurveyOnline.FormOfAsync(db, wave), null);
    }

    private async Task<(SurveyWave? Wave, ContractViewer? Viewer, CommandResult<Guid>? Refusal)> WaveForAgentAsync(Guid contractId, Guid waveId)
    {
        if (await viewers.ForAsync(contractId) is not { } viewer) return (null, null, CommandResult<Guid>.Missing());
        var wave = await db.SurveyWaves.AsNoTracking().Include(w => w.Survey).FirstOrDefaultAsync(w => w.Id == waveId && w.ContractId == contractId);
        if (wave is null) return (null, null, CommandResult<Guid>.Missing());
        if (!viewer.AtLeast(ContractRole.PartnerMember))
            return (null, null, CommandResult<Guid>.Denied("La saisie de questionnaires est réservée aux membres du contrat qui ont des droits d'écriture."));
        return (wave, viewer, null);
    }

    /// <summary>Checks and records one response; every error is in French and names its question or field; nothing is saved on error.</summary>
    /// <param name="keys">The item codes sent (API), each checked against the questionnaire; null for the page's form.</param>
    public async Task<CommandResult<Guid>> RecordAsync(Guid contractId, Guid waveId, string? mode, string? collectedOn, Func<string, string?> values,
        IEnumerable<string>? keys = null)
    {
        var (form, refusal) = await FormAsync(contractId, waveId);
        if (form is null) return refusal!;
        var (parsed, errors) = Check(form, mode, collectedOn, values, keys);
        if (parsed is null) return CommandResult<Guid>.Invalid(errors);
        var wave = form.Wave;
        var row = new SurveyResponse
        {
            Id = Guid.NewGuid(), WaveId = wave.Id, ContractId = contractId, RespId = "AGT-" + SurveyCommands.NewCode(), Mode = parsed.Mode,
            CollectedOn = parsed.Date, Quartier = parsed.Response.Quartier, Sex = parsed.Response.Sex, BirthYear = parsed.Response.BirthYear,
            Answers = SurveyImporter.SerializeAnswers(parsed.Response.Coded), FreeText = parsed.Response.FreeText, Incomplete = parsed.Response.Incomplete,
            Source = SurveyResponseSource.Agent, RecordedAt = clock.GetUtcNow(), EnteredById = (await viewers.ForAsync(contractId))!.UserId,
        };
        db.SurveyResponses.Add(row);
        auditor.Record(AuditKinds.SurveyResponseEntered, nameof(SurveyResponse), row.Id, contractId, new { wave = wave.Id, mode = parsed.Mode.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(row.Id);
    }

    private sealed record Checked(SurveyParsedResponse Response, SurveyMode Mode, DateOnly Date);

    private (Checked? Parsed, Dictionary<string, string[]> Errors) Check(SurveyOnline.SurveyOpenWave form, string? mode, string? collectedOn,
        Func<string, string?> values, IEnumerable<string>? keys)
    {
        var wave = form.Wave;
        var errors = new ErrorBag();
        SurveyMode? parsedMode = Enum.TryParse<SurveyMode>(mode?.Trim(), true, out var m) && Modes.Contains(m) && !int.TryParse(mode, out _) ? m : null;
        if (parsedMode is null)
            errors.Add(ModeField, string.IsNullOrWhiteSpace(mode)
                ? "Mode de collecte : choisissez papier, téléphone ou face à face."
                : $"Mode de collecte : « {mode} » n'est pas admis (Papier, Tel ou Face).");
        var today = Culture.ParisDate(clock.GetUtcNow());
        DateOnly? date = null;
        if (string.IsNullOrWhiteSpace(collectedOn)) errors.Add(DateField, "Date de collecte : elle est obligatoire.");
        else if (!DateOnly.TryParseExact(collectedOn.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            errors.Add(DateField, $"Date de collecte : « {collectedOn} » n'est pas une date (JJ/MM/AAAA).");
        else if (d < wave.FieldStart || d > wave.FieldEnd)
            errors.Add(DateField, $"Date de collecte : le {Culture.Date(d)} est hors de la période de terrain ({Culture.Date(wave.FieldStart)} – {Culture.Date(wave.FieldEnd)}).");
        else if (d > today) errors.Add(DateField, $"Date de collecte : le {Culture.Date(d)} est dans le futur.");
        else date = d;

        var qn = form.Questionnaire;
        foreach (var key in keys ?? [])
            if (key != "quartier" && qn.Columns.All(c => c.Code != key)) errors.Add(key, $"Question {key} : code d'item ou option inconnu dans ce questionnaire.");
        var (response, fieldErrors) = SurveyResponseRules.Parse(qn, SurveyOnline.FormValues(qn, values), date ?? today,
            form.Quartiers.Select(q => q.Code).ToHashSet(StringComparer.Ordinal));
        foreach (var e in fieldErrors) errors.Add(e.Column, SurveyOnline.Describe(qn, e));
        if (errors.Any || response is null || date is null || parsedMode is null) return (null, errors.Errors);
        return (new Checked(response, parsedMode.Value, date.Value), errors.Errors);
    }

    /// <summary>
    /// An entered response the viewer may correct or delete, with its wave's form: agent entries only (online answers are
    /// anonymous, imported ones come back with their file), the viewer's own unless a coordinator, while the wave is
    /// collected or closed but not published, never once voided.
    /// </summary>
    public async Task<(SurveyOnline.SurveyOpenWave? Form, SurveyResponse? Response, CommandResult<Guid>? Refusal)> EditableAsync(Guid contractId, Guid waveId,
        Guid responseId)
    {
        var (wave, viewer, refusal) = await WaveForAgentAsync(contractId, waveId);
        if (wave is null) return (null, null, refusal);
        var row = await db.SurveyResponses.FirstOrDefaultAsync(r => r.Id == responseId && r.WaveId == waveId && r.ContractId == contractId);
        if (row is null) return (null, null, CommandResult<Guid>.Missing());
        if (row.Source != SurveyResponseSource.Agent)
            return (null, null, CommandResult<Guid>.Denied("Seuls les questionnaires saisis par un agent se corrigent ou se suppriment ; une réponse en ligne ou importée peut être annulée par un coordinateur."));
        if (!viewer!.IsCoordinator && row.EnteredById != viewer.UserId)
            return (null, null, CommandResult<Guid>.Denied("Vous ne pouvez corriger ou supprimer que les questionnaires que vous avez saisis ; un coordinateur peut corriger ceux des autres."));
        if (wave.PublishedAt is not null) return (null, null, CommandResult<Guid>.Denied(PublishedRefusal));
        if (wave.Status == SurveyWaveStatus.Draft) return (null, null, CommandResult<Guid>.Denied("Cette vague n'est pas encore ouverte à la collecte."));
        if (row.VoidedAt is not null) return (null, null, CommandResult<Guid>.Denied("Cette réponse a été annulée : elle ne se corrige plus."));
        return (await SurveyOnline.FormOfAsync(db, wave), row, null);
    }

    /// <summary>The form values of a stored response (to refill the correction form).</summary>
    public static Dictionary<string, string> FormValuesOf(SurveyResponse r)
    {
        var values = SurveyImporter.ReadAnswers(r.Answers).ToDictionary(kv => kv.Key, kv => kv.Value.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        values[SurveyQuestionnaire.SexCode] = r.Sex.ToString(CultureInfo.InvariantCulture);
        values[SurveyQuestionnaire.BirthYearCode] = r.BirthYear.ToString(CultureInfo.InvariantCulture);
        values["quartier"] = r.Quartier;
        if (r.FreeText is not null) values[SurveyQuestionnaire.FreeTextCode] = r.FreeText;
        values[ModeField] = r.Mode.ToString();
        values[DateField] = r.CollectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return values;
    }

    /// <summary>
    /// Corrects an entered response with the same rules as its entry; the history keeps the coded items that changed (before,
    /// after). <paramref name="version"/> is the one the correction started from (ADR 0019): a stale one answers the conflict,
    /// naming the stored answers that differ from the correction, and changes nothing.
    /// </summary>
    public async Task<CommandResult<Guid>> CorrectAsync(Guid contractId, Guid waveId, Guid responseId, string? mode, string? collectedOn,
        Func<string, string?> values, IEnumerable<string>? keys = null, int? version = null)
    {
        var (form, row, refusal) = await EditableAsync(contractId, waveId, responseId);
        if (form is null || row is null) return refusal!;
        var (parsed, errors) = Check(form, mode, collectedOn, values, keys);
        if (parsed is null) return CommandResult<Guid>.Invalid(errors);
        var before = FormValuesOf(row);
        before.Remove(SurveyQuestionnaire.FreeTextCode);
        var freeTextChanged = row.FreeText != parsed.Response.FreeText;
        (row.Mode, row.CollectedOn, row.Quartier, row.Sex, row.BirthYear, row.Answers, row.FreeText, row.Incomplete) =
            (parsed.Mode, parsed.Date, parsed.Response.Quartier, parsed.Response.Sex, parsed.Response.BirthYear,
                SurveyImporter.SerializeAnswers(parsed.Response.Coded), parsed.Response.FreeText, parsed.Response.Incomplete);
        var after = FormValuesOf(row);
        after.Remove(SurveyQuestionnaire.FreeTextCode);
        var codes = before.Keys.Union(after.Keys).ToList();
        if (await EditConflicts.CheckAsync(db, row, version, ConflictFields(before, codes, freeTextChanged ? "différent de votre saisie" : null),
                ConflictFields(after, codes, null), Author(await LastChangeIfStaleAsync(row, version))) is { } conflict)
            return CommandResult<Guid>.Stale(conflict);
        var changes = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .ToDictionary(k => k, k => new[] { before.GetValueOrDefault(k), after.GetValueOrDefault(k) });
        if (freeTextChanged) changes[SurveyQuestionnaire.FreeTextCode] = ["…", "…"]; // the free text itself is not logged
        var viewer = (await viewers.ForAsync(contractId))!;
        db.SurveyResponseChanges.Add(new SurveyResponseChange
        {
            Id = Guid.NewGuid(), ContractId = contractId, WaveId = waveId, ResponseId = row.Id, RespId = row.RespId, Kind = SurveyResponseChangeKind.Corrected,
            ById = viewer.UserId, At = clock.GetUtcNow(), Changes = System.Text.Json.JsonSerializer.Serialize(changes),
        });
        auditor.Record(AuditKinds.SurveyResponseCorrected, nameof(SurveyResponse), row.Id, contractId, new { wave = waveId, items = changes.Count });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(row.Id);
    }

    /// <summary>
    /// Deletes an entered response (a questionnaire typed twice or by mistake); the history keeps who, when and the motive.
    /// A stale <paramref name="version"/> (ADR 0019) answers the conflict naming the change made meanwhile; nothing is deleted.
    /// </summary>
    public async Task<CommandResult<Guid>> DeleteAsync(Guid contractId, Guid waveId, Guid responseId, string? reason, int? version = null)
    {
        var (form, row, refusal) = await EditableAsync(contractId, waveId, responseId);
        if (form is null || row is null) return refusal!;
        reason = reason?.Trim();
        if (reason?.Length > ReasonMax) return CommandResult<Guid>.Invalid("reason", $"Le motif ne doit pas dépasser {ReasonMax} caractères.");
        if (await CheckVersionAsync(row, version) is { } conflict) return CommandResult<Guid>.Stale(conflict);
        db.SurveyResponses.Remove(row);
        AddChange(contractId, row, SurveyResponseChangeKind.Deleted, (await viewers.ForAsync(contractId))!.UserId, string.IsNullOrEmpty(reason) ? null : reason);
        auditor.Record(AuditKinds.SurveyResponseDeleted, nameof(SurveyResponse), row.Id, contractId, new { wave = waveId });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(row.Id);
    }

    /// <summary>
    /// Voids a response (a test, a duplicate) with a motive: coordinators only, any source, until publication. The response
    /// is kept, excluded from the results and quotas and counted apart. A stale <paramref name="version"/> (ADR 0019: the response
    /// was corrected since the list was read) answers the conflict naming that change; nothing is voided.
    /// </summary>
    public async Task<CommandResult<Guid>> VoidAsync(Guid contractId, Guid waveId, Guid responseId, string? reason, int? version = null)
    {
        if (await viewers.ForAsync(contractId) is not { } viewer) return CommandResult<Guid>.Missing();
        var wave = await db.SurveyWaves.AsNoTracking().FirstOrDefaultAsync(w => w.Id == waveId && w.ContractId == contractId);
        var row = wave is null ? null : await db.SurveyResponses.FirstOrDefaultAsync(r => r.Id == responseId && r.WaveId == waveId);
        if (wave is null || row is null) return CommandResult<Guid>.Missing();
        if (!viewer.IsCoordinator) return CommandResult<Guid>.Denied("L'annulation d'une réponse est réservée aux coordinateurs du contrat.");
        if (wave.PublishedAt is not null) return CommandResult<Guid>.Denied(PublishedRefusal);
        if (row.VoidedAt is not null) return CommandResult<Guid>.Invalid("reason", "Cette réponse est déjà annulée.");
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return CommandResult<Guid>.Invalid("reason", "Motif de l'annulation : il est obligatoire (par exemple « réponse de test » ou « doublon »).");
        if (reason.Length > ReasonMax) return CommandResult<Guid>.Invalid("reason", $"Motif de l'annulation : {ReasonMax} caractères au plus.");
        if (await CheckVersionAsync(row, version) is { } conflict) return CommandResult<Guid>.Stale(conflict);
        (row.VoidedAt, row.VoidedById, row.VoidReason) = (clock.GetUtcNow(), viewer.UserId, reason);
        AddChange(contractId, row, SurveyResponseChangeKind.Voided, viewer.UserId, reason);
        auditor.Record(AuditKinds.SurveyResponseVoided, nameof(SurveyResponse), row.Id, contractId, new { wave = waveId, source = row.Source.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(row.Id);
    }

    /// <summary>The response's last recorded change (correction, voiding) when <paramref name="version"/> is stale; null otherwise.</summary>
    private async Task<SurveyResponseChange?> LastChangeIfStaleAsync(SurveyResponse row, int? version) =>
        version is { } v && v != row.Version
            ? await db.SurveyResponseChanges.AsNoTracking().Where(c => c.ResponseId == row.Id).OrderByDescending(c => c.At).FirstOrDefaultAsync()
            : null;

    /// <summary>The ADR 0019 check of an action that submits no answers (void, delete): a conflict names the change made meanwhile.</summary>
    private async Task<EditConflict?> CheckVersionAsync(SurveyResponse row, int? version)
    {
        var last = await LastChangeIfStaleAsync(row, version);
        var stored = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (last is not null)
            stored["Dernière opération"] = SurveyResponseLabels.Change(last.Kind)
                + (last.Kind == SurveyResponseChangeKind.Corrected ? " (" + SurveyResponseLabels.Changes(last.Changes) + ")" : last.Reason is { } r ? " (" + r + ")" : "");
        return await EditConflicts.CheckAsync(db, row, version, stored, new Dictionary<string, string?>(), Author(last));
    }

    private static (Guid? ById, DateTimeOffset At)? Author(SurveyResponseChange? change) => change is null ? null : (change.ById, change.At);

    /// <summary>A response's form values as the conflict message names them (French labels, dates dd/MM/yyyy); the free text is never quoted.</summary>
    private static Dictionary<string, string?> ConflictFields(Dictionary<string, string> values, IEnumerable<string> codes, string? freeText)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var code in codes.Order(StringComparer.Ordinal))
        {
            var value = values.GetValueOrDefault(code);
            var label = code switch { ModeField => "Mode de collecte", DateField => "Date de collecte", "quartier" => "Quartier", _ => "Question " + code };
            fields[label] = code switch
            {
                ModeField when Enum.TryParse<SurveyMode>(value, out var m) => SurveyLabels.Mode(m),
                DateField when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => Culture.Date(d),
                _ => value,
            };
        }
        fields["Texte libre"] = freeText;
        return fields;
    }

    private void AddChange(Guid contractId, SurveyResponse row, SurveyResponseChangeKind kind, Guid by, string? reason) =>
        db.SurveyResponseChanges.Add(new SurveyResponseChange
        {
            Id = Guid.NewGuid(), ContractId = contractId, WaveId = row.WaveId, ResponseId = row.Id, RespId = row.RespId, Kind = kind, ById = by,
            At = clock.GetUtcNow(), Reason = reason,
        });
}
