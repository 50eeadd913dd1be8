using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.ActionPlan;

public sealed class PlanReminderOptions
{
    public const string Section = "PlanReminders";
    public bool Enabled { get; set; } = true;
    /// <summary>Minutes between two scans (the first scan waits this long after start-up too).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1440, ErrorMessage = "PlanReminders:IntervalMinutes must be between {1} and {2}.")]
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>
/// E-mail reminders before and after due dates of milestones and partner commitments. One reminder per item,
/// recipient and kind, ever: the row of <see cref="PlanReminderSent"/> is inserted (unique key) and committed
/// before the mail goes out, so a second instance scanning at the same moment fails its insert and sends nothing.
/// A crash between commit and send loses that reminder rather than doubling it — the lesser evil for reminders.
/// </summary>
public sealed class PlanReminders(IServiceScopeFactory scopes, IMailer mailer, PublicLinks links, ILogger<PlanReminders> logger)
{
    /// <summary>Egress: the texts of a restricted action (from a restricted meeting's decision) are never written into a mail, only linked.</summary>
    private static string Mailable(string text, MinutesVisibility visibility) =>
        Shared.Egress.MayInlineInMail(visibility) ? text : "élément à diffusion restreinte (voir dans Vigie)";

    private sealed record Due(Guid ContractId, Guid ItemId, Guid ActionId, string What, string ActionTitle, DateOnly DueOn, Guid? OrganisationId, int DaysBefore);

    /// <summary>Scans every plan once; returns the number of mails sent by this run.</summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var today = Culture.ParisDate(now);
        List<Due> due;
        Dictionary<Guid, List<(Guid UserId, string Email, Guid OrganisationId, ContractRole Role)>> members;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var settings = await db.PlanSettings.AsNoTracking().ToDictionaryAsync(s => s.ContractId, s => s.ReminderDaysBefore, ct);
            var horizon = today.AddDays(90);
            var closed = await db.PlanStatuses.AsNoTracking().Where(s => s.IsClosed).Select(s => s.Id).ToListAsync(ct);
            var milestones = await db.Milestones.AsNoTracking().Where(m => m.DoneOn == null && m.DueOn <= horizon)
                .Select(m => new { m.ContractId, m.Id, m.PlanItemId, m.Title, Action = m.PlanItem!.Title, m.DueOn, m.OwnerOrganisationId, ItemStatus = m.PlanItem.StatusId, m.PlanItem.Visibility })
                .ToListAsync(ct);
            var commitments = await db.Commitments.AsNoTracking().Where(c => c.DueDate != null && c.DueDate <= horizon)
                .Select(c => new { c.ContractId, c.Id, c.PlanItemId, c.What, Action = c.PlanItem!.Title, c.DueDate, c.OrganisationId, c.StatusId, c.PlanItem.Visibility })
                .ToListAsync(ct);
            due = milestones.Where(m => m.ItemStatus is not { } s || !closed.Contains(s))
                .Select(m => new Due(m.ContractId, m.Id, m.PlanItemId, Mailable(m.Title, m.Visibility), Mailable(m.Action, m.Visibility), m.DueOn, m.OwnerOrganisationId, settings.GetValueOrDefault(m.ContractId, 7)))
                .Concat(commitments.Where(c => c.StatusId is not { } s || !closed.Contains(s))
                    .Select(c => new Due(c.ContractId, c.Id, c.PlanItemId, Mailable(c.What, c.Visibility), Mailable(c.Action, c.Visibility), c.DueDate!.Value, c.OrganisationId, settings.GetValueOrDefault(c.ContractId, 7))))
                .ToList();
            var contractIds = due.Select(d => d.ContractId).Distinct().ToList();
            members = (await db.Memberships.AsNoTracking().Where(m => contractIds.Contains(m.ContractId) && m.Role != ContractRole.Reader && !m.User!.IsDisabled && m.User.Email != null)
                    .Select(m => new { m.ContractId, m.UserId, m.User!.Email, m.User.OrganisationId, m.Role }).ToListAsync(ct))
                .GroupBy(m => m.ContractId).ToDictionary(g => g.Key, g => g.Select(m => (m.UserId, m.Email!, m.OrganisationId, m.Role)).ToList());
        }

        var sent = 0;
        foreach (var d in due)
        {
            ReminderKind? kind = d.DueOn < today ? ReminderKind.Overdue : d.DueOn <= today.AddDays(d.DaysBefore) ? ReminderKind.BeforeDue : null;
            if (kind is null || !members.TryGetValue(d.ContractId, out var people)) continue;
            // The responsible organisation's members; without one, the coordinators.
            var recipients = d.OrganisationId is { } org ? people.Where(p => p.OrganisationId == org).ToList() : people.Where(p => p.Role == ContractRole.Coordinator).ToList();
            foreach (var r in recipients)
            {
                if (!await ClaimAsync(d, r.UserId, kind.Value, now, ct)) continue;
                var link = links.ToPage("/ActionPlan/Item", new { id = d.ContractId, itemId = d.ActionId });
                var subject = kind == ReminderKind.Overdue ? $"Échéance dépassée : {d.What}" : $"Échéance le {Culture.Date(d.DueOn)} : {d.What}";
                var body = $"Bonjour,\n\n« {d.What} » (action « {d.ActionTitle} ») "
                    + (kind == ReminderKind.Overdue ? $"devait être réalisé le {Culture.Date(d.DueOn)} et n'est pas marqué comme fait." : $"arrive à échéance le {Culture.Date(d.DueOn)}.")
                    + $"\n\nPour le mettre à jour : {link}\n\nVigie";
                await mailer.SendAsync(r.Email, subject, body, htmlBody: null, ct: ct);
                sent++;
            }
        }
        if (sent > 0) logger.LogInformation("Plan reminders: {Count} mail(s) sent", sent);
        return sent;
    }

    /// <summary>Inserts the reminder row in its own save; false when another run already holds it.</summary>
    private async Task<bool> ClaimAsync(Due d, Guid recipient, ReminderKind kind, DateTimeOffset now, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.PlanRemindersSent.AnyAsync(r => r.ItemId == d.ItemId && r.RecipientId == recipient && r.Kind == kind, ct)) return false;
        db.PlanRemindersSent.Add(new PlanReminderSent { ContractId = d.ContractId, ItemId = d.ItemId, RecipientId = recipient, Kind = kind, SentAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // the unique key: someone else claimed it between our check and our insert
        }
    }
}

/// <summary>Runs <see cref="PlanReminders.RunOnceAsync"/> every interval.</summary>
public sealed class PlanReminderWorker(PlanReminders reminders, TimeProvider clock, IOptions<PlanReminderOptions> options, ILogger<PlanReminderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.IntervalMinutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await reminders.RunOnceAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Plan reminder scan failed; next attempt at the next interval");
            }
        }
    }
}
