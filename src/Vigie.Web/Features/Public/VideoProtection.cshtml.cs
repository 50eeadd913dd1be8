using Vigie.Web.Features.VideoProtection;

namespace Vigie.Web.Features.Public;

/// <summary>
/// Anonymous information page of a published contract's video-protection (issue 15 item 10): authorised perimeters and
/// purposes, retention, how to exercise the right of access, the ethics committee's charter and published annual reports.
/// Nothing from the extraction register, requisitions or access requests; no camera coordinates.
/// </summary>
public sealed class VideoProtectionModel(VideoQueries queries) : PageModel
{
    public VideoQueries.PublicView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await queries.PublicAsync(id) is not { } view) return NotFound();
        View = view;
        ViewData["Title"] = "Vidéoprotection — " + view.ContractTitle;
        return Page();
    }

    /// <summary>A published annual report of the committee (PDF).</summary>
    public async Task<IActionResult> OnGetRapportAsync(Guid id, [FromQuery(Name = "annee")] int? year, [FromQuery(Name = "systeme")] Guid? systemId)
    {
        if (await queries.PublicAsync(id) is null || year is not { } y || await queries.CommitteeReportPdfAsync(id, y, publishedOnly: true, systemId) is not { } r) return NotFound();
        return File(r.Pdf, "application/pdf", $"comite-ethique-{y}.pdf");
    }
}
