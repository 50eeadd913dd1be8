namespace Vigie.Web.Features.Contracts;

[ContractRequirement(ContractRole.Coordinator)]
public sealed class AmendmentModel(ContractQueries queries, ContractCommands commands, ContractAccess access) : PageModel
{
    [BindProperty] public AmendmentInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Document { get; set; }
    public ContractDetail Contract { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        var result = await commands.AddAmendmentAsync(id, Input, await UploadedPdf.FromAsync(Document, HttpContext.RequestAborted));
        if (result.Succeeded)
        {
            TempData["Flash"] = "L'avenant a été enregistré et appliqué au contrat.";
            return RedirectToPage("/Contracts/History", new { id });
        }
        result.CopyTo(ModelState);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await queries.DetailAsync(id) is not { } contract) return NotFound();
        if (await access.RoleInAsync(id) != ContractRole.Coordinator) return Forbid();
        Contract = contract;
        ViewData["Title"] = "Nouvel avenant";
        return null;
    }
}
