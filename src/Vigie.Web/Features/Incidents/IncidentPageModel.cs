namespace Vigie.Web.Features.Incidents;

/// <summary>Load → authorize for the incident pages: the contract (404 when not visible) and the viewer.</summary>
public abstract class IncidentPageModel(ContractAccess access, ContractViewers viewers) : PageModel
{
    public Guid ContractId { get; private set; }
    public string ContractTitle { get; private set; } = "";
    public ContractViewer Viewer { get; private set; } = null!;

    protected async Task<bool> LoadContractAsync(Guid id)
    {
        var title = await access.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Title).FirstOrDefaultAsync();
        if (title is null || await viewers.ForAsync(id) is not { } viewer) return false;
        ContractId = id;
        ContractTitle = title;
        Viewer = viewer;
        return true;
    }

    protected List<Crumb> Crumbs(params Crumb[] tail) =>
        [new("Contrats", "/contrats"), new(ContractTitle, $"/contrats/{ContractId}"), .. tail];

    protected List<Crumb> IncidentCrumbs(params Crumb[] tail) =>
        Crumbs([new("Signalements", Url.Page("/Incidents/Index", new { id = ContractId })), .. tail]);
}
