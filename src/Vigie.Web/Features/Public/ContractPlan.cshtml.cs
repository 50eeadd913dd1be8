using Vigie.Web.Features.ActionPlan;

namespace Vigie.Web.Features.Public;

/// <summary>
/// Anonymous page of a published contract's plan: priorities, actions, status, progress, indicators with targets.
/// Nothing internal (no commitments' means, no comments, no history); budgets only when the contract chose to publish them.
/// </summary>
public sealed class ContractPlanModel(PlanQueries queries) : PageModel
{
    public PlanView Plan { get; private set; } = null!;
    public IReadOnlyList<IndicatorView> Indicators { get; private set; } = [];
    public PlanQueries.BudgetSummary? Budget { get; private set; }
    public IReadOnlyDictionary<Guid, Guid> ItemOfIndicator { get; private set; } = new Dictionary<Guid, Guid>();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await queries.PublicPlanAsync(id) is not { } plan) return NotFound();
        Plan = plan;
        Indicators = await queries.IndicatorsAsync(id, [.. plan.Rows.Select(r => r.Id)], withObservatory: true);
        ItemOfIndicator = await queries.IndicatorItemsAsync(id);
        if (plan.PublishBudget) Budget = await queries.BudgetAsync(plan);
        ViewData["Title"] = "Plan d'action — " + plan.ContractTitle;
        return Page();
    }
}
