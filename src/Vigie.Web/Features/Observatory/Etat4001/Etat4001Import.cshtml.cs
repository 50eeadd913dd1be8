using Microsoft.AspNetCore.Authorization;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Observatory.Etat4001;

/// <summary>
/// Upload of the état 4001 workbook (administrators): queued as an "etat4001" job, followed on the import status
/// page; all or nothing.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class Etat4001ImportModel(ImportJobQueue jobs, Etat4001Queries queries) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Edition { get; set; }
    public DateOnly? Latest { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
            ModelState.AddModelError(nameof(Upload), "Choisissez le classeur état 4001 (.xlsx).");
        DateOnly? edition = null;
        try
        {
            edition = ImportRequest.ParseEdition(Edition);
        }
        catch (UserInputException e)
        {
            ModelState.AddModelError(nameof(Edition), e.Message);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        await using var stream = Upload!.OpenReadStream();
        var id = await jobs.EnqueueAsync(ImportKinds.Etat4001, Upload.FileName, stream, edition, HttpContext.RequestAborted);
        TempData["Flash"] = $"Classeur « {Path.GetFileName(Upload.FileName)} » déposé : l'import s'exécute en arrière-plan.";
        return RedirectToPage("/Observatory/Imports/ImportStatus", new { id });
    }

    private async Task LoadAsync()
    {
        ViewData["Title"] = "Importer l'état 4001";
        Latest = (await queries.LatestEditionAsync())?.ProducedOn;
    }
}
