namespace Vigie.Web.Features.VideoProtection;

/// <summary>
/// Closing the daily job's alerts by hand (ADR 0017): a coordinator marks an alert resolved when the matter was settled
/// outside Vigie (e.g. the sign checked on site). The job closes the others itself once their condition clears. A closed
/// alert keeps its key, so the same occurrence is never raised again.
/// </summary>
public sealed class VideoAlertCommands(AppDbContext db, TimeProvider clock, Auditor auditor, ContractViewers viewers)
{
    public async Task<CommandResult<Guid>> ResolveAsync(Guid contractId, Guid alertId)
    {
        var viewer = await viewers.ForAsync(contractId);
        if (viewer is null) return CommandResult<Guid>.Missing();
        if (!viewer.IsCoordinator) return CommandResult<Guid>.Denied("Seule la coordination du contrat peut clore une alerte du registre de vidéoprotection.");
        // Scoped to the contract before anything is changed: an alert of another contract is "not found".
        if (!await db.VideoAlerts.AnyAsync(a => a.Id == alertId && a.ContractId == contractId)) return CommandResult<Guid>.Missing();
        var outcome = await VideoDailyJob.TryResolveAsync(db, auditor, alertId, clock.GetUtcNow(), viewer.UserId);
        if (outcome.Closed) return CommandResult<Guid>.Ok(alertId);
        if (outcome.Current is not { ResolvedAt: { } at } current) return CommandResult<Guid>.Missing();
        var who = current.ResolvedById is null ? "par le contrôle quotidien (la situation signalée a cessé)" : "par la coordination";
        return CommandResult<Guid>.Stale(new EditConflict(0, $"Cette alerte (« {VideoLabels.Alert(current.Kind)} ») a déjà été close le {Culture.DateTime(at)} {who}.", []));
    }
}

/// <summary>The alerts of the register under /api/v1/contracts/{id}/video/alerts: their history (open and closed) and closing one.</summary>
public static class VideoAlertsApi
{
    /// <summary>An alert of the daily job; <c>ResolvedAt</c> is null while it is open, <c>ResolvedBy</c> is <c>job</c> or <c>coordinator</c>.</summary>
    public sealed record VideoAlertHistoryDto(Guid Id, string Kind, string Label, Guid SubjectId, DateTimeOffset RaisedAt, string Message, DateTimeOffset? ResolvedAt, string? ResolvedBy);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts/{id:guid}/video/alerts").RequireContract(ContractRole.Reader).WithTags("Vidéoprotection");

        g.MapGet("", async (Guid id, AppDbContext db) =>
        {
            var alerts = (await db.VideoAlerts.AsNoTracking().Where(a => a.ContractId == id).ToListAsync()).OrderByDescending(a => a.RaisedAt);
            return TypedResults.Ok(alerts.Select(a => new VideoAlertHistoryDto(a.Id, a.Kind.ToString(), VideoLabels.Alert(a.Kind), a.SubjectId, a.RaisedAt, a.Message,
                a.ResolvedAt, a.ResolvedAt is null ? null : a.ResolvedById is null ? "job" : "coordinator")).ToList());
        }).WithSummary("Les alertes du registre de vidéoprotection, ouvertes et closes (historique), les plus récentes d'abord.");

        g.MapPut("/{alertId:guid}/resolve", async (Guid id, Guid alertId, VideoAlertCommands cmd) =>
            (await cmd.ResolveAsync(id, alertId)).ToNoContent())
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Clôt une alerte du registre (coordination ; journalisé). Une alerte déjà close répond 409 ; elle n'est jamais relevée de nouveau pour la même occurrence.");
    }
}
