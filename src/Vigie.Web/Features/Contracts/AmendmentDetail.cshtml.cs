using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Contracts;

/// <summary>
/// One avenant: what it changes (diff), its signatures; a drafted one collects each signatory's signature (the coordinator,
/// or a partner member for their own institution) and is put in force by the coordinator once all have signed.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class AmendmentDetailModel(ContractAccess access, AmendmentWorkflow workflow) : ContractPageModel(access)
{
    public AmendmentDetail Detail { get; private set; } = null!;
    [BindProperty] public AmendmentSignatureInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Document { get; set; }
    public IEnumerable<SelectListItem> Unsigned => Detail.Signatures.Where(s => s.SignedOn is null)
        .Select(s => new SelectListItem($"{s.Organisation} — {s.RepresentativeName}", s.SignatoryId.ToString()));
    public bool IsCoordinator => Viewer.Role == ContractRole.Coordinator;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid amendmentId) => await LoadAsync(id, amendmentId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignAsync(Guid id, Guid amendmentId)
    {
        if (!await LoadAsync(id, amendmentId)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await workflow.SignAsync(id, amendmentId, Input, await UploadedPdf.FromAsync(Document, HttpContext.RequestAborted));
        return await AfterAsync(result, id, amendmentId, "La signature a été enregistrée.");
    }

    public async Task<IActionResult> OnPostEnactAsync(Guid id, Guid amendmentId)
    {
        if (!await LoadAsync(id, amendmentId)) return NotFound();
        var result = await workflow.EnactAsync(id, amendmentId);
        return await AfterAsync(result, id, amendmentId, "L'avenant est entré en vigueur et ses modifications ont été appliquées au contrat.");
    }

    private async Task<IActionResult> AfterAsync(CommandResult<Guid> result, Guid id, Guid amendmentId, string flash)
    {
        if (result.Forbidden) return Forbid();
        if (!result.Succeeded)
        {
            result.CopyTo(ModelState);
            await LoadAsync(id, amendmentId);
            return Page();
        }
        TempData["Flash"] = flash;
        return RedirectToPage("/Contracts/AmendmentDetail", new { id, amendmentId });
    }

    private async Task<bool> LoadAsync(Guid id, Guid amendmentId)
    {
        if (!await LoadContractAsync(id) || await workflow.DetailAsync(id, amendmentId) is not { } d) return false;
        Detail = d;
        ViewData["Title"] = $"Avenant n° {d.Amendment.Number}";
        ViewData["Breadcrumb"] = ContractCrumbs(new Crumb($"Avenant n° {d.Amendment.Number}"));
        return true;
    }
}
