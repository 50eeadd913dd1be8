using static Vigie.Web.Features.ActionPlan.PlanRules;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Partner commitments on an item: the coordinator, or a member of the committed organisation for its own.</summary>
public sealed class CommitmentCommands(AppDbContext db, PlanCommandKit kit, ContractAccess access, PlanHistory history)
{
    public async Task<CommandResult<Guid>> SaveCommitmentAsync(Guid contractId, Guid itemId, Guid? commitmentId, CommitmentInput input)
    {
        if (await kit.OpenRecordAsync(db.Commitments, contractId, itemId, commitmentId) is not (var role, var c)) return CommandResult<Guid>.Missing();
        if (c is not null && !await access.CanEditOwnedByAsync(contractId, c.OrganisationId)) return CommandResult<Guid>.Denied();
        // A partner member may only write commitments of its own organisation (and cannot hand one to another).
        if (input.OrganisationId is { } org && !await access.CanEditOwnedByAsync(contractId, org)) return CommandResult<Guid>.Denied();
        if (role == ContractRole.Reader) return CommandResult<Guid>.Denied();
        var statuses = await kit.StatusesAsync(contractId);

        var errors = new ErrorBag();
        if (input.OrganisationId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o)) errors.Add("organisationId", "Cette organisation n'existe pas.");
        var status = ResolveStatus(input.Status, statuses, errors, "status");
        await kit.CheckRecordReferenceAsync(db.Commitments, contractId, commitmentId, input.Reference, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        return await kit.WriteRecordAsync(db.Commitments, c, () => new Commitment { ContractId = contractId, PlanItemId = itemId, What = "", Reference = NewReference('E') },
            input.Reference, history.SnapshotAsync, x =>
            {
                x.OrganisationId = input.OrganisationId!.Value;
                x.What = input.What.Trim();
                x.Means = Clean(input.Means);
                x.DueDate = input.DueDate;
                x.StatusId = status?.Id;
                x.Progress = input.Progress;
                x.Weight = input.Weight;
            }, input.Version);
    }

    public Task<CommandResult<Guid>> DeleteCommitmentAsync(Guid contractId, Guid itemId, Guid commitmentId) =>
        kit.DeleteRecordAsync(db.Commitments, contractId, itemId, commitmentId, (_, c) => access.CanEditOwnedByAsync(contractId, c.OrganisationId),
            history.SnapshotAsync, AuditKinds.PlanCommitmentDeleted);
}
