using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>French texts and route key of one kind of fiche record, for <see cref="SubRecordPage{TInput}"/>.</summary>
/// <param name="RouteKey">Name of the optional route value carrying the record's id (absent when adding).</param>
public sealed record SubRecordTexts(string RouteKey, string NewTitle, string EditTitle, string Added, string Updated, string Deleted);

/// <summary>
/// The pages that add, edit or delete one record of a fiche (commitment, milestone, budget line, indicator) share one
/// flow: load the fiche through the scoped queries (404 when not visible), let the page say who may write the record,
/// then hand the input to the record's commands and PRG back to the fiche.
/// </summary>
public abstract class SubRecordPage<TInput>(PlanQueries queries, AppDbContext db, Partners.PartnerPicker picker) : PageModel where TInput : new()
{
    [BindProperty] public TInput Input { get; set; } = new();
    public ItemDetail Detail { get; private set; } = null!;
    public IEnumerable<SelectListItem> Organisations { get; private set; } = [];
    /// <summary>The organisations the user may write for: all of them for the coordinator, their own for a partner member.</summary>
    public IEnumerable<SelectListItem> OwnOrganisations =>
        Detail.Role == ContractRole.Coordinator ? Organisations : Organisations.Where(o => o.Value == Detail.UserOrganisationId.ToString());
    public bool IsNew => RecordId is null;
    public string BackUrl => Url.Page("/ActionPlan/Item", new { id = Detail.Item.ContractId, itemId = Detail.Item.Id })!;
    protected AppDbContext Db => db;
    protected PlanQueries Queries => queries;

    protected abstract SubRecordTexts Texts { get; }
    /// <summary>The record's id from the route; null when adding one.</summary>
    protected Guid? RecordId => RouteData.Values.TryGetValue(Texts.RouteKey, out var v) && Guid.TryParse(v?.ToString(), out var g) ? g : null;

    /// <summary>Once the fiche is loaded: NotFound when the record is not on it, Forbid when the user may not write it, else null (and the page's lists loaded).</summary>
    protected abstract Task<IActionResult?> AuthorizeAsync(Guid id);
    /// <summary>Fills <see cref="Input"/> from the record being edited, or with defaults for a new one.</summary>
    protected abstract Task FillInputAsync();
    protected abstract Task<CommandResult<Guid>> SaveAsync(Guid id, Guid itemId);
    protected abstract Task<CommandResult<Guid>> DeleteAsync(Guid id, Guid itemId, Guid recordId);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid itemId)
    {
        if (await LoadAsync(id, itemId) is { } stop) return stop;
        await FillInputAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid itemId)
    {
        if (await LoadAsync(id, itemId) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        return After(await SaveAsync(id, itemId), IsNew ? Texts.Added : Texts.Updated);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid itemId)
    {
        if (RecordId is not { } recordId) return NotFound();
        if (await LoadAsync(id, itemId) is { } stop) return stop;
        return After(await DeleteAsync(id, itemId, recordId), Texts.Deleted);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid itemId)
    {
        var title = IsNew ? Texts.NewTitle : Texts.EditTitle;
        if (await queries.ItemAsync(id, itemId, liveValues: false) is not { } d) return NotFound();
        Detail = d;
        // The contract's partners first, the directory on demand (issue 11 B).
        Organisations = await picker.OptionsAsync(Request, id);
        ViewData["Title"] = title;
        ViewData["Breadcrumb"] = new List<Crumb>
        {
            new("Contrats", Url.Page("/Contracts/Index")), new(d.ContractTitle, Url.Page("/Contracts/Details", new { id })), new("Plan d'action", Url.Page("/ActionPlan/Index", new { id })), new($"{d.Row.Number} {d.Row.Title}", BackUrl), new(title),
        };
        return await AuthorizeAsync(id);
    }

    private IActionResult After(CommandResult<Guid> r, string flash)
    {
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        if (!r.Succeeded)
        {
            r.CopyTo(ModelState, "Input");
            return Page();
        }
        TempData["Flash"] = flash;
        return RedirectToPage("/ActionPlan/Item", new { id = Detail.Item.ContractId, itemId = Detail.Item.Id });
    }
}
