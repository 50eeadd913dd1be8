using static Vigie.Web.Features.ActionPlan.PlanRules;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Budget lines of an item: a line carried by a partner is that partner's contribution; the others are the coordinator's.</summary>
public sealed class BudgetCommands(AppDbContext db, PlanCommandKit kit, ContractAccess access, PlanHistory history)
{
    public async Task<CommandResult<Guid>> SaveBudgetLineAsync(Guid contractId, Guid itemId, Guid? lineId, BudgetLineInput input)
    {
        if (await kit.OpenRecordAsync(db.BudgetLines, contractId, itemId, lineId) is not (_, var l)) return CommandResult<Guid>.Missing();
        if (l is not null && !await CanEditLineAsync(contractId, l.OrganisationId)) return CommandResult<Guid>.Denied();
        if (!await CanEditLineAsync(contractId, input.OrganisationId)) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        if (input.OrganisationId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o)) errors.Add("organisationId", "Cette organisation n'existe pas.");
        if (input.Granted > 0 && input.Planned > 0 && input.Spent > input.Granted && input.Spent > input.Planned)
            errors.Add("spent", "Le montant dépensé dépasse à la fois le prévu et l'accordé : vérifiez la saisie.");
        await kit.CheckRecordReferenceAsync(db.BudgetLines, contractId, lineId, input.Reference, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        return await kit.WriteRecordAsync(db.BudgetLines, l, () => new BudgetLine { ContractId = contractId, PlanItemId = itemId, Reference = NewReference('B') },
            input.Reference, history.SnapshotAsync, x =>
            {
                x.Funder = input.Funder!.Value;
                x.OrganisationId = input.OrganisationId;
                x.Label = Clean(input.Label);
                x.Year = input.Year;
                x.Planned = input.Planned;
                x.Granted = input.Granted;
                x.Spent = input.Spent;
            }, input.Version);
    }

    /// <summary>A budget line carried by a partner is that partner's contribution; others are the coordinator's.</summary>
    private async Task<bool> CanEditLineAsync(Guid contractId, Guid? organisationId) =>
        organisationId is { } o ? await access.CanEditOwnedByAsync(contractId, o) : await access.RoleInAsync(contractId) == ContractRole.Coordinator;

    public Task<CommandResult<Guid>> DeleteBudgetLineAsync(Guid contractId, Guid itemId, Guid lineId) =>
        kit.DeleteRecordAsync(db.BudgetLines, contractId, itemId, lineId, (_, l) => CanEditLineAsync(contractId, l.OrganisationId),
            history.SnapshotAsync, AuditKinds.PlanBudgetLineDeleted);
}
