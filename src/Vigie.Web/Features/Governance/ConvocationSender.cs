using System.Text;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.Governance;

public sealed record Recipient(string Email, string Name, Guid? UserId, Guid? ContactId, Guid? OrganisationId);

/// <summary>
/// Convocations by e-mail with an iCalendar invitation (.ics, METHOD:REQUEST; a re-sent or moved meeting keeps its UID
/// with the next SEQUENCE, a cancelled one sends METHOD:CANCEL — RFC 5546). Recipients are the
/// body's current seats. For a restricted meeting only seats naming a person (an account or a contact)
/// are written to — never a partner's generic address — since its content is for members only.
/// </summary>
public sealed class ConvocationSender(AppDbContext db, GovernanceAccess governance, Infrastructure.ContractViewers viewers, GovernanceQueries queries, IMailer mailer,
    IOptions<MailOptions> mailOptions, Auditor auditor, TimeProvider clock, ICurrentUser user, Egress egress, LinkGenerator paths)
{
    public async Task<IReadOnlyList<Recipient>> RecipientsAsync(Guid bodyId, MinutesVisibility visibility)
    {
        var today = governance.Today;
        var seats = await db.BodyMemberships.AsNoTracking()
            .Where(s => s.BodyId == bodyId && s.From <= today && (s.To == null || s.To >= today))
            .Select(s => new { s.UserId, UserEmail = s.User!.Email, UserName = s.User.FullName, s.ContactId, ContactEmail = s.Contact!.Email, ContactName = s.Contact.FullName, s.OrganisationId, OrgEmail = s.Organisation!.Email, OrgName = s.Organisation.Name })
            .ToListAsync();
        var result = new List<Recipient>();
        foreach (var s in seats)
        {
            Recipient? r = s.UserId is not null && !string.IsNullOrWhiteSpace(s.UserEmail) ? new(s.UserEmail!, s.UserName ?? s.UserEmail!, s.UserId, null, s.OrganisationId)
                : s.ContactId is not null && !string.IsNullOrWhiteSpace(s.ContactEmail) ? new(s.ContactEmail!, s.ContactName ?? s.ContactEmail!, null, s.ContactId, s.OrganisationId)
                : s.UserId is null && s.ContactId is null && visibility != MinutesVisibility.Restricted && !string.IsNullOrWhiteSpace(s.OrgEmail) ? new(s.OrgEmail!, s.OrgName ?? s.OrgEmail!, null, null, s.OrganisationId)
                : null;
            if (r is not null && !result.Any(x => string.Equals(x.Email, r.Email, StringComparison.OrdinalIgnoreCase))) result.Add(r);
        }
        return result;
    }

    public async Task<CommandResult<int>> ConveneAsync(Guid contractId, Guid meetingId, string baseUrl, CancellationToken ct = default)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<int>.Missing();
        var meeting = await governance.WithVisibleContent(db.Meetings, v).Include(m => m.Body).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
            return await db.Meetings.AnyAsync(m => m.Id == meetingId && m.ContractId == contractId, ct) && v.IsCoordinator ? CommandResult<int>.Denied() : CommandResult<int>.Missing();
        if (!v.IsCoordinator) return CommandResult<int>.Denied();
        if (meeting.Status == MeetingStatus.Cancelled) return CommandResult<int>.Invalid("status", "Cette réunion est annulée : elle ne peut pas être convoquée.");
        var recipients = await RecipientsAsync(meeting.BodyId, meeting.Visibility);
        if (recipients.Count == 0)
            return CommandResult<int>.Invalid("recipients", "Aucun membre actuel de l'instance n'a d'adresse électronique : ajoutez des membres à l'instance avant de convoquer.");

        // A re-sent convocation updates the event already in calendars (same UID, higher SEQUENCE).
        if (await db.Convocations.AnyAsync(c => c.MeetingId == meeting.Id && c.Kind == MailingKind.Convocation, ct)) meeting.Sequence++;
        // Egress: a restricted meeting's agenda is never written into a mail or an invitation, only linked (behind sign-in).
        var agenda = Egress.MayInlineInMail(meeting.Visibility) ? await queries.AgendaAsync(meeting.Id) : [];
        var carried = await queries.CarriedOverAsync(new MeetingSummary(meeting.Id, meeting.BodyId, meeting.Body!.Name, meeting.Body.Kind, meeting.Title, meeting.StartsAt, meeting.EndsAt, meeting.Place, meeting.Status, meeting.Visibility, meeting.SeriesId), null);
        var link = baseUrl + paths.GetPathByPage("/Governance/Meeting", values: new { id = contractId, meetingId = meeting.Id });
        var organizer = await OrganizerAsync();
        var ics = ICalendar.Write([Event(meeting, agenda, link, organizer, [.. recipients.Select(r => new CalendarPerson(r.Name, r.Email))])], clock.GetUtcNow(), "REQUEST");
        var attachment = new MailAttachment("invitation.ics", "text/calendar; method=REQUEST; charset=utf-8", Encoding.UTF8.GetBytes(ics));
        var subject = $"Convocation : {meeting.Title} — {Culture.DateTime(meeting.StartsAt)}";
        var now = clock.GetUtcNow();
        foreach (var r in recipients)
        {
            var mayRead = await MailableTasksAsync(contractId, meeting.BodyId, carried, r);
            var text = Body(r.Name, meeting, agenda, mayRead, link);
            await mailer.SendAsync(r.Email, subject, text, [attachment], ct);
            db.Convocations.Add(new Convocation
            {
                ContractId = contractId, MeetingId = meeting.Id, Kind = MailingKind.Convocation, Recipient = r.Email, RecipientName = r.Name,
                UserId = r.UserId, ContactId = r.ContactId, OrganisationId = r.OrganisationId, Sequence = meeting.Sequence, SentAt = now, SentById = user.Id,
            });
        }
        if (meeting.Status == MeetingStatus.Planned) meeting.Status = MeetingStatus.Convened;
        auditor.Record(AuditKinds.MeetingConvened, nameof(Meeting), meeting.Id, contractId, new { recipients = recipients.Count, sequence = meeting.Sequence });
        await db.SaveChangesAsync(ct);
        return CommandResult<int>.Ok(recipients.Count);
    }

    /// <summary>
    /// A cancelled meeting's iCalendar cancellation (RFC 5546 METHOD:CANCEL: same UID, next SEQUENCE, STATUS:CANCELLED) to
    /// everyone who received its convocation; nothing when it was never convened. Returns how many were written to.
    /// </summary>
    public async Task<int> CancelAsync(Guid contractId, Meeting meeting, string baseUrl, CancellationToken ct = default)
    {
        var sent = await db.Convocations.AsNoTracking().Where(c => c.MeetingId == meeting.Id && c.Kind == MailingKind.Convocation)
            .Select(c => new { c.Recipient, c.RecipientName, c.UserId, c.ContactId, c.OrganisationId }).ToListAsync(ct);
        var recipients = sent.DistinctBy(c => c.Recipient, StringComparer.OrdinalIgnoreCase).ToList();
        if (recipients.Count == 0) return 0;
        meeting.Sequence++;
        var link = baseUrl + paths.GetPathByPage("/Governance/Meeting", values: new { id = contractId, meetingId = meeting.Id });
        var cancelled = Event(meeting, null, link, await OrganizerAsync(), [.. recipients.Select(r => new CalendarPerson(r.RecipientName ?? r.Recipient, r.Recipient))]) with { Cancelled = true };
        var ics = ICalendar.Write([cancelled], clock.GetUtcNow(), "CANCEL");
        var attachment = new MailAttachment("annulation.ics", "text/calendar; method=CANCEL; charset=utf-8", Encoding.UTF8.GetBytes(ics));
        var subject = $"Annulation : {meeting.Title} — {Culture.DateTime(meeting.StartsAt)}";
        var now = clock.GetUtcNow();
        foreach (var r in recipients)
        {
            var text = $"Bonjour {r.RecipientName ?? r.Recipient},\n\nLa réunion « {meeting.Title} » prévue le {Culture.DateTime(meeting.StartsAt)} (heure de Paris) est annulée.\n"
                + "L'annulation est jointe (fichier .ics) : votre agenda retire la réunion.\n"
                + $"Détail : {link}\n\n— Vigie\n";
            await mailer.SendAsync(r.Recipient, subject, text, [attachment], ct);
            db.Convocations.Add(new Convocation
            {
                ContractId = contractId, MeetingId = meeting.Id, Kind = MailingKind.Cancellation, Recipient = r.Recipient, RecipientName = r.RecipientName,
                UserId = r.UserId, ContactId = r.ContactId, OrganisationId = r.OrganisationId, Sequence = meeting.Sequence, SentAt = now, SentById = user.Id,
            });
        }
        auditor.Record(AuditKinds.MeetingCancellationSent, nameof(Meeting), meeting.Id, contractId, new { recipients = recipients.Count, sequence = meeting.Sequence });
        await db.SaveChangesAsync(ct);
        return recipients.Count;
    }

    /// <summary>
    /// The carried-over tasks one recipient may be told about (the egress check per recipient): those whose visibility the
    /// recipient's address is entitled to. Restricted ones among them are counted, never written out.
    /// </summary>
    public async Task<IReadOnlyList<TaskView>> MailableTasksAsync(Guid contractId, Guid bodyId, IReadOnlyList<TaskView> tasks, Recipient r)
    {
        if (tasks.Count == 0) return tasks;
        var audience = r.UserId is not null || r.ContactId is not null ? Audience.Person(r.UserId, r.ContactId) : Audience.Organisation(r.OrganisationId ?? Guid.Empty);
        var entitlement = await egress.EntitlementAsync(contractId, audience);
        return [.. tasks.Where(t => entitlement.Allows(t.Visibility, bodyId))];
    }

    /// <summary>The organizer of invitations: the signed-in sender, else the platform's sender address.</summary>
    private async Task<CalendarPerson> OrganizerAsync()
    {
        var o = mailOptions.Value;
        var uid = user.Id ?? Guid.Empty;
        var me = await db.Users.AsNoTracking().Where(u => u.Id == uid).Select(u => new { u.FullName, u.Email }).FirstOrDefaultAsync();
        return me?.Email is { } email ? new CalendarPerson(me.FullName, email) : new CalendarPerson(o.FromName, o.From);
    }

    public static CalendarEvent Event(Meeting m, IReadOnlyList<AgendaItemView>? agenda, string link, CalendarPerson? organizer = null, IReadOnlyList<CalendarPerson>? attendees = null)
    {
        var description = new StringBuilder();
        if (agenda is { Count: > 0 })
        {
            description.Append("Ordre du jour :\n");
            foreach (var a in agenda) description.Append(a.Position).Append(". ").Append(a.Title).Append('\n');
            description.Append('\n');
        }
        description.Append(link);
        return new CalendarEvent($"meeting-{m.Id:N}@vigie", m.Sequence, m.StartsAt, m.EndsAt, m.Title, m.Place, description.ToString(),
            m.Status == MeetingStatus.Cancelled, link, organizer, attendees);
    }

    private static string Body(string name, Meeting m, IReadOnlyList<AgendaItemView> agenda, IReadOnlyList<TaskView> allowed, string link)
    {
        var sb = new StringBuilder();
        sb.Append("Bonjour ").Append(name).Append(",\n\n");
        sb.Append("Vous êtes convoqué(e) à la réunion « ").Append(m.Title).Append(" » (").Append(m.Body!.Name).Append(")\n");
        sb.Append("le ").Append(Culture.DateTime(m.StartsAt)).Append(" (heure de Paris)");
        if (m.Place is not null) sb.Append(", ").Append(m.Place);
        sb.Append(".\n\n");
        if (agenda.Count > 0)
        {
            sb.Append("Ordre du jour :\n");
            foreach (var a in agenda)
            {
                sb.Append("  ").Append(a.Position).Append(". ").Append(a.Title);
                if (a.DurationMinutes is { } d) sb.Append(" (").Append(d).Append(" min)");
                if (a.Presenter is { } p) sb.Append(" — ").Append(p);
                sb.Append('\n');
            }
            sb.Append('\n');
        }
        if (!Egress.MayInlineInMail(m.Visibility))
            sb.Append("Cette réunion est à diffusion restreinte : son ordre du jour se consulte dans Vigie, après connexion (lien ci-dessous).\n\n");
        var carried = allowed.Where(t => Egress.MayInlineInMail(t.Visibility)).ToList();
        var withheld = allowed.Count - carried.Count;
        if (carried.Count > 0)
        {
            sb.Append("Suivi des tâches en cours :\n");
            foreach (var t in carried)
                sb.Append("  - ").Append(t.Title).Append(t.DueOn is { } due ? $" (échéance {Culture.Date(due)})" : "").Append('\n');
            sb.Append('\n');
        }
        if (withheld > 0)
            sb.Append(withheld).Append(withheld == 1 ? " tâche en cours à diffusion restreinte est consultable" : " tâches en cours à diffusion restreinte sont consultables")
                .Append(" dans Vigie, après connexion.\n\n");
        sb.Append("L'invitation est jointe (fichier .ics) pour l'ajouter à votre agenda.\n");
        sb.Append("Détail de la réunion : ").Append(link).Append("\n\n— Vigie\n");
        return sb.ToString();
    }
}
