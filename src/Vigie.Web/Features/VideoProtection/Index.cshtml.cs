using System.Text.Json.Nodes;

namespace Vigie.Web.Features.VideoProtection;

/// <summary>The register of a contract: alerts, systems, diagnostics, requests, authorisations, cameras on a map, recorders, the ethics committee.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class IndexModel(ContractAccess access, VideoQueries queries, VideoAlertCommands alerts) : VideoPageModel(access)
{
    public VideoQueries.Overview View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        View = await queries.OverviewAsync(id);
        ViewData["Title"] = "Vidéoprotection — " + ContractTitle;
        ViewData["Breadcrumb"] = VideoCrumbs();
        return Page();
    }

    /// <summary>A coordinator closes an alert (the command checks the role and the contract; audited).</summary>
    public async Task<IActionResult> OnPostCloreAsync(Guid id, [FromForm(Name = "alerte")] Guid alertId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var result = await alerts.ResolveAsync(id, alertId);
        if (result.Forbidden) return Forbid();
        if (result.Succeeded) TempData["Flash"] = "L'alerte est close : elle quitte la liste (elle reste dans l'historique des alertes closes).";
        else TempData["FlashError"] = result.Conflict?.Message ?? "Cette alerte n'existe pas dans ce registre.";
        return RedirectToPage("/VideoProtection/Index", null, new { id }, "alertes");
    }

    /// <summary>The map's data: cameras (code, site, state, field of view) and authorised perimeters, as GeoJSON.</summary>
    public async Task<IActionResult> OnGetCarteAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var o = await queries.OverviewAsync(id);
        var features = new JsonArray();
        foreach (var a in o.Authorisations.Where(a => a.PerimeterGeoJson is not null && a.StatusOn(o.Today) != VideoAuthorisationStatus.Abrogee))
            features.Add(new JsonObject
            {
                ["type"] = "Feature", ["geometry"] = JsonNode.Parse(a.PerimeterGeoJson!),
                ["properties"] = new JsonObject { ["kind"] = "perimeter", ["label"] = $"Périmètre « {a.PerimeterName} » — arrêté n° {a.OrderNumber}" },
            });
        foreach (var c in o.Cameras.Where(c => c.State != VideoCameraState.Deposee))
            features.Add(new JsonObject
            {
                ["type"] = "Feature", ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(c.Longitude, c.Latitude) },
                ["properties"] = new JsonObject
                {
                    ["kind"] = "camera", ["label"] = $"{c.Code} — {c.Site} — {VideoLabels.State(c.State)}", ["state"] = c.State.ToString(),
                    ["bearing"] = c.Bearing, ["angle"] = c.ViewAngle, ["warning"] = o.Warning(c),
                },
            });
        return Content(new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString(), "application/geo+json; charset=utf-8");
    }

    /// <summary>The yearly CLSPD summary (PDF, counts per site).</summary>
    public async Task<IActionResult> OnGetBilanAsync(Guid id, [FromQuery(Name = "annee")] int? year)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var y = year ?? queries.Today.Year;
        if (y is < 2000 or > 2100) return BadRequest("Année invalide : indiquez une année entre 2000 et 2100.");
        await HttpContext.AuditReadAsync(AuditKinds.ExportDownloaded, "Contract", id, id, new { what = "video-summary", year = y, format = "pdf" });
        return File(await queries.SummaryPdfAsync(id, y), "application/pdf", $"videoprotection-bilan-{y}.pdf");
    }

    /// <summary>The committee's annual report of a year (PDF).</summary>
    public async Task<IActionResult> OnGetRapportAsync(Guid id, [FromQuery(Name = "annee")] int? year, [FromQuery(Name = "systeme")] Guid? systemId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        if (year is not { } y || await queries.CommitteeReportPdfAsync(id, y, publishedOnly: false, systemId) is not { } r) return NotFound();
        await HttpContext.AuditReadAsync(AuditKinds.ExportDownloaded, "VideoCommitteeReport", r.ReportId, id, new { what = "video-committee-report", year = y, format = "pdf" });
        return File(r.Pdf, "application/pdf", $"comite-ethique-{y}.pdf");
    }
}
