using Vigie.Web.Infrastructure.Pdf;

namespace Vigie.Web.Features.Governance;

public enum PackKind
{
    /// <summary>Dossier préparatoire: what the meeting should look at.</summary>
    Before,
    /// <summary>Relevé des engagements: every task agreed, and the decisions.</summary>
    After,
}

public sealed record PackFile(string FileName, byte[] Content);

/// <summary>
/// Meeting packs as PDF (PdfReport: tagged, French) and e-mail. Before: overdue tasks and milestones,
/// indicators that moved since the body's previous meeting, open items of that meeting. After: the
/// commitments memo. Built only for viewers who may read the meeting's content; e-mailed to the same
/// recipients as the convocation (personal seats only when restricted).
/// </summary>
public sealed class MeetingPacks(AppDbContext db, Infrastructure.ContractViewers viewers, GovernanceQueries queries, ConvocationSender convocations,
    IMailer mailer, Auditor auditor, TimeProvider clock, ICurrentUser user, ActionPlan.PlanQueries plan, PublicLinks links)
{
    /// <summary>
    /// The pack as the viewer may read it (their tasks and plan items only), or — <paramref name="forMail"/> — as it may be
    /// attached to a mailing (egress: nothing restricted inline; plan items up to members-only).
    /// </summary>
    public async Task<CommandResult<PackFile>> BuildAsync(Guid contractId, Guid meetingId, PackKind kind, bool forMail = false)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<PackFile>.Missing();
        if (await queries.MeetingAsync(contractId, meetingId) is not { } detail) return CommandResult<PackFile>.Missing();
        if (!detail.ContentVisible) return CommandResult<PackFile>.Denied();
        var entitlement = await plan.ReaderEntitlementAsync(contractId);
        if (forMail)
        {
            detail = detail with
            {
                CarriedOverTasks = [.. detail.CarriedOverTasks.Where(t => Egress.MayInlineInMail(t.Visibility))],
                TasksAgreed = [.. detail.TasksAgreed.Where(t => Egress.MayInlineInMail(t.Visibility))],
            };
            entitlement = new Entitlement(true, false, new HashSet<Guid>());
        }
        var planItems = await plan.VisibleItemIdsAsync(contractId, entitlement);
        var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => c.Title).FirstAsync();
        var pdf = kind == PackKind.Before ? await BeforeAsync(contract, detail, planItems) : After(contract, detail);
        var name = (kind == PackKind.Before ? "dossier-preparatoire-" : "releve-des-engagements-")
            + Recurrence.ToParis(detail.Meeting.StartsAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".pdf";
        return CommandResult<PackFile>.Ok(new PackFile(name, pdf));
    }

    public async Task<CommandResult<int>> SendAsync(Guid contractId, Guid meetingId, PackKind kind, CancellationToken ct = default)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<int>.Missing();
        var built = await BuildAsync(contractId, meetingId, kind, forMail: true);
        if (built.NotFound) return CommandResult<int>.Missing();
        if (built.Forbidden || !v.IsCoordinator) return CommandResult<int>.Denied();
        var meeting = await db.Meetings.Include(m => m.Body).FirstAsync(m => m.Id == meetingId, ct);
        var recipients = await convocations.RecipientsAsync(meeting.BodyId, meeting.Visibility);
        if (recipients.Count == 0)
            return CommandResult<int>.Invalid("recipients", "Aucun membre actuel de l'instance n'a d'adresse électronique : ajoutez des membres à l'instance.");
        var label = kind == PackKind.Before ? "Dossier préparatoire" : "Relevé des engagements";
        var subject = $"{label} : {meeting.Title} — {Culture.DateTime(meeting.StartsAt)}";
        // Egress: a restricted meeting's pack is never attached (e-mails cannot be recalled); its members open it in Vigie.
        var inline = Egress.MayInlineInMail(meeting.Visibility);
        var attachment = new MailAttachment(built.Value!.FileName, "application/pdf", built.Value.Content);
        var now = clock.GetUtcNow();
        foreach (var r in recipients)
        {
            var text = inline
                ? $"Bonjour {r.Name},\n\nVous trouverez ci-joint le {label.ToLowerInvariant()} de la réunion « {meeting.Title} » ({meeting.Body!.Name}) du {Culture.DateTime(meeting.StartsAt)}.\n\n— Vigie\n"
                : $"Bonjour {r.Name},\n\nLe {label.ToLowerInvariant()} de la réunion « {meeting.Title} » ({meeting.Body!.Name}) du {Culture.DateTime(meeting.StartsAt)} est disponible dans Vigie. Cette réunion étant à diffusion restreinte, il n'est pas joint à ce message : connectez-vous à Vigie pour le consulter :\n{links.ToPage("/Governance/Meeting", new { id = contractId, meetingId })}\n\n— Vigie\n";
            await mailer.SendAsync(r.Email, subject, text, inline ? new[] { attachment } : Array.Empty<MailAttachment>(), ct);
            db.Convocations.Add(new Convocation
            {
                ContractId = contractId, MeetingId = meetingId, Kind = kind == PackKind.Before ? MailingKind.PackBefore : MailingKind.CommitmentsMemo,
                Recipient = r.Email, RecipientName = r.Name, UserId = r.UserId, ContactId = r.ContactId, OrganisationId = r.OrganisationId,
                Sequence = meeting.Sequence, SentAt = now, SentById = user.Id,
            });
        }
        auditor.Record(AuditKinds.MeetingPackSent, nameof(Meeting), meetingId, contractId, new { kind = kind.ToString(), recipients = recipients.Count });
        await db.SaveChangesAsync(ct);
        return CommandResult<int>.Ok(recipients.Count);
    }

    private async Task<byte[]> BeforeAsync(string contract, MeetingDetail d, HashSet<Guid> planItems)
    {
        var m = d.Meeting;
        var meetingDay = DateOnly.FromDateTime(Recurrence.ToParis(m.StartsAt).DateTime);
        var previous = await db.Meetings.AsNoTracking()
            .Where(x => x.BodyId == m.BodyId && x.StartsAt < m.StartsAt && x.Status != MeetingStatus.Cancelled)
            .OrderByDescending(x => x.StartsAt).Select(x => new { x.Id, x.Title, x.StartsAt }).FirstOrDefaultAsync();
        var since = previous?.StartsAt ?? m.StartsAt.AddMonths(-3);

        var contractId = await db.Bodies.Where(b => b.Id == m.BodyId).Select(b => b.ContractId).FirstAsync();
        var overdueMilestones = await db.Milestones.AsNoTracking()
            .Where(x => x.ContractId == contractId && x.DoneOn == null && x.DueOn < meetingDay)
            .OrderBy(x => x.DueOn)
            .Select(x => new { x.PlanItemId, x.Title, Action = x.PlanItem!.Title, x.DueOn, Owner = x.OwnerOrganisation!.Name }).ToListAsync();
        overdueMilestones = [.. overdueMilestones.Where(x => planItems.Contains(x.PlanItemId))];
        var moved = await db.PlanIndicatorValues.AsNoTracking()
            .Where(x => x.ContractId == contractId && x.CreatedAt >= since)
            .Join(db.PlanIndicators, v => v.IndicatorId, i => i.Id, (v, i) => new { i.PlanItemId, i.Name, i.Unit, i.TargetValue, v.Period, v.Value, v.On })
            .ToListAsync();
        moved = [.. moved.Where(x => planItems.Contains(x.PlanItemId))];

        using var pdf = new PdfReport($"Dossier préparatoire — {m.Title}", $"{contract} · {m.Body} · {Culture.DateTime(m.StartsAt)}");
        pdf.Heading("La réunion", 2).KeyValues([("Instance", m.Body), ("Date", Culture.DateTime(m.StartsAt)), ("Lieu", m.Place ?? "—")]);
        pdf.Heading("Ordre du jour", 2);
        if (d.Agenda.Count == 0) pdf.Paragraph("Aucun point inscrit pour l'instant.", muted: true);
        else pdf.Table("Ordre du jour", ["N°", "Point", "Durée", "Intervenant"],
            d.Agenda.Select(a => (IReadOnlyList<string>)[a.Position.ToString(Culture.French), a.Title, a.DurationMinutes is { } min ? $"{min} min" : "—", a.Presenter ?? "—"]), [1, 6, 2, 3]);

        var overdueTasks = d.CarriedOverTasks.Where(t => t.DueOn is { } due && due < meetingDay).ToList();
        pdf.Heading("Tâches en retard", 2);
        if (overdueTasks.Count == 0) pdf.Paragraph("Aucune tâche en retard.", muted: true);
        else pdf.Table("Tâches dont l'échéance est dépassée", ["Tâche", "Responsable", "Échéance", "Statut"],
            overdueTasks.Select(t => (IReadOnlyList<string>)[t.Title, t.OwnerUser ?? t.OwnerOrganisation ?? "—", Culture.Date(t.DueOn), GovernanceLabels.Task(t.Status)]), [6, 3, 2, 2]);

        pdf.Heading("Jalons du plan d'action en retard", 2);
        if (overdueMilestones.Count == 0) pdf.Paragraph("Aucun jalon en retard.", muted: true);
        else pdf.Table("Jalons non atteints à leur date", ["Jalon", "Action", "Prévu le", "Responsable"],
            overdueMilestones.Select(x => (IReadOnlyList<string>)[x.Title, x.Action, Culture.Date(x.DueOn), x.Owner ?? "—"]), [4, 4, 2, 3]);

        pdf.Heading("Indicateurs mis à jour depuis la dernière réunion", 2);
        if (moved.Count == 0) pdf.Paragraph("Aucune nouvelle valeur d'indicateur.", muted: true);
        else pdf.Table("Nouvelles valeurs d'indicateurs", ["Indicateur", "Période", "Valeur", "Cible"],
            moved.OrderBy(x => x.Name).ThenBy(x => x.On).Select(x => (IReadOnlyList<string>)[x.Name, x.Period, $"{x.Value.ToString("G29", Culture.French)} {x.Unit}", x.TargetValue is { } t ? t.ToString("G29", Culture.French) : "—"]), [5, 2, 3, 2]);

        pdf.Heading("Points ouverts de la dernière réunion", 2);
        if (previous is null) pdf.Paragraph("Première réunion de l'instance.", muted: true);
        else
        {
            var open = d.CarriedOverTasks.Where(t => t.MeetingId == previous.Id).ToList();
            pdf.Paragraph($"Réunion du {Culture.DateTime(previous.StartsAt)} : {previous.Title}.");
            if (open.Count == 0) pdf.Paragraph("Toutes les tâches décidées lors de cette réunion sont closes.", muted: true);
            else pdf.Bullets(open.Select(t => $"{t.Title} — {t.OwnerUser ?? t.OwnerOrganisation} ({GovernanceLabels.Task(t.Status)}, échéance {Culture.Date(t.DueOn)})"));
        }
        if (d.CarriedOverTasks.Count > 0)
        {
            pdf.Heading("Toutes les tâches en cours de l'instance", 3);
            pdf.Bullets(d.CarriedOverTasks.Select(t => $"{t.Title} — {t.OwnerUser ?? t.OwnerOrganisation} (échéance {Culture.Date(t.DueOn)})"));
        }
        pdf.Source("Sources : tâches, réunions et plan d'action du contrat saisis dans Vigie.");
        return pdf.ToArray();
    }

    private static byte[] After(string contract, MeetingDetail d)
    {
        var m = d.Meeting;
        using var pdf = new PdfReport($"Relevé des engagements — {m.Title}", $"{contract} · {m.Body} · {Culture.DateTime(m.StartsAt)}");
        pdf.Heading("Tâches convenues", 2);
        if (d.TasksAgreed.Count == 0) pdf.Paragraph("Aucune tâche n'a été convenue lors de cette réunion.", muted: true);
        else pdf.Table("Engagements pris lors de la réunion", ["Tâche", "Responsable", "Échéance"],
            d.TasksAgreed.Select(t => (IReadOnlyList<string>)[t.Title, t.OwnerUser ?? t.OwnerOrganisation ?? "—", Culture.Date(t.DueOn)]), [6, 3, 2]);
        var decisions = d.Agenda.SelectMany(a => a.Outcomes.Where(o => o.Kind == OutcomeKind.Decision).Select(o => $"{a.Position}. {a.Title} : {o.Text}")).ToList();
        pdf.Heading("Décisions", 2);
        if (decisions.Count == 0) pdf.Paragraph("Aucune décision enregistrée.", muted: true);
        else pdf.Bullets(decisions);
        var present = d.Attendance.Where(a => a.Status is AttendanceStatus.Present or AttendanceStatus.Represented).Select(a => a.Organisation).Distinct().ToList();
        if (present.Count > 0) pdf.Heading("Partenaires présents ou représentés", 2).Bullets(present);
        pdf.Source("Source : compte rendu et suites de la réunion saisis dans Vigie.");
        return pdf.ToArray();
    }
}
