namespace Vigie.Web.Features.ActionPlan;

/// <summary>The plan of a contract: numbered tree, computed progress, per-partner progress.</summary>
[Infrastructure.ContractRequirement(Domain.ContractRole.Reader)]
public sealed class IndexModel(PlanQueries queries) : PageModel
{
    public PlanView Plan { get; private set; } = null!;
    public IReadOnlyList<PlanQueries.PartnerProgress> Partners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await queries.PlanAsync(id) is not { } plan) return NotFound();
        Plan = plan;
        Partners = await queries.PartnerProgressAsync(id);
        ViewData["Title"] = "Plan d'action — " + plan.ContractTitle;
        return Page();
    }

    /// <summary>The whole plan as one PDF: overview, then one fiche per action (and sub-action).</summary>
    public async Task<IActionResult> OnGetPdfAsync(Guid id)
    {
        if (await queries.PlanAsync(id) is not { } plan) return NotFound();
        await Infrastructure.ReadAuditExtensions.AuditReadAsync(HttpContext, Infrastructure.AuditKinds.ExportDownloaded, "Contract", id, id, new { what = "plan", format = "pdf" });
        var details = await queries.ItemsAsync(plan, [.. plan.Rows.Where(r => r.Kind is Domain.PlanItemKind.Action or Domain.PlanItemKind.SubAction).Select(r => r.Id)]);
        return File(PlanPdf.Plan(plan, details), "application/pdf", "plan-d-action.pdf");
    }
}
