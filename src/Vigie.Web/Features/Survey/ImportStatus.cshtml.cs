using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Survey;

/// <summary>Progress and outcome of a response import of this wave (the job must be a survey import of this wave).</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class ImportStatusModel(ContractAccess access, SurveyQueries queries, ImportJobQueue jobs, AppDbContext db)
    : SurveyPageModel(access)
{
    public ImportJobView Job { get; private set; } = null!;
    public SurveyWave Wave { get; private set; } = null!;

    public static string Summary(ImportJobView j) => j.Status switch
    {
        ImportJobStatus.Succeeded when j.RowsImported == 0 => "Terminé : le fichier ne contenait aucune réponse.",
        ImportJobStatus.Succeeded => $"Terminé : {j.RowsImported.ToString("N0", Culture.French)} réponses dans la vague (ajoutées, modifiées ou déjà présentes).",
        _ => Observatory.Imports.ImportStatusModel.Summary(j),
    };

    private async Task<ImportJobView?> FindAsync(Guid id, Guid waveId, Guid jobId)
    {
        if (!await LoadContractAsync(id) || await queries.WaveAsync(id, waveId) is not { } wave) return null;
        var parameters = await db.ImportJobs.AsNoTracking().Where(j => j.Id == jobId && j.Kind == SurveyJobRunner.ImportKind).Select(j => j.Parameters).FirstOrDefaultAsync();
        if (parameters is null || !parameters.Contains(waveId.ToString(), StringComparison.Ordinal)) return null;
        Wave = wave.Wave;
        return await jobs.FindAsync(jobId, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid waveId, Guid jobId)
    {
        if (await FindAsync(id, waveId, jobId) is not { } job) return NotFound();
        Job = job;
        ViewData["Title"] = $"Import {job.FileName}";
        ViewData["Breadcrumb"] = Crumbs(new Crumb(Wave.Code, Url.Page("/Survey/Wave", new { id, waveId })), new Crumb("Import"));
        return Page();
    }

    /// <summary>Polled every second by wwwroot/js/import-job.js.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id, Guid waveId, Guid jobId)
    {
        if (await FindAsync(id, waveId, jobId) is not { } job) return NotFound();
        return new JsonResult(new
        {
            status = job.Status.ToString().ToLowerInvariant(),
            statusLabel = Observatory.Imports.ImportStatusModel.StatusLabel(job.Status),
            rowsRead = job.RowsRead,
            rowsImported = job.RowsImported,
            rowsReadText = job.RowsRead.ToString("N0", Culture.French),
            rowsImportedText = job.RowsImported.ToString("N0", Culture.French),
            finished = job.Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed,
            summary = Summary(job),
        });
    }
}
