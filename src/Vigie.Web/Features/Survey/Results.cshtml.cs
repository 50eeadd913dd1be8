namespace Vigie.Web.Features.Survey;

/// <summary>
/// A wave's weighted results for members: every indicator per zone with its Wilson interval on n_eff, bases, national
/// anchors, the weighting summary; CSV/XLSX export of the aggregates (through the egress check, audited); the
/// scrubbed free-text answers on request (audited read, never exported).
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class ResultsModel(ContractAccess access, SurveyQueries queries, Egress egress) : SurveyPageModel(access)
{
    [BindProperty(SupportsGet = true, Name = "zone")] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true, Name = "textes")] public bool ShowTexts { get; set; }

    public SurveyWaveDetail Detail { get; private set; } = null!;
    public SurveyResultSet Results { get; private set; } = null!;
    public IReadOnlyList<string> FreeTexts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid waveId)
    {
        if (!await LoadContractAsync(id) || await queries.WaveAsync(id, waveId) is not { } detail) return NotFound();
        Detail = detail;
        Results = await queries.ResultsAsync(waveId);
        if (Zone is null || Results.Zones.All(z => z.Code != Zone)) Zone = SurveyEstimation.AllZone;
        if (ShowTexts)
        {
            FreeTexts = await queries.FreeTextsAsync(waveId);
            await HttpContext.AuditReadAsync(AuditKinds.SurveyFreeTextsRead, nameof(SurveyWave), waveId, id, new { count = FreeTexts.Count });
        }
        ViewData["Title"] = $"Résultats — {detail.Wave.Code}";
        ViewData["Breadcrumb"] = Crumbs(new Crumb(detail.Wave.Code, Url.Page("/Survey/Wave", new { id, waveId })), new Crumb("Résultats"));
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id, Guid waveId, string? format)
    {
        if (!await LoadContractAsync(id) || await queries.WaveAsync(id, waveId) is not { } detail) return NotFound();
        var visibility = detail.Wave.PublishedAt is null ? MinutesVisibility.Members : MinutesVisibility.Public;
        if (!await egress.MayReceiveAsync(id, visibility, null, Audience.Reader(Viewer.UserId, Viewer.IsAdministrator))) return Forbid();
        var results = await queries.ResultsAsync(waveId);
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        await HttpContext.AuditReadAsync(AuditKinds.SurveyResultsExported, nameof(SurveyWave), waveId, id, new { format = xlsx ? "xlsx" : "csv", rows = results.Rows.Count });
        var name = $"enquete-{detail.Wave.Code}-resultats";
        return xlsx
            ? File(SurveyExport.Xlsx(detail.Wave.Code, results), Spreadsheets.XlsxType, name + ".xlsx")
            : File(SurveyExport.Csv(detail.Wave.Code, results), Spreadsheets.CsvType, name + ".csv");
    }
}
