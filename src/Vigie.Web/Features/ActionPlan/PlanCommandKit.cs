namespace Vigie.Web.Features.ActionPlan;

/// <summary>
/// What every plan command family shares: the user's role in the contract (null when it is not visible), the item
/// lookup that honours the item's visibility (ADR 0006), and the contract's status vocabulary. The families
/// (<see cref="PlanItemCommands"/>, <see cref="CommitmentCommands"/>, <see cref="MilestoneCommands"/>,
/// <see cref="BudgetCommands"/>, <see cref="IndicatorCommands"/>, <see cref="PlanSettingsCommands"/>) follow one shape:
/// load (scoped through <see cref="ContractAccess"/>) → authorize → validate → change + history + audit → one SaveChanges.
/// The coordinator edits everything; a partner member edits only what their organisation owns (its commitments, its
/// budget lines, the milestones it is responsible for); a reader edits nothing.
/// </summary>
public sealed class PlanCommandKit(AppDbContext db, ContractAccess access, ICurrentUser user, Shared.Egress egress, PlanHistory history, Auditor auditor)
{
    /// <summary>Null when the contract is not visible: the role comes from the request's cached <see cref="ContractViewer"/>, which already scopes by membership.</summary>
    public Task<ContractRole?> RoleAsync(Guid contractId) => access.RoleInAsync(contractId);

    /// <summary>The item, when it exists in the contract and the user may read it: an item hidden by its visibility (ADR 0006) cannot be changed either.</summary>
    public async Task<PlanItem?> ItemAsync(Guid contractId, Guid itemId) =>
        await CanSeeItemAsync(contractId, itemId) ? await db.PlanItems.FirstOrDefaultAsync(i => i.Id == itemId && i.ContractId == contractId) : null;

    public async Task<bool> CanSeeItemAsync(Guid contractId, Guid itemId)
    {
        var entitlement = await egress.EntitlementAsync(contractId, Shared.Audience.Reader(user.Id ?? Guid.Empty, user.IsAdministrator));
        return (await PlanQueries.VisibleItemIdsAsync(db, contractId, entitlement)).Contains(itemId);
    }

    /// <summary>
    /// Opens a record of an item (<see cref="PlanItemRecord"/>) for a save: null when the contract, the item or — when
    /// <paramref name="recordId"/> is given — the record is not visible; else the caller's role and the record (null for a new one).
    /// </summary>
    public async Task<(ContractRole Role, T? Record)?> OpenRecordAsync<T>(DbSet<T> set, Guid contractId, Guid itemId, Guid? recordId) where T : PlanItemRecord
    {
        if (await RoleAsync(contractId) is not { } role || await ItemAsync(contractId, itemId) is null) return null;
        if (recordId is not { } id) return (role, null);
        return await FindRecordAsync(set, contractId, itemId, id) is { } r ? (role, r) : null;
    }

    public Task<T?> FindRecordAsync<T>(DbSet<T> set, Guid contractId, Guid itemId, Guid recordId) where T : PlanItemRecord =>
        set.FirstOrDefaultAsync(x => x.Id == recordId && x.PlanItemId == itemId && x.ContractId == contractId);

    /// <summary>A typed reference must be unique among the contract's records of the same kind.</summary>
    public Task CheckRecordReferenceAsync<T>(DbSet<T> set, Guid contractId, Guid? recordId, string? reference, ErrorBag errors) where T : PlanItemRecord =>
        PlanRules.CheckReferenceAsync(set.Where(x => x.ContractId == contractId && x.Id != recordId).Select(x => x.Reference), reference, errors);

