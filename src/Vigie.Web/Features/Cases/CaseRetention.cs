using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.Cases;

public sealed class CaseRetentionOptions
{
    public const string Section = "Cases:Retention";
    public bool Enabled { get; set; } = true;
    /// <summary>Local (Paris) hour of the daily run (§1.6: 02:00).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 23, ErrorMessage = "Cases:Retention:Hour must be between {1} and {2}.")]
    public int Hour { get; set; } = 2;
    /// <summary>Seconds between two checks of the daily loop (a quarter of an hour; the reliability suite shortens it).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600, ErrorMessage = "Cases:Retention:CheckEverySeconds must be between {1} and {2}.")]
    public int CheckEverySeconds { get; set; } = 900;
    /// <summary>
    /// An unfinished run of the day silent for this long (no committed batch: its instance was killed) is resumed by the next
    /// check of any instance (<see cref="JobRuns.TryClaimOrResumeAsync"/>).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 86400, ErrorMessage = "Cases:Retention:ResumeAfterSeconds must be between {1} and {2}.")]
    public int ResumeAfterSeconds { get; set; } = 1800;
    /// <summary>Sheets purged per transaction (with their stubs, the slip's counts and the audit event).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000, ErrorMessage = "Cases:Retention:PurgeBatch must be between {1} and {2}.")]
    public int PurgeBatch { get; set; } = 100;
}

/// <summary>What one daily run did (null when another instance had already claimed the day).</summary>
public sealed record CaseRetentionReport(DateOnly Day, int AutoClosed, int Archived, int Previewed, int Purged, int ReviewReminders, int AuditPurged = 0, int CharterReviewReminders = 0);

