using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Infrastructure;

public sealed class OutboxOptions
{
    public const string Section = "Mail:Outbox";

    /// <summary>False: no background sender (tests drain the outbox themselves with <see cref="OutboxSender.RunOnceAsync"/>).</summary>
    public bool BackgroundEnabled { get; set; } = true;
    [Range(1, 3600, ErrorMessage = "Mail:Outbox:PollSeconds must be between {1} and {2}.")]
    public int PollSeconds { get; set; } = 5;
    [Range(1, 50, ErrorMessage = "Mail:Outbox:MaxAttempts must be between {1} and {2}.")]
    public int MaxAttempts { get; set; } = 8;
    /// <summary>Delay before the second attempt; doubled at each further one (30 s, 1 min, 2 min… capped at 6 h).</summary>
    [Range(1, 86_400, ErrorMessage = "Mail:Outbox:FirstRetrySeconds must be between {1} and {2}.")]
    public int FirstRetrySeconds { get; set; } = 30;
    /// <summary>How long a claimed message is reserved to one instance (longer than one SMTP exchange).</summary>
    [Range(10, 3600, ErrorMessage = "Mail:Outbox:LeaseSeconds must be between {1} and {2}.")]
    public int LeaseSeconds { get; set; } = 120;
    [Range(1, 1000, ErrorMessage = "Mail:Outbox:BatchSize must be between {1} and {2}.")]
    public int BatchSize { get; set; } = 20;
    /// <summary>Sent messages (their bodies hold links and names) are deleted after this many days.</summary>
    [Range(1, 3650, ErrorMessage = "Mail:Outbox:KeepSentDays must be between {1} and {2}.")]
    public int KeepSentDays { get; set; } = 7;
    /// <summary>Failed messages (their bodies may hold a password-reset link) are deleted this many days after their last attempt.</summary>
    [Range(1, 3650, ErrorMessage = "Mail:Outbox:KeepFailedDays must be between {1} and {2}.")]
    public int KeepFailedDays { get; set; } = 30;
}

/// <summary>Puts a mail in the outbox of a given <see cref="AppDbContext"/>: it is sent only if that context's next SaveChanges succeeds.</summary>
public sealed class MailOutbox(AppDbContext db, SmtpMailer composer, TimeProvider clock, OutboxSignal signal)
{
    public OutboxMessage Enqueue(string to, string subject, string textBody, string? htmlBody, IReadOnlyList<MailAttachment> attachments)
    {
        var id = Guid.NewGuid();
        using var message = composer.Build(to, subject, textBody, htmlBody, attachments);
        message.MessageId = $"{id:N}@vigie";
        var now = clock.GetUtcNow();
        var row = new OutboxMessage
        {
            Id = id, CreatedAt = now, Recipient = to, Subject = subject.Length > 1000 ? subject[..1000] : subject,
            Content = SmtpMailer.Serialize(message), Status = OutboxStatus.Pending, NextAttemptAt = now,
        };
        db.OutboxMessages.Add(row);
        signal.WakeAfterSave(db);
        return row;
    }
}

/// <summary>Wakes the background sender as soon as a save committed new messages (instead of waiting for the next poll).</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppDbContext, object> _hooked = [];

    public void Wake()
    {
        if (_wake.CurrentCount == 0) try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    internal void WakeAfterSave(AppDbContext db)
    {
        if (_hooked.TryAdd(db, this)) db.SavedChanges += (_, _) => Wake();
    }

    internal Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}

/// <summary>
/// <see cref="IMailer"/>: nothing is sent here, the message goes to the outbox (ADR 0018).
/// In a request it is added to the request's <see cref="AppDbContext"/>, so it commits with the caller's next
/// SaveChanges (and not at all when that save fails); <see cref="OutboxRequestFlush"/> saves it at the end of a
/// request whose handler sent after its last save. Outside a request (background jobs) it is saved at once in a scope
/// of its own; a job that wants the mail in its own transaction uses <see cref="MailOutbox"/> with its context.
/// </summary>
public sealed class OutboxMailer(IHttpContextAccessor http, IServiceScopeFactory scopes) : IMailer
{
    internal const string PendingKey = "vigie.outbox.pending";

    public Task SendAsync(string to, string subject, string textBody, string? htmlBody = null, CancellationToken ct = default) =>
        EnqueueAsync(to, subject, textBody, htmlBody, [], ct);

    public Task SendAsync(string to, string subject, string textBody, IReadOnlyList<MailAttachment> attachments, CancellationToken ct = default) =>
        EnqueueAsync(to, subject, textBody, null, attachments, ct);

    private async Task EnqueueAsync(string to, string subject, string textBody, string? htmlBody, IReadOnlyList<MailAttachment> attachments, CancellationToken ct)
    {
        if (http.HttpContext is { } context)
        {
            context.RequestServices.GetRequiredService<MailOutbox>().Enqueue(to, subject, textBody, htmlBody, attachments);
            context.Items[PendingKey] = true;
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MailOutbox>().Enqueue(to, subject, textBody, htmlBody, attachments);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(ct);
    }
}

/// <summary>
/// End of a request that put mail in the outbox: messages still unsaved are saved — unless the request's context also
/// holds other unsaved changes (a save that failed: its mail must not leave) or the request failed.
/// </summary>
public static class OutboxRequestFlush
{
    public static IApplicationBuilder UseOutboxRequestFlush(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (!context.Items.ContainsKey(OutboxMailer.PendingKey)) return;
        var db = context.RequestServices.GetRequiredService<AppDbContext>();
        var pending = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (pending.Count == 0) return;
        if (context.Response.StatusCode >= 400 || pending.Any(e => e.Entity is not OutboxMessage))
        {
            context.RequestServices.GetRequiredService<ILogger<OutboxMailer>>()
                .LogWarning("{Count} outbox message(s) dropped: the request's changes were not saved", pending.Count(e => e.Entity is OutboxMessage));
            return;
        }
        await db.SaveChangesAsync(context.RequestAborted.IsCancellationRequested ? CancellationToken.None : context.RequestAborted);
    });
}

