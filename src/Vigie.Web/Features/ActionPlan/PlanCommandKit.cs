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
public sealed class PlanCommandKit(AppDbContext db, ContractAccess access, ICurrentUser user, Shared.Egress egress)
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
