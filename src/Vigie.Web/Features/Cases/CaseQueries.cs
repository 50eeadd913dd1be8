namespace Vigie.Web.Features.Cases;

public sealed record CaseGroupSummary(Guid Id, string Name, CaseGroupKind Kind, int ActiveMembers, CaseMemberStatus? MyStatus);
public sealed record CaseMemberView(Guid Id, Guid UserId, string Name, CaseInstitution Institution, string? Function, DateOnly From, DateOnly? To,
    CaseMemberStatus Status, int? SignedCharterVersion, DateTimeOffset? SignedCharterAt, bool IsCoordinator);
public sealed record CaseGroupDetail(Guid Id, string Name, CaseGroupKind Kind, Guid? BodyId, string? BodyName, Guid CoordinatorUserId, string? RulebookVersion,
    int CharterVersion, int? CohortMaxAge, IReadOnlyList<CaseMemberView> Members, bool HasContentAccess, bool IsCoordinator, string? Refusal);
/// <summary>One line of the group's list: a code and dates, never a name (A5).</summary>
public sealed record CaseSheetLine(Guid Id, string Code, CaseStatus Status, DateOnly StartedOn, DateOnly? ReviewDueOn, bool ReviewOverdue);
public sealed record CaseActionView(Guid Id, CaseActionType Type, CaseInstitution CarrierInstitution, DateOnly StartedOn, DateOnly? EndedOn, CaseActionResult Result, string? Note);
public sealed record CaseAgendaView(Guid MeetingId, string MeetingTitle, DateTimeOffset StartsAt, CaseDecision? Decision);
/// <summary>
/// Tier 1 (A2): the working view. Members read the first name, the surname's initial and the age; the coordinator and
/// the référent (tier 3) read the full identity. Offence-linked problématiques are left out below tier 3.
/// </summary>
public sealed record CaseSheetView(Guid Id, Guid GroupId, string Code, CaseTier Tier, string DisplayName, int Age, CaseSex? Sex, DateOnly? BirthDate,
    CaseStatus Status, CaseSchoolLevel? SchoolLevel, CaseOccupation? Occupation, DateOnly StartedOn, CaseOrigin Origin, CaseInstitution ReferralSource,
    IReadOnlyList<CaseProblem> Problems, Guid? ReferentUserId, string? ReferentName, DateOnly? EndedOn, CaseClosureReason? ClosureReason, DateOnly? ReviewDueOn,
    IReadOnlyList<CaseActionView> Actions, IReadOnlyList<CaseAgendaView> Agenda, string? Quartier = null, Guid? ProgrammeId = null, string? Programme = null, int Version = 0);
/// <summary>Tier 2: contact details and legal representatives.</summary>
public sealed record CaseContactView(Guid SheetId, string? Address, string? Phone, string? Email, IReadOnlyList<CaseRepresentative> Representatives);
public sealed record CaseMeasureView(Guid Id, JudicialMeasureType Type, JudicialService Service, DateOnly StartedOn, DateOnly? EndedOn);
/// <summary>Tier 3: judicial measures, offence-linked problématiques, the sensitive-data marker and its justification.</summary>
public sealed record CaseJudicialView(Guid SheetId, IReadOnlyList<CaseMeasureView> Measures, IReadOnlyList<CaseProblem> OffenceProblems, bool SensitiveData, string? Justification);
/// <summary>"Who saw this sheet?": one audit event about it.</summary>
public sealed record CaseAccessView(long EventId, DateTimeOffset At, string Kind, Guid? UserId, string? UserName, string? Tier, string Outcome, Guid? RequestId = null);

/// <summary>Reads of the follow-up module, each through <see cref="CaseAccess"/> and each audited with its tier (§1.5), refusals included.</summary>
public sealed class CaseQueries(AppDbContext db, CaseAccess access, CaseCipher cipher, CaseAudit audit)
{
    public async Task<IReadOnlyList<CaseGroupSummary>?> GroupsAsync(Guid contractId, Guid? userId)
    {
        if (await access.GroupsAsync(contractId) is not { } groups) return null;
        var today = access.Today;
        return await groups.OrderBy(g => g.Name).Select(g => new CaseGroupSummary(g.Id, g.Name, g.Kind,
            g.Members.Count(m => m.Status == CaseMemberStatus.Active && m.From <= today && (m.To == null || m.To >= today)),
            g.Members.Where(m => m.UserId == userId).Select(m => (CaseMemberStatus?)m.Status).FirstOrDefault())).ToListAsync();
    }

