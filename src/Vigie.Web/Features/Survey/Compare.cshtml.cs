using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Survey;

/// <summary>
/// T0 vs T1 for members (specs §2.6): each indicator of a zone in both waves with both intervals, the difference in points,
/// "significatif" only when the intervals are disjoint. The wave to compare with is chosen among the survey's other waves.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class CompareModel(ContractAccess access, SurveyQueries queries) : SurveyPageModel(access)
{
    [BindProperty(SupportsGet = true, Name = "avec")] public Guid? With { get; set; }
    [BindProperty(SupportsGet = true, Name = "zone")] public string? Zone { get; set; }

    public SurveyWaveDetail Detail { get; private set; } = null!;
    public SurveyWaveComparison? Comparison { get; private set; }
    public IReadOnlyList<SelectListItem> WaveItems { get; private set; } = [];
    public IReadOnlyList<SurveyZone> Zones { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid waveId)
    {
        if (!await LoadContractAsync(id) || await queries.WaveAsync(id, waveId) is not { } detail) return NotFound();
        Detail = detail;
        var others = (await queries.WavesOfSurveyAsync(detail.Wave.SurveyId)).Where(w => w.Id != waveId).ToList();
        With ??= others.LastOrDefault(w => w.Number < detail.Wave.Number)?.Id ?? others.FirstOrDefault()?.Id;
        WaveItems = [.. others.Select(w => new SelectListItem($"{w.Code} — {w.Title}", w.Id.ToString(), w.Id == With))];
        if (With is { } other) Comparison = await queries.CompareAsync(id, waveId, other);
        Zones = Comparison is null ? [] : [.. Comparison.Rows.Select(r => r.Zone).DistinctBy(z => z.Code)];
        if (Zone is null || Zones.All(z => z.Code != Zone)) Zone = SurveyEstimation.AllZone;
        ViewData["Title"] = $"Comparaison des vagues — {detail.Wave.Code}";
        ViewData["Breadcrumb"] = Crumbs(new Crumb(detail.Wave.Code, Url.Page("/Survey/Wave", new { id, waveId })), new Crumb("Comparaison des vagues"));
        return Page();
    }
}
