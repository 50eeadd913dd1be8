using static Vigie.Web.Features.ActionPlan.PlanRules;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Partner commitments on an item: the coordinator, or a member of the committed organisation for its own.</summary>
public sealed class CommitmentCommands(AppDbContext db, PlanCommandKit kit, ContractAccess access, PlanHistory history, Auditor auditor)
{
    public async Task<CommandResult<Guid>> SaveCommitmentAsync(Guid contractId, Guid itemId, Guid? commitmentId, CommitmentInput input)
    {
        var role = await kit.RoleAsync(contractId);
        if (role is null || await kit.ItemAsync(contractId, itemId) is null) return CommandResult<Guid>.Missing();
        Commitment? c = null;
        if (commitmentId is { } cid)
        {
            c = await db.Commitments.FirstOrDefaultAsync(x => x.Id == cid && x.PlanItemId == itemId && x.ContractId == contractId);
            if (c is null) return CommandResult<Guid>.Missing();
            if (!await access.CanEditOwnedByAsync(contractId, c.OrganisationId)) return CommandResult<Guid>.Denied();
        }
        // A partner member may only write commitments of its own organisation (and cannot hand one to another).
        if (input.OrganisationId is { } org && !await access.CanEditOwnedByAsync(contractId, org)) return CommandResult<Guid>.Denied();
        if (role == ContractRole.Reader) return CommandResult<Guid>.Denied();
        var statuses = await kit.StatusesAsync(contractId);

        var errors = new ErrorBag();
        if (input.OrganisationId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o)) errors.Add("organisationId", "Cette organisation n'existe pas.");
        var status = ResolveStatus(input.Status, statuses, errors, "status");
        await CheckReferenceAsync(db.Commitments.Where(x => x.ContractId == contractId && x.Id != commitmentId).Select(x => x.Reference), input.Reference, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var before = c is null ? null : await history.SnapshotAsync(c);
        if (c is null)
        {
            c = new Commitment { ContractId = contractId, PlanItemId = itemId, What = "", Reference = NewReference('E') };
            db.Commitments.Add(c);
        }
        if (!string.IsNullOrWhiteSpace(input.Reference)) c.Reference = input.Reference.Trim();
        c.OrganisationId = input.OrganisationId!.Value;
        c.What = input.What.Trim();
        c.Means = Clean(input.Means);
        c.DueDate = input.DueDate;
        c.StatusId = status?.Id;
        c.Progress = input.Progress;
        c.Weight = input.Weight;
        history.Record(contractId, itemId, nameof(Commitment), c.Id, before, await history.SnapshotAsync(c));
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(c.Id);
    }

    public async Task<CommandResult<Guid>> DeleteCommitmentAsync(Guid contractId, Guid itemId, Guid commitmentId)
    {
        if (await kit.RoleAsync(contractId) is null) return CommandResult<Guid>.Missing();
        var c = await db.Commitments.FirstOrDefaultAsync(x => x.Id == commitmentId && x.PlanItemId == itemId && x.ContractId == contractId);
        if (c is null) return CommandResult<Guid>.Missing();
        if (!await access.CanEditOwnedByAsync(contractId, c.OrganisationId)) return CommandResult<Guid>.Denied();
        history.Record(contractId, itemId, nameof(Commitment), c.Id, await history.SnapshotAsync(c), null);
        db.Commitments.Remove(c);
        auditor.Record(AuditKinds.PlanCommitmentDeleted, nameof(Commitment), c.Id, contractId);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(c.Id);
    }
}
