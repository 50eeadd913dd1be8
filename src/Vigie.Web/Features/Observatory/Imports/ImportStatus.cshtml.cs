using Microsoft.AspNetCore.Authorization;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Observatory.Imports;

[Authorize(Policy = Policies.Administrator)]
public sealed class ImportStatusModel(ImportJobQueue jobs) : PageModel
{
    public ImportJobView Job { get; private set; } = null!;

    public static string StatusLabel(ImportJobStatus s) => s switch
    {
        ImportJobStatus.Queued => "En attente",
        ImportJobStatus.Running => "En cours",
        ImportJobStatus.Succeeded => "Terminé",
        _ => "Échec",
    };

    public static string Summary(ImportJobView j) => j.Status switch
    {
        ImportJobStatus.Succeeded when j.RowsImported == 0 => "Terminé : aucune nouvelle ligne (ce fichier était déjà importé dans cette édition, rien n'a changé).",
        ImportJobStatus.Succeeded => $"Terminé : {j.RowsImported.ToString("N0", Culture.French)} lignes importées.",
        ImportJobStatus.Failed => j.Error ?? "Échec.",
        ImportJobStatus.Running when j.Step is not null =>
            $"En cours : {j.Step}{(j.Percent is { } p ? $" ({p.ToString("0", Culture.French)} %)" : "")}, {j.RowsRead.ToString("N0", Culture.French)} lignes lues.",
        ImportJobStatus.Running => $"En cours : {j.RowsRead.ToString("N0", Culture.French)} lignes lues.",
        _ => "En attente de traitement.",
    };

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var job = await jobs.FindAsync(id, HttpContext.RequestAborted);
        if (job is null) return NotFound();
        Job = job;
        ViewData["Title"] = $"Import {job.FileName}";
        return Page();
    }

    /// <summary>Polled every second by wwwroot/js/import-job.js.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id)
    {
        var job = await jobs.FindAsync(id, HttpContext.RequestAborted);
        if (job is null) return NotFound();
        return new JsonResult(new
        {
            status = job.Status.ToString().ToLowerInvariant(),
            statusLabel = StatusLabel(job.Status),
            rowsRead = job.RowsRead,
            rowsImported = job.RowsImported,
            rowsReadText = job.RowsRead.ToString("N0", Culture.French),
            rowsImportedText = job.RowsImported.ToString("N0", Culture.French),
            finished = job.Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed,
            summary = Summary(job),
        });
    }
}
