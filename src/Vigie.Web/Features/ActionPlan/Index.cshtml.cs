using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>The plan of a contract: numbered tree, computed progress, per-partner progress.</summary>
public sealed class IndexModel(PlanQueries queries) : PageModel
{
    public PlanView Plan { get; private set; } = null!;
    public IReadOnlyList<PlanQueries.PartnerProgress> Partners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await queries.PlanAsync(id) is not { } plan) return NotFound();
        Plan = plan;
        Partners = await queries.PartnerProgressAsync(id);
        ViewData["Title"] = "Plan d'action — " + plan.ContractTitle;
        return Page();
    }
}
