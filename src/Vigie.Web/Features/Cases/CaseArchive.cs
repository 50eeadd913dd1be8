namespace Vigie.Web.Features.Cases;

/// <summary>A sheet in the purge preview: its code and dates, never a name.</summary>
public sealed record CasePurgeLine(Guid SheetId, string Code, CaseStatus Status, DateOnly? EndedOn, DateOnly PurgeOn, bool AgeLimit,
    DateOnly? FrozenUntil, CaseFreezeReason? FreezeReason, DateOnly? NoticeSentOn);
public sealed record CasePurgeSlipView(Guid Id, Guid GroupId, string GroupName, DateOnly PurgedOn, int SheetCount, DateOnly EarliestStart, DateOnly? LatestEnd, string ProcessingName);
/// <summary>The coordinator's retention view of a group: settings, what will be purged (and when), archives, elimination slips.</summary>
public sealed record CaseRetentionView(Guid GroupId, string GroupName, int ArchiveMonths, int NotRetainedMonths, int? CohortMaxAge,
    IReadOnlyList<CasePurgeLine> Upcoming, IReadOnlyList<CasePurgeLine> Archives, IReadOnlyList<CasePurgeSlipView> Slips, int AuditMonths = 12);
public sealed record CaseRegisterGroup(Guid Id, string Name, CaseGroupKind Kind, int? CohortMaxAge, int ArchiveMonths, int NotRetainedMonths, int ActiveMembers, int CharterVersion,
    int AuditMonths = 12);
/// <summary>One aggregate cell: null when fewer than 5 people (suppressed, A6), or masked so that a total cannot reveal another cell (<paramref name="Secondary"/>).</summary>
public sealed record CaseAggregateCell(string Label, int? Count, bool Secondary = false);
/// <summary>
/// The processing register entry (GDPR art. 30) of the contract's follow-up, and its anonymous aggregates over every group
/// and year (<see cref="CaseAggregates.ForYearsAsync"/>, the blocks the reports show: one block for all groups and years would reveal a report's suppressed cell by difference: cells under 5 suppressed, the total masked where it would reveal one).
/// </summary>
public sealed record CaseRegisterView(string ProcessingName, IReadOnlyList<CaseRegisterGroup> Groups, IReadOnlyList<CasePurgeSlipView> Slips, IReadOnlyList<CaseAggregateBlock> Aggregates);

/// <summary>
/// Retention and archives of the follow-up (§1.6, A10), for the coordinator: the purge preview with freezes, the group's
/// retention settings, the 24-hour motivated opening of an archived sheet; and the contract's processing register with
/// its anonymous aggregates. Same rules (<see cref="CaseAccess"/>), same audit (<see cref="CaseAudit"/>) as the rest.
/// </summary>
public sealed class CaseArchive(AppDbContext db, CaseAccess access, ContractViewers viewers, CaseCipher cipher, CaseRetention retention, CaseAggregates aggregates, Auditor auditor, CaseAudit audit)
{
    public const int SmallCell = 5;
    public static readonly TimeSpan ArchiveWindow = TimeSpan.FromHours(24);

