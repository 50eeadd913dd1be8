namespace Vigie.Web.Features.Incidents;

/// <summary>A partner's inbox: its incidents not closed, overdue first. Coordinators look at any partner's.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class InboxModel(ContractAccess access, IncidentQueries queries, TimeProvider clock) : IncidentPageModel(access)
{
    [BindProperty(SupportsGet = true, Name = "organisation")] public Guid? Organisation { get; set; }
    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = Territories.IndexModel.PageQuery)] public int PageNumber { get; set; } = 1;
    public IncidentQueries.InboxPage? Box { get; private set; }
    public IReadOnlyList<IncidentQueries.Row> Rows => Box?.Rows ?? [];
    public string PartnerName { get; private set; } = "";
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        Now = clock.GetUtcNow();
        Partners = await queries.PartnersAsync(id);
        // Partners see their own organisation's inbox; the coordination chooses.
        var org = Viewer.IsCoordinator ? Organisation ?? Viewer.OrganisationId : Viewer.OrganisationId;
        Organisation = org;
        if (org is { } o)
        {
            Box = await queries.InboxAsync(id, o, Now, Math.Clamp(PageNumber, 1, 1_000_000));
            PartnerName = Partners.FirstOrDefault(p => p.Id == o).Name ?? "";
        }
        ViewData["Title"] = "Boîte de réception des signalements";
        ViewData["Breadcrumb"] = IncidentCrumbs(new Crumb("Boîte de réception"));
        return Page();
    }
}
