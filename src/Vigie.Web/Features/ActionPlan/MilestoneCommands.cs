using static Vigie.Web.Features.ActionPlan.PlanRules;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Milestones of an item: the coordinator writes them; the responsible organisation may mark one done.</summary>
public sealed class MilestoneCommands(AppDbContext db, PlanCommandKit kit, ContractAccess access, PlanHistory history)
{
    public async Task<CommandResult<Guid>> SaveMilestoneAsync(Guid contractId, Guid itemId, Guid? milestoneId, MilestoneInput input)
    {
        if (await kit.OpenRecordAsync(db.Milestones, contractId, itemId, milestoneId) is not (var role, var m)) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        if (input.OwnerOrganisationId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o)) errors.Add("ownerOrganisationId", "Cette organisation n'existe pas.");
        await kit.CheckRecordReferenceAsync(db.Milestones, contractId, milestoneId, input.Reference, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        return await kit.WriteRecordAsync(db.Milestones, m, () => new Milestone { ContractId = contractId, PlanItemId = itemId, Title = "", Reference = NewReference('J') },
            input.Reference, history.SnapshotAsync, x =>
            {
                x.Title = input.Title.Trim();
                x.DueOn = input.DueOn!.Value;
                x.DoneOn = input.DoneOn;
                x.Weight = input.Weight;
                x.OwnerOrganisationId = input.OwnerOrganisationId;
            }, input.Version);
    }

    /// <summary>
    /// Marks a milestone done (or reopens it): the coordinator, or a member of the responsible organisation. With the version the
    /// button was shown with (ADR 0019), a milestone changed since (edited, done or reopened by someone else) is a conflict.
    /// </summary>
    public async Task<CommandResult<Guid>> SetMilestoneDoneAsync(Guid contractId, Guid itemId, Guid milestoneId, DateOnly? doneOn, int? version = null)
    {
        if (await kit.RoleAsync(contractId) is null || await kit.FindRecordAsync(db.Milestones, contractId, itemId, milestoneId) is not { } m) return CommandResult<Guid>.Missing();
        var allowed = m.OwnerOrganisationId is { } owner
            ? await access.CanEditOwnedByAsync(contractId, owner)
            : await access.RoleInAsync(contractId) == ContractRole.Coordinator;
        if (!allowed) return CommandResult<Guid>.Denied();
        var before = await history.SnapshotAsync(m);
        m.DoneOn = doneOn;
        var after = await history.SnapshotAsync(m);
        if (await EditConflicts.CheckAsync(db, m, version, before, after) is { } conflict) return CommandResult<Guid>.Stale(conflict);
        history.Record(contractId, itemId, nameof(Milestone), m.Id, before, after);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(m.Id);
    }

    public Task<CommandResult<Guid>> DeleteMilestoneAsync(Guid contractId, Guid itemId, Guid milestoneId) =>
        kit.DeleteRecordAsync(db.Milestones, contractId, itemId, milestoneId, (role, _) => Task.FromResult(role == ContractRole.Coordinator),
            history.SnapshotAsync, AuditKinds.PlanMilestoneDeleted);
}
