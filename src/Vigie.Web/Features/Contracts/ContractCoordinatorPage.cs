namespace Vigie.Web.Features.Contracts;

/// <summary>
/// The coordinator's forms on one contract (edit, avenant): the contract's detail on top of <see cref="ContractPageModel"/>
/// (404 when it is not visible; the coordinator role is required at the door by <c>[ContractRequirement]</c>), then after
/// the command either PRG to the next page with a flash or show the errors.
/// </summary>
public abstract class ContractCoordinatorPage(ContractQueries queries, ContractAccess access) : ContractPageModel(access)
{
    public ContractDetail Contract { get; private set; } = null!;

    protected ContractQueries Queries => queries;

    protected async Task<IActionResult?> LoadContractAsync(Guid id, string title)
    {
        // The detail is read from the visible contracts: it gives the title too (one read of the contract, not two).
        if (await queries.DetailAsync(id) is not { } contract || !await UseContractAsync(id, contract.Title)) return NotFound();
        Contract = contract;
        ViewData["Title"] = title;
        return null;
    }

    protected IActionResult AfterSave<T>(CommandResult<T> result, string flash, string pageName, Guid id)
    {
        if (!result.Succeeded)
        {
            if (result.Forbidden) return Forbid();
            result.CopyTo(ModelState);
            return Page();
        }
        TempData["Flash"] = flash;
        return RedirectToPage(pageName, new { id });
    }
}
