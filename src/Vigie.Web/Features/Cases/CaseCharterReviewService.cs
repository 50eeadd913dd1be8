namespace Vigie.Web.Features.Cases;

/// <summary>One yearly review of how the group applies its charter, as the group page and the API show it.</summary>
public sealed record CaseCharterReviewView(Guid Id, DateOnly HeldOn, IReadOnlyList<CaseInstitution> Institutions, string Findings, string? Decisions,
    string? RecordedBy, DateTimeOffset RecordedAt);
/// <summary>A group's yearly reviews, newest first: the last one's date, when the next is due, and whether 12 months have passed (<paramref name="Overdue"/>).</summary>
public sealed record CaseCharterReviewsView(DateOnly? LastHeldOn, DateOnly DueOn, bool Overdue, IReadOnlyList<CaseCharterReviewView> Reviews);

/// <summary>
/// The yearly review of how each group applies its ethics charter (shared/specs §1.1: the 2010 model charter calls for an
/// "annual review" of its application): written by the group's coordinator (date, institutions present, findings and
/// follow-up decisions, short free texts refusing e-mail addresses and phone numbers like the module's other free texts),
/// read by whoever reads the group page. When more than 12 months have passed since the last review (or since the
/// group's creation), the group page says so and the daily retention job mails the coordinator once per due date
/// (<see cref="RemindAsync"/>, claimed through <see cref="JobRuns"/> so that two instances send one mail).
/// </summary>
public sealed class CaseCharterReviewService(AppDbContext db, CaseAccess access, CaseQueries queries, CaseCommands commands, Auditor auditor)
{
    public const int MonthsBetweenReviews = 12;
    /// <summary>The <see cref="JobRun"/> name prefix of a group's reminder: the period key is the due date.</summary>
    public const string ReminderJob = "cases.charter-review";

    /// <summary>The next review is due 12 months after the last one, or after the group's creation when none was held.</summary>
    public static DateOnly DueOn(DateOnly? last, DateTimeOffset groupCreatedAt) => (last ?? Culture.ParisDate(groupCreatedAt)).AddMonths(MonthsBetweenReviews);

    /// <summary>The reviews of a group: to those who read the group page (404 when the group is not visible, 403 for a suspended or excluded member).</summary>
    public async Task<CommandResult<CaseCharterReviewsView>> ListAsync(Guid contractId, Guid groupId)
    {
        var group = await queries.GroupAsync(contractId, groupId);
        if (group.NotFound) return CommandResult<CaseCharterReviewsView>.Missing();
        if (!group.Succeeded) return CommandResult<CaseCharterReviewsView>.Denied(group.ForbiddenReason ?? "Accès refusé.");
        return CommandResult<CaseCharterReviewsView>.Ok(await ViewOfAsync(groupId));
    }

    /// <summary>The reviews of a group already opened by its page.</summary>
    internal async Task<CaseCharterReviewsView> ViewOfAsync(Guid groupId)
    {
        var created = await db.CaseGroups.Where(g => g.Id == groupId).Select(g => g.CreatedAt).FirstAsync();
        var reviews = await (from r in db.CaseCharterReviews.AsNoTracking()
                             where r.GroupId == groupId
                             join u in db.Users on r.CreatedById equals (Guid?)u.Id into users
                             from u in users.DefaultIfEmpty()
                             orderby r.HeldOn descending, r.CreatedAt descending
                             select new CaseCharterReviewView(r.Id, r.HeldOn, r.Institutions, r.Findings, r.Decisions, u == null ? null : u.FullName, r.CreatedAt)).ToListAsync();
        var last = reviews.Count == 0 ? (DateOnly?)null : reviews.Max(r => r.HeldOn);
        var due = DueOn(last, created);
        return new CaseCharterReviewsView(last, due, access.Today > due, reviews);
    }