    public async Task<CommandResult<CaseRetentionView>> RetentionAsync(Guid contractId, Guid groupId)
    {
        var (failure, v) = await CoordinatorAsync<CaseRetentionView>(contractId, groupId);
        if (failure is not null) return failure;
        var g = v!.Group;
        var today = access.Today;
        var sheets = await db.CaseSheets.AsNoTracking().Where(s => s.GroupId == g.Id && s.ContractId == contractId).ToListAsync();
        var lines = sheets.Select(s => (Sheet: s, Birth: retention.BirthDate(s))).Select(x => (x.Sheet, PurgeOn: CaseRetention.PurgeDate(x.Sheet, g, x.Birth),
                AgeLimit: CaseRetention.AgeLimit(x.Birth, g) is { } l && l == CaseRetention.PurgeDate(x.Sheet, g, x.Birth)))
            .Select(x => new CasePurgeLine(x.Sheet.Id, x.Sheet.Code, x.Sheet.Status, x.Sheet.EndedOn, x.PurgeOn ?? DateOnly.MaxValue, x.AgeLimit,
                x.Sheet.FrozenUntil >= today ? x.Sheet.FrozenUntil : null, x.Sheet.FrozenUntil >= today ? x.Sheet.FreezeReason : null, x.Sheet.PurgeNoticeSentOn))
            .OrderBy(l => l.PurgeOn).ThenBy(l => l.Code).ToList();
        var upcoming = lines.Where(l => !CaseRetention.IsOpen(l.Status) || l.PurgeOn <= today.AddMonths(3)).Where(l => l.PurgeOn != DateOnly.MaxValue).ToList();
        var archives = lines.Where(l => l.Status == CaseStatus.Archived).ToList();
        return CommandResult<CaseRetentionView>.Ok(new CaseRetentionView(g.Id, g.Name, g.ArchiveMonths, g.NotRetainedMonths, g.CohortMaxAge, upcoming, archives,
            await SlipsAsync(contractId, g.Id), g.AuditMonths));
    }

    public async Task<CommandResult<Guid>> SetRetentionAsync(Guid contractId, Guid groupId, CaseRetentionInput input)
    {
        var (failure, v) = await CoordinatorAsync<Guid>(contractId, groupId);
        if (failure is not null) return failure;
        var group = await db.CaseGroups.FirstAsync(x => x.Id == v!.Group.Id);
        var old = new { archive = group.ArchiveMonths, notRetained = group.NotRetainedMonths, audit = group.AuditMonths };
        group.ArchiveMonths = input.ArchiveMonths!.Value;
        group.NotRetainedMonths = input.NotRetainedMonths!.Value;
        group.AuditMonths = input.AuditMonths ?? group.AuditMonths;
        auditor.Record(AuditKinds.CaseRetentionChanged, CaseAudit.GroupEntity, group.Id, contractId,
            new { from = old, archive = group.ArchiveMonths, notRetained = group.NotRetainedMonths, audit = group.AuditMonths });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(group.Id);
    }

    /// <summary>Freezes a sheet (or lifts the freeze without an end date): at most 6 months ahead, renewable; the 25th birthday purge still applies.</summary>
    public async Task<CommandResult<Guid>> FreezeAsync(Guid contractId, Guid groupId, Guid sheetId, CaseFreezeInput input)
    {
        var (failure, v) = await CoordinatorAsync<Guid>(contractId, groupId);
        if (failure is not null) return failure;
        var sheet = await db.CaseSheets.FirstOrDefaultAsync(s => s.Id == sheetId && s.GroupId == groupId && s.ContractId == contractId);
        if (sheet is null) return CommandResult<Guid>.Missing();
        var today = access.Today;
        if (input.Until is { } until)
        {
            var errors = new ErrorBag();
            if (input.Reason is null) errors.Add("reason", "Choisissez le motif du gel.");
            if (until <= today) errors.Add("until", "La fin du gel doit être postérieure à aujourd'hui.");
            else if (until > today.AddMonths(CaseRetention.MaxFreezeMonths)) errors.Add("until", "Un gel dure 6 mois au plus (renouvelable).");
            if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        }
        sheet.FrozenUntil = input.Until;
        sheet.FreezeReason = input.Until is null ? null : input.Reason;
        auditor.Record(AuditKinds.CaseSheetFrozen, CaseAudit.SheetEntity, sheet.Id, contractId, new
        {
            group = groupId, tier = "T1", reason = sheet.FreezeReason?.ToString(), until = sheet.FrozenUntil, lifted = input.Until is null,
        });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(sheet.Id);
    }

