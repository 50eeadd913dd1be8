namespace Vigie.Web.Features.Survey;

public sealed record SurveyWaveListItem(Guid Id, int Number, string Code, string Title, DateOnly FieldStart, DateOnly FieldEnd, SurveyWaveStatus Status,
    bool Online, DateTimeOffset? PublishedAt, int Responses);

public sealed record SurveyListItem(Guid Id, string Title, IReadOnlyList<SurveyWaveListItem> Waves);

/// <summary>A wave with its plan; Responses, Incomplete and Online count the responses not voided, Voided the voided ones.</summary>
public sealed record SurveyWaveDetail(SurveyWave Wave, string SurveyTitle, IReadOnlyList<SurveyStratum> Strata, int Responses, int Incomplete, int Online,
    int Voided = 0);

/// <summary>Reads of the survey module, always scoped to one contract (the caller has checked the contract is visible).</summary>
public sealed class SurveyQueries(AppDbContext db)
{
    public async Task<IReadOnlyList<SurveyListItem>> SurveysAsync(Guid contractId)
    {
        var surveys = await db.Surveys.AsNoTracking().Where(s => s.ContractId == contractId).OrderBy(s => s.CreatedAt).Select(s => new { s.Id, s.Title }).ToListAsync();
        var waves = await WavesAsync(db.SurveyWaves.Where(w => w.ContractId == contractId));
        return [.. surveys.Select(s => new SurveyListItem(s.Id, s.Title, [.. waves.Where(w => w.SurveyId == s.Id).Select(w => w.Item)]))];
    }

    private async Task<List<(Guid SurveyId, SurveyWaveListItem Item)>> WavesAsync(IQueryable<SurveyWave> waves) =>
        (await waves.AsNoTracking().OrderBy(w => w.Number)
            .Select(w => new { w.SurveyId, w.Id, w.Number, w.Code, w.Title, w.FieldStart, w.FieldEnd, w.Status, Online = w.OnlineCode != null, w.PublishedAt,
                Responses = db.SurveyResponses.Count(r => r.WaveId == w.Id && r.VoidedAt == null) })
            .ToListAsync())
        .Select(w => (w.SurveyId, new SurveyWaveListItem(w.Id, w.Number, w.Code, w.Title, w.FieldStart, w.FieldEnd, w.Status, w.Online, w.PublishedAt, w.Responses)))
        .ToList();

    public Task<Domain.Survey?> SurveyAsync(Guid contractId, Guid surveyId) =>
        db.Surveys.AsNoTracking().Include(s => s.Questions).FirstOrDefaultAsync(s => s.Id == surveyId && s.ContractId == contractId);

    public async Task<IReadOnlyList<SurveyWaveListItem>> WavesOfSurveyAsync(Guid surveyId) =>
        [.. (await WavesAsync(db.SurveyWaves.Where(w => w.SurveyId == surveyId))).Select(w => w.Item)];

    public async Task<SurveyWaveDetail?> WaveAsync(Guid contractId, Guid waveId)
    {
        var wave = await db.SurveyWaves.AsNoTracking().Include(w => w.Survey).FirstOrDefaultAsync(w => w.Id == waveId && w.ContractId == contractId);
        if (wave is null) return null;
        var strata = await db.SurveyStrata.AsNoTracking().Where(s => s.WaveId == waveId).ToListAsync();
        var counts = await db.SurveyResponses.Where(r => r.WaveId == waveId)
            .GroupBy(r => 1).Select(g => new
            {
                All = g.Count(r => r.VoidedAt == null), Incomplete = g.Count(r => r.Incomplete && r.VoidedAt == null),
                Online = g.Count(r => r.Source == SurveyResponseSource.Online && r.VoidedAt == null), Voided = g.Count(r => r.VoidedAt != null),
            })
            .FirstOrDefaultAsync();
        return new SurveyWaveDetail(wave, wave.Survey!.Title, [.. strata.OrderBy(s => s.Quartier, StringComparer.Ordinal).ThenBy(s => s.Sex).ThenBy(s => s.AgeBand)],
            counts?.All ?? 0, counts?.Incomplete ?? 0, counts?.Online ?? 0, counts?.Voided ?? 0);
    }

