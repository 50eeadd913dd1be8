using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>The plan's budget: every line, totals per priority, per funder and per partner.</summary>
public sealed class BudgetModel(PlanQueries queries) : PageModel
{
    public PlanView Plan { get; private set; } = null!;
    public PlanQueries.BudgetSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await queries.PlanAsync(id) is not { } plan) return NotFound();
        Plan = plan;
        Summary = (await queries.BudgetAsync(plan))!;
        ViewData["Title"] = "Budget du plan d'action";
        return Page();
    }

    public static string Euros(decimal v) => v.ToString("N2", Vigie.Web.Infrastructure.Culture.French) + " €";
}
