using System.Globalization;
using Vigie.Web.Features.Governance;

namespace Vigie.Web.Features.Public;

/// <summary>
/// The public plenary report (bilan semestriel / annuel) of a published contract for a chosen period,
/// as a page and as a tagged PDF. Anonymous; unpublished contracts answer 404.
/// </summary>
public sealed class PlenaryReportModel(PlenaryReport report, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "du")] public string? FromText { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public string? ToText { get; set; }
    public PlenaryReportData Report { get; private set; } = null!;
    public string PdfUrl => Url.Page("/Public/PlenaryReport", "Pdf", new { id = Id, du = Report.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), au = Report.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (User.Identity?.IsAuthenticated == true) await HttpContext.AuditReadAsync(AuditKinds.ExportDownloaded, "Contract", Id, Id, new { what = "public-report", format = "pdf" });
        return File(PlenaryReport.Pdf(Report), "application/pdf", $"bilan-clspd-{Report.From:yyyy-MM-dd}-{Report.To:yyyy-MM-dd}.pdf");
    }

    private async Task<bool> LoadAsync()
    {
        var today = Culture.ParisDate(clock.GetUtcNow());
        // Default: the current half-year (bilan semestriel).
        var defaultFrom = new DateOnly(today.Year, today.Month <= 6 ? 1 : 7, 1);
        var from = Parse(FromText, "du", "La date de début", defaultFrom);
        var to = Parse(ToText, "au", "La date de fin", defaultFrom.AddMonths(6).AddDays(-1));
        if (to < from) { ModelState.AddModelError("au", "La date de fin doit être postérieure à la date de début."); to = from; }
        if (to.DayNumber - from.DayNumber > 3 * 366) { ModelState.AddModelError("au", "La période ne doit pas dépasser trois ans."); to = from.AddYears(3); }
        if (await report.BuildAsync(Id, from, to) is not { } data) return false;
        Report = data;
        ViewData["Title"] = $"Bilan du CLSPD — {data.Contract}";
        ViewData["Breadcrumb"] = new List<Shared.Crumb> { new("Bilan public") };
        return true;
    }

    private DateOnly Parse(string? text, string field, string label, DateOnly fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || DateOnly.TryParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out d)) return d;
        ModelState.AddModelError(field, $"{label} n'est pas une date valide (jj/mm/aaaa).");
        return fallback;
    }
}
