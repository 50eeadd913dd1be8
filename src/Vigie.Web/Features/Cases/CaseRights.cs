namespace Vigie.Web.Features.Cases;

public sealed record CaseRightsRequestView(Guid Id, CaseRightsKind Kind, DateOnly ReceivedOn, DateOnly DueOn, bool Extended, DateOnly? AnsweredOn, bool Overdue,
    CaseRightsOutcome? Outcome = null, string? OutcomeReason = null)
{
    /// <summary>Still open to being applied through Vigie: a rectification or an erasure with no answer yet.</summary>
    public bool Applicable => AnsweredOn is null && Outcome is null && Kind is CaseRightsKind.Rectification or CaseRightsKind.Erasure;
}
/// <summary>What an erasure request did: the sheet erased, or the erasure refused with its French reason (a freeze holds the sheet).</summary>
public sealed record CaseErasureResult(bool Erased, string? Reason);
/// <summary>Information and rights of one sheet (§1.7): the individual notice (or its motivated exception) and the rights requests.</summary>
public sealed record CaseRightsView(Guid SheetId, DateOnly? NoticeGivenOn, CaseNoticeMeans? NoticeMeans, CaseNoticeRecipient? NoticeRecipient, string? NoticeException,
    IReadOnlyList<CaseRightsRequestView> Requests);
/// <summary>An unanswered request past its legal deadline, for the coordinator's group page: a code, never a name.</summary>
public sealed record CaseOverdueRequest(Guid SheetId, string Code, CaseRightsKind Kind, DateOnly DueOn);
/// <summary>
/// One line of a group's register of rights requests (§1.7): dates, kind, deadline, answer and outcome; the sheet's code
/// while the sheet exists, nothing once it is erased or purged (<paramref name="SheetId"/> null). Late: unanswered past the
/// deadline (<paramref name="Overdue"/>) or answered after it (<paramref name="AnsweredLate"/>).
/// </summary>
public sealed record CaseRightsRegisterLine(Guid Id, CaseRightsKind Kind, DateOnly ReceivedOn, DateOnly DueOn, bool Extended, DateOnly? AnsweredOn,
    CaseRightsOutcome? Outcome, string? OutcomeReason, bool Overdue, bool AnsweredLate, Guid? SheetId, string? SheetCode);
/// <summary>A group's register of rights requests, newest first, with the counts of open and overdue ones.</summary>
public sealed record CaseRightsRegisterView(Guid GroupId, string GroupName, int Open, int Overdue, IReadOnlyList<CaseRightsRegisterLine> Requests);

/// <summary>
/// Information of the people concerned and their rights (shared/specs §1.7): the individual notice recorded on the sheet
/// by the coordinator or the référent (or an exception motivated by the coordinator), rights requests logged by the
/// coordinator with their legal deadline (one month, extendable by two with a motive, GDPR art. 12(3)) and their answer.
/// Motives are encrypted; audit events carry ids and closed-list values only. A granted rectification is applied to
/// the sheet from its request (<see cref="RectifyAsync"/>), a granted erasure deletes the sheet by the purge's path
/// (<see cref="EraseAsync"/>) unless a freeze holds it. The requests outlive the sheet: detached (no sheet, no motive,
/// <see cref="DetachRequestsAsync"/>), they stay in the group's register (<see cref="RegisterAsync"/>).
/// </summary>
public sealed class CaseRights(AppDbContext db, CaseAccess access, CaseQueries queries, CaseCommands commands, CaseCipher cipher, Auditor auditor, CaseRetention retention, CaseAudit audit)
{
    public const string NoticeExceptionField = "notice-exception";
    public const string ExtensionMotiveField = "extension-motive";
    private const string SheetEntity = CaseAudit.SheetEntity;

    /// <summary>The sheet's notice and requests: coordinator and référent (they hold the contact details, T2+).</summary>
    public async Task<CommandResult<CaseRightsView>> ViewAsync(Guid contractId, Guid groupId, Guid sheetId)
    {
        var (failure, _, sheet, _) = await queries.OpenAsync<CaseRightsView>(contractId, groupId, sheetId, CaseTier.T3);
        if (failure is not null) return failure;
        return CommandResult<CaseRightsView>.Ok(await ViewOfAsync(sheet!));
    }

