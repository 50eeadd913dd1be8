namespace Vigie.Web.Infrastructure;

/// <summary>
/// One run of a background job for one period (a day "2026-12-06", a month, an alert's own key): the row is inserted
/// first, under a unique key (<see cref="Name"/>, <see cref="PeriodKey"/>), so among several instances (or two runs
/// of the same instance) only the one whose insert succeeds does the work. Shared by every scheduled job.
/// </summary>
public class JobRun
{
    public Guid Id { get; set; }
    /// <summary>The job's name, e.g. "video.daily" (≤ 100 characters).</summary>
    public required string Name { get; set; }
    /// <summary>The period the run covers, e.g. "2026-12-06" (≤ 100 characters).</summary>
    public required string PeriodKey { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>
    /// Last sign of life of an unfinished run (its claim, then each committed step of a job that calls
    /// <see cref="JobRuns.HeartbeatAsync"/>): a run silent for longer than its job's resume delay was cut short
    /// (<c>kill -9</c>, power loss) and may be taken over (<see cref="JobRuns.TryClaimOrResumeAsync"/>).
    /// </summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
    /// <summary>A short summary written by the job when it finishes (counts, never personal data).</summary>
    public string? Outcome { get; set; }
}

/// <summary>What <see cref="JobRuns.TryClaimOrResumeAsync"/> obtained: nothing (another run has the period), a new run, or an interrupted one.</summary>
public enum JobClaim { None, Claimed, Resumed }

/// <summary>Claims and closes <see cref="JobRun"/> rows, each in its own DbContext (never flushing a caller's pending changes).</summary>
public sealed class JobRuns(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int NameMax = 100;
    public const int PeriodKeyMax = 100;

    /// <summary>The period key of a day in Paris time ("yyyy-MM-dd").</summary>
    public static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Inserts the run of <paramref name="name"/> for <paramref name="periodKey"/>; true when this caller claimed it,
    /// false when it already existed (another instance or an earlier run), on SQLite and PostgreSQL alike.
    /// </summary>
    public async Task<bool> TryClaimAsync(string name, string periodKey, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.JobRuns.AnyAsync(r => r.Name == name && r.PeriodKey == periodKey, ct)) return false;
        db.JobRuns.Add(new JobRun { Name = name, PeriodKey = periodKey, StartedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false; // another instance inserted the same key between our check and our insert
        }
    }

    /// <summary>
    /// <see cref="TryClaimAsync"/>, or else takes over the run of that period when it never finished and gave no sign of life
    /// for <paramref name="resumeAfter"/> (its instance was killed mid-run): one conditional UPDATE, so among several
    /// instances only one resumes it. Jobs that resume must be safe to run again over a half-done period (each step reads
    /// the current state and commits on its own).
    /// </summary>
    public async Task<JobClaim> TryClaimOrResumeAsync(string name, string periodKey, TimeSpan resumeAfter, CancellationToken ct = default)
    {
        if (await TryClaimAsync(name, periodKey, ct)) return JobClaim.Claimed;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var silentSince = now - resumeAfter;
        var taken = await db.JobRuns
            .Where(r => r.Name == name && r.PeriodKey == periodKey && r.FinishedAt == null
                && (r.HeartbeatAt == null ? r.StartedAt < silentSince : r.HeartbeatAt < silentSince))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, now)
                // The failure a crashed run reported stays readable (never nested: one takeover's words at most).
                .SetProperty(r => r.Outcome, r => r.Outcome != null && r.Outcome.StartsWith("failed: ") ? "resumed after " + r.Outcome : "resumed after an interrupted run"), ct);
        return taken == 1 ? JobClaim.Resumed : JobClaim.None;
    }

    /// <summary>A sign of life of an unfinished run (after each committed step), so that it is not taken over while it works.</summary>
    public async Task HeartbeatAsync(string name, string periodKey, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        await db.JobRuns.Where(r => r.Name == name && r.PeriodKey == periodKey && r.FinishedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, now), ct);
    }

    /// <summary>Writes why a run failed on its row, leaving it unfinished (so a later tick may resume it once it is silent).</summary>
    public async Task ReportFailureAsync(string name, string periodKey, Exception error)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var outcome = $"failed: {error.GetType().Name}";
            await db.JobRuns.Where(r => r.Name == name && r.PeriodKey == periodKey && r.FinishedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, outcome));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is likely what failed the run: never let the report hide the original error (the caller logs it).
            _ = e;
        }
    }

    /// <summary>Marks a claimed run finished with a short outcome (counts).</summary>
    public async Task FinishAsync(string name, string periodKey, string? outcome, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var run = await db.JobRuns.FirstOrDefaultAsync(r => r.Name == name && r.PeriodKey == periodKey, ct);
        if (run is null) return;
        run.FinishedAt = clock.GetUtcNow();
        run.Outcome = outcome is { Length: > 400 } ? outcome[..400] : outcome;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The loop of a daily job's hosted service: every quarter of an hour (or <paramref name="every"/>) from <paramref name="hour"/>
    /// (Paris), calls <paramref name="runOnce"/>, which claims its day itself (so the later ticks of the day do nothing, unless the
    /// job resumes an interrupted run: <see cref="TryClaimOrResumeAsync"/>). A failure is logged; the next day's run repeats every check.
    /// </summary>
    public static async Task DailyLoopAsync(TimeProvider clock, int hour, Func<CancellationToken, Task> runOnce, ILogger logger, string name, CancellationToken stoppingToken,
        TimeSpan? every = null)
    {
        using var ticks = new PeriodicTimer(every ?? TimeSpan.FromMinutes(15), clock);
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            if (TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Culture.Paris).Hour >= hour)
            {
                try { await runOnce(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException) { logger.LogError(e, "Daily job {Job} failed", name); }
            }
        }
    }
}
