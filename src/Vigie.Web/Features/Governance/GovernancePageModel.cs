namespace Vigie.Web.Features.Governance;

/// <summary>Common loading of the governance pages: the contract (scoped: 404 when not visible) and who is looking.</summary>
public abstract class GovernancePageModel(ContractAccess access, GovernanceAccess governance) : Shared.ContractPageModel(access)
{
    protected GovernanceAccess Governance { get; } = governance;
    public bool IsCoordinator => Viewer.IsCoordinator;

    protected List<Crumb> Crumbs(params Crumb[] tail) => ContractCrumbs(tail);

    /// <summary>Maps a failed command onto the page: 404, 403, or the field errors under the given prefix.</summary>
    protected IActionResult? Failure<T>(CommandResult<T> result, string prefix)
    {
        if (result.NotFound) return NotFound();
        if (result.Forbidden) return Forbid();
        result.CopyTo(ModelState, prefix);
        return null;
    }
}