    /// <summary>The information and rights of a sheet already opened at tier 3.</summary>
    internal async Task<CaseRightsView> ViewOfAsync(CaseSheet sheet)
    {
        var today = access.Today;
        var requests = await db.CaseRightsRequests.Where(r => r.SheetId == sheet.Id).OrderByDescending(r => r.ReceivedOn).ToListAsync();
        return new CaseRightsView(sheet.Id, sheet.NoticeGivenOn, sheet.NoticeMeans, sheet.NoticeRecipient,
            cipher.DecryptOptional(sheet.NoticeExceptionCipher, sheet.Id, NoticeExceptionField),
            [.. requests.Select(r => new CaseRightsRequestView(r.Id, r.Kind, r.ReceivedOn, r.DueOn, r.ExtensionMotiveCipher is not null, r.AnsweredOn,
                r.AnsweredOn is null && r.DueOn < today, r.Outcome, r.OutcomeReason))]);
    }

    /// <summary>Records the individual notice (date, means, recipient) — coordinator or référent — or, coordinator only, the motivated exception.</summary>
    public async Task<CommandResult<DateOnly?>> RecordNoticeAsync(Guid contractId, Guid groupId, Guid sheetId, CaseNoticeInput input)
    {
        var (failure, viewer, _, _) = await queries.OpenAsync<DateOnly?>(contractId, groupId, sheetId, CaseTier.T3);
        if (failure is not null) return failure;
        var motive = CaseCommands.Clean(input.ExceptionMotive);
        var errors = new ErrorBag();
        if (motive is not null)
        {
            if (!viewer!.IsCoordinator) return CommandResult<DateOnly?>.Denied("Seul le coordonnateur motive une exception à l'information de la personne.");
            if (input.GivenOn is not null || input.Means is not null) errors.Add("exceptionMotive", "Indiquez soit l'information donnée (date, moyen, destinataire), soit le motif de l'exception, pas les deux.");
        }
        else
        {
            if (input.GivenOn is null) errors.Add("givenOn", "La date de l'information est obligatoire (ou motivez une exception).");
            else if (input.GivenOn > access.Today) errors.Add("givenOn", "La date de l'information ne peut pas être dans le futur.");
            if (input.Means is null) errors.Add("means", "Choisissez le moyen d'information.");
            if (input.Recipient is null) errors.Add("recipient", "Choisissez le destinataire de l'information.");
        }
        if (errors.Any) return CommandResult<DateOnly?>.Invalid(errors.Errors);
        var sheet = await db.CaseSheets.FirstAsync(s => s.Id == sheetId);
        if (motive is not null)
        {
            sheet.NoticeExceptionCipher = cipher.Encrypt(motive, sheetId, NoticeExceptionField);
            sheet.NoticeGivenOn = null;
            sheet.NoticeMeans = null;
            sheet.NoticeRecipient = null;
            auditor.Record(AuditKinds.CaseNoticeExceptionRecorded, SheetEntity, sheetId, contractId, new { group = groupId, tier = "T2" });
        }
        else
        {
            sheet.NoticeGivenOn = input.GivenOn;
            sheet.NoticeMeans = input.Means;
            sheet.NoticeRecipient = input.Recipient;
            sheet.NoticeExceptionCipher = null;
            auditor.Record(AuditKinds.CaseNoticeRecorded, SheetEntity, sheetId, contractId,
                new { group = groupId, tier = "T2", means = input.Means!.Value.ToString(), recipient = input.Recipient!.Value.ToString() });
        }
        await db.SaveChangesAsync();
        return CommandResult<DateOnly?>.Ok(sheet.NoticeGivenOn);
    }