    /// <summary>The group: its members and charter for any member still taking part, or a coordinator of the contract; 403 for a suspended, excluded or former member.</summary>
    public async Task<CommandResult<CaseGroupDetail>> GroupAsync(Guid contractId, Guid groupId)
    {
        if (await access.GroupAsync(contractId, groupId) is not { } v) return CommandResult<CaseGroupDetail>.Missing();
        if (v.Member is not null && !v.IsActive)
        {
            await audit.DeniedAsync(contractId, groupId, null, v.RefusalCode);
            return CommandResult<CaseGroupDetail>.Denied(v.Refusal!);
        }
        var g = v.Group;
        var body = g.BodyId is { } b ? await db.Bodies.Where(x => x.Id == b).Select(x => x.Name).FirstOrDefaultAsync() : null;
        var members = await (from m in db.CaseGroupMembers
                             join u in db.Users on m.UserId equals u.Id
                             where m.GroupId == groupId
                             orderby m.Status, u.FullName
                             select new CaseMemberView(m.Id, m.UserId, u.FullName, m.Institution, m.Function, m.From, m.To, m.Status, m.SignedCharterVersion, m.SignedCharterAt,
                                 m.UserId == g.CoordinatorUserId)).ToListAsync();
        return CommandResult<CaseGroupDetail>.Ok(new CaseGroupDetail(g.Id, g.Name, g.Kind, g.BodyId, body, g.CoordinatorUserId, g.RulebookVersion, g.CharterVersion,
            g.CohortMaxAge, members, v.HasContentAccess, v.IsCoordinator, v.Refusal));
    }

    /// <summary>The codes of the sheets the viewer may read (A2), never names; refused (403, audited) without content access.</summary>
    public async Task<CommandResult<IReadOnlyList<CaseSheetLine>>> SheetsAsync(Guid contractId, Guid groupId)
    {
        if (await access.GroupAsync(contractId, groupId) is not { } v) return CommandResult<IReadOnlyList<CaseSheetLine>>.Missing();
        if (!v.HasContentAccess)
        {
            await audit.DeniedAsync(contractId, groupId, null, v.RefusalCode);
            return CommandResult<IReadOnlyList<CaseSheetLine>>.Denied(v.Refusal!);
        }
        var today = access.Today;
        var lines = await access.VisibleSheets(v).OrderByDescending(s => s.StartedOn).ThenBy(s => s.Code)
            .Select(s => new CaseSheetLine(s.Id, s.Code, s.Status, s.StartedOn, s.ReviewDueOn, s.ReviewDueOn != null && s.ReviewDueOn < today)).ToListAsync();
        return CommandResult<IReadOnlyList<CaseSheetLine>>.Ok(lines);
    }

    public async Task<CommandResult<CaseSheetView>> SheetAsync(Guid contractId, Guid groupId, Guid sheetId)
    {
        var (failure, _, sheet, tier) = await OpenAsync<CaseSheetView>(contractId, groupId, sheetId, CaseTier.T1);
        if (failure is not null) return failure;
        var view = await ViewOfAsync(sheet!, tier);
        await audit.SheetReadAsync(AuditKinds.CaseSheetViewed, contractId, groupId, sheetId, CaseTier.T1);
        return CommandResult<CaseSheetView>.Ok(view);
    }

    /// <summary>Tier 2, coordinator and référent only (A2), audited as such.</summary>
    public async Task<CommandResult<CaseContactView>> ContactAsync(Guid contractId, Guid groupId, Guid sheetId)
    {
        var (failure, _, sheet, _) = await OpenAsync<CaseContactView>(contractId, groupId, sheetId, CaseTier.T2);
        if (failure is not null) return failure;
        await audit.SheetReadAsync(AuditKinds.CaseContactViewed, contractId, groupId, sheetId, CaseTier.T2);
        return CommandResult<CaseContactView>.Ok(ContactOf(sheet!));
    }

    /// <summary>Tier 3, coordinator and référent only (A3), never shown by default, audited as such.</summary>
    public async Task<CommandResult<CaseJudicialView>> JudicialAsync(Guid contractId, Guid groupId, Guid sheetId)
    {
        var (failure, _, sheet, _) = await OpenAsync<CaseJudicialView>(contractId, groupId, sheetId, CaseTier.T3);
        if (failure is not null) return failure;
        var view = await JudicialOfAsync(sheet!);
        await audit.SheetReadAsync(AuditKinds.CaseJudicialViewed, contractId, groupId, sheetId, CaseTier.T3);
        return CommandResult<CaseJudicialView>.Ok(view);
    }

