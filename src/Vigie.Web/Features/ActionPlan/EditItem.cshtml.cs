using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Creates an item under a parent (or a priority at the root) or edits one: every fiche action field.</summary>
[Infrastructure.ContractRequirement(ContractRole.Reader)]
public sealed class EditItemModel(PlanQueries queries, PlanItemCommands commands, AppDbContext db, Partners.PartnerPicker picker) : PageModel
{
    [BindProperty] public PlanItemInput Input { get; set; } = new();
    public PlanView Plan { get; private set; } = null!;
    public PlanRow? Parent { get; private set; }
    public bool IsNew { get; private set; }
    public IEnumerable<SelectListItem> Kinds { get; private set; } = [];
    public IEnumerable<SelectListItem> Statuses { get; private set; } = [];
    public IEnumerable<SelectListItem> Organisations { get; private set; } = [];
    public IEnumerable<SelectListItem> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? itemId, Guid? parent)
    {
        if (await LoadAsync(id, itemId, itemId is null ? parent : null) is { } stop) return stop;
        if (itemId is { } iid)
        {
            var i = await db.PlanItems.AsNoTracking().Include(x => x.Partners).FirstAsync(x => x.Id == iid);
            Input = new PlanItemInput
            {
                ParentId = i.ParentId, Kind = i.Kind, Title = i.Title, Reference = i.Reference, ProblemObserved = i.ProblemObserved, Objectives = i.Objectives,
                Description = i.Description, TargetPublic = i.TargetPublic, AreaId = i.AreaId, LeadOrganisationId = i.LeadOrganisationId,
                PartnerIds = i.Partners.Select(p => p.OrganisationId).ToList(), StartDate = i.StartDate, EndDate = i.EndDate, HumanMeans = i.HumanMeans,
                MaterialMeans = i.MaterialMeans, FollowUpTools = i.FollowUpTools, Status = Plan.Rows.First(r => r.Id == iid).StatusKey,
                ProgressOverride = i.ProgressOverride, Weight = i.Weight, YearlyReview = i.YearlyReview, Version = i.Version,
            };
        }
        else
        {
            Input.ParentId = Parent?.Id;
            Input.Kind = Parent?.Kind switch
            {
                null => PlanItemKind.Priority,
                PlanItemKind.Priority or PlanItemKind.Objective => PlanItemKind.Action,
                _ => PlanItemKind.SubAction,
            };
            Input.Status = "planned";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? itemId, Guid? parent)
    {
        if (await LoadAsync(id, itemId, itemId is null ? parent : null) is { } stop) return stop;
        if (itemId is null) Input.ParentId = Parent?.Id;
        if (!ModelState.IsValid) return Page();
        var result = itemId is { } iid ? await commands.UpdateItemAsync(id, iid, Input) : await commands.CreateItemAsync(id, Input);
        if (result.Forbidden) return Forbid();
        if (result.NotFound) return NotFound();
        if (result.Succeeded)
        {
            TempData["Flash"] = IsNew ? "L'élément a été ajouté au plan." : "L'élément a été mis à jour.";
            return RedirectToPage("/ActionPlan/Item", new { id, itemId = result.Value });
        }
        result.CopyTo(ModelState);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid? itemId, Guid? parent)
    {
        if (await queries.PlanAsync(id) is not { } plan) return NotFound();
        Plan = plan;
        IsNew = itemId is null;
        if (itemId is { } iid && plan.Rows.All(r => r.Id != iid)) return NotFound();
        if (parent is { } pid && (Parent = plan.Rows.FirstOrDefault(r => r.Id == pid)) is null) return NotFound();
        if (!plan.CanEdit) return Forbid();
        Kinds = Enum.GetValues<PlanItemKind>().Select(k => new SelectListItem(PlanLabels.Kind(k), k.ToString()));
        Statuses = plan.Statuses.Select(s => new SelectListItem(s.Label, s.Key));
        Organisations = await picker.OptionsAsync(Request, id);
        Areas = await db.Areas.AsNoTracking().Where(a => a.ContractId == id).OrderBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString())).ToListAsync();
        ViewData["Title"] = IsNew ? (Parent is null ? "Ajouter un axe prioritaire" : $"Ajouter sous « {Parent.Number} {Parent.Title} »") : "Modifier un élément du plan";
        return null;
    }
}