    /// <summary>Records a review (the group's coordinator): a date not in the future, at least one institution, the findings.</summary>
    public async Task<CommandResult<Guid>> RecordAsync(Guid contractId, Guid groupId, CaseCharterReviewInput input)
    {
        if (await commands.CoordinatorAsync(contractId, groupId) is null) return await commands.RefusalAsync<Guid>(contractId, groupId);
        var errors = new ErrorBag();
        var held = input.HeldOn!.Value;
        if (held > access.Today) errors.Add("heldOn", "La date du bilan ne peut pas être dans le futur.");
        else if (held < access.Today.AddYears(-2)) errors.Add("heldOn", "La date du bilan est antérieure de plus de deux ans : vérifiez-la.");
        if (input.Institutions.Count == 0) errors.Add("institutions", "Cochez au moins une institution représentée au bilan.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var review = new CaseCharterReview
        {
            Id = Guid.NewGuid(), ContractId = contractId, GroupId = groupId, HeldOn = held, Institutions = [.. input.Institutions.Distinct().Order()],
            Findings = input.Findings!.Trim(), Decisions = CaseCommands.Clean(input.Decisions),
        };
        db.CaseCharterReviews.Add(review);
        auditor.Record(AuditKinds.CaseCharterReviewRecorded, CaseAudit.GroupEntity, groupId, contractId,
            new { review = review.Id, heldOn = held, institutions = review.Institutions.Count, decisions = review.Decisions is not null });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(review.Id);
    }

    /// <summary>
    /// Step of the daily retention job: every group whose review is overdue gets one reminder per due date, mailed to its
    /// coordinator (the group's name, a link, never a person) and audited; the (group, due date) pair is claimed as a
    /// <see cref="JobRun"/>, so a second run or a second instance sends nothing. Returns the reminders sent.
    /// </summary>
    internal static async Task<int> RemindAsync(IServiceScopeFactory scopes, JobRuns runs, IMailer mailer, PublicLinks links, DateOnly today, CancellationToken ct)
    {
        List<(CaseGroup Group, DateOnly Due, string? Email)> overdue;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await db.CaseGroups.AsNoTracking()
                .Select(g => new
                {
                    Group = g,
                    Last = db.CaseCharterReviews.Where(r => r.GroupId == g.Id).Max(r => (DateOnly?)r.HeldOn),
                    Email = db.Users.Where(u => u.Id == g.CoordinatorUserId && !u.IsDisabled).Select(u => u.Email).FirstOrDefault(),
                }).ToListAsync(ct);
            overdue = [.. rows.Select(r => (r.Group, Due: DueOn(r.Last, r.Group.CreatedAt), r.Email)).Where(x => today > x.Due)];
        }
        var sent = 0;
        foreach (var (group, due, email) in overdue)
        {
            if (!await runs.TryClaimAsync($"{ReminderJob}:{group.Id}", JobRuns.DayKey(due), ct)) continue;
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                scope.ServiceProvider.GetRequiredService<Auditor>().Record(AuditKinds.CaseCharterReviewReminderSent, CaseAudit.GroupEntity, group.Id, group.ContractId, new { due });
                await db.SaveChangesAsync(ct);
            }
            sent++;
            if (email is null) continue;
            var link = links.ToPage("/Cases/Group", new { id = group.ContractId, groupId = group.Id });
            await mailer.SendAsync(email, $"Suivi individuel : bilan annuel de la charte du dispositif « {group.Name} » à faire",
                $"Bonjour,\n\nPlus de douze mois se sont écoulés depuis le dernier bilan de l'application de la charte déontologique du dispositif « {group.Name} » "
                + $"(ou depuis sa création) : le bilan était attendu au plus tard le {Culture.Date(due)}. Réunissez les institutions membres et enregistrez ce bilan "
                + $"(date, institutions présentes, constats, décisions de suivi) sur la page du dispositif : {link}\n\nVigie", htmlBody: null, ct: ct);
        }
        return sent;
    }
}
