namespace Vigie.Web.Features.Governance;

/// <summary>The council's bodies (plenary, restricted session, watch cell, GLTD…); coordinators create them.</summary>
[ContractRequirement(Domain.ContractRole.Reader)]
public sealed class BodiesModel(ContractAccess access, GovernanceAccess governance, GovernanceQueries queries, GovernanceCommands commands)
    : GovernancePageModel(access, governance)
{
    public IReadOnlyList<BodySummary> Bodies { get; private set; } = [];
    public BodyInput Body { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, [Bind(Prefix = "Body")] BodyInput body)
    {
        if (!await LoadAsync(id)) return NotFound();
        Body = body;
        if (!IsCoordinator) return Forbid();
        if (!ModelState.IsValid) return Page();
        var result = await commands.SaveBodyAsync(id, null, body);
        if (result.Succeeded)
        {
            TempData["Flash"] = $"L'instance « {body.Name!.Trim()} » a été créée.";
            return RedirectToPage("/Governance/Body", new { id, bodyId = result.Value });
        }
        return Failure(result, "Body") ?? Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return false;
        Bodies = await queries.BodiesAsync(id) ?? [];
        ViewData["Title"] = "Instances de gouvernance";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb("Instances"));
        return true;
    }
}
