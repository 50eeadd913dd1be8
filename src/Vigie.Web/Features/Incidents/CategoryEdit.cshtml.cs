using Microsoft.AspNetCore.Mvc.Rendering;
using Vigie.Web.Features.ActionPlan;

namespace Vigie.Web.Features.Incidents;

/// <summary>Creates (no code in the route) or edits a category, with its history; a stale form gets the ADR 0019 conflict message.</summary>
[ContractRequirement(ContractRole.Coordinator)]
public sealed class CategoryEditModel(ContractAccess access, IncidentCategoryCatalog catalog, IncidentCategoryEditor editor, IncidentQueries queries, AppDbContext db)
    : IncidentPageModel(access)
{
    [BindProperty] public IncidentCategoryInput Input { get; set; } = new();
    public string? Code { get; private set; }
    public IReadOnlyList<SelectListItem> Partners { get; private set; } = [];
    public IReadOnlyList<SelectListItem> GroupItems { get; } = [.. IncidentCategoryCatalog.Groups.Select(g => new SelectListItem(g.Value, g.Key))];
    public IReadOnlyList<SelectListItem> VisibilityItems { get; } =
        [new("Partenaires seulement", nameof(IncidentVisibility.Partners)), new("Publique (carte publique et Open311)", nameof(IncidentVisibility.Public))];
    public IReadOnlyList<SelectListItem> UnitItems { get; } =
        [new("heures", nameof(SlaUnit.Hours)), new("jours", nameof(SlaUnit.Days)), new("jours ouvrés", nameof(SlaUnit.BusinessDays))];
    public IReadOnlyList<ChangeView> History { get; private set; } = [];
    /// <summary>The stored visibility of the category edited (null: a new one); partners only → the declassification warning.</summary>
    public IncidentVisibility? StoredVisibility { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? code)
    {
        if (!await LoadAsync(id, code)) return NotFound();
        if (code is not null)
        {
            var c = await db.IncidentCategories.AsNoTracking().Include(x => x.Partners).FirstAsync(x => x.ContractId == id && x.Code == code);
            Input = new IncidentCategoryInput
            {
                Code = c.Code, Name = c.Name, Group = c.Group, Visibility = c.Visibility.ToString(), SlaValue = c.SlaValue, SlaUnit = c.SlaUnit.ToString(),
                PilotOrganisationId = c.PilotOrganisationId, SecondaryPartnerIds = [.. c.Partners.Select(p => p.OrganisationId)], SecondaryPartners = c.SecondaryPartners,
                Version = c.Version,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? code)
    {
        if (!await LoadAsync(id, code)) return NotFound();
        if (!ModelState.IsValid) return Page();
        // A form always sends every field: an unticked list or an emptied text means "none", not "unchanged".
        Input.SecondaryPartnerIds ??= [];
        Input.SecondaryPartners ??= "";
        var result = code is null ? await editor.CreateAsync(id, Input) : await editor.UpdateAsync(id, code, Input);
        if (result.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            result.CopyTo(ModelState);
            return Page();
        }
        TempData["Flash"] = $"La catégorie « {result.Value!.Name} » ({result.Value.Code}) est enregistrée.";
        return RedirectToPage("/Incidents/Categories", new { id });
    }

    private async Task<bool> LoadAsync(Guid id, string? code)
    {
        if (!await LoadContractAsync(id)) return false;
        var categories = await catalog.EnsureAsync(id);
        Code = code;
        if (code is not null)
        {
            if (categories.FirstOrDefault(c => c.Code == code) is not { } category) return false;
            History = await editor.HistoryAsync(id, category.Id);
            StoredVisibility = category.Visibility;
        }
        Partners = [.. (await queries.PartnersAsync(id)).Select(p => new SelectListItem(p.Name, p.Id.ToString()))];
        ViewData["Title"] = code is null ? "Nouvelle catégorie de signalements" : $"Modifier la catégorie {code}";
        ViewData["Breadcrumb"] = IncidentCrumbs(new Crumb("Catégories", Url.Page("/Incidents/Categories", new { id })), new Crumb(code ?? "Nouvelle"));
        return true;
    }
}
