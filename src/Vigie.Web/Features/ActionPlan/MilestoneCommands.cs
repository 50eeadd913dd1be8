using static Vigie.Web.Features.ActionPlan.PlanRules;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Milestones of an item: the coordinator writes them; the responsible organisation may mark one done.</summary>
public sealed class MilestoneCommands(AppDbContext db, PlanCommandKit kit, ContractAccess access, PlanHistory history, Auditor auditor)
{
    public async Task<CommandResult<Guid>> SaveMilestoneAsync(Guid contractId, Guid itemId, Guid? milestoneId, MilestoneInput input)
    {
        var role = await kit.RoleAsync(contractId);
        if (role is null || await kit.ItemAsync(contractId, itemId) is null) return CommandResult<Guid>.Missing();
        Milestone? m = null;
        if (milestoneId is { } mid)
        {
            m = await db.Milestones.FirstOrDefaultAsync(x => x.Id == mid && x.PlanItemId == itemId && x.ContractId == contractId);
            if (m is null) return CommandResult<Guid>.Missing();
        }
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        if (input.OwnerOrganisationId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o)) errors.Add("ownerOrganisationId", "Cette organisation n'existe pas.");
        await CheckReferenceAsync(db.Milestones.Where(x => x.ContractId == contractId && x.Id != milestoneId).Select(x => x.Reference), input.Reference, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var before = m is null ? null : await history.SnapshotAsync(m);
        if (m is null)
        {
            m = new Milestone { ContractId = contractId, PlanItemId = itemId, Title = "", Reference = NewReference('J') };
            db.Milestones.Add(m);
        }
        if (!string.IsNullOrWhiteSpace(input.Reference)) m.Reference = input.Reference.Trim();
        m.Title = input.Title.Trim();
        m.DueOn = input.DueOn!.Value;
        m.DoneOn = input.DoneOn;
        m.Weight = input.Weight;
        m.OwnerOrganisationId = input.OwnerOrganisationId;
        history.Record(contractId, itemId, nameof(Milestone), m.Id, before, await history.SnapshotAsync(m));
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(m.Id);
    }

    /// <summary>Marks a milestone done (or reopens it): the coordinator, or a member of the responsible organisation.</summary>
    public async Task<CommandResult<Guid>> SetMilestoneDoneAsync(Guid contractId, Guid itemId, Guid milestoneId, DateOnly? doneOn)
    {
        if (await kit.RoleAsync(contractId) is null) return CommandResult<Guid>.Missing();
        var m = await db.Milestones.FirstOrDefaultAsync(x => x.Id == milestoneId && x.PlanItemId == itemId && x.ContractId == contractId);
        if (m is null) return CommandResult<Guid>.Missing();
        var allowed = m.OwnerOrganisationId is { } owner
            ? await access.CanEditOwnedByAsync(contractId, owner)
            : await access.RoleInAsync(contractId) == ContractRole.Coordinator;
        if (!allowed) return CommandResult<Guid>.Denied();
        var before = await history.SnapshotAsync(m);
        m.DoneOn = doneOn;
        history.Record(contractId, itemId, nameof(Milestone), m.Id, before, await history.SnapshotAsync(m));
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(m.Id);
    }

    public async Task<CommandResult<Guid>> DeleteMilestoneAsync(Guid contractId, Guid itemId, Guid milestoneId)
    {
        var role = await kit.RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        var m = await db.Milestones.FirstOrDefaultAsync(x => x.Id == milestoneId && x.PlanItemId == itemId && x.ContractId == contractId);
        if (m is null) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        history.Record(contractId, itemId, nameof(Milestone), m.Id, await history.SnapshotAsync(m), null);
        db.Milestones.Remove(m);
        auditor.Record(AuditKinds.PlanMilestoneDeleted, nameof(Milestone), m.Id, contractId);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(m.Id);
    }
}
