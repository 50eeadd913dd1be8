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

    /// <summary>The wave's form when the viewer may enter responses into it; a refusal otherwise.</summary>
    public async Task<(SurveyOnline.SurveyOpenWave? Form, CommandResult<Guid>? Refusal)> FormAsync(Guid contractId, Guid waveId)
    {
        if (await viewers.ForAsync(contractId) is not { } viewer) return (null, CommandResult<Guid>.Missing());
        var wave = await db.SurveyWaves.AsNoTracking().Include(w => w.Survey).FirstOrDefaultAsync(w => w.Id == waveId && w.ContractId == contractId);
        if (wave is null) return (null, CommandResult<Guid>.Missing());
        if (!viewer.AtLeast(ContractRole.PartnerMember))
            return (null, CommandResult<Guid>.Denied("La saisie de questionnaires est réservée aux membres du contrat qui ont des droits d'écriture."));
        if (wave.Status != SurveyWaveStatus.Open || wave.PublishedAt is not null)
            return (null, CommandResult<Guid>.Denied("La saisie n'est possible que pendant la collecte : cette vague n'est pas ouverte (ou ses résultats sont publiés)."));
        return (await SurveyOnline.FormOfAsync(db, wave), null);
    }

    /// <summary>Checks and records one response; every error is in French and names its question or field; nothing is saved on error.</summary>
    /// <param name="keys">The item codes sent (API), each checked against the questionnaire; null for the page's form.</param>
    public async Task<CommandResult<Guid>> RecordAsync(Guid contractId, Guid waveId, string? mode, string? collectedOn, Func<string, string?> values,
        IEnumerable<string>? keys = null)
    {
        var (form, refusal) = await FormAsync(contractId, waveId);
        if (form is null) return refusal!;
        var wave = form.Wave;
        var errors = new ErrorBag();
        SurveyMode? parsedMode = Enum.TryParse<SurveyMode>(mode?.Trim(), true, out var m) && Modes.Contains(m) && !int.TryParse(mode, out _) ? m : null;
        if (parsedMode is null)
            errors.Add(ModeField, string.IsNullOrWhiteSpace(mode)
                ? "Mode de collecte : choisissez papier, téléphone ou face à face."
                : $"Mode de collecte : « {mode} » n'est pas admis (Papier, Tel ou Face).");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Culture.Paris).DateTime);
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
        if (errors.Any || response is null || date is null || parsedMode is null) return CommandResult<Guid>.Invalid(errors.Errors);

        var row = new SurveyResponse
        {
            Id = Guid.NewGuid(), WaveId = wave.Id, ContractId = contractId, RespId = "AGT-" + SurveyCommands.NewCode(), Mode = parsedMode.Value,
            CollectedOn = date.Value, Quartier = response.Quartier, Sex = response.Sex, BirthYear = response.BirthYear,
            Answers = SurveyImporter.SerializeAnswers(response.Coded), FreeText = response.FreeText, Incomplete = response.Incomplete,
            Source = SurveyResponseSource.Agent, RecordedAt = clock.GetUtcNow(),
        };
        db.SurveyResponses.Add(row);
        auditor.Record(AuditKinds.SurveyResponseEntered, nameof(SurveyResponse), row.Id, contractId, new { wave = wave.Id, mode = parsedMode.Value.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(row.Id);
    }
}
