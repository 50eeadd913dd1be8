using static Vigie.Web.Features.ActionPlan.PlanRules;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Budget lines of an item: a line carried by a partner is that partner's contribution; the others are the coordinator's.</summary>
public sealed class BudgetCommands(AppDbContext db, PlanCommandKit kit, ContractAccess access, PlanHistory history, Auditor auditor)
{
    public async Task<CommandResult<Guid>> SaveBudgetLineAsync(Guid contractId, Guid itemId, Guid? lineId, BudgetLineInput input)
    {
        var role = await kit.RoleAsync(contractId);
        if (role is null || await kit.ItemAsync(contractId, itemId) is null) return CommandResult<Guid>.Missing();
        BudgetLine? l = null;
        if (lineId is { } lid)
        {
            l = await db.BudgetLines.FirstOrDefaultAsync(x => x.Id == lid && x.PlanItemId == itemId && x.ContractId == contractId);
            if (l is null) return CommandResult<Guid>.Missing();
            if (!await CanEditLineAsync(contractId, l.OrganisationId)) return CommandResult<Guid>.Denied();
        }
        if (!await CanEditLineAsync(contractId, input.OrganisationId)) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        if (input.OrganisationId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o)) errors.Add("organisationId", "Cette organisation n'existe pas.");
        if (input.Granted > 0 && input.Planned > 0 && input.Spent > input.Granted && input.Spent > input.Planned)
            errors.Add("spent", "Le montant dépensé dépasse à la fois le prévu et l'accordé : vérifiez la saisie.");
        await CheckReferenceAsync(db.BudgetLines.Where(x => x.ContractId == contractId && x.Id != lineId).Select(x => x.Reference), input.Reference, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var before = l is null ? null : await history.SnapshotAsync(l);
        if (l is null)
        {
            l = new BudgetLine { ContractId = contractId, PlanItemId = itemId, Reference = NewReference('B') };
            db.BudgetLines.Add(l);
        }
        if (!string.IsNullOrWhiteSpace(input.Reference)) l.Reference = input.Reference.Trim();
        l.Funder = input.Funder!.Value;
        l.OrganisationId = input.OrganisationId;
        l.Label = Clean(input.Label);
        l.Year = input.Year;
        l.Planned = input.Planned;
        l.Granted = input.Granted;
        l.Spent = input.Spent;
        history.Record(contractId, itemId, nameof(BudgetLine), l.Id, before, await history.SnapshotAsync(l));
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(l.Id);
    }

    /// <summary>A budget line carried by a partner is that partner's contribution; others are the coordinator's.</summary>
    private async Task<bool> CanEditLineAsync(Guid contractId, Guid? organisationId) =>
        organisationId is { } o ? await access.CanEditOwnedByAsync(contractId, o) : await access.RoleInAsync(contractId) == ContractRole.Coordinator;

    public async Task<CommandResult<Guid>> DeleteBudgetLineAsync(Guid contractId, Guid itemId, Guid lineId)
    {
        if (await kit.RoleAsync(contractId) is null) return CommandResult<Guid>.Missing();
        var l = await db.BudgetLines.FirstOrDefaultAsync(x => x.Id == lineId && x.PlanItemId == itemId && x.ContractId == contractId);
        if (l is null) return CommandResult<Guid>.Missing();
        if (!await CanEditLineAsync(contractId, l.OrganisationId)) return CommandResult<Guid>.Denied();
        history.Record(contractId, itemId, nameof(BudgetLine), l.Id, await history.SnapshotAsync(l), null);
        db.BudgetLines.Remove(l);
        auditor.Record(AuditKinds.PlanBudgetLineDeleted, nameof(BudgetLine), l.Id, contractId);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(l.Id);
    }
}
