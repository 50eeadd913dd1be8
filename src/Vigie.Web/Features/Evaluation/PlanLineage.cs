using Vigie.Web.Features.ActionPlan;

namespace Vigie.Web.Features.Evaluation;

/// <summary>Which fiche action of which contract: the plan item page's partial takes it.</summary>
public sealed record PlanLineageKey(Guid ContractId, Guid ItemId);

/// <summary>One end of a lineage link: an action of another generation, with its contract.</summary>
public sealed record PlanLineageLink(Guid ContractId, string ContractTitle, DateOnly ContractStart, DateOnly ContractEnd, Guid ItemId, string Title);

/// <summary>What an action continues (the previous generation's action) and what continues it (the next generations').</summary>
public sealed record PlanLineageView(PlanLineageLink? Continues, IReadOnlyList<PlanLineageLink> ContinuedBy)
{
    public bool IsEmpty => Continues is null && ContinuedBy.Count == 0;
}

/// <summary>
/// The lineage of a fiche action across renewals (<see cref="PlanItem.ContinuesItemId"/>, issue 15 item 6), as the reader may
/// see it: an action of another generation is named only when its contract is visible to the reader and the action is one
/// they may read there (<see cref="PlanQueries.VisibleItemIdsAsync(Guid, Entitlement)"/>); otherwise it is not mentioned.
/// </summary>
public sealed class PlanLineage(AppDbContext db, ContractAccess access, PlanQueries plans)
{
    public async Task<PlanLineageView> ForAsync(PlanLineageKey key)
    {
        var continues = await db.PlanItems.AsNoTracking().Where(i => i.Id == key.ItemId && i.ContractId == key.ContractId)
            .Select(i => i.ContinuesItemId).FirstOrDefaultAsync();
        var ends = await (from i in db.PlanItems.AsNoTracking().Where(i => (continues != null && i.Id == continues) || i.ContinuesItemId == key.ItemId)
                          join c in access.Contracts.AsNoTracking() on i.ContractId equals c.Id
                          select new PlanLineageLink(c.Id, c.Title, c.StartDate, c.EndDate, i.Id, i.Title)).ToListAsync();
        var readable = new List<PlanLineageLink>();
        foreach (var contract in ends.GroupBy(e => e.ContractId))
        {
            var visible = await plans.VisibleItemIdsAsync(contract.Key, await plans.ReaderEntitlementAsync(contract.Key));
            readable.AddRange(contract.Where(e => visible.Contains(e.ItemId)));
        }
        return new PlanLineageView(readable.FirstOrDefault(e => e.ItemId == continues),
            readable.Where(e => e.ItemId != continues).OrderBy(e => e.ContractStart).ToList());
    }

    /// <summary>"du CLS de Lomme (2005–2008)".</summary>
    public static string Of(PlanLineageLink l) => $"{l.ContractTitle} ({l.ContractStart.Year}–{l.ContractEnd.Year})";
}
