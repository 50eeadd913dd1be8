using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Contracts;

[ContractRequirement(ContractRole.Coordinator)]
public sealed class EditModel(ContractCommands commands, ContractQueries queries, ContractAccess access) : PageModel, IContractForm
{
    [BindProperty] public ContractInput Input { get; set; } = new();
    public IEnumerable<SelectListItem> OtherContracts { get; private set; } = [];
    public bool Signed { get; private set; }
    public ContractDetail Contract { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } stop) return stop;
        Input = new ContractInput
        {
            Title = Contract.Title,
            Kind = Contract.Kind,
            StartDate = Contract.StartDate,
            EndDate = Contract.EndDate,
            Summary = Contract.Summary,
            Territories = string.Join(", ", Contract.Territories.Select(t => $"{t.Name} ({t.Code})")),
            PredecessorId = Contract.Predecessor?.Id,
            AmendsContractId = Contract.AmendsContract?.Id,
            IsPublished = Contract.IsPublished,
            PlannedSignatureDate = Contract.PlannedSignatureDate,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        var result = await commands.UpdateAsync(id, Input);
        if (result.Succeeded)
        {
            TempData["Flash"] = "Les modifications du contrat ont été enregistrées.";
            return RedirectToPage("/Contracts/Details", new { id });
        }
        result.CopyTo(ModelState);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await queries.DetailAsync(id) is not { } contract) return NotFound();
        if (await access.RoleInAsync(id) != ContractRole.Coordinator) return Forbid();
        Contract = contract;
        Signed = ContractCommands.IsSigned(contract.Status);
        OtherContracts = ContractFormOptions.Contracts(await queries.PickableAsync(id));
        ViewData["Title"] = "Modifier le contrat";
        return null;
    }
}