/// <summary>
/// The daily retention job of the confidential follow-up (shared/specs §1.3 and §1.6), once per day across instances
/// (the day is claimed through the shared <see cref="JobRuns"/>: a second instance, or a second run, finds the day's
/// <see cref="JobRun"/> row and does nothing). Every step reads the sheets' state, so a run cut short is finished by the next one.
/// <list type="number">
/// <item>Youth cohorts: the sheet closes with <c>LimiteAge25</c> the day before the 25th birthday (AU-038 art. 5) and is
/// purged on the birthday whatever its status or freeze [S].</item>
/// <item>A closed sheet goes to the archive (read-only, coordinator only with a motive, A10).</item>
/// <item>Six-month review: the coordinator is reminded once per due date.</item>
/// <item>Purge: a sheet not retained (after <see cref="CaseGroup.NotRetainedMonths"/>) or archived (after
/// <see cref="CaseGroup.ArchiveMonths"/> from its end date), not frozen, is announced to the coordinator 7 days before
/// (count and link, the codes on the page, never a name) and then deleted physically with its actions, measures and
/// agenda links, in one transaction per group with its anonymous stub, the day's elimination slip and the
/// <c>PURGE_EXECUTED</c> event (count and salted hashes of the ids).</item>
/// </list>
/// </summary>
public sealed class CaseRetention(IServiceScopeFactory scopes, CaseCipher cipher, IMailer mailer, PublicLinks links, JobRuns runs, TimeProvider clock,
    IOptions<CaseRetentionOptions> options, ILogger<CaseRetention> logger)
{
    public const string JobName = "cases.retention";
    public const int PreviewDays = 7;
    public const int MaxFreezeMonths = 6;
    public const string ProcessingName = "Suivi individualisé des situations examinées en groupe de travail et d'échange d'informations (article L132-5 du CSI) et en CDDF";
    /// <summary>What a deleted sheet's agenda item, minutes and outcomes show instead of its code (§1.6: nothing points to a person any more).</summary>
    public const string DeletedSheet = "fiche supprimée";
    public const string DeletedAgendaTitle = "Situation (fiche supprimée)";

    public static bool IsOpen(CaseStatus s) => s is CaseStatus.Proposed or CaseStatus.UnderReview or CaseStatus.Followed or CaseStatus.Watch;

    /// <summary>The end of the retention of a sheet by its status (null while the follow-up lasts).</summary>
    public static DateOnly? RetentionEnd(CaseStatus status, DateOnly? endedOn, CaseGroup group) => (status, endedOn) switch
    {
        (CaseStatus.NotRetained, { } end) => end.AddMonths(group.NotRetainedMonths),
        (CaseStatus.Closed or CaseStatus.Archived, { } end) => end.AddMonths(group.ArchiveMonths),
        _ => null,
    };

    /// <summary>The 25th birthday of a youth cohort's person: the hard stop (null for adult cohorts).</summary>
    public static DateOnly? AgeLimit(DateOnly birth, CaseGroup group) => group.CohortMaxAge is { } max ? birth.AddYears(max) : null;

    /// <summary>When a sheet will be purged: the earlier of its retention end and its age limit.</summary>
    public static DateOnly? PurgeDate(CaseSheet sheet, CaseGroup group, DateOnly birth) =>
        (RetentionEnd(sheet.Status, sheet.EndedOn, group), AgeLimit(birth, group)) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, var b) => b,
        };

    public static CaseAgeBand Band(int age) => age switch
    {
        < 11 => CaseAgeBand.Under11, <= 13 => CaseAgeBand.From11To13, <= 15 => CaseAgeBand.From14To15, <= 17 => CaseAgeBand.From16To17,
        <= 21 => CaseAgeBand.From18To21, <= 25 => CaseAgeBand.From22To25, _ => CaseAgeBand.Over25,
    };

    public static int Age(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        return birth.AddYears(age) > on ? age - 1 : age;
    }

    public DateOnly BirthDate(CaseSheet sheet) => cipher.DecryptJson<CaseIdentity>(sheet.IdentityCipher, sheet.Id, "identity").BirthDate;

    /// <summary>
    /// One daily run; null when this day was already claimed (by another instance or an earlier run) and that run is not
    /// an interrupted one to resume (<see cref="CaseRetentionOptions.ResumeAfterSeconds"/>). A run cut short (<c>kill -9</c>
    /// mid-purge) left every batch either committed whole or not at all; resuming reads the sheets again, so the stubs are
    /// not doubled and the day's slip (one per group and day) counts each sheet once. A failure is written on the day's
    /// <see cref="JobRun"/> row, left unfinished so that it is resumed.
    /// </summary>
    public async Task<CaseRetentionReport?> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = Culture.ParisDate(now);
        var day = JobRuns.DayKey(today);
        var claim = await runs.TryClaimOrResumeAsync(JobName, day, TimeSpan.FromSeconds(options.Value.ResumeAfterSeconds), ct);
        if (claim == JobClaim.None) return null;
        if (claim == JobClaim.Resumed) logger.LogWarning("Case retention {Day}: resuming a run that was interrupted", today);
        try
        {
            return await RunAsync(today, day, now, claim, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await runs.ReportFailureAsync(JobName, day, e);
            throw;
        }
    }

    private async Task<CaseRetentionReport> RunAsync(DateOnly today, string day, DateTimeOffset now, JobClaim claim, CancellationToken ct)
    {

        int autoClosed = 0, archived = 0, previewed = 0, purged = 0, reminders = 0;
        var notices = new List<(CaseGroup Group, int Count, DateOnly From)>();
        var reviews = new List<(CaseGroup Group, int Count)>();
        var toPurge = new Dictionary<Guid, List<Guid>>();
        List<CaseGroup> groups;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var auditor = scope.ServiceProvider.GetRequiredService<Auditor>();
            groups = await db.CaseGroups.AsNoTracking().ToListAsync(ct);
            foreach (var group in groups)
            {
                var sheets = await db.CaseSheets.Where(s => s.GroupId == group.Id).ToListAsync(ct);
                int notice = 0, review = 0;
                DateOnly? first = null;
                foreach (var sheet in sheets)
                {
                    var birth = BirthDate(sheet);
                    var limit = AgeLimit(birth, group);
                    if (limit is { } l && today >= l.AddDays(-1) && IsOpen(sheet.Status))
                    {
                        Move(auditor, sheet, CaseStatus.Closed, now, today, CaseClosureReason.AgeLimit25);
                        auditor.Record(AuditKinds.CaseAutoClosedAgeLimit, CaseAudit.SheetEntity, sheet.Id, sheet.ContractId, new { group = group.Id, tier = "T1" });
                        autoClosed++;
                    }
                    if (sheet.Status == CaseStatus.Closed)
                    {
                        Move(auditor, sheet, CaseStatus.Archived, now, today, sheet.ClosureReason);
                        archived++;
                    }
                    if (sheet.Status is CaseStatus.Followed or CaseStatus.Watch && sheet.ReviewDueOn is { } due && due <= today
                        && (sheet.ReviewReminderSentOn is not { } sent || sent < due))
                    {
                        sheet.ReviewReminderSentOn = today;
                        auditor.Record(AuditKinds.CaseReviewReminderSent, CaseAudit.SheetEntity, sheet.Id, sheet.ContractId, new { group = group.Id, due });
                        review++;
                    }
                    if (PurgeDate(sheet, group, birth) is not { } purgeOn) continue;
                    var hardStop = limit is { } hs && today >= hs;
                    var frozen = sheet.FrozenUntil is { } until && until >= today;
                    if (hardStop || (!frozen && purgeOn <= today && sheet.PurgeNoticeSentOn is { } noticed && noticed.AddDays(PreviewDays) <= today))
                        (toPurge.TryGetValue(group.Id, out var ids) ? ids : toPurge[group.Id] = []).Add(sheet.Id);
                    else if (!frozen && sheet.PurgeNoticeSentOn is null && purgeOn <= today.AddDays(PreviewDays))
                    {
                        sheet.PurgeNoticeSentOn = today;
                        notice++;
                        var from = purgeOn < today.AddDays(PreviewDays) ? today.AddDays(PreviewDays) : purgeOn;
                        if (limit is { } al && al < from) from = al;
                        first = first is { } f && f < from ? f : from;
                    }
                }
                if (notice > 0)
                {
                    auditor.Record(AuditKinds.CasePurgePreviewSent, CaseAudit.GroupEntity, group.Id, group.ContractId, new { count = notice, from = first });
                    notices.Add((group, notice, first!.Value));
                    previewed += notice;
                }
                if (review > 0) reviews.Add((group, review));
                reminders += review;
            }
            await db.SaveChangesAsync(ct);
        }

        foreach (var group in groups)
            if (toPurge.TryGetValue(group.Id, out var ids))
                foreach (var batch in ids.Chunk(options.Value.PurgeBatch))
                {
                    purged += await PurgeAsync(group, batch, today, now, null, ct);
                    await runs.HeartbeatAsync(JobName, day, ct);
                }

        // The groups' audit events past their retention (§1.6), out of the chain with declared gaps (ADR 0022).
        var auditPurged = await CaseAuditRetention.PurgeAsync(scopes, groups, now, ct);

        // Mails after the commits: a count and a link, never a code or a name (restricted content is never inlined, Egress).
        foreach (var (group, count, from) in notices)
            await MailCoordinatorAsync(group, $"Suivi individuel : {count} fiche(s) à supprimer à partir du {Culture.Date(from)}",
                $"{count} fiche(s) du dispositif « {group.Name} » arrivent au terme de leur durée de conservation et seront supprimées définitivement à partir du {Culture.Date(from)}, "
                + "sauf gel motivé.", ct);
        foreach (var (group, count) in reviews)
            await MailCoordinatorAsync(group, $"Suivi individuel : {count} réexamen(s) semestriel(s) à faire",
                $"{count} situation(s) du dispositif « {group.Name} » attendent leur réexamen semestriel : confirmez que la poursuite est justifiée ou clôturez-les.", ct);

        // The yearly charter review (§1.1): each group's coordinator reminded once when 12 months have passed (CaseCharterReviewService).
        var charterReviews = await CaseCharterReviewService.RemindAsync(scopes, runs, mailer, links, today, ct);
        await runs.FinishAsync(JobName, day, (claim == JobClaim.Resumed ? "resumed; " : "") + $"closed={autoClosed} archived={archived} previewed={previewed} purged={purged} reviews={reminders} audit={auditPurged} charter={charterReviews}", ct);
        if (autoClosed + archived + previewed + purged + reminders > 0)
            logger.LogInformation("Case retention {Day}: {Closed} closed at the age limit, {Archived} archived, {Previewed} announced, {Purged} purged, {Reviews} review reminders",
                today, autoClosed, archived, previewed, purged, reminders);
        return new CaseRetentionReport(today, autoClosed, archived, previewed, purged, reminders, auditPurged, charterReviews);
    }

    private static void Move(Auditor auditor, CaseSheet sheet, CaseStatus to, DateTimeOffset now, DateOnly today, CaseClosureReason? reason)
    {
        var from = sheet.Status;
        sheet.Status = to;
        sheet.StatusChangedAt = now;
        if (to == CaseStatus.Closed)
        {
            sheet.EndedOn = today;
            sheet.ClosureReason = reason;
            sheet.ReviewDueOn = null;
        }
        auditor.Record(AuditKinds.CaseStatusChanged, CaseAudit.SheetEntity, sheet.Id, sheet.ContractId,
            new { group = sheet.GroupId, tier = "T1", from = from.ToString(), to = to.ToString(), reason = reason?.ToString() });
    }

    /// <summary>
    /// One transaction: the stubs, the slip, the audit event, the agenda items and minutes cleared of the codes, the
    /// deletion; rolled back if another run deleted any of them first. The retention job's purge, and the erasure granted
    /// on a rights request (<paramref name="erasureRequestId"/>, <see cref="CaseRights.EraseAsync"/>): the same path.
    /// </summary>
    internal async Task<int> PurgeAsync(CaseGroup group, Guid[] ids, DateOnly today, DateTimeOffset now, Guid? erasureRequestId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var auditor = scope.ServiceProvider.GetRequiredService<Auditor>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sheets = await db.CaseSheets.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        if (sheets.Count == 0) return 0;
        foreach (var s in sheets)
        {
            var birth = BirthDate(s);
            var end = s.EndedOn ?? today;
            db.CaseStatsStubs.Add(new CaseStatsStub
            {
                ContractId = s.ContractId, GroupId = s.GroupId, GroupKind = group.Kind, Year = s.StartedOn.Year, Problems = [.. s.Problems],
                AgeBand = Band(Age(birth, s.StartedOn)), AreaId = s.AreaId, ProgrammeId = s.ProgrammeId, DurationDays = Math.Max(0, end.DayNumber - s.StartedOn.DayNumber),
                FinalStatus = s.Status == CaseStatus.Archived ? CaseStatus.Closed : s.Status, ClosureReason = s.ClosureReason, PurgedOn = today,
            });
        }
        var slip = await db.CasePurgeSlips.FirstOrDefaultAsync(x => x.GroupId == group.Id && x.PurgedOn == today, ct);
        if (slip is null)
        {
            slip = new CasePurgeSlip { ContractId = group.ContractId, GroupId = group.Id, PurgedOn = today, ProcessingName = ProcessingName, CreatedAt = now, EarliestStart = DateOnly.MaxValue };
            db.CasePurgeSlips.Add(slip);
        }
        slip.SheetCount += sheets.Count;
        var earliest = sheets.Min(s => s.StartedOn);
        if (earliest < slip.EarliestStart) slip.EarliestStart = earliest;
        var latest = sheets.Max(s => s.EndedOn ?? today);
        if (slip.LatestEnd is not { } le || latest > le) slip.LatestEnd = latest;
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        auditor.Record(AuditKinds.CasePurgeExecuted, CaseAudit.GroupEntity, group.Id, group.ContractId, new
        {
            count = sheets.Count, salt, hashes = sheets.Select(s => cipher.PurgeHash(s.Id, salt)).ToArray(), slip = slip.Id,
            cause = erasureRequestId is null ? "retention" : "erasure",
        });
        if (erasureRequestId is { } request)
            auditor.Record(AuditKinds.CaseErasureApplied, CaseAudit.GroupEntity, group.Id, group.ContractId, new { request, count = sheets.Count, slip = slip.Id });
        var found = sheets.Select(s => s.Id).ToList();
        await ClearCodesAsync(db, sheets, ct);
        await CaseRights.DetachRequestsAsync(db, found, erasureRequestId, today, ct);
        await db.SaveChangesAsync(ct);
        var deleted = await db.CaseSheets.Where(s => found.Contains(s.Id)).ExecuteDeleteAsync(ct);
        if (deleted != sheets.Count)
        {
            await tx.RollbackAsync(ct);
            return 0;
        }
        await tx.CommitAsync(ct);
        return deleted;
    }

    /// <summary>
    /// The meetings where the sheets were examined keep their agenda item, titled <see cref="DeletedAgendaTitle"/>, and
    /// any mention of the codes in their minutes and outcomes reads <see cref="DeletedSheet"/>: page, minutes and PDF alike.
    /// </summary>
    private static async Task ClearCodesAsync(AppDbContext db, List<CaseSheet> sheets, CancellationToken ct)
    {
        var ids = sheets.Select(s => s.Id).ToList();
        var entries = await db.CaseAgendaEntries.Where(e => ids.Contains(e.SheetId)).Select(e => new { e.MeetingId, e.AgendaItemId }).ToListAsync(ct);
        if (entries.Count == 0) return;
        var items = entries.Where(e => e.AgendaItemId != null).Select(e => e.AgendaItemId!.Value).ToList();
        foreach (var item in await db.AgendaItems.Where(a => items.Contains(a.Id)).ToListAsync(ct)) item.Title = DeletedAgendaTitle;
        var meetings = entries.Select(e => e.MeetingId).Distinct().ToList();
        string Clear(string text) => sheets.Aggregate(text, (t, s) => t.Replace(s.Code, DeletedSheet, StringComparison.OrdinalIgnoreCase));
        foreach (var meeting in await db.Meetings.Where(m => meetings.Contains(m.Id) && m.Minutes != null).ToListAsync(ct))
            if (Clear(meeting.Minutes!) is var minutes && minutes != meeting.Minutes) meeting.Minutes = minutes;
        var outcomes = await db.Outcomes.Where(o => meetings.Contains(o.MeetingId)).ToListAsync(ct);
        foreach (var outcome in outcomes)
            if (Clear(outcome.Text) is var text && text != outcome.Text) outcome.Text = text;
        // An outcome's text is copied into the task or the plan action it created (GovernanceCommands): cleared there too.
        var tasks = outcomes.Where(o => o.TaskId != null).Select(o => o.TaskId!.Value).ToList();
        foreach (var task in await db.FollowUpTasks.Where(t => tasks.Contains(t.Id)).ToListAsync(ct))
            if (Clear(task.Title) is var title && title != task.Title) task.Title = title;
        var actions = outcomes.Where(o => o.PlanItemId != null).Select(o => o.PlanItemId!.Value).ToList();
        foreach (var action in await db.PlanItems.Where(p => actions.Contains(p.Id)).ToListAsync(ct))
        {
            if (Clear(action.Title) is var title && title != action.Title) action.Title = title;
            if (action.Description is { } d && Clear(d) is var description && description != d) action.Description = description;
        }
    }

    private async Task MailCoordinatorAsync(CaseGroup group, string subject, string text, CancellationToken ct)
    {
        string? email;
        using (var scope = scopes.CreateScope())
            email = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == group.CoordinatorUserId && !u.IsDisabled)
                .Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (email is null) return;
        var link = links.ToPage("/Cases/Retention", new { id = group.ContractId, groupId = group.Id });
        await mailer.SendAsync(email, subject, $"Bonjour,\n\n{text}\n\nLe détail, par code, et les gels : {link}\n\nVigie", htmlBody: null, ct: ct);
    }
}

/// <summary>Runs <see cref="CaseRetention.RunOnceAsync"/> once a day at the configured hour (Paris time); checks every 15 minutes.</summary>
public sealed class CaseRetentionWorker(CaseRetention retention, TimeProvider clock, IOptions<CaseRetentionOptions> options, ILogger<CaseRetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        // The day is claimed before any work: a failed run is finished by the next day's run (every step reads the current state).
        await JobRuns.DailyLoopAsync(clock, options.Value.Hour, ct => retention.RunOnceAsync(ct), logger, CaseRetention.JobName, stoppingToken,
            TimeSpan.FromSeconds(options.Value.CheckEverySeconds));
    }
}
