using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Cases;

/// <summary>
/// Common loading of the follow-up pages: the contract (scoped: 404 when not visible) and, for a group page, the group
/// as <see cref="CaseQueries"/> shows it. A refusal renders the page with status 403 and the reason (<see cref="Refusal"/>).
/// </summary>
public abstract class CasePageModel(ContractAccess access) : Shared.ContractPageModel(access)
{
    /// <summary>Set when access is refused: the page shows only this sentence, with status 403.</summary>
    public string? Refusal { get; private set; }

    protected List<Crumb> Crumbs(params Crumb[] tail) =>
        ContractCrumbs([new("Suivi individuel", Url.Page("/Cases/Index", new { id = ContractId })), .. tail]);

    /// <summary>404, or the refusal shown with status 403, for a failed read or command.</summary>
    protected IActionResult Fail<T>(CommandResult<T> result, string prefix = "Input")
    {
        if (result.NotFound) return NotFound();
        if (result.Forbidden) return Refuse(result.ForbiddenReason ?? "Vous n'avez pas accès à ces informations.");
        result.CopyTo(ModelState, prefix);
        return Page();
    }

    protected IActionResult Refuse(string reason)
    {
        Refusal = reason;
        ViewData["Title"] ??= "Accès refusé";
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>The contract's quartiers and QPV, for the quartier-of-residence select (a closed list).</summary>
    public List<SelectListItem> Quartiers { get; private set; } = [];

    protected async Task LoadQuartiersAsync(CaseQueries queries) =>
        Quartiers = [.. (await queries.QuartiersAsync(ContractId)).Select(q => new SelectListItem(q.Name, q.Id.ToString()))];

    /// <summary>The contract's programmes in force (and the sheet's own, even archived), for the programme select (a closed list).</summary>
    public List<SelectListItem> Programmes { get; private set; } = [];

    protected async Task LoadProgrammesAsync(CaseProgrammeService programmes, Guid? current = null) =>
        Programmes = [.. (await programmes.ChoicesAsync(ContractId, current)).Select(p => new SelectListItem(p.Label, p.Id.ToString()))];

    public static List<SelectListItem> Options<TEnum>(Func<TEnum, string> label, IEnumerable<TEnum>? values = null) where TEnum : struct, Enum =>
        [.. (values ?? Enum.GetValues<TEnum>()).Select(v => new SelectListItem(label(v), v.ToString()))];
}