    /// <summary>A wave's weighted results from its complete responses (incomplete ones are excluded, specs §2.7).</summary>
    public async Task<SurveyResultSet> ResultsAsync(Guid waveId)
    {
        var surveyId = await db.SurveyWaves.Where(w => w.Id == waveId).Select(w => w.SurveyId).SingleAsync();
        var qn = new SurveyQuestionnaire(await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == surveyId).ToListAsync());
        var strata = await db.SurveyStrata.AsNoTracking().Where(s => s.WaveId == waveId).ToListAsync();
        var rows = await db.SurveyResponses.AsNoTracking().Where(r => r.WaveId == waveId && !r.Incomplete && r.VoidedAt == null)
            .Select(r => new { r.Quartier, r.Sex, r.BirthYear, r.CollectedOn, r.Answers }).ToListAsync();
        var respondents = rows.Select(r => new SurveyRespondent(r.Quartier, r.Sex, r.BirthYear, r.CollectedOn, SurveyImporter.ReadAnswers(r.Answers))).ToList();
        return SurveyEstimation.Compute(qn, strata, respondents);
    }

    /// <summary>Two waves of the same survey of the contract, the earlier first, with every indicator compared (T0 vs T1); null otherwise.</summary>
    public async Task<SurveyWaveComparison?> CompareAsync(Guid contractId, Guid waveId, Guid otherWaveId)
    {
        if (waveId == otherWaveId || await WaveAsync(contractId, waveId) is not { } a || await WaveAsync(contractId, otherWaveId) is not { } b
            || a.Wave.SurveyId != b.Wave.SurveyId) return null;
        var (before, after) = a.Wave.Number < b.Wave.Number ? (a, b) : (b, a);
        return new SurveyWaveComparison(before, after, SurveyCompare.Rows(await ResultsAsync(before.Wave.Id), await ResultsAsync(after.Wave.Id)));
    }

    /// <summary>Complete responses of a wave per quartier code (the sampling plan's progress against its quotas).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CompleteByQuartierAsync(Guid waveId) =>
        await db.SurveyResponses.Where(r => r.WaveId == waveId && !r.Incomplete && r.VoidedAt == null).GroupBy(r => r.Quartier)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, StringComparer.Ordinal);

    /// <summary>Scrubbed free-text answers (members-only pages), in text order: never in response-code order, which the responses list would tie to a quartier.</summary>
    public async Task<IReadOnlyList<string>> FreeTextsAsync(Guid waveId)
    {
        var texts = await db.SurveyResponses.AsNoTracking().Where(r => r.WaveId == waveId && r.FreeText != null && r.VoidedAt == null).Select(r => r.FreeText!).ToListAsync();
        return [.. texts.Order(StringComparer.Ordinal)];
    }

    /// <summary>A published wave of a published contract (public pages), or null.</summary>
    public Task<SurveyWave?> PublishedWaveAsync(Guid contractId, Guid waveId) =>
        db.SurveyWaves.AsNoTracking().Include(w => w.Survey)
            .FirstOrDefaultAsync(w => w.Id == waveId && w.ContractId == contractId && w.PublishedAt != null && db.Contracts.Any(c => c.Id == contractId && c.IsPublished));

    /// <summary>Published waves of a contract (any publication state of the contract: the diagnostic decides what it shows).</summary>
    public async Task<IReadOnlyList<SurveyWave>> PublishedWavesAsync(Guid contractId) =>
        await db.SurveyWaves.AsNoTracking().Include(w => w.Survey).Where(w => w.ContractId == contractId && w.PublishedAt != null).OrderBy(w => w.Number).ToListAsync();

    public const int ResponsesShown = 200;

    /// <summary>
    /// A wave's responses for the responses page and API, newest first (at most <see cref="ResponsesShown"/>): all of them for
    /// a coordinator, the viewer's own agent entries otherwise; <paramref name="respId"/> filters on the start of the resp_id.
    /// Codes and states only, never the answers or the free text.
    /// </summary>
    public async Task<IReadOnlyList<SurveyResponseListItem>> ResponsesAsync(Guid waveId, ContractViewer viewer, string? respId)
    {
        var q = db.SurveyResponses.AsNoTracking().Where(r => r.WaveId == waveId && r.ContractId == viewer.ContractId);
        if (!viewer.IsCoordinator) q = q.Where(r => r.Source == SurveyResponseSource.Agent && r.EnteredById == viewer.UserId);
        if (!string.IsNullOrWhiteSpace(respId)) { var prefix = respId.Trim(); q = q.Where(r => r.RespId.StartsWith(prefix)); }
        var items = await q.OrderByDescending(r => r.RecordedAt).ThenBy(r => r.RespId).Take(ResponsesShown)
            .Select(r => new SurveyResponseListItem(r.Id, r.RespId, r.Source, r.Mode, r.CollectedOn, r.Quartier, r.Incomplete, r.RecordedAt,
                r.Source == SurveyResponseSource.Agent && r.EnteredById == viewer.UserId, r.VoidedAt, r.VoidReason, r.Version))
            .ToListAsync();
        // An online answer's exact time could tie it to a respondent: the day only.
        return [.. items.Select(i => i.Source == SurveyResponseSource.Online ? i with { RecordedAt = new DateTimeOffset(i.RecordedAt.UtcDateTime.Date, TimeSpan.Zero) } : i)];
    }

    /// <summary>The history of a wave's responses (corrections, deletions, voidings), newest first, with who did it.</summary>
    public async Task<IReadOnlyList<SurveyResponseChangeItem>> ResponseChangesAsync(Guid waveId, ContractViewer viewer)
    {
        var q = db.SurveyResponseChanges.AsNoTracking().Where(c => c.WaveId == waveId && c.ContractId == viewer.ContractId);
        if (!viewer.IsCoordinator) q = q.Where(c => c.ById == viewer.UserId);
        return await q.OrderByDescending(c => c.At).Take(ResponsesShown)
            .Select(c => new SurveyResponseChangeItem(c.ResponseId, c.RespId, c.Kind, c.At, db.Users.Where(u => u.Id == c.ById).Select(u => u.FullName).FirstOrDefault() ?? "?",
                c.Changes, c.Reason))
            .ToListAsync();
    }
}

public sealed record SurveyResponseListItem(Guid Id, string RespId, SurveyResponseSource Source, SurveyMode Mode, DateOnly CollectedOn, string Quartier,
    bool Incomplete, DateTimeOffset RecordedAt, bool Mine, DateTimeOffset? VoidedAt, string? VoidReason, int Version);

public sealed record SurveyResponseChangeItem(Guid ResponseId, string RespId, SurveyResponseChangeKind Kind, DateTimeOffset At, string By, string? Changes,
    string? Reason);
