namespace Vigie.Web.Features.Contracts;

[ContractRequirement(ContractRole.Coordinator)]
public sealed class AmendmentModel(ContractQueries queries, ContractCommands commands, ContractAccess access) : ContractCoordinatorPage(queries, access)
{
    private const string Title = "Nouvel avenant";

    [BindProperty] public AmendmentInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Document { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadContractAsync(id, Title) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadContractAsync(id, Title) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        var result = await commands.AddAmendmentAsync(id, Input, await UploadedPdf.FromAsync(Document, HttpContext.RequestAborted));
        return AfterSave(result, "L'avenant a été enregistré et appliqué au contrat.", "/Contracts/History", id);
    }
}
