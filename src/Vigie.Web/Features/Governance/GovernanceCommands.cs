namespace Vigie.Web.Features.Governance;

/// <summary>
/// Governance business rules shared by the pages and the API: load (scoped to the contract) →
/// authorize → validate everything → change → one SaveChanges with its audit event.
/// Coordinators edit; partner members update the tasks they own.
/// </summary>
public sealed class GovernanceCommands(AppDbContext db, GovernanceAccess governance, Infrastructure.ContractViewers viewers, Auditor auditor,
    ActionPlan.PlanHistory planHistory, ConvocationSender convocations, Infrastructure.PublicLinks links)
{
    public async Task<CommandResult<Guid>> SaveBodyAsync(Guid contractId, Guid? bodyId, BodyInput input)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<Guid>.Missing();
        Body? body = null;
        if (bodyId is { } bid && (body = await db.Bodies.FirstOrDefaultAsync(b => b.Id == bid && b.ContractId == contractId)) is null)
            return CommandResult<Guid>.Missing();
        if (!v.IsCoordinator) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        var name = input.Name!.Trim();
        if (await db.Bodies.AnyAsync(b => b.ContractId == contractId && b.Name == name && b.Id != (bodyId ?? Guid.Empty)))
            errors.Add("name", $"Une instance nommée « {name} » existe déjà dans ce contrat.");
        if (input.ActiveFrom is { } f && input.ActiveTo is { } t && t < f)
            errors.Add("activeTo", "La fin de la période doit être postérieure à son début.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        if (body is null)
        {
            body = new Body { ContractId = contractId, Name = name };
            db.Bodies.Add(body);
        }
        else if (await EditConflicts.CheckAsync(db, body, input.Version,
                     BodyFields(body.Name, body.Kind, body.Chair, body.Description, body.Site, body.Offence, body.ActiveFrom, body.ActiveTo, body.DefaultVisibility),
                     BodyFields(name, input.Kind, Clean(input.Chair), Clean(input.Description), Clean(input.Site), Clean(input.Offence), input.ActiveFrom, input.ActiveTo, input.DefaultVisibility)) is { } conflict)
            return CommandResult<Guid>.Stale(conflict);
        body.Name = name;
        body.Kind = input.Kind;
        body.Chair = Clean(input.Chair);
        body.Description = Clean(input.Description);
        body.Site = Clean(input.Site);
        body.Offence = Clean(input.Offence);
        body.ActiveFrom = input.ActiveFrom;
        body.ActiveTo = input.ActiveTo;
        body.DefaultVisibility = input.DefaultVisibility;
        auditor.Record(AuditKinds.BodySaved, nameof(Body), body.Id, contractId, new { kind = body.Kind.ToString(), created = bodyId is null });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(body.Id);
    }

    /// <summary>What the body form shows, as a second writer is told it changed (ADR 0019).</summary>
    private static Dictionary<string, string?> BodyFields(string name, BodyKind kind, string? chair, string? description, string? site, string? offence,
        DateOnly? from, DateOnly? to, MinutesVisibility visibility) => new()
    {
        ["Nom"] = name,
        ["Type d'instance"] = GovernanceLabels.Kind(kind),
        ["Présidence"] = chair,
        ["Description"] = description,
        ["Site"] = site,
        ["Infraction"] = offence,
        ["Début de la période"] = from is { } f ? Culture.Date(f) : null,
        ["Fin de la période"] = to is { } t ? Culture.Date(t) : null,
        ["Visibilité par défaut"] = GovernanceLabels.Visibility(visibility),
    };

    public async Task<CommandResult<Guid>> AddMembershipAsync(Guid contractId, Guid bodyId, MembershipInput input)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<Guid>.Missing();
        if (!await db.Bodies.AnyAsync(b => b.Id == bodyId && b.ContractId == contractId)) return CommandResult<Guid>.Missing();
        if (!v.IsCoordinator) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        if (input.OrganisationId is null && input.ContactId is null && input.UserId is null)
            errors.Add("organisationId", "Indiquez un partenaire, un contact ou un compte utilisateur.");
        var orgId = input.OrganisationId;
        if (orgId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o))
            errors.Add("organisationId", "Ce partenaire n'existe pas.");
        if (input.ContactId is { } c)
        {
            var contactOrg = await db.Contacts.Where(x => x.Id == c).Select(x => (Guid?)x.OrganisationId).FirstOrDefaultAsync();
            if (contactOrg is null) errors.Add("contactId", "Ce contact n'existe pas.");
            else if (orgId is { } o2 && o2 != contactOrg) errors.Add("contactId", "Ce contact n'appartient pas au partenaire choisi.");
            else orgId ??= contactOrg;
        }
        if (input.UserId is { } u)
        {
            var userOrg = await db.Memberships.Where(m => m.ContractId == contractId && m.UserId == u).Select(m => (Guid?)m.User!.OrganisationId).FirstOrDefaultAsync();
            if (userOrg is null) errors.Add("userId", "Ce compte n'est pas membre du contrat : ajoutez-le d'abord aux membres du contrat.");
            else orgId ??= userOrg;
        }
        if (input.To is { } to && to < input.From!.Value) errors.Add("to", "La date de fin doit être postérieure à la date de début.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var seat = new BodyMembership
        {
            ContractId = contractId, BodyId = bodyId, OrganisationId = orgId, ContactId = input.ContactId, UserId = input.UserId,
            Role = Clean(input.Role), From = input.From!.Value, To = input.To,
        };
        db.BodyMemberships.Add(seat);
        auditor.Record(AuditKinds.BodyMemberAdded, nameof(BodyMembership), seat.Id, contractId, new { bodyId, hasUser = input.UserId is not null });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(seat.Id);
    }

    /// <summary>Ends a seat at a date (history is kept: membership is dated data).</summary>
    public async Task<CommandResult<Guid>> EndMembershipAsync(Guid contractId, Guid membershipId, DateOnly? on)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<Guid>.Missing();
        var seat = await db.BodyMemberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.ContractId == contractId);
        if (seat is null) return CommandResult<Guid>.Missing();
        if (!v.IsCoordinator) return CommandResult<Guid>.Denied();
        var end = on ?? governance.Today;
        if (end < seat.From) return CommandResult<Guid>.Invalid("to", "La date de fin doit être postérieure à la date de début du mandat.");
        seat.To = end;
        auditor.Record(AuditKinds.BodyMemberEnded, nameof(BodyMembership), seat.Id, contractId, new { seat.BodyId });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(seat.Id);
    }

    /// <summary>Opens a meeting or series creation: Missing or Denied unless the user coordinates the contract; an error when the body is not the contract's.</summary>
    private async Task<(CommandResult<Guid>? Stop, Body? Body, ErrorBag Errors)> OpenBodyAsync(Guid contractId, Guid? bodyId)
    {
        var errors = new ErrorBag();
        if (await viewers.ForAsync(contractId) is not { } v) return (CommandResult<Guid>.Missing(), null, errors);
        if (!v.IsCoordinator) return (CommandResult<Guid>.Denied(), null, errors);
        var body = await db.Bodies.FirstOrDefaultAsync(b => b.Id == bodyId && b.ContractId == contractId);
        if (body is null) errors.Add("bodyId", "Cette instance n'existe pas dans ce contrat.");
        return (null, body, errors);
    }

    public async Task<CommandResult<Guid>> CreateMeetingAsync(Guid contractId, MeetingInput input)
    {
        var (stop, body, errors) = await OpenBodyAsync(contractId, input.BodyId);
        if (stop is not null) return stop;
        if (input.EndTime <= input.StartTime) errors.Add("endTime", "L'heure de fin doit être postérieure à l'heure de début.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var meeting = new Meeting
        {
            ContractId = contractId, BodyId = body!.Id, Title = input.Title!.Trim(), Place = Clean(input.Place),
            StartsAt = Recurrence.ParisToUtc(input.Date!.Value, input.StartTime!.Value),
            EndsAt = Recurrence.ParisToUtc(input.Date!.Value, input.EndTime!.Value),
            Status = MeetingStatus.Planned, Visibility = input.Visibility ?? body.DefaultVisibility,
        };
        db.Meetings.Add(meeting);
        auditor.Record(AuditKinds.MeetingCreated, nameof(Meeting), meeting.Id, contractId, new { body.Kind });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(meeting.Id);
    }

    /// <summary>Creates a series and all its occurrences (each a meeting of its own, editable on its own).</summary>
    public async Task<CommandResult<Guid>> CreateSeriesAsync(Guid contractId, SeriesInput input)
    {
        var (stop, body, errors) = await OpenBodyAsync(contractId, input.BodyId);
        if (stop is not null) return stop;
        if (input.Until < input.FirstDate) errors.Add("until", "La fin de la série doit être postérieure à la première date.");
        if (!Enum.IsDefined(input.Frequency)) errors.Add("frequency", "La fréquence est inconnue (weekly, monthly ou everyNMonths).");
        if (input.Frequency == RecurrenceFrequency.EveryNMonths && input.IntervalMonths is null)
            errors.Add("intervalMonths", "Indiquez l'intervalle en mois de la série (par exemple 6 pour deux fois par an).");
        var dates = errors.Any ? [] : Recurrence.Dates(input.Frequency, input.DayOfWeek, input.WeekOfMonth, input.FirstDate!.Value, input.Until!.Value, input.IntervalMonths).Take(Recurrence.MaxOccurrences + 1).ToList();
        if (!errors.Any && dates.Count == 0) errors.Add("until", "Aucune réunion ne tombe entre la première date et la fin de la série.");
        if (dates.Count > Recurrence.MaxOccurrences) errors.Add("until", $"La série compterait plus de {Recurrence.MaxOccurrences} réunions : raccourcissez-la.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var series = new MeetingSeries
        {
            ContractId = contractId, BodyId = body!.Id, Title = input.Title!.Trim(), Frequency = input.Frequency, DayOfWeek = input.DayOfWeek,
            WeekOfMonth = input.Frequency != RecurrenceFrequency.Weekly ? input.WeekOfMonth ?? 1 : null,
            IntervalMonths = input.Frequency == RecurrenceFrequency.EveryNMonths ? input.IntervalMonths : null,
            StartTime = input.StartTime!.Value, DurationMinutes = input.DurationMinutes, FirstDate = input.FirstDate!.Value, Until = input.Until!.Value,
            Place = Clean(input.Place),
        };
        db.MeetingSeries.Add(series);
        foreach (var d in dates)
        {
            var start = Recurrence.ParisToUtc(d, series.StartTime);
            db.Meetings.Add(new Meeting
            {
                ContractId = contractId, BodyId = body.Id, SeriesId = series.Id, Title = series.Title, Place = series.Place,
                StartsAt = start, EndsAt = start.AddMinutes(series.DurationMinutes), Status = MeetingStatus.Planned, Visibility = body.DefaultVisibility,
            });
        }
        auditor.Record(AuditKinds.MeetingSeriesCreated, nameof(MeetingSeries), series.Id, contractId, new { count = dates.Count, frequency = series.Frequency.ToString(), intervalMonths = series.IntervalMonths });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(series.Id);
    }

    public async Task<CommandResult<Guid>> SetStatusAsync(Guid contractId, Guid meetingId, MeetingStatus status)
    {
        if (await EditableMeetingAsync(contractId, meetingId) is not { } m) return Fail(await MeetingFailureAsync(contractId, meetingId));
        var cancelling = status == MeetingStatus.Cancelled && m.Status != MeetingStatus.Cancelled;
        m.Status = status;
        auditor.Record(AuditKinds.MeetingStatusChanged, nameof(Meeting), m.Id, contractId, new { status = status.ToString() });
        await db.SaveChangesAsync();
        // RFC 5546: those who received the invitation get a METHOD:CANCEL, so no ghost event stays in their calendars.
        if (cancelling) await convocations.CancelAsync(contractId, m, links.BaseUrl);
        return CommandResult<Guid>.Ok(m.Id);
    }

    /// <summary>
    /// Changes a meeting's title, date, times or place. When it was already convened and something changed, the members
    /// get the updated invitation (same UID, next SEQUENCE, METHOD:REQUEST); returns how many were written to.
    /// </summary>
    public async Task<CommandResult<int>> RescheduleMeetingAsync(Guid contractId, Guid meetingId, MeetingScheduleInput input)
    {
        if (await EditableMeetingAsync(contractId, meetingId) is not { } m)
            return await MeetingFailureAsync(contractId, meetingId) ? CommandResult<int>.Missing() : CommandResult<int>.Denied();
        var errors = new ErrorBag();
        if (m.Status == MeetingStatus.Cancelled) errors.Add("date", "Cette réunion est annulée : elle ne peut plus être déplacée.");
        if (input.EndTime <= input.StartTime) errors.Add("endTime", "L'heure de fin doit être postérieure à l'heure de début.");
        if (errors.Any) return CommandResult<int>.Invalid(errors.Errors);

        var (title, place) = (input.Title!.Trim(), Clean(input.Place));
        var (start, end) = (Recurrence.ParisToUtc(input.Date!.Value, input.StartTime!.Value), Recurrence.ParisToUtc(input.Date!.Value, input.EndTime!.Value));
        var changed = title != m.Title || place != m.Place || start != m.StartsAt || end != m.EndsAt;
        if (await EditConflicts.CheckAsync(db, m, input.Version, ScheduleFields(m.Title, m.StartsAt, m.EndsAt, m.Place), ScheduleFields(title, start, end, place)) is { } conflict)
            return CommandResult<int>.Stale(conflict);
        (m.Title, m.Place, m.StartsAt, m.EndsAt) = (title, place, start, end);
        auditor.Record(AuditKinds.MeetingRescheduled, nameof(Meeting), m.Id, contractId, new { changed });
        await db.SaveChangesAsync();
        if (!changed || !await db.Convocations.AnyAsync(c => c.MeetingId == m.Id && c.Kind == MailingKind.Convocation)) return CommandResult<int>.Ok(0);
        return await convocations.ConveneAsync(contractId, m.Id, links.BaseUrl);
    }

    public async Task<CommandResult<Guid>> AddAgendaItemAsync(Guid contractId, Guid meetingId, AgendaItemInput input)
    {
        if (await EditableMeetingAsync(contractId, meetingId) is not { } m) return Fail(await MeetingFailureAsync(contractId, meetingId));
        var errors = new ErrorBag();
        if (input.PlanItemId is { } pid && !await db.PlanItems.AnyAsync(p => p.Id == pid && p.ContractId == contractId))
            errors.Add("planItemId", "Cette action n'existe pas dans le plan d'action du contrat.");
        if (input.PlanIndicatorId is { } iid && !await db.PlanIndicators.AnyAsync(p => p.Id == iid && p.ContractId == contractId))
            errors.Add("planIndicatorId", "Cet indicateur n'existe pas dans le plan d'action du contrat.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var position = await db.AgendaItems.Where(a => a.MeetingId == m.Id).MaxAsync(a => (int?)a.Position) ?? 0;
        var item = new AgendaItem
        {
            ContractId = contractId, MeetingId = m.Id, Position = position + 1, Title = input.Title!.Trim(), DurationMinutes = input.DurationMinutes,
            Presenter = Clean(input.Presenter), PlanItemId = input.PlanItemId, PlanIndicatorId = input.PlanIndicatorId, IncidentId = input.IncidentId,
        };
        db.AgendaItems.Add(item);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(item.Id);
    }

    public async Task<CommandResult<Guid>> RemoveAgendaItemAsync(Guid contractId, Guid meetingId, Guid itemId)
    {
        if (await EditableMeetingAsync(contractId, meetingId) is not { } m) return Fail(await MeetingFailureAsync(contractId, meetingId));
        var item = await db.AgendaItems.FirstOrDefaultAsync(a => a.Id == itemId && a.MeetingId == m.Id);
        if (item is null) return CommandResult<Guid>.Missing();
        if (await db.Outcomes.AnyAsync(o => o.AgendaItemId == item.Id))
            return CommandResult<Guid>.Invalid("agendaItemId", "Ce point a déjà des suites (décisions, tâches) : il ne peut plus être retiré.");
        db.AgendaItems.Remove(item);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(item.Id);
    }

    /// <summary>Records (or replaces) the attendance of a partner — and of a person of it when named.</summary>
    public async Task<CommandResult<Guid>> RecordAttendanceAsync(Guid contractId, Guid meetingId, AttendanceInput input)
    {
        if (await EditableMeetingAsync(contractId, meetingId) is not { } m) return Fail(await MeetingFailureAsync(contractId, meetingId));
        var errors = new ErrorBag();
        if (!await db.Organisations.AnyAsync(o => o.Id == input.OrganisationId)) errors.Add("organisationId", "Ce partenaire n'existe pas.");
        if (input.Status == AttendanceStatus.Represented && string.IsNullOrWhiteSpace(input.RepresentedBy))
            errors.Add("representedBy", "Indiquez par qui le partenaire est représenté.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var person = Clean(input.PersonName);
        var row = await db.Attendances.FirstOrDefaultAsync(a => a.MeetingId == m.Id && a.OrganisationId == input.OrganisationId && a.PersonName == person);
        if (row is null)
        {
            row = new Attendance { ContractId = contractId, MeetingId = m.Id, OrganisationId = input.OrganisationId!.Value, PersonName = person };
            db.Attendances.Add(row);
        }
        row.Status = input.Status;
        row.RepresentedBy = input.Status == AttendanceStatus.Represented ? Clean(input.RepresentedBy) : null;
        auditor.Record(AuditKinds.AttendanceRecorded, nameof(Meeting), m.Id, contractId, new { status = input.Status.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(row.Id);
    }

    public async Task<CommandResult<Guid>> SaveMinutesAsync(Guid contractId, Guid meetingId, MinutesInput input)
    {
        if (await EditableMeetingAsync(contractId, meetingId) is not { } m) return Fail(await MeetingFailureAsync(contractId, meetingId));
        var minutes = string.IsNullOrWhiteSpace(input.Minutes) ? null : input.Minutes.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (await EditConflicts.CheckAsync(db, m, input.Version, MinutesFields(m.Minutes, m.Visibility), MinutesFields(minutes, input.Visibility)) is { } conflict)
            return CommandResult<Guid>.Stale(conflict);
        m.Minutes = minutes;
        // Lowering the minutes' visibility (restricted → members → public) is a declassification, audited like Declassification's (ADR 0006).
        if (input.Visibility != m.Visibility)
            auditor.Record(input.Visibility < m.Visibility ? AuditKinds.ContentDeclassified : AuditKinds.ContentReclassified, nameof(Meeting), m.Id, contractId,
                new { from = m.Visibility.ToString(), to = input.Visibility.ToString() });
        m.Visibility = input.Visibility;
        await RaiseDerivedAsync(m);
        auditor.Record(AuditKinds.MinutesSaved, nameof(Meeting), m.Id, contractId, new { visibility = input.Visibility.ToString(), length = m.Minutes?.Length ?? 0 });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(m.Id);
    }

    /// <summary>What the minutes form shows, as a second writer is told it changed (ADR 0019).</summary>
    private static Dictionary<string, string?> MinutesFields(string? minutes, MinutesVisibility visibility) => new()
    {
        ["Compte rendu"] = minutes,
        ["Visibilité"] = GovernanceLabels.Visibility(visibility),
    };

    /// <summary>What the meeting's schedule form shows (times of Paris), as a second writer is told it changed.</summary>
    private static Dictionary<string, string?> ScheduleFields(string title, DateTimeOffset starts, DateTimeOffset ends, string? place)
    {
        var (s, e) = (Recurrence.ToParis(starts), Recurrence.ToParis(ends));
        return new()
        {
            ["Intitulé"] = title,
            ["Date"] = s.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            ["Heure de début"] = s.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Heure de fin"] = e.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Lieu"] = place,
        };
    }

    /// <summary>
    /// Records derived from a meeting inherit its visibility: when the meeting's is raised, its tasks and the plan items its
    /// decisions created or amended are raised with it. Lowering the meeting lowers nothing derived: that is a declassification
    /// of each record (<see cref="Shared.Declassification"/>).
    /// </summary>
    private async Task RaiseDerivedAsync(Meeting m)
    {
        foreach (var t in await db.FollowUpTasks.Where(t => t.MeetingId == m.Id && t.Visibility < m.Visibility).ToListAsync())
            t.Visibility = m.Visibility;
        var planIds = await db.Outcomes.Where(o => o.MeetingId == m.Id && o.PlanItemId != null).Select(o => o.PlanItemId!.Value).ToListAsync();
        foreach (var item in await db.PlanItems.Where(i => planIds.Contains(i.Id) && i.Visibility < m.Visibility).ToListAsync())
            await InheritAsync(item, m);
    }

    /// <summary>A plan item that receives text from a meeting takes at least that meeting's visibility; its restricted readers are that meeting's body, or the coordinators only when its restricted texts come from two bodies.</summary>
    private async Task InheritAsync(PlanItem item, Meeting m)
    {
        if (m.Visibility == MinutesVisibility.Public) return;
        if (item.Visibility == MinutesVisibility.Restricted && m.Visibility == MinutesVisibility.Restricted && item.SourceMeetingId is { } src && src != m.Id
            && await db.Meetings.Where(x => x.Id == src).Select(x => x.BodyId).FirstOrDefaultAsync() != m.BodyId)
            item.SourceMeetingId = null;
        else if (item.Visibility < m.Visibility || item.SourceMeetingId is null && item.Visibility == MinutesVisibility.Public)
            item.SourceMeetingId = m.Id;
        if (item.Visibility < m.Visibility) item.Visibility = m.Visibility;
    }

    /// <summary>Records an outcome of an agenda item; a task outcome creates the follow-up task.</summary>
    public async Task<CommandResult<Guid>> AddOutcomeAsync(Guid contractId, Guid meetingId, OutcomeInput input)
    {
        if (await EditableMeetingAsync(contractId, meetingId) is not { } m) return Fail(await MeetingFailureAsync(contractId, meetingId));
        var errors = new ErrorBag();
        if (!await db.AgendaItems.AnyAsync(a => a.Id == input.AgendaItemId && a.MeetingId == m.Id))
            errors.Add("agendaItemId", "Ce point n'est pas à l'ordre du jour de cette réunion.");
        if (input.Kind == OutcomeKind.Task)
        {
            if (input.OwnerOrganisationId is null && input.OwnerUserId is null)
                errors.Add("ownerOrganisationId", "Une tâche doit avoir un responsable : un partenaire ou une personne.");
            if (input.OwnerOrganisationId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o))
                errors.Add("ownerOrganisationId", "Ce partenaire n'existe pas.");
            if (input.OwnerUserId is { } u && !await db.Memberships.AnyAsync(x => x.ContractId == contractId && x.UserId == u))
                errors.Add("ownerUserId", "Cette personne n'est pas membre du contrat.");
        }
        var planItem = await ValidatePlanLinkAsync(contractId, input, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var outcome = new Outcome { ContractId = contractId, MeetingId = m.Id, AgendaItemId = input.AgendaItemId!.Value, Kind = input.Kind, Text = input.Text!.Trim() };
        if (input.Kind == OutcomeKind.Decision && (input.CreatePlanAction || planItem is not null))
            outcome.PlanItemId = await ApplyToPlanAsync(contractId, m, outcome.Text, planItem, input.CreatePlanAction);
        if (input.Kind == OutcomeKind.Task)
        {
            var task = new FollowUpTask
            {
                ContractId = contractId, BodyId = m.BodyId, MeetingId = m.Id, Title = outcome.Text,
                OwnerOrganisationId = input.OwnerOrganisationId, OwnerUserId = input.OwnerUserId, DueOn = input.DueOn, Status = FollowUpStatus.Open,
                Visibility = m.Visibility,
            };
            db.FollowUpTasks.Add(task);
            outcome.TaskId = task.Id;
        }
        db.Outcomes.Add(outcome);
        auditor.Record(AuditKinds.OutcomeRecorded, nameof(Outcome), outcome.Id, contractId, new { meetingId = m.Id, kind = input.Kind.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(outcome.Id);
    }

    /// <summary>A decision may create an action (under an axis/objective, or at the root) or amend an action or sub-action.</summary>
    private async Task<PlanItem?> ValidatePlanLinkAsync(Guid contractId, OutcomeInput input, ErrorBag errors)
    {
        if (input.PlanItemId is null && !input.CreatePlanAction) return null;
        if (input.Kind != OutcomeKind.Decision)
        {
            errors.Add("planItemId", "Seule une décision peut créer ou modifier une action du plan.");
            return null;
        }
        PlanItem? item = null;
        if (input.PlanItemId is { } pid && (item = await db.PlanItems.FirstOrDefaultAsync(p => p.Id == pid && p.ContractId == contractId)) is null)
            errors.Add("planItemId", "Cet élément n'existe pas dans le plan d'action du contrat.");
        else if (input.CreatePlanAction && item is { Kind: PlanItemKind.Action or PlanItemKind.SubAction })
            errors.Add("planItemId", "Pour créer une action, choisissez comme parent un axe ou un objectif (ou aucun).");
        else if (!input.CreatePlanAction && item is { Kind: PlanItemKind.Priority or PlanItemKind.Objective })
            errors.Add("planItemId", "Une décision modifie une action ou une sous-action, pas un axe ni un objectif.");
        else if (!input.CreatePlanAction && item is not null && (item.Description?.Length ?? 0) + input.Text!.Length + 200 > 8000)
            errors.Add("planItemId", "La description de cette action est trop longue pour y ajouter la décision.");
        return item;
    }

    /// <summary>Creates the action, or appends the decision to the action's description; the plan's change history records it.</summary>
    private async Task<Guid> ApplyToPlanAsync(Guid contractId, Meeting meeting, string text, PlanItem? item, bool create)
    {
        var when = Culture.Date(DateOnly.FromDateTime(Recurrence.ToParis(meeting.StartsAt).DateTime));
        if (create)
        {
            var position = await db.PlanItems.Where(p => p.ContractId == contractId && p.ParentId == (item == null ? null : item.Id)).MaxAsync(p => (int?)p.Position) ?? 0;
            var action = new PlanItem
            {
                ContractId = contractId, ParentId = item?.Id, Kind = PlanItemKind.Action, Position = position + 1,
                Reference = ActionPlan.PlanRules.NewReference(ActionPlan.PlanRules.Prefix(PlanItemKind.Action)),
                Title = text.Length <= 300 ? text : text[..297] + "…",
                Description = $"Action créée par décision de la réunion « {meeting.Title} » du {when}.\n\n{text}",
                // Inherited: a restricted or members-only meeting's decision stays out of the public plan until declassified.
                Visibility = meeting.Visibility,
                SourceMeetingId = meeting.Visibility == MinutesVisibility.Public ? null : meeting.Id,
            };
            db.PlanItems.Add(action);
            planHistory.Record(contractId, action.Id, nameof(PlanItem), action.Id, null, await planHistory.SnapshotAsync(action, []));
            auditor.Record(AuditKinds.DecisionAppliedToPlan, nameof(PlanItem), action.Id, contractId, new { meetingId = meeting.Id, created = true });
            return action.Id;
        }
        var before = item!.Description;
        await InheritAsync(item, meeting);
        item.Description = (string.IsNullOrWhiteSpace(before) ? "" : before.TrimEnd() + "\n\n") + $"Décision de la réunion « {meeting.Title} » du {when} : {text}";
        planHistory.Record(contractId, item.Id, nameof(PlanItem), item.Id,
            new Dictionary<string, string?> { ["Description"] = before }, new Dictionary<string, string?> { ["Description"] = item.Description });
        auditor.Record(AuditKinds.DecisionAppliedToPlan, nameof(PlanItem), item.Id, contractId, new { meetingId = meeting.Id, created = false });
        return item.Id;
    }

    /// <summary>A coordinator, or the partner member who owns the task (by account or organisation), updates it.</summary>
    public async Task<CommandResult<Guid>> UpdateTaskAsync(Guid contractId, Guid taskId, TaskUpdateInput input)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<Guid>.Missing();
        var task = await governance.VisibleTasks(v).FirstOrDefaultAsync(t => t.Id == taskId);
        if (task is null) return CommandResult<Guid>.Missing();
        if (!GovernanceAccess.CanUpdateTask(v, task)) return CommandResult<Guid>.Denied();

        var progress = Clean(input.Progress);
        if (await EditConflicts.CheckAsync(db, task, input.Version, TaskFields(task.Status, task.Progress), TaskFields(input.Status, progress)) is { } conflict)
            return CommandResult<Guid>.Stale(conflict);
        var wasClosed = FollowUpTask.IsClosed(task.Status);
        task.Status = input.Status;
        task.Progress = progress;
        if (FollowUpTask.IsClosed(input.Status) && !wasClosed) task.ClosedOn = governance.Today;
        if (!FollowUpTask.IsClosed(input.Status)) task.ClosedOn = null;
        auditor.Record(AuditKinds.TaskUpdated, nameof(FollowUpTask), task.Id, contractId, new { status = input.Status.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(task.Id);
    }

    /// <summary>What a task's update form shows, as a second writer is told it changed (ADR 0019).</summary>
    internal static Dictionary<string, string?> TaskFields(FollowUpStatus status, string? progress) => new()
    {
        ["Statut"] = GovernanceLabels.Task(status),
        ["Avancement"] = progress,
    };

    /// <summary>The meeting when the viewer may edit it: a coordinator who can also read its content.</summary>
    private async Task<Meeting?> EditableMeetingAsync(Guid contractId, Guid meetingId)
    {
        if (await viewers.ForAsync(contractId) is not { } v || !v.IsCoordinator) return null;
        return await governance.WithVisibleContent(db.Meetings, v).FirstOrDefaultAsync(m => m.Id == meetingId);
    }

    /// <summary>Why <see cref="EditableMeetingAsync"/> said no: not visible (404) or not allowed (403).</summary>
    private async Task<bool> MeetingFailureAsync(Guid contractId, Guid meetingId)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return true;
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId && m.ContractId == contractId)) return true;
        return false;
    }

    private static CommandResult<Guid> Fail(bool notFound) => notFound ? CommandResult<Guid>.Missing() : CommandResult<Guid>.Denied();

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

}
