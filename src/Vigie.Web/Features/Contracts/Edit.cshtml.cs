using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Contracts;

[ContractRequirement(ContractRole.Coordinator)]
public sealed class EditModel(ContractCommands commands, ContractQueries queries, ContractAccess access) : ContractCoordinatorPage(queries, access), IContractForm
{
    [BindProperty] public ContractInput Input { get; set; } = new();
    public IEnumerable<SelectListItem> OtherContracts { get; private set; } = [];
    public bool Signed { get; private set; }

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
        return AfterSave(await commands.UpdateAsync(id, Input), "Les modifications du contrat ont été enregistrées.", "/Contracts/Details", id);
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await LoadContractAsync(id, "Modifier le contrat") is { } stop) return stop;
        Signed = ContractCommands.IsSigned(Contract.Status);
        OtherContracts = ContractFormOptions.Contracts(await Queries.PickableAsync(id));
        return null;
    }
}
