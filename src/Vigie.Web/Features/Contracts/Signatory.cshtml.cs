using Microsoft.AspNetCore.Mvc.Rendering;
using Vigie.Web.Features.Partners;

namespace Vigie.Web.Features.Contracts;

/// <summary>Adds a signatory, or edits one (a partner member may record their own institution's signature).</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class SignatoryModel(ContractQueries queries, ContractCommands commands, ContractAccess access, PartnerPicker picker) : PageModel
{
    [BindProperty] public SignatoryInput Input { get; set; } = new();
    public ContractDetail Contract { get; private set; } = null!;
    public IEnumerable<SelectListItem> Organisations { get; private set; } = [];
    public bool IsNew { get; private set; }
    public bool OnlySignature { get; private set; }
    /// <summary>Directory search of the institution list (issue 11 B).</summary>
    public PartnerSearchBox SearchBox => PartnerPicker.SearchBox(Request);

    /// <param name="organisation">An organisation just added to the directory from this form (Partners/Create's return).</param>
    public async Task<IActionResult> OnGetAsync(Guid id, Guid? signatoryId, Guid? organisation)
    {
        if (await LoadAsync(id, signatoryId) is { } stop) return stop;
        if (signatoryId is { } sid && Contract.Signatories.Single(s => s.Id == sid) is var s)
            Input = new SignatoryInput { OrganisationId = s.OrganisationId, RepresentativeName = s.RepresentativeName, RepresentativePosition = s.RepresentativePosition, SignedOn = s.SignedOn };
        else if (organisation is not null && !OnlySignature)
            Input.OrganisationId = organisation;
        await LoadOptionsAsync(id, signatoryId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? signatoryId)
    {
        if (await LoadAsync(id, signatoryId) is { } stop) return stop;
        await LoadOptionsAsync(id, signatoryId);
        if (!ModelState.IsValid) return Page();
        var result = await commands.SaveSignatoryAsync(id, signatoryId, Input);
        if (result.Forbidden) return Forbid();
        if (result.NotFound) return NotFound();
        if (result.Succeeded)
        {
            TempData["Flash"] = IsNew ? "Le signataire a été ajouté." : "Le signataire a été mis à jour.";
            return RedirectToPage("/Contracts/Details", new { id });
        }
        result.CopyTo(ModelState);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid? signatoryId)
    {
        if (await queries.DetailAsync(id) is not { } contract) return NotFound();
        Contract = contract;
        IsNew = signatoryId is null;
        var existing = signatoryId is { } sid ? contract.Signatories.SingleOrDefault(s => s.Id == sid) : null;
        if (!IsNew && existing is null) return NotFound();
        var role = await access.RoleInAsync(id);
        if (role != ContractRole.Coordinator)
        {
            if (existing is null || !await access.CanEditOwnedByAsync(id, existing.OrganisationId)) return Forbid();
            OnlySignature = true;
        }
        ViewData["Title"] = IsNew ? "Ajouter un signataire" : "Modifier un signataire";
        return null;
    }

    private async Task LoadOptionsAsync(Guid id, Guid? signatoryId)
    {
        var existing = signatoryId is { } sid ? Contract.Signatories.SingleOrDefault(s => s.Id == sid)?.OrganisationId : null;
        Organisations = await picker.OptionsAsync(Request, id, existing, Input.OrganisationId);
    }
}
