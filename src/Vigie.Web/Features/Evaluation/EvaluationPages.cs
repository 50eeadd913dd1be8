using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Evaluation;

/// <summary>What the evaluation pages and API share: the read audit of a report and the choice lists of the forms.</summary>
public static class EvaluationPages
{
    /// <summary>A member's report that shows restricted plan items is a read of restricted content (ADR 0008).</summary>
    public static async Task AuditReportReadAsync(HttpContext http, EvaluationReportView r, string format)
    {
        if (r.HasRestrictedItems)
            await http.AuditReadAsync(AuditKinds.EvaluationReportRead, "Evaluation", r.Evaluation.Id, r.ContractId, new { format });
    }

    public static IEnumerable<SelectListItem> Options<T>(Func<T, string> label) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new SelectListItem(label(v), v.ToString()));
}