    /// <summary>The working view of a sheet already opened (<see cref="OpenAsync"/>) at <paramref name="tier"/>; the caller audits the read.</summary>
    internal async Task<CaseSheetView> ViewOfAsync(CaseSheet sheet, CaseTier tier)
    {
        var identity = cipher.DecryptJson<CaseIdentity>(sheet.IdentityCipher, sheet.Id, "identity");
        var full = tier >= CaseTier.T3;
        var actions = await db.CaseActions.Where(a => a.SheetId == sheet.Id).OrderBy(a => a.StartedOn).ToListAsync();
        var agenda = await (from e in db.CaseAgendaEntries
                            join m in db.Meetings on e.MeetingId equals m.Id
                            where e.SheetId == sheet.Id
                            orderby m.StartsAt
                            select new CaseAgendaView(m.Id, m.Title, m.StartsAt, e.Decision)).ToListAsync();
        var referent = sheet.ReferentUserId is { } r ? await db.Users.Where(u => u.Id == r).Select(u => u.FullName).FirstOrDefaultAsync() : null;
        // The quartier of residence comes from the address (§1.2): read with the full identity only (coordinator, référent).
        var quartier = full && sheet.AreaId is { } area ? await db.Areas.Where(a => a.Id == area).Select(a => a.Name).FirstOrDefaultAsync() : null;
        var programme = sheet.ProgrammeId is { } p ? await db.CaseProgrammes.Where(x => x.Id == p).Select(x => x.Label).FirstOrDefaultAsync() : null;
        return new CaseSheetView(sheet.Id, sheet.GroupId, sheet.Code, tier,
            full ? $"{identity.FirstName} {identity.Surname}" : $"{identity.FirstName} {identity.Surname[..1]}.",
            Age(identity.BirthDate, access.Today), full ? identity.Sex : null, full ? identity.BirthDate : null,
            sheet.Status, sheet.SchoolLevel, sheet.Occupation, sheet.StartedOn, sheet.Origin, sheet.ReferralSource,
            [.. sheet.Problems.Where(p => full || !CaseLabels.IsOffenceLinked(p))], sheet.ReferentUserId, referent, sheet.EndedOn, sheet.ClosureReason, sheet.ReviewDueOn,
            [.. actions.Select(a => new CaseActionView(a.Id, a.Type, a.CarrierInstitution, a.StartedOn, a.EndedOn, a.Result, cipher.DecryptOptional(a.NoteCipher, a.Id, "note")))],
            agenda, quartier, sheet.ProgrammeId, programme, sheet.Version);
    }

    /// <summary>The closed list of quartiers of residence of a contract (its quartiers and QPV), by name.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> QuartiersAsync(Guid contractId) =>
        [.. (await CaseAggregates.QuartierAreas(db, contractId).Select(a => new { a.Id, a.Name }).ToListAsync())
            .OrderBy(a => a.Name, StringComparer.Create(Culture.French, true)).Select(a => (a.Id, a.Name))];

    /// <summary>The contact details of a sheet already opened at tier 2 or more; the caller audits the read.</summary>
    internal CaseContactView ContactOf(CaseSheet sheet)
    {
        var c = cipher.DecryptJson<CaseContact>(sheet.ContactCipher, sheet.Id, "contact");
        return new CaseContactView(sheet.Id, c.Address, c.Phone, c.Email, c.Representatives);
    }

    /// <summary>The judicial part of a sheet already opened at tier 3; the caller audits the read.</summary>
    internal async Task<CaseJudicialView> JudicialOfAsync(CaseSheet sheet)
    {
        var measures = await db.JudicialMeasures.Where(m => m.SheetId == sheet.Id).OrderBy(m => m.StartedOn)
            .Select(m => new CaseMeasureView(m.Id, m.Type, m.Service, m.StartedOn, m.EndedOn)).ToListAsync();
        return new CaseJudicialView(sheet.Id, measures, [.. sheet.Problems.Where(CaseLabels.IsOffenceLinked)], sheet.SensitiveData,
            cipher.DecryptOptional(sheet.SensitiveJustificationCipher, sheet.Id, "justification"));
    }