    /// <summary>Logs a rights request received about a sheet (coordinator): the legal deadline is one month after receipt.</summary>
    public async Task<CommandResult<Guid>> AddRequestAsync(Guid contractId, Guid groupId, Guid sheetId, CaseRightsRequestInput input)
    {
        if (await commands.CoordinatorSheetAsync(contractId, groupId, sheetId) is null) return await commands.SheetRefusalAsync<Guid>(contractId, groupId, sheetId);
        var received = input.ReceivedOn!.Value;
        if (received > access.Today) return CommandResult<Guid>.Invalid("receivedOn", "La date de réception ne peut pas être dans le futur.");
        if (received < access.Today.AddYears(-1)) return CommandResult<Guid>.Invalid("receivedOn", "La date de réception est antérieure de plus d'un an : vérifiez-la.");
        var request = new CaseRightsRequest
        {
            Id = Guid.NewGuid(), ContractId = contractId, GroupId = groupId, SheetId = sheetId, Kind = input.Kind!.Value, ReceivedOn = received,
            DueOn = received.AddMonths(1), CreatedAt = access.Now,
        };
        db.CaseRightsRequests.Add(request);
        auditor.Record(AuditKinds.CaseRightsRequestReceived, SheetEntity, sheetId, contractId,
            new { group = groupId, tier = "T1", request = request.Id, kind = request.Kind.ToString(), due = request.DueOn });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(request.Id);
    }

