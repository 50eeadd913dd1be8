namespace Vigie.Web.Features.Admin;

/// <summary>Mails the outbox gave up on ("échec") and what is waiting, with a retry (folder is admin-only).</summary>
public sealed class MailOutboxModel(AppDbContext db, Auditor auditor, TimeProvider clock, OutboxSignal signal) : PageModel
{
    public const int Limit = 200;
    public sealed record Row(Guid Id, string Recipient, string Subject, DateTimeOffset CreatedAt, int Attempts, string? LastError);

    public IReadOnlyList<Row> Failures { get; private set; } = [];
    public int Waiting { get; private set; }
    public int Retrying { get; private set; }

    public async Task OnGetAsync()
    {
        ViewData["Title"] = "Courriels en échec";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Administration"), new("Courriels en échec") };
        Failures = await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Failed)
            .OrderByDescending(m => m.NextAttemptAt).Take(Limit)
            .Select(m => new Row(m.Id, m.Recipient, m.Subject, m.CreatedAt, m.Attempts, m.LastError)).ToListAsync();
        // One query for both counts (pending, and pending after at least one failed attempt).
        var pending = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending).GroupBy(m => 1)
            .Select(g => new { Waiting = g.Count(), Retrying = g.Count(m => m.Attempts > 0) }).FirstOrDefaultAsync();
        (Waiting, Retrying) = (pending?.Waiting ?? 0, pending?.Retrying ?? 0);
    }

    /// <summary>Sends one failed message again (messageId) or every failed one (no id): attempts start over.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid? messageId)
    {
        var query = db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed);
        if (messageId is { } id) query = query.Where(m => m.Id == id);
        var now = clock.GetUtcNow();
        var count = await query.ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.Attempts, 0)
            .SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.LockedBy, (string?)null));
        if (count > 0)
        {
            await auditor.RecordNowAsync(AuditKinds.MailRetried, "OutboxMessage", messageId, data: new { count });
            signal.Wake();
        }
        TempData["Flash"] = count switch
        {
            0 => "Aucun courriel en échec à renvoyer.",
            1 => "Le courriel sera renvoyé dans quelques instants.",
            _ => $"{count} courriels seront renvoyés dans quelques instants.",
        };
        return RedirectToPage("/Admin/MailOutbox");
    }
}