    /// <summary>"Who saw this sheet?" (§1.5): the coordinator reads every audit event about it, newest first; this read is audited too.</summary>
    public async Task<CommandResult<IReadOnlyList<CaseAccessView>>> AccessesAsync(Guid contractId, Guid groupId, Guid sheetId, int limit = 500)
    {
        if (await access.GroupAsync(contractId, groupId) is not { } v) return CommandResult<IReadOnlyList<CaseAccessView>>.Missing();
        if (!v.IsCoordinator)
        {
            await audit.DeniedAsync(contractId, groupId, sheetId, v.HasContentAccess ? "not-coordinator" : v.RefusalCode);
            return CommandResult<IReadOnlyList<CaseAccessView>>.Denied(v.Refusal ?? "Seul le coordonnateur du dispositif consulte la traçabilité d'une fiche.");
        }
        if (!await db.CaseSheets.AnyAsync(s => s.Id == sheetId && s.GroupId == groupId)) return CommandResult<IReadOnlyList<CaseAccessView>>.Missing();
        var id = sheetId.ToString();
        var rows = await (from e in db.AuditEvents
                          where e.ContractId == contractId && e.EntityType == CaseAudit.SheetEntity && e.EntityId == id
                          join u in db.Users on e.UserId equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          orderby e.Id descending
                          select new { e.Id, e.OccurredAt, e.Kind, e.UserId, Name = u == null ? null : u.FullName, e.Data, e.Outcome }).Take(limit).ToListAsync();
        await audit.RecordNowAsync(AuditKinds.CaseAccessesViewed, CaseAudit.SheetEntity, sheetId, contractId, new { group = groupId, rows = rows.Count });
        return CommandResult<IReadOnlyList<CaseAccessView>>.Ok([.. rows.Select(r => new CaseAccessView(r.Id, r.OccurredAt, r.Kind, r.UserId, r.Name, Field(r.Data, "tier"), r.Outcome,
            Guid.TryParse(Field(r.Data, "request"), out var request) ? request : null))]);
    }

    /// <summary>Meetings of the group's body a sheet can still be placed on (coordinator's form).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Label)>> UpcomingMeetingsAsync(CaseGroupDetail group)
    {
        if (group.BodyId is not { } body) return [];
        var now = access.Now;
        var rows = await db.Meetings.Where(m => m.BodyId == body && m.EndsAt >= now && m.Status != MeetingStatus.Cancelled)
            .OrderBy(m => m.StartsAt).Take(20).Select(m => new { m.Id, m.Title, m.StartsAt }).ToListAsync();
        return [.. rows.Select(m => (m.Id, $"{Culture.DateTime(m.StartsAt)} — {m.Title}"))];
    }

    /// <summary>Loads a sheet for a tier: 404 (audited) when not visible to the viewer, 403 (audited) when visible but not at that tier or without content access.</summary>
    internal async Task<(CommandResult<T>? Failure, CaseGroupViewer? Viewer, CaseSheet? Sheet, CaseTier Tier)> OpenAsync<T>(Guid contractId, Guid groupId, Guid sheetId, CaseTier wanted)
    {
        if (await access.GroupAsync(contractId, groupId) is not { } v) return (CommandResult<T>.Missing(), null, null, CaseTier.None);
        if (!v.HasContentAccess)
        {
            await audit.DeniedAsync(contractId, groupId, sheetId, v.RefusalCode);
            return (CommandResult<T>.Denied(v.Refusal!), v, null, CaseTier.None);
        }
        var sheet = await access.ReadableSheets(v).AsNoTracking().FirstOrDefaultAsync(s => s.Id == sheetId);
        if (sheet is null)
        {
            await audit.DeniedAsync(contractId, groupId, sheetId, "need-to-know");
            return (CommandResult<T>.Missing(), v, null, CaseTier.None);
        }
        var tier = CaseAccess.TierOn(v, sheet);
        if (tier < wanted)
        {
            await audit.SheetReadAsync(AuditKinds.CasePermissionDenied, contractId, groupId, sheetId, wanted, AuditOutcomes.Denied);
            return (CommandResult<T>.Denied("Ces informations sont réservées au coordonnateur et au référent de parcours."), v, sheet, tier);
        }
        if (sheet.Status == CaseStatus.Archived) await audit.SheetReadAsync(AuditKinds.CaseArchiveAccessed, contractId, groupId, sheetId, wanted);
        return (null, v, sheet, tier);
    }

    private static int Age(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }

    /// <summary>A string field of an audit event's data: the tier read, the rights request a change answered.</summary>
    private static string? Field(string? data, string name)
    {
        if (data is null) return null;
        using var json = System.Text.Json.JsonDocument.Parse(data);
        return json.RootElement.TryGetProperty(name, out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString() : null;
    }
}
