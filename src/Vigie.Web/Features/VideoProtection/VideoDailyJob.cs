using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.VideoProtection;

public sealed class VideoDailyJobOptions
{
    public const string Section = "VideoProtection:DailyJob";
    public bool Enabled { get; set; } = true;
    /// <summary>Local (Paris) hour of the daily run.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 23, ErrorMessage = "VideoProtection:DailyJob:Hour must be between {1} and {2}.")]
    public int Hour { get; set; } = 3;
}

/// <summary>What one daily run raised and purged (null when the day was already claimed).</summary>
public sealed record VideoDailyReport(DateOnly Day, int Alerts, int PurgedExtractions = 0);

/// <summary>
/// The daily compliance job of the register (specs §4.3): renewal reminders at D-365/270/180/150 and D-0 (V3), retention
/// breaches from the recorders' last purge check (V1), cameras in service without an authorisation in force (V2) or
/// without the préfet's information (V4), access requests past their one-month deadline (V7), and the purge of extraction
/// register lines older than <see cref="VideoExtraction.KeptYears"/> years (V5). The day is claimed through
/// <see cref="JobRuns"/>; each alert is a <see cref="VideoAlert"/> row under a unique key (kind, subject, period) inserted
/// with its audit event and its mail to the contract's coordinators (outbox, same save), so an alert is raised and
/// mailed once across instances and days even when two checks run at the same time.
/// </summary>
public sealed class VideoDailyJob(IServiceScopeFactory scopes, JobRuns runs, TimeProvider clock, ILogger<VideoDailyJob> logger)
{
    public const string JobName = "video.daily";
    /// <summary>An unfinished run of the day silent for this long was interrupted: the next check resumes it.</summary>
    public static readonly TimeSpan ResumeAfter = TimeSpan.FromMinutes(30);

    /// <summary>Renewal thresholds (days before expiry), tightest last.</summary>
    private static readonly (int Days, VideoAlertKind Kind)[] Renewal =
        [(365, VideoAlertKind.RenewalD365), (270, VideoAlertKind.RenewalD270), (180, VideoAlertKind.RenewalD180), (150, VideoAlertKind.RenewalD150), (0, VideoAlertKind.Expired)];

    /// <summary>
    /// V5: days after which a copy handed over must have been destroyed or transmitted to the parquet — the longest lawful
    /// retention of the images themselves (L252-5, one month: <see cref="VideoAuthorisation.MaxRetentionDays"/>).
    /// </summary>
    public const int CopyKeptDays = VideoAuthorisation.MaxRetentionDays;

    public DateOnly Today => Culture.ParisDate(clock.GetUtcNow());

    /// <summary>
    /// Before alerts could be closed, a camera condition was keyed "-"; it is now keyed by the day the camera went into
    /// service (<see cref="ServiceKey"/>). The migration that adds the closing rewrites the open camera alerts' keys with
    /// this SQL (valid on SQLite and PostgreSQL: a date reads back as yyyy-MM-dd on both), so the first run after the upgrade
    /// neither closes them nor raises and mails them again.
    /// </summary>
    public const string LegacyCameraKeysSql = """
        UPDATE "VideoAlerts" SET "PeriodKey" = (SELECT CAST(c."InServiceOn" AS TEXT) FROM "VideoCameras" AS c WHERE c."Id" = "VideoAlerts"."SubjectId")
        WHERE "PeriodKey" = '-' AND "Kind" IN ('CameraWithoutAuthorisation', 'CameraWithoutPrefectInformation')
          AND EXISTS (SELECT 1 FROM "VideoCameras" AS c WHERE c."Id" = "VideoAlerts"."SubjectId" AND c."InServiceOn" IS NOT NULL)
        """;

    /// <summary>The occurrence key of a camera condition without a date of its own: the day it went into service ("-" when unknown).</summary>
    private static string ServiceKey(VideoCamera c) => c.InServiceOn is { } d ? JobRuns.DayKey(d) : "-";

    /// <summary>One daily run; null when this day was already claimed (by another instance or an earlier run).</summary>
    public async Task<VideoDailyReport?> RunOnceAsync(CancellationToken ct = default)
    {
        var today = Today;
        var key = JobRuns.DayKey(today);
        // Every step is safe to run again (alerts are unique, the purge is one transaction): a run killed midway is resumed.
        if (await runs.TryClaimOrResumeAsync(JobName, key, ResumeAfter, ct) == JobClaim.None) return null;
        var raised = await CheckAsync(ct);
        var purged = await PurgeExtractionsAsync(ct);
        await runs.FinishAsync(JobName, key, $"alerts={raised};purged={purged}", ct);
        return new VideoDailyReport(today, raised, purged);
    }

