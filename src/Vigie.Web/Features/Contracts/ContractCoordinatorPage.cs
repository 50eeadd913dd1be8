namespace Vigie.Web.Features.Contracts;

/// <summary>
/// The coordinator's forms on one contract (edit, avenant): load the contract (404 when it is not visible, 403 unless
/// the user coordinates it), then after the command either PRG to the next page with a flash or show the errors.
/// </summary>
public abstract class ContractCoordinatorPage(ContractQueries queries, ContractAccess access) : PageModel
{
    public ContractDetail Contract { get; private set; } = null!;

    protected ContractQueries Queries => queries;

    protected async Task<IActionResult?> LoadContractAsync(Guid id, string title)
    {
        if (await queries.DetailAsync(id) is not { } contract) return NotFound();
        if (await access.RoleInAsync(id) != ContractRole.Coordinator) return Forbid();
        Contract = contract;
        ViewData["Title"] = title;
        return null;
    }

    protected IActionResult AfterSave<T>(CommandResult<T> result, string flash, string pageName, Guid id)
    {
        if (!result.Succeeded)
        {
            result.CopyTo(ModelState);
            return Page();
        }
        TempData["Flash"] = flash;
        return RedirectToPage(pageName, new { id });
    }
}
