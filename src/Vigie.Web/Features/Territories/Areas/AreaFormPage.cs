namespace Vigie.Web.Features.Territories.Areas;

/// <summary>
/// The coordinator's forms on a contract's sub-areas (create, edit): the contract's title (unknown or invisible
/// contract → 404, anyone but a coordinator → 403), and the form checked by <see cref="AreaRules"/>.
/// </summary>
public abstract class AreaFormPage(ContractAccess access, AreaRules rules) : PageModel
{
    [BindProperty] public AreaForm Input { get; set; } = new();
    public Guid ContractId { get; private set; }
    public string ContractTitle { get; private set; } = "";

    /// <summary>Load → authorize: null when the page may go on, else the refusal.</summary>
    protected async Task<IActionResult?> LoadContractAsync(Guid contractId)
    {
        var title = await access.Contracts.Where(c => c.Id == contractId).Select(c => c.Title).FirstOrDefaultAsync();
        if (title is null) return NotFound();
        if (await access.RoleInAsync(contractId) != ContractRole.Coordinator) return Forbid();
        ContractId = contractId;
        ContractTitle = title;
        return null;
    }

    /// <summary>The posted form's values to store (sub-area <paramref name="areaId"/>, null for a new one), or null with the errors in the model state.</summary>
    protected async Task<AreaValues?> CheckInputAsync(Guid? areaId)
    {
        if (!ModelState.IsValid || !await Input.ReadFileAsync(ModelState)) return null;
        var (values, errors) = await rules.CheckAsync(ContractId, areaId, Input.Kind, Input.Name, Input.Code, Input.CommuneCode, Input.GeoJson);
        if (values is null) AreaForm.AddErrors(ModelState, errors);
        return values;
    }
}
