using Microsoft.AspNetCore.Authorization;

namespace Vigie.Web.Features.Survey;

/// <summary>
/// Anonymous page of a published wave of a published contract: aggregate weighted results only (never a response,
/// never a free text), with the mandatory caveat. Unpublished waves answer 404.
/// </summary>
[AllowAnonymous]
public sealed class PublicResultsModel(SurveyQueries queries, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "zone")] public string? Zone { get; set; }
    public SurveyWave Wave { get; private set; } = null!;
    public string ContractTitle { get; private set; } = "";
    public SurveyResultSet Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid waveId)
    {
        if (await queries.PublishedWaveAsync(id, waveId) is not { } wave) return NotFound();
        Wave = wave;
        ContractTitle = await db.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Title).SingleAsync();
        Results = await queries.ResultsAsync(waveId);
        if (Zone is null || Results.Zones.All(z => z.Code != Zone)) Zone = SurveyEstimation.AllZone;
        ViewData["Title"] = $"{wave.Survey!.Title} — {wave.Title}";
        return Page();
    }
}
