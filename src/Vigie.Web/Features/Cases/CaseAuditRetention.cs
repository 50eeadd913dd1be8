namespace Vigie.Web.Features.Cases;

/// <summary>
/// Retention of the follow-up module's audit events per group (shared/specs §1.6: 1 year by default, 6 to 36 months [P];
/// docs/adr/0022-case-audit-retention.md). The daily case job deletes a group's events older than its
/// <see cref="CaseGroup.AuditMonths"/> out of the middle of the global chain (<see cref="AuditChain.PurgeGapsAsync"/>: the
/// gaps are declared by a chained <c>audit.purged</c> event, so the chain stays verifiable); as an
/// <see cref="IAuditRetentionHold"/>, it keeps the platform's prefix purge from deleting a group's events it keeps longer.
/// </summary>
public sealed class CaseAuditRetention : IAuditRetentionHold
{
    public const int MinMonths = 6;
    public const int MaxMonths = 36;
    public const int DefaultMonths = 12;

    /// <summary>Deletes each group's audit events past its retention; returns how many.</summary>
    public static async Task<int> PurgeAsync(IServiceScopeFactory scopes, IEnumerable<CaseGroup> groups, DateTimeOffset now, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var chain = scope.ServiceProvider.GetRequiredService<AuditChain>();
        var total = 0;
        foreach (var group in groups)
        {
            var cutoff = now.AddMonths(-group.AuditMonths);
            total += await chain.PurgeGapsAsync(q => CaseAuditLog.OfGroup(q, group.ContractId, group.Id).Where(e => e.OccurredAt < cutoff), group.ContractId,
                new Dictionary<string, object?> { ["scope"] = "cases", ["group"] = group.Id, ["retentionMonths"] = group.AuditMonths }, ct);
        }
        return total;
    }

    public async Task<long?> FirstHeldSequenceAsync(AppDbContext db, DateTimeOffset now, DateTimeOffset platformCutoff, CancellationToken ct)
    {
        var groups = await db.CaseGroups.AsNoTracking().Select(g => new { g.Id, g.ContractId, g.AuditMonths }).ToListAsync(ct);
        long? first = null;
        foreach (var g in groups)
        {
            var keepFrom = now.AddMonths(-g.AuditMonths);
            if (keepFrom >= platformCutoff) continue; // this group keeps less than the platform: nothing to hold
            var held = await CaseAuditLog.OfGroup(db.AuditEvents.AsNoTracking(), g.ContractId, g.Id)
                .Where(e => e.Sequence != null && e.OccurredAt >= keepFrom && e.OccurredAt < platformCutoff).MinAsync(e => e.Sequence, ct);
            if (held is { } h && (first is null || h < first)) first = h;
        }
        return first;
    }
}