    /// <summary>Extends the deadline by two months (three after receipt), once, with a motive (coordinator).</summary>
    public async Task<CommandResult<DateOnly>> ExtendRequestAsync(Guid contractId, Guid groupId, Guid sheetId, Guid requestId, CaseRightsExtensionInput input)
    {
        if (await commands.CoordinatorSheetAsync(contractId, groupId, sheetId) is null) return await commands.SheetRefusalAsync<DateOnly>(contractId, groupId, sheetId);
        var request = await db.CaseRightsRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.SheetId == sheetId);
        if (request is null) return CommandResult<DateOnly>.Missing();
        if (request.AnsweredOn is not null) return CommandResult<DateOnly>.Invalid("motive", "La demande a déjà reçu sa réponse.");
        if (request.ExtensionMotiveCipher is not null) return CommandResult<DateOnly>.Invalid("motive", "Le délai a déjà été prolongé : il ne peut l'être qu'une fois, de deux mois.");
        if (request.DueOn < access.Today) return CommandResult<DateOnly>.Invalid("motive", "Le délai d'un mois est dépassé : la prolongation se décide et s'annonce à la personne avant son terme.");
        request.ExtensionMotiveCipher = cipher.Encrypt(input.Motive!.Trim(), request.Id, ExtensionMotiveField);
        request.DueOn = request.ReceivedOn.AddMonths(3);
        auditor.Record(AuditKinds.CaseRightsRequestExtended, SheetEntity, sheetId, contractId, new { group = groupId, tier = "T1", request = request.Id, due = request.DueOn });
        await db.SaveChangesAsync();
        return CommandResult<DateOnly>.Ok(request.DueOn);
    }

    /// <summary>Records the answer's date (coordinator); a late answer stays recorded as late in the audit.</summary>
    public async Task<CommandResult<DateOnly>> AnswerRequestAsync(Guid contractId, Guid groupId, Guid sheetId, Guid requestId, CaseRightsAnswerInput input)
    {
        if (await commands.CoordinatorSheetAsync(contractId, groupId, sheetId) is null) return await commands.SheetRefusalAsync<DateOnly>(contractId, groupId, sheetId);
        var request = await db.CaseRightsRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.SheetId == sheetId);
        return request is null ? CommandResult<DateOnly>.Missing() : await AnswerAsync(request, contractId, groupId, input);
    }

    /// <summary>
    /// Records the answer's date from the group's register (coordinator): any request of the group, a detached one
    /// included (its sheet erased or purged while the request was open); audited on the sheet, or on the group once detached.
    /// </summary>
    public async Task<CommandResult<DateOnly>> AnswerInRegisterAsync(Guid contractId, Guid groupId, Guid requestId, CaseRightsAnswerInput input)
    {
        if (await commands.CoordinatorAsync(contractId, groupId) is null) return await commands.RefusalAsync<DateOnly>(contractId, groupId);
        var request = await db.CaseRightsRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.GroupId == groupId && r.ContractId == contractId);
        return request is null ? CommandResult<DateOnly>.Missing() : await AnswerAsync(request, contractId, groupId, input);
    }

    private async Task<CommandResult<DateOnly>> AnswerAsync(CaseRightsRequest request, Guid contractId, Guid groupId, CaseRightsAnswerInput input)
    {
        if (input.AnsweredOn is not { } answered) return CommandResult<DateOnly>.Invalid("answeredOn", "La date de la réponse est obligatoire.");
        if (request.AnsweredOn is not null) return CommandResult<DateOnly>.Invalid("answeredOn", "La demande a déjà reçu sa réponse.");
        if (answered < request.ReceivedOn || answered > access.Today)
            return CommandResult<DateOnly>.Invalid("answeredOn", "La date de réponse doit être comprise entre la réception de la demande et aujourd'hui.");
        request.AnsweredOn = answered;
        auditor.Record(AuditKinds.CaseRightsRequestAnswered, request.SheetId is null ? CaseAudit.GroupEntity : SheetEntity, (object?)request.SheetId ?? groupId, contractId,
            new { group = groupId, tier = "T1", request = request.Id, late = answered > request.DueOn });
        await db.SaveChangesAsync();
        return CommandResult<DateOnly>.Ok(answered);
    }

    /// <summary>
    /// A rectification granted (coordinator): the sheet's identity, contact details, school or occupational situation and
    /// quartier become what the request asks, re-encrypted (the duplicate key follows); the legal representatives are
    /// kept. The request is answered (granted) the same day and the sheet's history records the fields changed and the
    /// request, never the values.
    /// </summary>
    public async Task<CommandResult<Guid>> RectifyAsync(Guid contractId, Guid groupId, Guid sheetId, Guid requestId, CaseRectificationInput input)
    {
        if (await commands.CoordinatorSheetAsync(contractId, groupId, sheetId) is not { } found) return await commands.SheetRefusalAsync<Guid>(contractId, groupId, sheetId);
        var request = await db.CaseRightsRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.SheetId == sheetId);
        if (request is null) return CommandResult<Guid>.Missing();
        if (Unapplicable(request, CaseRightsKind.Rectification) is { } refusal) return CommandResult<Guid>.Invalid("requestId", refusal);
        var errors = commands.ValidateDetails(found.Item1, input);
        await commands.CheckQuartierAsync(contractId, input.AreaId, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var sheet = await db.CaseSheets.FirstAsync(s => s.Id == sheetId);
        var oldIdentity = cipher.DecryptJson<CaseIdentity>(sheet.IdentityCipher, sheetId, "identity");
        var oldContact = cipher.DecryptJson<CaseContact>(sheet.ContactCipher, sheetId, "contact");
        var identity = new CaseIdentity(input.Surname!.Trim(), input.FirstName!.Trim(), input.Sex!.Value, input.BirthDate!.Value);
        var contact = oldContact with { Address = CaseCommands.Clean(input.Address), Phone = CaseCommands.Clean(input.Phone), Email = CaseCommands.Clean(input.Email) };
        var changed = new (string Field, bool Changed)[]
        {
            ("surname", identity.Surname != oldIdentity.Surname), ("firstName", identity.FirstName != oldIdentity.FirstName),
            ("sex", identity.Sex != oldIdentity.Sex), ("birthDate", identity.BirthDate != oldIdentity.BirthDate),
            ("address", contact.Address != oldContact.Address), ("phone", contact.Phone != oldContact.Phone), ("email", contact.Email != oldContact.Email),
            ("schoolLevel", input.SchoolLevel != sheet.SchoolLevel), ("occupation", input.Occupation != sheet.Occupation), ("areaId", input.AreaId != sheet.AreaId),
        }.Where(x => x.Changed).Select(x => x.Field).ToList();
        if (changed.Count == 0)
            return CommandResult<Guid>.Invalid("surname", "Aucune donnée ne change : saisissez les valeurs rectifiées que la personne demande.");
        sheet.IdentityCipher = cipher.EncryptJson(identity, sheetId, "identity");
        sheet.ContactCipher = cipher.EncryptJson(contact, sheetId, "contact");
        sheet.DuplicateKey = cipher.DuplicateKey(identity.Surname, identity.FirstName, identity.BirthDate);
        sheet.SchoolLevel = input.SchoolLevel;
        sheet.Occupation = input.Occupation;
        sheet.AreaId = input.AreaId;
        request.Outcome = CaseRightsOutcome.Granted;
        request.AnsweredOn = access.Today;
        auditor.Record(AuditKinds.CaseSheetRectified, SheetEntity, sheetId, contractId, new { group = groupId, tier = "T2", request = request.Id, fields = changed });
        auditor.Record(AuditKinds.CaseRightsRequestAnswered, SheetEntity, sheetId, contractId, new { group = groupId, tier = "T1", request = request.Id, late = access.Today > request.DueOn });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(sheetId);
    }

    /// <summary>The rectification form as the sheet reads today (coordinator): identity and contact details, audited as a tier-2 read.</summary>
    public async Task<CommandResult<CaseRectificationInput>> RectificationFormAsync(Guid contractId, Guid groupId, Guid sheetId)
    {
        if (await commands.CoordinatorSheetAsync(contractId, groupId, sheetId) is not { } found)
            return await commands.SheetRefusalAsync<CaseRectificationInput>(contractId, groupId, sheetId);
        var sheet = found.Item2;
        var identity = cipher.DecryptJson<CaseIdentity>(sheet.IdentityCipher, sheetId, "identity");
        var contact = cipher.DecryptJson<CaseContact>(sheet.ContactCipher, sheetId, "contact");
        await audit.SheetReadAsync(AuditKinds.CaseContactViewed, contractId, groupId, sheetId, CaseTier.T2);
        return CommandResult<CaseRectificationInput>.Ok(new CaseRectificationInput
        {
            Surname = identity.Surname, FirstName = identity.FirstName, Sex = identity.Sex, BirthDate = identity.BirthDate,
            Address = contact.Address, Phone = contact.Phone, Email = contact.Email, SchoolLevel = sheet.SchoolLevel, Occupation = sheet.Occupation, AreaId = sheet.AreaId,
        });
    }

    /// <summary>
    /// An erasure granted (coordinator): the sheet, its actions, measures, agenda links and requests are deleted
    /// physically by the retention purge's path (anonymous stub, elimination slip, codes cleared from the minutes).
    /// A freeze other than the one set for a rights request is a legal obligation to keep the sheet (litigation, a
    /// CADA request, an investigation: GDPR art. 17(3)(b) and (e)): the erasure is refused and its French reason
    /// stored on the request, which is answered.
    /// </summary>
    public async Task<CommandResult<CaseErasureResult>> EraseAsync(Guid contractId, Guid groupId, Guid sheetId, Guid requestId)
    {
        if (await commands.CoordinatorSheetAsync(contractId, groupId, sheetId) is not { } found)
            return await commands.SheetRefusalAsync<CaseErasureResult>(contractId, groupId, sheetId);
        var request = await db.CaseRightsRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.SheetId == sheetId);
        if (request is null) return CommandResult<CaseErasureResult>.Missing();
        if (Unapplicable(request, CaseRightsKind.Erasure) is { } refusal) return CommandResult<CaseErasureResult>.Invalid("requestId", refusal);
        var sheet = found.Item2;
        var today = access.Today;
        if (sheet.FrozenUntil is { } until && until >= today && sheet.FreezeReason is { } freeze && freeze != CaseFreezeReason.RightsRequest)
        {
            var reason = $"Effacement refusé : la fiche est gelée jusqu'au {Culture.Date(until)} ({CaseLabels.FreezeReason(freeze).ToLowerInvariant()}) ; "
                + "cette obligation de conservation prime sur le droit à l'effacement (article 17.3 du RGPD). La demande pourra être réexaminée à la fin du gel.";
            request.Outcome = CaseRightsOutcome.Refused;
            request.OutcomeReason = reason;
            request.AnsweredOn = today;
            auditor.Record(AuditKinds.CaseErasureRefused, SheetEntity, sheetId, contractId, new { group = groupId, tier = "T1", request = request.Id, freeze = freeze.ToString(), until });
            await db.SaveChangesAsync();
            return CommandResult<CaseErasureResult>.Ok(new CaseErasureResult(false, reason));
        }
        var group = await db.CaseGroups.AsNoTracking().FirstAsync(g => g.Id == groupId);
        var erased = await retention.PurgeAsync(group, [sheetId], today, access.Now, request.Id, CancellationToken.None);
        return erased == 1 ? CommandResult<CaseErasureResult>.Ok(new CaseErasureResult(true, null)) : CommandResult<CaseErasureResult>.Missing();
    }

    /// <summary>
    /// Inside the purge's transaction (retention or erasure), before the sheets are deleted: their rights requests lose the
    /// link to the sheet and the extension's motive (a free text), and keep the dates, the kind and the outcome; the erasure
    /// request that caused the deletion is answered as granted, today.
    /// </summary>
    internal static async Task DetachRequestsAsync(AppDbContext db, List<Guid> sheetIds, Guid? erasureRequestId, DateOnly today, CancellationToken ct)
    {
        if (erasureRequestId is { } id)
            await db.CaseRightsRequests.Where(r => r.Id == id && r.AnsweredOn == null)
                .ExecuteUpdateAsync(x => x.SetProperty(r => r.Outcome, CaseRightsOutcome.Granted).SetProperty(r => r.AnsweredOn, today), ct);
        await db.CaseRightsRequests.Where(r => r.SheetId != null && sheetIds.Contains(r.SheetId.Value))
            .ExecuteUpdateAsync(x => x.SetProperty(r => r.SheetId, (Guid?)null).SetProperty(r => r.ExtensionMotiveCipher, (string?)null), ct);
    }

    /// <summary>
    /// The group's register of rights requests (coordinator): every request received, erased or purged sheets' included
    /// (without any link to the person), with its deadline and how it was answered; late ones flagged.
    /// </summary>
    public async Task<CommandResult<CaseRightsRegisterView>> RegisterAsync(Guid contractId, Guid groupId)
    {
        if (await commands.CoordinatorAsync(contractId, groupId) is not { } v) return await commands.RefusalAsync<CaseRightsRegisterView>(contractId, groupId);
        var today = access.Today;
        var rows = await (from r in db.CaseRightsRequests.AsNoTracking()
                          where r.GroupId == groupId && r.ContractId == contractId
                          join s in db.CaseSheets on r.SheetId equals (Guid?)s.Id into sheets
                          from s in sheets.DefaultIfEmpty()
                          orderby r.ReceivedOn descending, r.CreatedAt descending
                          select new { r, Code = s == null ? null : s.Code }).Take(2000).ToListAsync();
        var lines = rows.Select(x => new CaseRightsRegisterLine(x.r.Id, x.r.Kind, x.r.ReceivedOn, x.r.DueOn, x.r.DueOn > x.r.ReceivedOn.AddMonths(1), x.r.AnsweredOn,
            x.r.Outcome, x.r.OutcomeReason, x.r.AnsweredOn is null && x.r.DueOn < today, x.r.AnsweredOn is { } a && a > x.r.DueOn,
            x.Code is null ? null : x.r.SheetId, x.Code)).ToList();
        return CommandResult<CaseRightsRegisterView>.Ok(new CaseRightsRegisterView(groupId, v.Group.Name, lines.Count(l => l.AnsweredOn is null), lines.Count(l => l.Overdue), lines));
    }

    /// <summary>Why a request cannot be applied as <paramref name="kind"/> (null when it can).</summary>
    private static string? Unapplicable(CaseRightsRequest request, CaseRightsKind kind) =>
        request.Kind != kind ? $"Cette demande porte sur le droit « {CaseLabels.RightsKind(request.Kind).ToLowerInvariant()} », pas sur « {CaseLabels.RightsKind(kind).ToLowerInvariant()} »."
        : request.AnsweredOn is not null || request.Outcome is not null ? "La demande a déjà reçu sa réponse."
        : null;

    /// <summary>Unanswered requests past their deadline in a group, for its coordinator (codes only); empty for anyone else.</summary>
    public async Task<IReadOnlyList<CaseOverdueRequest>> OverdueAsync(Guid contractId, Guid groupId)
    {
        if (await commands.CoordinatorAsync(contractId, groupId) is null) return [];
        var today = access.Today;
        return await (from r in db.CaseRightsRequests
                      join s in db.CaseSheets on r.SheetId equals (Guid?)s.Id
                      where r.GroupId == groupId && s.GroupId == groupId && r.AnsweredOn == null && r.DueOn < today
                      orderby r.DueOn
                      select new CaseOverdueRequest(s.Id, s.Code, r.Kind, r.DueOn)).ToListAsync();
    }
}
