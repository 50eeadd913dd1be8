using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Vigie.Web.Features.Observatory.Ssmsi;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Observatory.Imports;

[Authorize(Policy = Policies.Administrator)]
// Only this page accepts large uploads (up to 1 GB); the form is buffered to disk by the framework, then streamed to the upload folder.
[RequestSizeLimit(ObservatoryOptions.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ObservatoryOptions.MaxUploadBytes)]
public sealed class ImportsModel(ImportJobQueue jobs) : PageModel
{
    public sealed class ImportInput
    {
        [Display(Name = "Fichier SSMSI")]
        public IFormFile? File { get; set; }

        [Display(Name = "Édition")]
        public string? Edition { get; set; }
    }

    [BindProperty] public ImportInput Input { get; set; } = new();
    public IReadOnlyList<ImportJobView> Jobs { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.File is null || Input.File.Length == 0)
            ModelState.AddModelError("Input.File", "Choisissez le fichier CSV de la base SSMSI à importer.");
        if (!SsmsiImporter.TryParseEdition(Input.Edition, out var edition))
            ModelState.AddModelError("Input.Edition", SsmsiImporter.EditionFormatMessage);
        else if (Input.File is { Length: > 0 })
        {
            try
            {
                SsmsiImporter.ResolveEdition(Input.File.FileName, edition);
            }
            catch (UserInputException e)
            {
                ModelState.AddModelError("Input.Edition", e.Message);
            }
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        await using var stream = Input.File!.OpenReadStream();
        var id = await jobs.EnqueueAsync(ImportJobQueue.SsmsiKind, Input.File.FileName, stream, edition, HttpContext.RequestAborted);
        TempData["Flash"] = $"Fichier « {Path.GetFileName(Input.File.FileName)} » déposé : l'import s'exécute en arrière-plan.";
        return RedirectToPage("/Observatory/Imports/ImportStatus", new { id });
    }

    private async Task LoadAsync()
    {
        ViewData["Title"] = "Imports de l'observatoire";
        Jobs = await jobs.RecentAsync(30, HttpContext.RequestAborted);
    }
}