    /// <summary>Rule A10: the coordinator opens an archived sheet, read-only, for 24 hours, with a motive (encrypted; the event records that one was given).</summary>
    public async Task<CommandResult<Guid>> OpenArchiveAsync(Guid contractId, Guid groupId, Guid sheetId, CaseArchiveAccessInput input)
    {
        var (failure, v) = await CoordinatorAsync<Guid>(contractId, groupId, sheetId);
        if (failure is not null) return failure;
        var archived = await db.CaseSheets.AnyAsync(s => s.Id == sheetId && s.GroupId == groupId && s.ContractId == contractId && s.Status == CaseStatus.Archived);
        if (!archived) return CommandResult<Guid>.Invalid("sheetId", "Seule une fiche archivée s'ouvre avec un motif ; les fiches en cours se consultent directement.");
        var grant = new CaseArchiveAccess { Id = Guid.NewGuid(), SheetId = sheetId, UserId = v!.UserId, GrantedAt = access.Now, Until = access.Now + ArchiveWindow, MotiveCipher = "" };
        grant.MotiveCipher = cipher.Encrypt(input.Motive!.Trim(), grant.Id, "motive");
        db.CaseArchiveAccesses.Add(grant);
        auditor.Record(AuditKinds.CaseArchiveAccessRequested, CaseAudit.SheetEntity, sheetId, contractId, new { group = groupId, tier = "T3", access = grant.Id, until = grant.Until });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(grant.Id);
    }

    /// <summary>The processing register entry and anonymous aggregates of a contract: any member of the contract (no name, no code, cells under 5 suppressed).</summary>
    public async Task<CommandResult<CaseRegisterView>> RegisterAsync(Guid contractId)
    {
        if (await viewers.ForAsync(contractId) is null) return CommandResult<CaseRegisterView>.Missing();
        var today = access.Today;
        var groups = await db.CaseGroups.AsNoTracking().Where(g => g.ContractId == contractId).OrderBy(g => g.Name)
            .Select(g => new CaseRegisterGroup(g.Id, g.Name, g.Kind, g.CohortMaxAge, g.ArchiveMonths, g.NotRetainedMonths,
                g.Members.Count(m => m.Status == CaseMemberStatus.Active && m.From <= today && (m.To == null || m.To >= today)), g.CharterVersion, g.AuditMonths)).ToListAsync();
        // Aggregates: the live sheets and the purged sheets' stubs, with the suppression of the reports (primary and secondary).
        return CommandResult<CaseRegisterView>.Ok(new CaseRegisterView(CaseRetention.ProcessingName, groups, await SlipsAsync(contractId, null),
            await aggregates.ForYearsAsync(contractId, int.MinValue, int.MaxValue)));
    }

    private async Task<IReadOnlyList<CasePurgeSlipView>> SlipsAsync(Guid contractId, Guid? groupId) =>
        await (from s in db.CasePurgeSlips.AsNoTracking()
               join g in db.CaseGroups on s.GroupId equals g.Id
               where s.ContractId == contractId && (groupId == null || s.GroupId == groupId)
               orderby s.PurgedOn descending
               select new CasePurgeSlipView(s.Id, s.GroupId, g.Name, s.PurgedOn, s.SheetCount, s.EarliestStart, s.LatestEnd, s.ProcessingName)).Take(200).ToListAsync();

    /// <summary>The group's coordinator (404 when the group is not visible, 403 audited otherwise).</summary>
    private async Task<(CommandResult<T>? Failure, CaseGroupViewer? Viewer)> CoordinatorAsync<T>(Guid contractId, Guid groupId, Guid? sheetId = null)
    {
        if (await access.GroupAsync(contractId, groupId) is not { } v) return (CommandResult<T>.Missing(), null);
        if (v.IsCoordinator) return (null, v);
        await audit.DeniedAsync(contractId, groupId, sheetId, v.HasContentAccess ? "not-coordinator" : v.RefusalCode);
        return (CommandResult<T>.Denied(v.Refusal ?? "Seul le coordonnateur du dispositif gère la conservation et les archives."), null);
    }
}
