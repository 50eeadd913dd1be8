namespace Vigie.Web.Features.Cases;

public sealed record CaseRightsRequestView(Guid Id, CaseRightsKind Kind, DateOnly ReceivedOn, DateOnly DueOn, bool Extended, DateOnly? AnsweredOn, bool Overdue);
/// <summary>Information and rights of one sheet (§1.7): the individual notice (or its motivated exception) and the rights requests.</summary>
public sealed record CaseRightsView(Guid SheetId, DateOnly? NoticeGivenOn, CaseNoticeMeans? NoticeMeans, CaseNoticeRecipient? NoticeRecipient, string? NoticeException,
    IReadOnlyList<CaseRightsRequestView> Requests);
/// <summary>An unanswered request past its legal deadline, for the coordinator's group page: a code, never a name.</summary>
public sealed record CaseOverdueRequest(Guid SheetId, string Code, CaseRightsKind Kind, DateOnly DueOn);

/// <summary>
/// Information of the people concerned and their rights (shared/specs §1.7): the individual notice recorded on the sheet
/// by the coordinator or the référent (or an exception motivated by the coordinator), rights requests logged by the
/// coordinator with their legal deadline (one month, extendable by two with a motive, GDPR art. 12(3)) and their answer.
/// Motives are encrypted; audit events carry ids and closed-list values only.
/// </summary>
public sealed class CaseRights(AppDbContext db, CaseAccess access, CaseQueries queries, CaseCommands commands, CaseCipher cipher, Auditor auditor)
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
                r.AnsweredOn is null && r.DueOn < today))]);
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
        if (request is null) return CommandResult<DateOnly>.Missing();
        if (input.AnsweredOn is not { } answered) return CommandResult<DateOnly>.Invalid("answeredOn", "La date de la réponse est obligatoire.");
        if (request.AnsweredOn is not null) return CommandResult<DateOnly>.Invalid("answeredOn", "La demande a déjà reçu sa réponse.");
        if (answered < request.ReceivedOn || answered > access.Today)
            return CommandResult<DateOnly>.Invalid("answeredOn", "La date de réponse doit être comprise entre la réception de la demande et aujourd'hui.");
        request.AnsweredOn = answered;
        auditor.Record(AuditKinds.CaseRightsRequestAnswered, SheetEntity, sheetId, contractId, new { group = groupId, tier = "T1", request = request.Id, late = answered > request.DueOn });
        await db.SaveChangesAsync();
        return CommandResult<DateOnly>.Ok(answered);
    }

    /// <summary>Unanswered requests past their deadline in a group, for its coordinator (codes only); empty for anyone else.</summary>
    public async Task<IReadOnlyList<CaseOverdueRequest>> OverdueAsync(Guid contractId, Guid groupId)
    {
        if (await commands.CoordinatorAsync(contractId, groupId) is null) return [];
        var today = access.Today;
        return await (from r in db.CaseRightsRequests
                      join s in db.CaseSheets on r.SheetId equals s.Id
                      where r.GroupId == groupId && s.GroupId == groupId && r.AnsweredOn == null && r.DueOn < today
                      orderby r.DueOn
                      select new CaseOverdueRequest(s.Id, s.Code, r.Kind, r.DueOn)).ToListAsync();
    }
}
