namespace Vigie.Web.Features.Survey;

/// <summary>
/// A wave: field period and sampling plan (population margins, quota per quartier), collection state and public
/// answer link, response import (queued through the import pipeline), publication of its results.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
[RequestSizeLimit(SurveyCensus.MaxFileBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = SurveyCensus.MaxFileBytes)]
public sealed class WaveModel(ContractAccess access, SurveyQueries queries, SurveyCommands commands, Imports.ImportJobQueue jobs,
    TimeProvider clock, PublicLinks links, SurveyCensus census) : SurveyPageModel(access)
{
    /// <summary>The census margins upload: INSEE's IRIS file, strict mode (every IRIS of a mapped commune must be mapped).</summary>
    public sealed class CensusInput
    {
        public IFormFile? File { get; set; }
        public bool Strict { get; set; }
    }

    public sealed class StrataInput
    {
        public string? Strata { get; set; }
    }

    [BindProperty] public StrataInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public CensusInput Census { get; set; } = new();
    /// <summary>IRIS in the contract's IRIS → quartier correspondence (the census import needs some).</summary>
    public int IrisMapped { get; private set; }
    /// <summary>The draft wave's edit form (with its version, ADR 0019).</summary>
    [BindProperty] public SurveyWaveForm Edit { get; set; } = new();
    public SurveyWaveDetail Detail { get; private set; } = null!;
    public string? AnswerUrl { get; private set; }

    /// <summary>Quota per quartier: planned size shared in proportion to the population (specs §2.4), at least 100 where shown alone.</summary>
    public IReadOnlyList<(string Code, string Name, long Population, int Quota)> Quotas { get; private set; } = [];
    /// <summary>Complete responses received per quartier code (progress against the quota).</summary>
    public IReadOnlyDictionary<string, int> Received { get; private set; } = new Dictionary<string, int>();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid waveId)
    {
        if (!await LoadContractAsync(id) || !await LoadAsync(waveId)) return NotFound();
        Edit = SurveyWaveForm.Of(Detail.Wave);
        Input.Strata = string.Join('\n', Detail.Strata.Select(s => $"{s.Quartier};{s.QuartierName};{SurveyLabels.Sex(s.Sex)};{SurveyLabels.Band(s.AgeBand)};{s.Population}"));
        return Page();
    }

    public async Task<IActionResult> OnPostStrataAsync(Guid id, Guid waveId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var r = await commands.SetStrataAsync(id, waveId, Input.Strata);
        if (r.Succeeded)
        {
            TempData["Flash"] = $"Plan de sondage enregistré : {r.Value} cases de population.";
            return RedirectToPage("/Survey/Wave", new { id, waveId });
        }
        return Refusal(r) ?? (await LoadAsync(waveId) ? Page() : (IActionResult)NotFound());
    }

    public async Task<IActionResult> OnPostCensusAsync(Guid id, Guid waveId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        if (!Viewer.IsCoordinator) return Forbid();
        var (content, error) = await SurveyCensus.ReadUploadAsync(Census.File, HttpContext.RequestAborted);
        var r = error is null
            ? await census.ImportAsync(id, waveId, Census.File?.FileName ?? "", content, Census.Strict)
            : CommandResult<SurveyCensusResult>.Invalid("file", error);
        if (r.Succeeded)
        {
            var c = r.Value!;
            TempData["Flash"] = c.Unchanged
                ? $"Fichier déjà importé : les populations du {c.Vintage} n'ont pas changé."
                : $"Populations du recensement importées ({c.Vintage}) : {c.IrisMapped.ToString("N0", Culture.French)} IRIS agrégés en {c.Quartiers.ToString("N0", Culture.French)} quartier(s), "
                  + $"{c.IrisIgnored.ToString("N0", Culture.French)} IRIS hors correspondance ignorés, population de 15 ans ou plus : {c.Population.ToString("N0", Culture.French)}.";
            return RedirectToPage("/Survey/Wave", new { id, waveId });
        }
        return Refusal(r, nameof(Census)) ?? (await LoadAsync(waveId) ? Page() : (IActionResult)NotFound());
    }

    public async Task<IActionResult> OnPostEditAsync(Guid id, Guid waveId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var r = await commands.UpdateWaveAsync(id, waveId, Edit.ToInput());
        if (r.Succeeded)
        {
            TempData["Flash"] = "Vague modifiée.";
            return RedirectToPage("/Survey/Wave", new { id, waveId });
        }
        if (Refusal(r, nameof(Edit)) is { } refused) return refused;
        if (r.Conflict is { } conflict) Edit.Version = conflict.CurrentVersion;
        return await LoadAsync(waveId) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostOpenAsync(Guid id, Guid waveId, bool online) =>
        ChangeAsync(id, waveId, () => commands.OpenAsync(id, waveId, online), online ? "Collecte ouverte, avec la page de réponse en ligne." : "Collecte ouverte.");

    public Task<IActionResult> OnPostCloseAsync(Guid id, Guid waveId) =>
        ChangeAsync(id, waveId, () => commands.CloseAsync(id, waveId), "Collecte close.");

    public Task<IActionResult> OnPostPublishAsync(Guid id, Guid waveId, bool publish) =>
        ChangeAsync(id, waveId, () => commands.PublishAsync(id, waveId, publish, clock.GetUtcNow()),
            publish ? "Résultats publiés sur la page publique du contrat." : "Publication retirée.");

    private async Task<IActionResult> ChangeAsync(Guid id, Guid waveId, Func<Task<CommandResult<int>>> change, string flash)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var r = await change();
        if (r.Succeeded)
        {
            TempData["Flash"] = flash;
            return RedirectToPage("/Survey/Wave", new { id, waveId });
        }
        return Refusal(r) ?? (await LoadAsync(waveId) ? Page() : (IActionResult)NotFound());
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id, Guid waveId)
    {
        if (!await LoadContractAsync(id) || !await LoadAsync(waveId)) return NotFound();
        if (!Viewer.IsCoordinator) return Forbid();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choisissez le fichier de réponses (CSV UTF-8 séparé par « ; », ou JSON).");
            return Page();
        }
        var jobId = await SurveyImportQueue.EnqueueAsync(jobs, waveId, Upload, HttpContext.RequestAborted);
        TempData["Flash"] = $"Fichier « {Path.GetFileName(Upload.FileName)} » déposé : l'import s'exécute en arrière-plan.";
        return RedirectToPage("/Survey/ImportStatus", new { id, waveId, jobId });
    }

    private async Task<bool> LoadAsync(Guid waveId)
    {
        if (await queries.WaveAsync(ContractId, waveId) is not { } detail) return false;
        Detail = detail;
        var w = detail.Wave;
        if (w.OnlineCode is not null) AnswerUrl = links.ToPage("/Survey/Answer", new { code = w.OnlineCode });
        Quotas = SurveyQuotas.Of(detail);
        Received = await queries.CompleteByQuartierAsync(waveId);
        if (Viewer.IsCoordinator) IrisMapped = await census.MappingCountAsync(ContractId);
        ViewData["Title"] = $"{w.Code} — {w.Title}";
        ViewData["Breadcrumb"] = Crumbs(new Crumb(detail.SurveyTitle, Url.Page("/Survey/Questionnaire", new { id = ContractId, surveyId = w.SurveyId })), new Crumb(w.Code));
        return true;
    }
}

/// <summary>Quota per quartier: the planned size shared in proportion to the population (specs §2.4); the wave page and the API.</summary>
public static class SurveyQuotas
{
    public static IReadOnlyList<(string Code, string Name, long Population, int Quota)> Of(SurveyWaveDetail detail)
    {
        var byQuartier = detail.Strata.GroupBy(s => s.Quartier).Select(g => (Code: g.Key, Name: g.First().QuartierName, Population: g.Sum(s => (long)s.Population))).ToList();
        var total = byQuartier.Sum(q => q.Population);
        return [.. byQuartier.Select(q => (q.Code, q.Name, q.Population,
            total == 0 ? 0 : (int)Math.Round(detail.Wave.PlannedSize * (double)q.Population / total, MidpointRounding.AwayFromZero)))];
    }
}
