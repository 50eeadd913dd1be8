using Vigie.Web.Features.Governance;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// Pulls the weekly view into a meeting's agenda (issue 14 item 4): one point per open "tranquillité" or overdue incident,
/// linked by <see cref="AgendaItem.IncidentId"/>, and one summary point. Decisions on these points are the meeting's
/// ordinary outcomes (a task with a partner and a due date). Titles carry a number, a category and a sub-area — never
/// the description.
/// </summary>
public sealed class WeeklyAgenda(AppDbContext db, IncidentQueries queries, GovernanceCommands governance, TimeProvider clock)
{
    public sealed record MeetingChoice(Guid Id, string Label);

    /// <summary>Meetings of the contract that can still receive points: not cancelled, from yesterday on.</summary>
    public async Task<IReadOnlyList<MeetingChoice>> MeetingsAsync(Guid contractId)
    {
        var since = clock.GetUtcNow().AddDays(-1);
        var rows = await db.Meetings.AsNoTracking().Where(m => m.ContractId == contractId && m.StartsAt >= since && m.Status != MeetingStatus.Cancelled)
            .OrderBy(m => m.StartsAt).Take(50).Select(m => new { m.Id, m.Title, m.StartsAt, Body = m.Body!.Name }).ToListAsync();
        return rows.Select(m => new MeetingChoice(m.Id, $"{m.Body} — {m.Title}, {Culture.DateTime(m.StartsAt)}")).ToList();
    }

    /// <summary>Adds the points (incidents already on that agenda are not added twice); the count of points added.</summary>
    public async Task<CommandResult<int>> PullAsync(Guid contractId, Guid meetingId)
    {
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId && m.ContractId == contractId))
            return CommandResult<int>.Invalid("meetingId", "Choisissez une réunion du contrat.");
        var now = clock.GetUtcNow();
        var week = await queries.WeeklyAsync(contractId, now);
        var already = await db.AgendaItems.Where(a => a.MeetingId == meetingId && a.IncidentId != null).Select(a => a.IncidentId!.Value).ToListAsync();
        var incidents = week.OpenTranquillite.Concat(week.PastSla).DistinctBy(r => r.Id).Where(r => !already.Contains(r.Id)).OrderBy(r => r.Number).ToList();
        // All points or none: each AddAgendaItemAsync saves, so a refusal half-way would leave half an agenda.
        await using var tx = await db.Database.BeginTransactionAsync();
        var added = 0;
        var summary = $"Signalements de la semaine : {week.OpenTranquillite.Count} en tranquillité publique non clos, {week.PastSla.Count} hors délai, "
            + $"{week.ClosedLastWeek.Count} clos, {week.HotSpots.Count} point(s) chaud(s)";
        var first = await governance.AddAgendaItemAsync(contractId, meetingId, new AgendaItemInput { Title = summary, DurationMinutes = 10 });
        if (!first.Succeeded) return Forward(first);
        added++;
        foreach (var r in incidents)
        {
            var title = $"Signalement n° {r.Number} — {r.CategoryName}{(r.AreaName is { } a ? $" ({a})" : "")}{(r.IsOverdue(now) ? " — hors délai" : "")}";
            var result = await governance.AddAgendaItemAsync(contractId, meetingId, new AgendaItemInput { Title = title.Length > 300 ? title[..300] : title, IncidentId = r.Id });
            if (!result.Succeeded) return Forward(result);
            added++;
        }
        await tx.CommitAsync();
        return CommandResult<int>.Ok(added);
    }

    private static CommandResult<int> Forward(CommandResult<Guid> r) =>
        r.NotFound ? CommandResult<int>.Missing() : r.Forbidden ? CommandResult<int>.Denied(r.ForbiddenReason ?? "Vous ne pouvez pas modifier l'ordre du jour de cette réunion.") : CommandResult<int>.Invalid(r.Errors);
}
