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

/// <summary>What one daily run raised (null when the day was already claimed).</summary>
public sealed record VideoDailyReport(DateOnly Day, int Alerts);

/// <summary>
/// The daily compliance job of the register (specs §4.3): renewal reminders at D-365/270/180/150 and D-0 (V3), retention
/// breaches from the recorders' last purge check (V1), cameras in service without an authorisation in force (V2) or
/// without the préfet's information (V4). The day is claimed through <see cref="JobRuns"/>; each alert is a
/// <see cref="VideoAlert"/> row under a unique key (kind, subject, period) inserted with its audit event, so an alert is
/// raised once across instances and days even when two checks run at the same time.
/// </summary>
public sealed class VideoDailyJob(IServiceScopeFactory scopes, JobRuns runs, TimeProvider clock, ILogger<VideoDailyJob> logger)
{
    public const string JobName = "video.daily";

    /// <summary>Renewal thresholds (days before expiry), tightest last.</summary>
    private static readonly (int Days, VideoAlertKind Kind)[] Renewal =
        [(365, VideoAlertKind.RenewalD365), (270, VideoAlertKind.RenewalD270), (180, VideoAlertKind.RenewalD180), (150, VideoAlertKind.RenewalD150), (0, VideoAlertKind.Expired)];

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Culture.Paris).DateTime);

    /// <summary>One daily run; null when this day was already claimed (by another instance or an earlier run).</summary>
    public async Task<VideoDailyReport?> RunOnceAsync(CancellationToken ct = default)
    {
        var today = Today;
        var key = JobRuns.DayKey(today);
        if (!await runs.TryClaimAsync(JobName, key, ct)) return null;
        var raised = await CheckAsync(ct);
        await runs.FinishAsync(JobName, key, $"alerts={raised}", ct);
        return new VideoDailyReport(today, raised);
    }

    /// <summary>The checks themselves (no day claim): safe to run concurrently, each alert being unique.</summary>
    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        var today = Today;
        var now = clock.GetUtcNow();
        List<VideoAuthorisation> authorisations;
        List<VideoRecorder> recorders;
        List<VideoCamera> cameras;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            authorisations = await db.VideoAuthorisations.AsNoTracking().Where(a => a.RepealedOn == null).ToListAsync(ct);
            recorders = await db.VideoRecorders.AsNoTracking().Where(r => r.OldestImageAt != null).ToListAsync(ct);
            cameras = await db.VideoCameras.AsNoTracking().Where(c => c.State == VideoCameraState.EnService).ToListAsync(ct);
        }
        var raised = 0;
        foreach (var a in authorisations)
        {
            var left = a.ExpiresOn.DayNumber - today.DayNumber;
            // Only the tightest threshold crossed: a reminder skipped while the job was stopped is not sent late.
            var due = Renewal.Where(t => left <= t.Days).Select(t => (VideoAlertKind?)t.Kind).LastOrDefault();
            if (due is not { } kind) continue;
            var message = kind == VideoAlertKind.Expired
                ? $"L'autorisation n° {a.OrderNumber} a expiré le {Culture.Date(a.ExpiresOn)} : ses caméras ne peuvent plus filmer."
                : $"{VideoLabels.Alert(kind)} — autorisation n° {a.OrderNumber}, expire le {Culture.Date(a.ExpiresOn)}.";
            if (await RaiseAsync(a.ContractId, a.SystemId, kind, a.Id, JobRuns.DayKey(a.ExpiresOn), message, now,
                kind == VideoAlertKind.Expired ? AuditKinds.VideoAuthExpired : AuditKinds.VideoAuthExpiring, nameof(VideoAuthorisation),
                new { kind = kind.ToString(), expires = a.ExpiresOn }, ct)) raised++;
        }
        foreach (var r in recorders)
        {
            var limit = authorisations.FirstOrDefault(a => a.Id == r.AuthorisationId)?.RetentionDays ?? VideoAuthorisation.MaxRetentionDays;
            var age = (int)Math.Floor((now - r.OldestImageAt!.Value).TotalDays);
            if (age <= limit) continue;
            if (await RaiseAsync(r.ContractId, r.SystemId, VideoAlertKind.RetentionBreach, r.Id, r.OldestImageAt.Value.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                $"L'enregistreur « {r.Name} » garde des images de {age} jours, au-delà de la limite de {limit} jours : vérifiez la purge.", now,
                AuditKinds.VideoRetentionBreach, nameof(VideoRecorder), new { limit, ageDays = age }, ct)) raised++;
        }
        foreach (var c in cameras)
        {
            var auth = authorisations.FirstOrDefault(a => a.Id == c.AuthorisationId);
            if (auth is null || auth.StatusOn(today) is VideoAuthorisationStatus.Expiree or VideoAuthorisationStatus.Abrogee)
                if (await RaiseAsync(c.ContractId, c.SystemId, VideoAlertKind.CameraWithoutAuthorisation, c.Id, auth is null ? "-" : JobRuns.DayKey(auth.ExpiresOn),
                    $"La caméra {c.Code} ({c.Site}) est en service sans autorisation en vigueur.", now, AuditKinds.VideoCameraAlert, nameof(VideoCamera),
                    new { kind = nameof(VideoAlertKind.CameraWithoutAuthorisation) }, ct)) raised++;
            if (c.PrefectInformedOn is null
                && await RaiseAsync(c.ContractId, c.SystemId, VideoAlertKind.CameraWithoutPrefectInformation, c.Id, "-",
                    $"La caméra {c.Code} ({c.Site}) est en service sans que le préfet ait été informé de sa mise en service.", now, AuditKinds.VideoCameraAlert, nameof(VideoCamera),
                    new { kind = nameof(VideoAlertKind.CameraWithoutPrefectInformation) }, ct)) raised++;
        }
        if (raised > 0) logger.LogInformation("Video-protection daily check raised {Count} alert(s)", raised);
        return raised;
    }

    /// <summary>Inserts the alert and its audit event in one save; false when the same alert already exists.</summary>
    private async Task<bool> RaiseAsync(Guid contractId, Guid systemId, VideoAlertKind kind, Guid subjectId, string period, string message, DateTimeOffset now,
        string auditKind, string entity, object data, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.VideoAlerts.AnyAsync(x => x.Kind == kind && x.SubjectId == subjectId && x.PeriodKey == period, ct)) return false;
        db.VideoAlerts.Add(new VideoAlert { ContractId = contractId, SystemId = systemId, Kind = kind, SubjectId = subjectId, PeriodKey = period, RaisedAt = now, Message = message });
        scope.ServiceProvider.GetRequiredService<Auditor>().Record(auditKind, entity, subjectId, contractId, data);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (JobRuns.IsUniqueViolation(e))
        {
            return false; // raised by another instance between our check and our insert
        }
    }
}

public sealed class VideoDailyWorker(VideoDailyJob job, TimeProvider clock, IOptions<VideoDailyJobOptions> options, ILogger<VideoDailyWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled
        ? JobRuns.DailyLoopAsync(clock, options.Value.Hour, ct => job.RunOnceAsync(ct), logger, VideoDailyJob.JobName, stoppingToken)
        : Task.CompletedTask;
}
