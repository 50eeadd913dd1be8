namespace Vigie.Web.Features.Contracts;

[ContractRequirement(ContractRole.Coordinator)]
public sealed class AmendmentModel(ContractQueries queries, ContractCommands commands, ContractAccess access, Partners.PartnerPicker picker)
    : ContractCoordinatorPage(queries, access)
{
    private const string Title = "Nouvel avenant";

    [BindProperty] public AmendmentInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Document { get; set; }

    public IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> OtherContracts { get; private set; } = [];
    /// <summary>Institutions that may join as signatory: the contract's partners, then the directory search's results.</summary>
    public IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Organisations { get; private set; } = [];
    public IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> CurrentSignatories =>
        Contract.Signatories.Select(s => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem($"{s.Organisation} — {s.RepresentativeName}", s.Id.ToString()));
    public Partners.PartnerSearchBox SearchBox => Partners.PartnerPicker.SearchBox(Request);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await LoadContractAsync(id, Title) is { } stop) return stop;
        OtherContracts = ContractFormOptions.Contracts(await Queries.PickableAsync(id));
        Organisations = await picker.OptionsAsync(Request, id, Input.AddedSignatoryOrganisationId);
        return null;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        var result = await commands.AddAmendmentAsync(id, Input, await UploadedPdf.FromAsync(Document, HttpContext.RequestAborted));
        if (Input.Draft && result.Succeeded)
        {
            TempData["Flash"] = "Le projet d'avenant a été enregistré : recueillez les signatures, puis mettez-le en vigueur.";
            return RedirectToPage("/Contracts/AmendmentDetail", new { id, amendmentId = result.Value });
        }
        return AfterSave(result, "L'avenant a été enregistré et appliqué au contrat.", "/Contracts/History", id);
    }
}
