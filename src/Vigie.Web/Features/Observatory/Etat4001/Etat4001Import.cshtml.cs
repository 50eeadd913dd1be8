using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigie.Web.Features.Observatory.Etat4001;

/// <summary>
/// Upload of the état 4001 workbook (administrators). Runs synchronously: the workbook is 4 MB and
/// imports in seconds, all or nothing.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class Etat4001ImportModel(Etat4001Importer importer, Etat4001Queries queries) : PageModel
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
            edition = Vigie.Web.Features.Imports.ImportRequest.ParseEdition(Edition);
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
        try
        {
            await using var stream = Upload!.OpenReadStream();
            var r = await importer.ImportAsync(Upload!.FileName, stream, edition, null, HttpContext.RequestAborted);
            TempData["Flash"] = r.AlreadyImported
                ? $"Ce classeur a déjà été importé (édition du {Culture.Date(r.Edition)}) : rien n'a changé."
                : $"État 4001 importé (édition du {Culture.Date(r.Edition)}) : {N(r.Sheets)} feuille(s), {N(r.Services)} service(s) dont {N(r.NewServices)} nouveau(x), "
                  + $"{N(r.Matched)} rattaché(s) à une commune, {N(r.Unmatched)} non rattaché(s).";
            return Redirect("/observatoire/etat-4001/import");
        }
        catch (UserInputException e)
        {
            ModelState.AddModelError(nameof(Upload), "Import annulé, aucune donnée n'a été modifiée. " + e.Message);
            await LoadAsync();
            return Page();
        }
    }

    private static string N(long n) => n.ToString("N0", Culture.French);

    private async Task LoadAsync()
    {
        ViewData["Title"] = "Importer l'état 4001";
        Latest = (await queries.LatestEditionAsync())?.ProducedOn;
    }
}
