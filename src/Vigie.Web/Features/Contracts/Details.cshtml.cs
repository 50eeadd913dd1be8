namespace Vigie.Web.Features.Contracts;

[ContractRequirement(ContractRole.Reader)]
public sealed class DetailsModel(ContractQueries queries, ContractCommands commands, ContractAccess access) : PageModel
{
    public ContractDetail Contract { get; private set; } = null!;
    public ContractRole Role { get; private set; }
    public bool IsCoordinator => Role == ContractRole.Coordinator;
    public Guid? UserOrganisationId => User.OrganisationId();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostStatusAsync(Guid id, ContractStatus status)
    {
        var result = await commands.ChangeStatusAsync(id, status);
        return Outcome(id, result, $"Le contrat est maintenant « {Labels.Status(status)} ».");
    }

    public async Task<IActionResult> OnPostDocumentAsync(Guid id, IFormFile? document)
    {
        var result = await commands.AttachDocumentAsync(id, await UploadedPdf.FromAsync(document, HttpContext.RequestAborted));
        return Outcome(id, result, "Le document signé a été déposé.");
    }

    public async Task<IActionResult> OnPostRenewAsync(Guid id)
    {
        var result = await commands.RenewAsync(id);
        if (result.Succeeded)
        {
            TempData["Flash"] = "La nouvelle génération du contrat a été créée en brouillon.";
            return RedirectToPage("/Contracts/Details", new { id = result.Value });
        }
        return Outcome(id, result, "");
    }

    public async Task<IActionResult> OnPostRemoveSignatoryAsync(Guid id, Guid signatoryId)
    {
        var result = await commands.RemoveSignatoryAsync(id, signatoryId);
        return Outcome(id, result, "Le signataire a été retiré.");
    }

    /// <summary>PRG for the small actions of this page: errors come back as a flash message.</summary>
    private IActionResult Outcome<T>(Guid id, CommandResult<T> result, string success)
    {
        if (result.NotFound) return NotFound();
        if (result.Forbidden) return Forbid();
        if (result.Succeeded) TempData["Flash"] = success;
        else TempData["FlashError"] = string.Join(" ", result.Errors.Values.SelectMany(m => m));
        return RedirectToPage("/Contracts/Details", new { id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await queries.DetailAsync(id) is not { } contract) return NotFound();
        Contract = contract;
        Role = await access.RoleInAsync(id) ?? ContractRole.Reader;
        ViewData["Title"] = contract.Title;
        return null;
    }
}
