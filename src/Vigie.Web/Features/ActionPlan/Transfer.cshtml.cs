namespace Vigie.Web.Features.ActionPlan;

/// <summary>Export of the whole plan (CSV or XLSX) and import of the same format back, all rows or none.</summary>
[Infrastructure.ContractRequirement(Domain.ContractRole.Reader)]
public sealed class TransferModel(PlanQueries queries, PlanExport export, PlanImport import) : PageModel
{
    public PlanView Plan { get; private set; } = null!;
    public ImportReport? Report { get; private set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await queries.PlanAsync(id) is not { } plan) return NotFound();
        Plan = plan;
        if (!plan.CanEdit) return Forbid();
        ViewData["Title"] = "Importer un plan d'action";
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id, string? format)
    {
        if (await queries.PlanAsync(id) is not { } plan || await export.RowsAsync(id) is not { } rows) return NotFound();
        await Infrastructure.ReadAuditExtensions.AuditReadAsync(HttpContext, Infrastructure.AuditKinds.ExportDownloaded, "Contract", id, id, new { what = "plan", format = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "xlsx", rows = rows.Count });
        var stamp = queries.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? File(PlanExport.Csv(rows), "text/csv; charset=utf-8", $"plan-d-action-{stamp}.csv")
            : File(PlanExport.Xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"plan-d-action-{stamp}.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await queries.PlanAsync(id) is not { } plan) return NotFound();
        Plan = plan;
        if (!plan.CanEdit) return Forbid();
        ViewData["Title"] = "Importer un plan d'action";
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choisissez un fichier CSV ou XLSX.");
            return Page();
        }
        var xlsx = Upload.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
        if (!xlsx && !Upload.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(Upload), "Le fichier doit être un .csv ou un .xlsx exporté depuis le plan.");
            return Page();
        }
        using var ms = new MemoryStream();
        await Upload.CopyToAsync(ms);
        var r = await import.ImportAsync(id, ms.ToArray(), xlsx);
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        Report = r.Value!;
        if (!Report.Succeeded)
        {
            ModelState.AddModelError(nameof(Upload), $"Le fichier contient {Report.Errors.Count} erreur(s) : rien n'a été importé.");
            return Page();
        }
        TempData["Flash"] = $"Import terminé : {Report.Created} créé(s), {Report.Updated} modifié(s), {Report.Unchanged} inchangé(s).";
        return RedirectToPage("/ActionPlan/Index", new { id });
    }
}
