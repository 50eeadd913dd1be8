namespace Vigie.Web.Features.Survey;

/// <summary>Load → authorize for the survey pages: the contract (404 when not visible), the viewer, the breadcrumbs.</summary>
public abstract class SurveyPageModel(ContractAccess access, ContractViewers viewers) : PageModel
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

    protected List<Crumb> ContractCrumbs(params Crumb[] tail) =>
        [new("Contrats", Url.Page("/Contracts/Index")), new(ContractTitle, Url.Page("/Contracts/Details", new { id = ContractId })), .. tail];

    protected List<Crumb> Crumbs(params Crumb[] tail) => ContractCrumbs([new("Enquêtes", Url.Page("/Survey/Index", new { id = ContractId })), .. tail]);

    /// <summary>Copies a refused or invalid command onto the page: 404/403 results, or model errors (then null).</summary>
    protected IActionResult? Refusal<T>(CommandResult<T> r, string prefix = "Input")
    {
        if (r.NotFound) return NotFound();
        if (r.Forbidden)
        {
            if (r.ForbiddenReason is null) return Forbid();
            ModelState.AddModelError("", r.ForbiddenReason);
            return null;
        }
        r.CopyTo(ModelState, prefix);
        return null;
    }
}
