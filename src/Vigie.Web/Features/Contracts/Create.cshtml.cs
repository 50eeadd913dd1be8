using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Contracts;

[Authorize(Policy = Policies.CreateContract)]
public sealed class CreateModel(ContractCommands commands, ContractQueries queries) : PageModel, IContractForm
{
    [BindProperty] public ContractInput Input { get; set; } = new();
    public IEnumerable<SelectListItem> OtherContracts { get; private set; } = [];
    public bool Signed => false;

    public async Task OnGetAsync(Guid? predecessor)
    {
        Input.PredecessorId = predecessor;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await commands.CreateAsync(Input);
            if (result.Succeeded)
            {
                TempData["Flash"] = "Le contrat a été créé en brouillon. Ajoutez maintenant ses signataires.";
                return RedirectToPage("/Contracts/Details", new { id = result.Value });
            }
            result.CopyTo(ModelState);
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        ViewData["Title"] = "Nouveau contrat";
        OtherContracts = ContractFormOptions.Contracts(await queries.PickableAsync(null));
    }
}
