namespace Vigie.Web.Features.Survey;

/// <summary>
/// A wave's responses for correction (issue 12): a coordinator sees them all and voids an online or imported one with a
/// motive; an agent sees the questionnaires they entered and corrects or deletes them; the history below. Codes and
/// states only: no answers, no free text.
/// </summary>
[ContractRequirement(ContractRole.PartnerMember)]
public sealed class ResponsesModel(ContractAccess access, SurveyQueries queries, SurveyAgentEntry entry, SurveyResponsesExport export, Egress egress)
    : SurveyPageModel(access)
{
    public SurveyWaveDetail Detail { get; private set; } = null!;
    public IReadOnlyList<SurveyResponseListItem> Responses { get; private set; } = [];
    public IReadOnlyList<SurveyResponseChangeItem> Changes { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Resp { get; set; }
    [BindProperty] public string? Reason { get; set; }
    /// <summary>The version of the response the void form was shown with (ADR 0019).</summary>
    [BindProperty] public int? Version { get; set; }
    /// <summary>Editable while the results are not published (open or closed wave).</summary>
    public bool Editable => Detail.Wave.PublishedAt is null && Detail.Wave.Status != SurveyWaveStatus.Draft;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid waveId)
    {
        if (!await LoadContractAsync(id) || !await LoadAsync(waveId)) return NotFound();
        return Page();
    }

    /// <summary>A closed wave's anonymous responses as CSV (coordinators; through the egress check; audited read).</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id, Guid waveId)
    {
        // Only the wave is read here; the page's response list and change history are loaded only to show the refusal.
        if (!await LoadContractAsync(id) || await queries.WaveAsync(id, waveId) is not { } detail) return NotFound();
        if (!Viewer.IsCoordinator) return Forbid();
        if (!await egress.MayReceiveAsync(id, MinutesVisibility.Members, null, Audience.Reader(Viewer.UserId, Viewer.IsAdministrator))) return Forbid();
        if (await export.CsvAsync(id, waveId) is not { } file)
        {
            await LoadAsync(waveId);
            ModelState.AddModelError("", "Les réponses d'une vague ne s'exportent qu'une fois sa collecte close.");
            return Page();
        }
        await HttpContext.AuditReadAsync(AuditKinds.SurveyResponsesExported, nameof(SurveyWave), waveId, id, new { lines = file.Lines });
        return File(file.Csv, Spreadsheets.CsvType, $"enquete-{detail.Wave.Code}-reponses.csv");
    }

    public async Task<IActionResult> OnPostVoidAsync(Guid id, Guid waveId, Guid reponse)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var r = await entry.VoidAsync(id, waveId, reponse, Reason, Version);
        if (r.Succeeded)
        {
            TempData["Flash"] = "Réponse annulée : elle est exclue des résultats et des quotas, et comptée à part.";
            return RedirectToPage("/Survey/Responses", new { id, waveId });
        }
        if (r.NotFound || !await LoadAsync(waveId)) return NotFound();
        if (r.Forbidden && r.ForbiddenReason is null) return Forbid();
        if (r.ForbiddenReason is { } reason) ModelState.AddModelError("", reason);
        if (r.Conflict is { } conflict) ModelState.AddModelError("", conflict.Message); // the list below shows the current version
        foreach (var (_, messages) in r.Errors)
            foreach (var m in messages) ModelState.AddModelError($"Reason-{reponse}", m);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid waveId)
    {
        if (await queries.WaveAsync(ContractId, waveId) is not { } detail) return false;
        Detail = detail;
        Responses = await queries.ResponsesAsync(waveId, Viewer, Resp);
        Changes = await queries.ResponseChangesAsync(waveId, Viewer);
        ViewData["Title"] = $"Réponses de la vague {detail.Wave.Code}";
        ViewData["Breadcrumb"] = Crumbs(new Crumb(detail.Wave.Code, Url.Page("/Survey/Wave", new { id = ContractId, waveId })), new Crumb("Réponses"));
        return true;
    }
}
