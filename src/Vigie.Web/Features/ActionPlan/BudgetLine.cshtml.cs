using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Adds or edits a budget line; a partner member writes only their organisation's contributions.</summary>
[Infrastructure.ContractRequirement(ContractRole.Reader)]
public sealed class BudgetLineModel(PlanQueries queries, BudgetCommands commands, AppDbContext db, Partners.PartnerPicker picker) : SubRecordPage(queries, db, picker)
{
    [BindProperty] public BudgetLineInput Input { get; set; } = new();
    public IEnumerable<SelectListItem> Funders { get; } = Enum.GetValues<FundingSource>().Select(f => new SelectListItem(PlanLabels.Funder(f), f.ToString()));
    public IEnumerable<SelectListItem> OwnOrganisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid itemId, Guid? lineId)
    {
        if (await LoadAsync(id, itemId, lineId) is { } stop) return stop;
        if (lineId is { } lid && Detail.Budget.First(l => l.Id == lid) is var l)
            Input = new BudgetLineInput { Funder = l.Funder, OrganisationId = l.OrganisationId, Label = l.Label, Year = l.Year, Planned = l.Planned, Granted = l.Granted, Spent = l.Spent, Reference = l.Reference };
        else if (Detail.Role == ContractRole.PartnerMember) Input.OrganisationId = Detail.UserOrganisationId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid itemId, Guid? lineId)
    {
        if (await LoadAsync(id, itemId, lineId) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        return After(await commands.SaveBudgetLineAsync(id, itemId, lineId, Input), IsNew ? "La ligne de budget a été ajoutée." : "La ligne de budget a été mise à jour.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid itemId, Guid lineId)
    {
        if (await LoadAsync(id, itemId, lineId) is { } stop) return stop;
        return After(await commands.DeleteBudgetLineAsync(id, itemId, lineId), "La ligne de budget a été supprimée.");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid itemId, Guid? lineId)
    {
        IsNew = lineId is null;
        if (!await LoadDetailAsync(id, itemId, IsNew ? "Ajouter une ligne de budget" : "Modifier une ligne de budget")) return NotFound();
        var existing = lineId is { } lid ? Detail.Budget.FirstOrDefault(l => l.Id == lid) : null;
        if (!IsNew && existing is null) return NotFound();
        if (Detail.Role == ContractRole.Reader || existing is { CanEdit: false }) return Forbid();
        OwnOrganisations = Detail.Role == ContractRole.Coordinator ? Organisations : Organisations.Where(o => o.Value == Detail.UserOrganisationId.ToString());
        return null;
    }
}