    /// <summary>
    /// Writes a validated record: creates it when <paramref name="record"/> is null, keeps a typed reference, applies the
    /// input, records the field history and saves once. An edit started from a stale <paramref name="version"/> is refused
    /// with the fields that differ (ADR 0019), nothing saved.
    /// </summary>
    public async Task<CommandResult<Guid>> WriteRecordAsync<T>(DbSet<T> set, T? record, Func<T> create, string? reference,
        Func<T, Task<Dictionary<string, string?>>> snapshot, Action<T> apply, int? version = null) where T : PlanItemRecord
    {
        var before = record is null ? null : await snapshot(record);
        if (record is null)
        {
            record = create();
            set.Add(record);
        }
        if (!string.IsNullOrWhiteSpace(reference)) record.Reference = reference.Trim();
        apply(record);
        var after = await snapshot(record);
        if (before is not null && await EditConflicts.CheckAsync(db, record, version, before, after) is { } conflict) return CommandResult<Guid>.Stale(conflict);
        history.Record(record.ContractId, record.PlanItemId, typeof(T).Name, record.Id, before, after);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(record.Id);
    }

    /// <summary>Deletes a record of an item when <paramref name="allowed"/> says the caller may: history, audit event, one save.</summary>
    public async Task<CommandResult<Guid>> DeleteRecordAsync<T>(DbSet<T> set, Guid contractId, Guid itemId, Guid recordId,
        Func<ContractRole, T, Task<bool>> allowed, Func<T, Task<Dictionary<string, string?>>> snapshot, string auditKind) where T : PlanItemRecord
    {
        if (await RoleAsync(contractId) is not { } role) return CommandResult<Guid>.Missing();
        if (await FindRecordAsync(set, contractId, itemId, recordId) is not { } r) return CommandResult<Guid>.Missing();
        if (!await allowed(role, r)) return CommandResult<Guid>.Denied();
        history.Record(contractId, itemId, typeof(T).Name, r.Id, await snapshot(r), null);
        set.Remove(r);
        auditor.Record(auditKind, typeof(T).Name, r.Id, contractId);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(r.Id);
    }

    /// <summary>
    /// The contract's status vocabulary. Defaults are created with the contract (<see cref="DefaultStatuses"/>) and, for
    /// contracts that predate that, at start-up (<see cref="SeedMissingStatusesAsync"/>); write paths still add them when
    /// a contract has none (one inserted outside the contract commands), reads never do.
    /// </summary>
    public async Task<List<PlanStatus>> StatusesAsync(Guid contractId)
    {
        var existing = await db.PlanStatuses.Where(s => s.ContractId == contractId).OrderBy(s => s.Order).ToListAsync();
        if (existing.Count > 0) return existing;
        existing = DefaultStatuses(contractId).ToList();
        db.PlanStatuses.AddRange(existing);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another request seeded the same contract at the same moment: the unique key kept one set; use it.
            foreach (var s in existing) db.Entry(s).State = EntityState.Detached;
            return await db.PlanStatuses.Where(s => s.ContractId == contractId).OrderBy(s => s.Order).ToListAsync();
        }
        return existing;
    }

    /// <summary>The default status vocabulary of a new contract's plan (<see cref="PlanLabels.DefaultStatuses"/>).</summary>
    public static IEnumerable<PlanStatus> DefaultStatuses(Guid contractId)
    {
        var order = 0;
        foreach (var (key, label, progress, closed, counts) in PlanLabels.DefaultStatuses)
            yield return new PlanStatus { ContractId = contractId, Key = key, Label = label, DefaultProgress = progress, IsClosed = closed, CountsInProgress = counts, Order = ++order };
    }

    /// <summary>
    /// Start-up step: gives the default vocabulary to every contract that has no status yet (contracts created before
    /// statuses were created with the contract). Idempotent; a no-op once every contract has its statuses.
    /// </summary>
    public static async Task SeedMissingStatusesAsync(AppDbContext db)
    {
        var missing = await db.Contracts.Where(c => !db.PlanStatuses.Any(s => s.ContractId == c.Id)).Select(c => c.Id).ToListAsync();
        if (missing.Count == 0) return;
        foreach (var id in missing) db.PlanStatuses.AddRange(DefaultStatuses(id));
        await db.SaveChangesAsync();
    }
}
