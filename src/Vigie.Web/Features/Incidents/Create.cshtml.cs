using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Incidents;

/// <summary>An agent or a partner reports an incident; it is routed at once and possible duplicates are shown on its page.</summary>
[ContractRequirement(ContractRole.PartnerMember)]
public sealed class CreateModel(ContractAccess access, IncidentCategoryCatalog categories, IncidentCommands commands, ICurrentUser user)
    : IncidentPageModel(access)
{
    public sealed class IncidentForm : IncidentFormFields
    {
        public DateOnly? ObservedOn { get; set; }
        public TimeOnly? ObservedTime { get; set; }
        public IncidentSource Source { get; set; } = IncidentSource.Agent;
    }

    [BindProperty] public IncidentForm Input { get; set; } = new();
    public IReadOnlyList<SelectListItem> CategoryItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> SourceItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var lat = IncidentForms.Coordinate(ModelState, Input.Latitude, "Latitude", "La latitude");
        var lon = IncidentForms.Coordinate(ModelState, Input.Longitude, "Longitude", "La longitude");
        if (!ModelState.IsValid) return Page();
        DateTimeOffset? observed = null;
        if (Input.ObservedOn is { } day)
        {
            var local = day.ToDateTime(Input.ObservedTime ?? TimeOnly.MinValue);
            observed = new DateTimeOffset(local, Culture.Paris.GetUtcOffset(local));
        }
        var source = Input.Source == IncidentSource.Open311 ? IncidentSource.Agent : Input.Source;
        var result = await commands.CreateAsync(id, new NewIncident(Input.Category, Input.Address, lat, lon, Input.Description, observed, source), user.Id);
        if (result.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            IncidentForms.CopyErrors(ModelState, result.Errors);
            return Page();
        }
        var created = result.Value!;
        TempData["Flash"] = $"Le signalement n° {created.Incident.Number} est enregistré"
            + (created.Incident.PilotOrganisationId is null ? " ; aucun pilote n'est défini pour sa catégorie : la coordination doit le transmettre." : " et transmis à son pilote.")
            + (created.PossibleDuplicates.Count > 0 ? $" {created.PossibleDuplicates.Count} doublon(s) possible(s) : voir ci-dessous." : "");
        return RedirectToPage("/Incidents/Details", new { id, incidentId = created.Incident.Id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return false;
        CategoryItems = [new SelectListItem("Choisir une catégorie", ""), .. (await categories.EnsureAsync(id)).Where(c => !c.IsArchived)
            .Select(c => new SelectListItem($"{IncidentLabels.Group(c.Group)} — {c.Name}", c.Code, c.Code == Input.Category))];
        SourceItems = Enum.GetValues<IncidentSource>().Where(s => s != IncidentSource.Open311)
            .Select(s => new SelectListItem(IncidentLabels.Source(s), s.ToString(), s == Input.Source)).ToList();
        ViewData["Title"] = "Nouveau signalement";
        ViewData["Breadcrumb"] = IncidentCrumbs(new Crumb("Nouveau"));
        return true;
    }
}
