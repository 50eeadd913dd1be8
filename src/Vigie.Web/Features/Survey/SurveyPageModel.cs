namespace Vigie.Web.Features.Survey;

/// <summary>Load → authorize for the survey pages (<see cref="ContractPageModel"/>), their breadcrumbs and refusals.</summary>
public abstract class SurveyPageModel(ContractAccess access) : ContractPageModel(access)
{
    protected List<Crumb> Crumbs(params Crumb[] tail) => ContractCrumbs([new("Enquêtes", Url.Page("/Survey/Index", new { id = ContractId })), .. tail]);

    /// <summary>Copies a refused or invalid command onto the page: 404/403 results, or model errors (then null).</summary>
    protected IActionResult? Refusal<T>(CommandResult<T> r, string prefix = "Input")
    {
        if (r.NotFound) return NotFound();
        if (r.Forbidden)
        {
            if (r.ForbiddenReason is null) return Forbid();
            ModelState.AddModelError("", r.ForbiddenReason);
            return null;
        }
        r.CopyTo(ModelState, prefix);
        return null;
    }
}
