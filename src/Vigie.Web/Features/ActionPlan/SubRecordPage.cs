using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>
/// Shared plumbing of the pages that add or edit one record of a fiche (commitment, milestone, budget line,
/// indicator): load the fiche through the scoped queries (404 when not visible), then PRG back to the fiche.
/// </summary>
public abstract class SubRecordPage(PlanQueries queries, AppDbContext db, Partners.PartnerPicker picker) : PageModel
{
    public ItemDetail Detail { get; private set; } = null!;
    public IEnumerable<SelectListItem> Organisations { get; private set; } = [];
    public bool IsNew { get; protected set; }
    public string BackUrl => Url.Page("/ActionPlan/Item", new { id = Detail.Item.ContractId, itemId = Detail.Item.Id })!;
    protected AppDbContext Db => db;
    protected PlanQueries Queries => queries;

    protected async Task<bool> LoadDetailAsync(Guid id, Guid itemId, string title)
    {
        if (await queries.ItemAsync(id, itemId) is not { } d) return false;
        Detail = d;
        // The contract's partners first, the directory on demand (issue 11 B).
        Organisations = await picker.OptionsAsync(Request, id);
        ViewData["Title"] = title;
        ViewData["Breadcrumb"] = new List<Crumb>
        {
            new("Contrats", Url.Page("/Contracts/Index")), new(d.ContractTitle, Url.Page("/Contracts/Details", new { id })), new("Plan d'action", Url.Page("/ActionPlan/Index", new { id })), new($"{d.Row.Number} {d.Row.Title}", BackUrl), new(title),
        };
        return true;
    }

    protected IActionResult After(CommandResult<Guid> r, string flash, string prefix = "Input")
    {
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        if (!r.Succeeded)
        {
            r.CopyTo(ModelState, prefix);
            return Page();
        }
        TempData["Flash"] = flash;
        return RedirectToPage("/ActionPlan/Item", new { id = Detail.Item.ContractId, itemId = Detail.Item.Id });
    }
}