/// <summary>
/// Sends due messages once across instances: each is claimed by a conditional update of <c>LockedUntil/LockedBy</c>
/// (one row changes for exactly one instance, SQLite or PostgreSQL), delivered, then marked sent; a failure schedules the
/// next attempt with exponential backoff, and after <see cref="OutboxOptions.MaxAttempts"/> the message is "échec".
/// Logs carry message ids and counts only.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, SmtpMailer transport, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<OutboxSender> logger)
{
    /// <summary>This instance's name in <c>LockedBy</c>.</summary>
    public string InstanceId { get; init; } = $"{Environment.MachineName[..Math.Min(40, Environment.MachineName.Length)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public static TimeSpan Backoff(int attempts, int firstRetrySeconds) =>
        TimeSpan.FromSeconds(Math.Min(6 * 3600, firstRetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>Sends every message due now (several batches); returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            // Another instance may claim part of a full batch: go on while batches are full, not while this one won them all.
            var (batchSent, candidates) = await RunBatchAsync(o, ct);
            sent += batchSent;
            if (candidates < o.BatchSize) break;
        }
        await PurgeOncePerDayAsync(o, ct);
        return sent;
    }

    private async Task<(int Sent, int Candidates)> RunBatchAsync(OutboxOptions o, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(o.BatchSize).ToListAsync(ct);
        var sent = 0;
        foreach (var id in candidates)
        {
            now = clock.GetUtcNow();
            var until = now.AddSeconds(o.LeaseSeconds);
            var won = await db.OutboxMessages
                .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.LockedBy, InstanceId), ct);
            if (won != 1) continue;
            var message = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Content, m.Attempts }).SingleAsync(ct);
            var attempts = message.Attempts + 1;
            try
            {
                await transport.DeliverAsync(message.Content, ct);
                await db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == InstanceId).ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.SentAt, clock.GetUtcNow())
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var failed = attempts >= o.MaxAttempts;
                var error = Describe(e);
                var next = clock.GetUtcNow() + Backoff(attempts, o.FirstRetrySeconds);
                await db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == InstanceId).ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.Status, failed ? OutboxStatus.Failed : OutboxStatus.Pending).SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.LockedBy, (string?)null), CancellationToken.None);
                // Ids and the failure's kind only: an SMTP exception's text may repeat the recipient's address.
                logger.LogWarning("Outbox message {MessageId}: attempt {Attempt} failed ({Error}){Final}", id, attempts, error, failed ? ", given up" : "");
            }
        }
        return (sent, candidates.Count);
    }

    /// <summary>The failure's kind, without its text (which may name the recipient).</summary>
    internal static string Describe(Exception e) => e switch
    {
        MailKit.Net.Smtp.SmtpCommandException s => $"SMTP {(int)s.StatusCode} ({s.ErrorCode})",
        MailKit.Net.Smtp.SmtpProtocolException => "SMTP protocol error",
        System.Net.Sockets.SocketException s => $"network ({s.SocketErrorCode})",
        _ => e.GetType().Name,
    };

    /// <summary>The <see cref="JobRun"/> name of the daily purge.</summary>
    public const string PurgeJob = "outbox.purge";

    /// <summary>
    /// Once a day across instances (a <see cref="JobRun"/> per Paris day, the first worker pass of the day claims it):
    /// sent rows older than <see cref="OutboxOptions.KeepSentDays"/>, and failed rows whose last attempt is older than
    /// <see cref="OutboxOptions.KeepFailedDays"/> (an administrator had that long to send them again).
    /// </summary>
    private async Task PurgeOncePerDayAsync(OutboxOptions o, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<JobRuns>();
        var now = clock.GetUtcNow();
        var day = JobRuns.DayKey(Culture.ParisDate(now));
        if (!await runs.TryClaimAsync(PurgeJob, day, ct)) return;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sentBefore = now.AddDays(-o.KeepSentDays);
        var failedBefore = now.AddDays(-o.KeepFailedDays);
        var sent = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sent && m.SentAt < sentBefore).ExecuteDeleteAsync(ct);
        // A failed row's NextAttemptAt is set at its last attempt (plus that attempt's backoff, at most 6 h).
        var failed = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed && m.NextAttemptAt < failedBefore).ExecuteDeleteAsync(ct);
        await runs.FinishAsync(PurgeJob, day, $"sent {sent}, failed {failed}", ct);
    }
}

/// <summary>Runs <see cref="OutboxSender.RunOnceAsync"/> when woken by a save and at least every poll interval.</summary>
public sealed class OutboxWorker(OutboxSender sender, OutboxSignal signal, IOptions<OutboxOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundEnabled) return;
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await sender.RunOnceAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unreachable (restart): try again at the next poll.
                logger.LogError("Outbox run failed ({Error})", e.GetType().Name);
            }
            try { await signal.WaitAsync(poll, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

public static class OutboxRegistration
{
    public static IServiceCollection AddVigieMailOutbox(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<OutboxOptions>().Bind(config.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<MailOutbox>();
        services.AddSingleton<IMailer, OutboxMailer>();
        services.AddSingleton<OutboxSender>();
        services.TryAddSingleton<JobRuns>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
