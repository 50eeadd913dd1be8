namespace Vigie.Web.Features.Governance;

/// <summary>Common loading of the governance pages: the contract (scoped: 404 when not visible) and who is looking.</summary>
public abstract class GovernancePageModel(ContractAccess access, GovernanceAccess governance) : PageModel
{
    protected GovernanceAccess Governance { get; } = governance;
    public Guid ContractId { get; private set; }
    public string ContractTitle { get; private set; } = "";
    public ContractViewer Viewer { get; private set; } = null!;
    public bool IsCoordinator => Viewer.IsCoordinator;

    protected async Task<bool> LoadContractAsync(Guid id)
    {
        var title = await access.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Title).FirstOrDefaultAsync();
        if (title is null || await HttpContext.RequestServices.GetRequiredService<ContractViewers>().ForAsync(id) is not { } viewer) return false;
        ContractId = id;
        ContractTitle = title;
        Viewer = viewer;
        return true;
    }

    protected List<Crumb> Crumbs(params Crumb[] tail) =>
        [new("Contrats", Url.Page("/Contracts/Index")), new(ContractTitle, Url.Page("/Contracts/Details", new { id = ContractId })), .. tail];

    /// <summary>Maps a failed command onto the page: 404, 403, or the field errors under the given prefix.</summary>
    protected IActionResult? Failure<T>(CommandResult<T> result, string prefix)
    {
        if (result.NotFound) return NotFound();
        if (result.Forbidden) return Forbid();
        result.CopyTo(ModelState, prefix);
        return null;
    }
}
