using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Adds or edits a budget line; a partner member writes only their organisation's contributions.</summary>
[Infrastructure.ContractRequirement(ContractRole.Reader)]
public sealed class BudgetLineModel(PlanQueries queries, BudgetCommands commands, AppDbContext db, Partners.PartnerPicker picker) : SubRecordPage<BudgetLineInput>(queries, db, picker)
{
    public IEnumerable<SelectListItem> Funders { get; } = Enum.GetValues<FundingSource>().Select(f => new SelectListItem(PlanLabels.Funder(f), f.ToString()));

    protected override SubRecordTexts Texts { get; } = new("lineId", "Ajouter une ligne de budget", "Modifier une ligne de budget",
        "La ligne de budget a été ajoutée.", "La ligne de budget a été mise à jour.", "La ligne de budget a été supprimée.");

    protected override Task<IActionResult?> AuthorizeAsync(Guid id)
    {
        var existing = RecordId is { } lid ? Detail.Budget.FirstOrDefault(l => l.Id == lid) : null;
        if (!IsNew && existing is null) return Task.FromResult<IActionResult?>(NotFound());
        if (Detail.Role == ContractRole.Reader || existing is { CanEdit: false }) return Task.FromResult<IActionResult?>(Forbid());
        return Task.FromResult<IActionResult?>(null);
    }

    protected override Task FillInputAsync()
    {
        if (RecordId is { } lid && Detail.Budget.First(l => l.Id == lid) is var l)
            Input = new BudgetLineInput { Funder = l.Funder, OrganisationId = l.OrganisationId, Label = l.Label, Year = l.Year, Planned = l.Planned, Granted = l.Granted, Spent = l.Spent, Reference = l.Reference, Version = l.Version };
        else if (Detail.Role == ContractRole.PartnerMember) Input.OrganisationId = Detail.UserOrganisationId;
        return Task.CompletedTask;
    }

    protected override Task<CommandResult<Guid>> SaveAsync(Guid id, Guid itemId) => commands.SaveBudgetLineAsync(id, itemId, RecordId, Input);
    protected override Task<CommandResult<Guid>> DeleteAsync(Guid id, Guid itemId, Guid recordId) => commands.DeleteBudgetLineAsync(id, itemId, recordId);
}