    /// <summary>An alert the checks found due (raised unless it already exists).</summary>
    private sealed record Candidate(Guid ContractId, Guid SystemId, VideoAlertKind Kind, Guid SubjectId, string Period, string Message,
        string AuditKind, string Entity, object Data);

    /// <summary>The checks themselves (no day claim): safe to run concurrently, each alert being unique.</summary>
    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        // Read before the candidates: an alert another instance raises from newer data meanwhile is not closed by this run.
        var checkedAt = clock.GetUtcNow();
        var candidates = await CandidatesAsync(ct);
        await ResolveClearedAsync(candidates, checkedAt, ct);
        if (candidates.Count == 0) return 0;
        // One read of the alerts already raised for these subjects, one of the coordinators to mail: set-based, not one query per row.
        var subjects = candidates.Select(c => c.SubjectId).Distinct().ToList();
        var contracts = candidates.Select(c => c.ContractId).Distinct().ToList();
        HashSet<(VideoAlertKind, Guid, string)> existing;
        ILookup<Guid, (Guid UserId, string Email)> coordinators;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            existing = [.. (await db.VideoAlerts.AsNoTracking().Where(a => subjects.Contains(a.SubjectId)).Select(a => new { a.Kind, a.SubjectId, a.PeriodKey }).ToListAsync(ct))
                .Select(a => (a.Kind, a.SubjectId, a.PeriodKey))];
            coordinators = (await db.Memberships.AsNoTracking()
                    .Where(m => contracts.Contains(m.ContractId) && m.Role == ContractRole.Coordinator && m.User!.Email != null && !m.User.IsDisabled)
                    .Select(m => new { m.ContractId, m.UserId, m.User!.Email }).ToListAsync(ct))
                .ToLookup(m => m.ContractId, m => (m.UserId, m.Email!));
        }
        var now = clock.GetUtcNow();
        var raised = 0;
        foreach (var c in candidates.Where(c => !existing.Contains((c.Kind, c.SubjectId, c.Period))))
            if (await RaiseAsync(c, coordinators[c.ContractId], now, ct)) raised++;
        if (raised > 0) logger.LogInformation("Video-protection daily check raised {Count} alert(s)", raised);
        return raised;
    }

    private async Task<List<Candidate>> CandidatesAsync(CancellationToken ct)
    {
        var today = Today;
        var now = clock.GetUtcNow();
        List<VideoAuthorisation> authorisations;
        List<VideoRecorder> recorders;
        List<VideoCamera> cameras;
        List<VideoAccessRequest> access;
        List<VideoExtraction> copies;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            authorisations = await db.VideoAuthorisations.AsNoTracking().ToListAsync(ct);
            recorders = await db.VideoRecorders.AsNoTracking().ToListAsync(ct);
            cameras = await db.VideoCameras.AsNoTracking().Where(c => c.State == VideoCameraState.EnService).ToListAsync(ct);
            var receivedBefore = today.AddMonths(-1);
            // V5: copies handed over more than CopyKeptDays ago, neither destroyed nor transmitted (compared on the Paris day below).
            // The SQL bound keeps every copy the Paris-day test below can retain (a Paris day starts at most a day before now).
            var copiedBefore = now.AddDays(-(CopyKeptDays - 1));
            copies = (await db.VideoExtractions.AsNoTracking().Where(e => e.CopyDestroyedOn == null && e.ParquetTransmittedOn == null && e.At < copiedBefore).ToListAsync(ct))
                .Where(e => Culture.ParisDate(e.At).AddDays(CopyKeptDays) <= today).ToList();
            access = (await db.VideoAccessRequests.AsNoTracking().Where(a => a.AnsweredOn == null && a.ReceivedOn <= receivedBefore).ToListAsync(ct))
                .Where(a => a.DueOn < today).ToList();
        }
        var byId = authorisations.ToDictionary(a => a.Id);
        var list = new List<Candidate>();
        // An authorisation renewed by one still in force (not expired nor repealed) needs no reminder nor expiry alert.
        var renewed = authorisations.Where(s => s.RenewsAuthorisationId is not null && s.StatusOn(today) is not (VideoAuthorisationStatus.Expiree or VideoAuthorisationStatus.Abrogee))
            .Select(s => s.RenewsAuthorisationId!.Value).ToHashSet();
        foreach (var a in authorisations.Where(a => a.StatusOn(today) != VideoAuthorisationStatus.Abrogee && !renewed.Contains(a.Id)))
        {
            var left = a.ExpiresOn.DayNumber - today.DayNumber;
            // Only the tightest threshold crossed: a reminder skipped while the job was stopped is not sent late.
            var due = Renewal.Where(t => left <= t.Days).Select(t => (VideoAlertKind?)t.Kind).LastOrDefault();
            if (due is not { } kind) continue;
            var message = kind == VideoAlertKind.Expired
                ? $"L'autorisation n° {a.OrderNumber} a expiré le {Culture.Date(a.ExpiresOn)} : ses caméras ne peuvent plus filmer."
                : $"{VideoLabels.Alert(kind)} — autorisation n° {a.OrderNumber}, expire le {Culture.Date(a.ExpiresOn)}.";
            list.Add(new(a.ContractId, a.SystemId, kind, a.Id, JobRuns.DayKey(a.ExpiresOn), message,
                kind == VideoAlertKind.Expired ? AuditKinds.VideoAuthExpired : AuditKinds.VideoAuthExpiring, nameof(VideoAuthorisation),
                new { kind = kind.ToString(), expires = a.ExpiresOn }));
        }
        foreach (var r in recorders)
        {
            var limit = byId.GetValueOrDefault(r.AuthorisationId)?.RetentionDays ?? VideoAuthorisation.MaxRetentionDays;
            // V1: the age of the oldest image is measured on the day of the check, not today — a compliant check stays
            // compliant as days pass; a check too old to trust raises its own "late check" alert below.
            if (r.LastPurgeCheckOn is { } checkedOn && r.OldestImageAt is { } oldest)
            {
                var age = checkedOn.DayNumber - Culture.ParisDate(oldest).DayNumber;
                if (age > limit)
                    list.Add(new(r.ContractId, r.SystemId, VideoAlertKind.RetentionBreach, r.Id, JobRuns.DayKey(Culture.ParisDate(oldest)),
                        $"Au contrôle du {Culture.Date(checkedOn)}, l'enregistreur « {r.Name} » gardait des images de {age} jours, au-delà de la limite de {limit} jours : vérifiez la purge.",
                        AuditKinds.VideoRetentionBreach, nameof(VideoRecorder), new { limit, ageDays = age }));
            }
            var since = r.LastPurgeCheckOn ?? Culture.ParisDate(r.CreatedAt);
            if (today.DayNumber - since.DayNumber > limit)
                list.Add(new(r.ContractId, r.SystemId, VideoAlertKind.PurgeCheckLate, r.Id, r.LastPurgeCheckOn is { } last ? JobRuns.DayKey(last) : "-",
                    r.LastPurgeCheckOn is { } l
                        ? $"Aucun contrôle de purge de l'enregistreur « {r.Name} » depuis le {Culture.Date(l)}, plus longtemps que la durée de conservation de {limit} jours : contrôlez la purge."
                        : $"Aucun contrôle de purge de l'enregistreur « {r.Name} » n'a été enregistré depuis sa création, plus longtemps que la durée de conservation de {limit} jours : contrôlez la purge.",
                    AuditKinds.VideoPurgeCheckLate, nameof(VideoRecorder), new { limit, days = today.DayNumber - since.DayNumber }));
        }
        foreach (var c in cameras)
        {
            var auth = c.AuthorisationId is { } ca ? byId.GetValueOrDefault(ca) : null;
            var status = auth?.StatusOn(today);
            if (auth is null || status is VideoAuthorisationStatus.Expiree or VideoAuthorisationStatus.Abrogee)
                list.Add(new(c.ContractId, c.SystemId, VideoAlertKind.CameraWithoutAuthorisation, c.Id,
                    auth is null ? ServiceKey(c) : status == VideoAuthorisationStatus.Abrogee ? "abrogee-" + JobRuns.DayKey(auth.RepealedOn!.Value) : JobRuns.DayKey(auth.ExpiresOn),
                    $"La caméra {c.Code} ({c.Site}) est en service sans autorisation en vigueur.", AuditKinds.VideoCameraAlert, nameof(VideoCamera),
                    new { kind = nameof(VideoAlertKind.CameraWithoutAuthorisation) }));
            if (c.PrefectInformedOn is null)
                list.Add(new(c.ContractId, c.SystemId, VideoAlertKind.CameraWithoutPrefectInformation, c.Id, ServiceKey(c),
                    $"La caméra {c.Code} ({c.Site}) est en service sans que le préfet ait été informé de sa mise en service.", AuditKinds.VideoCameraAlert, nameof(VideoCamera),
                    new { kind = nameof(VideoAlertKind.CameraWithoutPrefectInformation) }));
            // V8: the sign is checked yearly; the first check is due a year after the camera went into service.
            var signDue = (c.SignCheckedOn ?? c.InServiceOn ?? Culture.ParisDate(c.CreatedAt)).AddYears(1);
            if (today >= signDue)
                list.Add(new(c.ContractId, c.SystemId, VideoAlertKind.SignCheckDue, c.Id, JobRuns.DayKey(signDue),
                    c.SignCheckedOn is { } checkedOn
                        ? $"Le panneau d'information de la caméra {c.Code} ({c.Site}) n'a pas été contrôlé depuis le {Culture.Date(checkedOn)} : contrôle annuel à faire."
                        : $"Le panneau d'information de la caméra {c.Code} ({c.Site}) n'a jamais été contrôlé : contrôle annuel à faire.",
                    AuditKinds.VideoSignCheckDue, nameof(VideoCamera), new { due = signDue }));
        }
        foreach (var e in copies)
        {
            var due = Culture.ParisDate(e.At).AddDays(CopyKeptDays);
            // Never the operator's or the recipient's name: the alert is read by every reader of the register.
            list.Add(new(e.ContractId, e.SystemId, VideoAlertKind.CopyOutstanding, e.Id, JobRuns.DayKey(due),
                $"La copie extraite le {Culture.Date(Culture.ParisDate(e.At))} n'est ni détruite ni transmise au parquet {CopyKeptDays} jours plus tard : enregistrez sa destruction ou sa transmission.",
                AuditKinds.VideoCopyOutstanding, nameof(VideoExtraction), new { due }));
        }
        foreach (var a in access)
            list.Add(new(a.ContractId, a.SystemId, VideoAlertKind.AccessRequestOverdue, a.Id, JobRuns.DayKey(a.DueOn),
                $"Une demande d'accès reçue le {Culture.Date(a.ReceivedOn)} n'a pas reçu de réponse à son échéance du {Culture.Date(a.DueOn)}.", AuditKinds.VideoAccessRequestOverdue,
                nameof(VideoAccessRequest), new { due = a.DueOn }));
        return list;
    }

    /// <summary>
    /// Closes the open alerts whose condition cleared: every open alert whose (kind, subject, period) is no longer among
    /// today's candidates (préfet informed, camera authorised or out of service, compliant purge check, request answered,
    /// renewal reminder superseded by a tighter one or the authorisation renewed…). Each is closed with its audit event
    /// by <see cref="TryResolveAsync"/>, which only closes an alert still open, so concurrent runs close it once.
    /// </summary>
    private async Task<int> ResolveClearedAsync(IReadOnlyList<Candidate> candidates, DateTimeOffset checkedAt, CancellationToken ct)
    {
        var due = candidates.Select(c => (c.Kind, c.SubjectId, c.Period)).ToHashSet();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var open = await db.VideoAlerts.AsNoTracking().Where(a => a.ResolvedAt == null && a.RaisedAt < checkedAt).Select(a => new { a.Id, a.Kind, a.SubjectId, a.PeriodKey }).ToListAsync(ct);
        var resolved = 0;
        foreach (var a in open.Where(a => !due.Contains((a.Kind, a.SubjectId, a.PeriodKey))))
            if ((await TryResolveAsync(db, scope.ServiceProvider.GetRequiredService<Auditor>(), a.Id, clock.GetUtcNow(), null, ct)).Closed) resolved++;
        if (resolved > 0) logger.LogInformation("Video-protection daily check closed {Count} alert(s) whose condition cleared", resolved);
        return resolved;
    }

    /// <summary>How an attempt to close an alert ended; <c>Current</c> is the alert as it stands (null when it does not exist).</summary>
    public sealed record CloseOutcome(bool Closed, VideoAlert? Current);

    /// <summary>
    /// Closes an open alert (the job when <paramref name="by"/> is null, else that coordinator) with its
    /// <see cref="AuditKinds.VideoAlertResolved"/> event, in one transaction: the update only matches an alert still open,
    /// so two closers close it once and record one event.
    /// </summary>
    public static async Task<CloseOutcome> TryResolveAsync(AppDbContext db, Auditor auditor, Guid alertId, DateTimeOffset now, Guid? by, CancellationToken ct = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var closed = await db.VideoAlerts.Where(a => a.Id == alertId && a.ResolvedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ResolvedAt, now).SetProperty(a => a.ResolvedById, by), ct);
            var alert = await db.VideoAlerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId, ct);
            if (closed == 0 || alert is null)
            {
                await tx.RollbackAsync(ct);
                return new CloseOutcome(false, alert);
            }
            auditor.Record(AuditKinds.VideoAlertResolved, nameof(VideoAlert), alert.Id, alert.ContractId,
                new { kind = alert.Kind.ToString(), by = by is null ? "job" : "coordinator" });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new CloseOutcome(true, alert);
        });
    }

    /// <summary>
    /// Inserts the alert, its audit event and its mails to the coordinators in one save; false when the same alert already
    /// exists (another instance won the unique key: its save carried the mails, ours carries none).
    /// </summary>
    private async Task<bool> RaiseAsync(Candidate c, IEnumerable<(Guid UserId, string Email)> coordinators, DateTimeOffset now, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var alert = new VideoAlert { ContractId = c.ContractId, SystemId = c.SystemId, Kind = c.Kind, SubjectId = c.SubjectId, PeriodKey = c.Period, RaisedAt = now, Message = c.Message };
        db.VideoAlerts.Add(alert);
        services.GetRequiredService<Auditor>().Record(c.AuditKind, c.Entity, c.SubjectId, c.ContractId, c.Data);
        var mailed = await MailAsync(services, alert, coordinators);
        try
        {
            await db.SaveChangesAsync(ct);
            if (mailed > 0) logger.LogInformation("Video alert {AlertId} mailed to {Count} coordinator(s)", alert.Id, mailed);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false; // raised by another instance between our read and our insert
        }
    }

    /// <summary>
    /// The alert's mail to each coordinator of the contract entitled to the register (egress check): its kind, ids and a
    /// link to the register behind sign-in — never the alert's text (camera codes, file references) nor any personal data.
    /// </summary>
    private static async Task<int> MailAsync(IServiceProvider services, VideoAlert alert, IEnumerable<(Guid UserId, string Email)> coordinators)
    {
        var egress = services.GetRequiredService<Egress>();
        var outbox = services.GetRequiredService<MailOutbox>();
        var link = services.GetRequiredService<PublicLinks>().ToPage("/VideoProtection/Index", new { id = alert.ContractId });
        var label = VideoLabels.Alert(alert.Kind);
        var text = $"Bonjour,\n\nLe contrôle quotidien du registre de vidéoprotection a levé une alerte : {label}.\n"
            + $"Référence de l'alerte : {alert.Id}\nObjet concerné : {alert.SubjectId}\n\nConsultez le registre (connexion requise) : {link}\n\n— Vigie\n";
        var sent = 0;
        foreach (var (userId, email) in coordinators)
        {
            if (!await egress.MayReceiveAsync(alert.ContractId, MinutesVisibility.Members, null, Audience.Person(userId, null))) continue;
            outbox.Enqueue(email, $"Vidéoprotection — {label}", text, null, []);
            sent++;
        }
        return sent;
    }

    /// <summary>
    /// V5: deletes the extraction register lines older than <see cref="VideoExtraction.KeptYears"/> years (by their
    /// timestamp), with one audit event per contract giving the count, in one transaction. Returns how many were deleted.
    /// </summary>
    public async Task<int> PurgeExtractionsAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().AddYears(-VideoExtraction.KeptYears);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var old = await db.VideoExtractions.Where(e => e.At < cutoff).ToListAsync(ct);
        if (old.Count == 0) return 0;
        var auditor = scope.ServiceProvider.GetRequiredService<Auditor>();
        foreach (var g in old.GroupBy(e => e.ContractId))
            auditor.Record(AuditKinds.VideoExtractionsPurged, "Contract", g.Key, g.Key, new { count = g.Count(), keptYears = VideoExtraction.KeptYears });
        db.VideoExtractions.RemoveRange(old);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Video-protection purge deleted {Count} extraction register line(s)", old.Count);
        return old.Count;
    }
}

public sealed class VideoDailyWorker(VideoDailyJob job, TimeProvider clock, IOptions<VideoDailyJobOptions> options, ILogger<VideoDailyWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled
        ? JobRuns.DailyLoopAsync(clock, options.Value.Hour, ct => job.RunOnceAsync(ct), logger, VideoDailyJob.JobName, stoppingToken)
        : Task.CompletedTask;
}
