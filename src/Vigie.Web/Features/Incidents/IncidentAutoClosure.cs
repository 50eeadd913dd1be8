using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.Incidents;

public sealed class IncidentAutoClosureOptions
{
    public const string Section = "Incidents:AutoClosure";
    public bool Enabled { get; set; } = true;
    /// <summary>Minutes between two checks.</summary>
    [Range(1, 1440, ErrorMessage = "Incidents:AutoClosure:IntervalMinutes must be between {1} and {2}.")]
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>
/// Specs §3.4: a "Résolu" incident nobody objected to (no reopening) is closed as treated 7 days after its resolution.
/// Each closure is a conditional update (still Résolu, same resolution time) in a transaction with its history line and
/// audit event: two instances running at once close an incident once (the second update matches no row).
/// </summary>
public sealed class IncidentAutoClosure(AppDbContext db, TimeProvider clock, Auditor auditor)
{
    public const int Days = 7;
    public const string Note = "Clôture automatique : résolu depuis 7 jours sans objection.";

    /// <summary>Closes every incident resolved more than <see cref="Days"/> days ago; returns how many this run closed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var limit = now.AddDays(-Days);
        var due = await db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatus.Resolu && i.ResolvedAt != null && i.ResolvedAt <= limit)
            .OrderBy(i => i.ResolvedAt).Select(i => new { i.Id, i.ContractId, i.ResolvedAt }).Take(1000).ToListAsync(ct);
        var closed = 0;
        foreach (var i in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.Incidents.Where(x => x.Id == i.Id && x.Status == IncidentStatus.Resolu && x.ResolvedAt == i.ResolvedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, IncidentStatus.Cloture).SetProperty(x => x.CloseReason, IncidentCloseReason.Traite)
                    .SetProperty(x => x.ClosedAt, now).SetProperty(x => x.UpdatedAt, now), ct);
            if (changed != 1)
            {
                await tx.RollbackAsync(ct);
                continue;
            }
            var line = IncidentCommands.NewEvent(i.ContractId, i.Id, now, IncidentEventKind.StatusChanged, null, IncidentStatus.Resolu, IncidentStatus.Cloture);
            line.Note = Note;
            line.IsPublic = true;
            db.IncidentEvents.Add(line);
            auditor.Record(AuditKinds.IncidentAutoClosed, "Incident", i.Id, i.ContractId, new { days = Days });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            closed++;
        }
        return closed;
    }
}

/// <summary>Runs <see cref="IncidentAutoClosure.RunOnceAsync"/> every <see cref="IncidentAutoClosureOptions.IntervalMinutes"/> minutes.</summary>
public sealed class IncidentAutoClosureWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IncidentAutoClosureOptions> options,
    ILogger<IncidentAutoClosureWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.IntervalMinutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var closed = await scope.ServiceProvider.GetRequiredService<IncidentAutoClosure>().RunOnceAsync(stoppingToken);
                if (closed > 0) logger.LogInformation("Closed {Count} incidents resolved more than {Days} days ago", closed, IncidentAutoClosure.Days);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Incident auto-closure failed; the next check retries");
            }
        }
    }
}
