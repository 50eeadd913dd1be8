using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vigie.Web.Features.Territories;

namespace Vigie.Web.Features.Admin;

public sealed class GeographyModel(AppDbContext db, GeographyImporter importer, IOptions<GeographyOptions> options) : PageModel
{
    public sealed record LastImport(DateTimeOffset At, int? Inserted, int? Updated, int? Unchanged);

    public IReadOnlyList<(TerritoryKind Kind, int Count)> Counts { get; private set; } = [];
    public LastImport? Last { get; private set; }
    public string? Folder => options.Value.ResolveFolder();

    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostUploadAsync()
    {
        if (Files.Count == 0)
        {
            ModelState.AddModelError(nameof(Files), "Choisissez au moins un fichier (communes.csv, departements.csv et regions.csv sont obligatoires).");
            await LoadAsync();
            return Page();
        }
        var files = Files.Select(f => new GeographyFile(Path.GetFileName(f.FileName), f.OpenReadStream)).ToList();
        return await ImportAsync(() => importer.ImportAsync(files, null, HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostFolderAsync()
    {
        var folder = Folder;
        if (folder is null)
        {
            ModelState.AddModelError(string.Empty, "Aucun dossier source n'est configuré (option Geography:SourceFolder).");
            await LoadAsync();
            return Page();
        }
        return await ImportAsync(() => importer.ImportFolderAsync(folder, null, HttpContext.RequestAborted));
    }

    private async Task<IActionResult> ImportAsync(Func<Task<GeographyImportResult>> run)
    {
        try
        {
            var r = await run();
            TempData["Flash"] = $"Géographie importée : {N(r.Inserted)} ajout(s), {N(r.Updated)} modification(s), {N(r.Unchanged)} inchangé(s), {N(r.Absent)} absent(s) des fichiers conservé(s).";
            return RedirectToPage();
        }
        catch (UserInputException e)
        {
            ModelState.AddModelError(nameof(Files), "Import annulé, aucune donnée n'a été modifiée. " + e.Message);
            await LoadAsync();
            return Page();
        }
    }

    private static string N(int n) => n.ToString("N0", Culture.French);

    private async Task LoadAsync()
    {
        ViewData["Title"] = "Géographie officielle";
        Counts = (await db.Territories.AsNoTracking().GroupBy(t => t.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .OrderBy(c => c.Key).Select(c => (c.Key, c.Count)).ToList();
        var last = await db.AuditEvents.AsNoTracking().Where(e => e.Kind == AuditKinds.GeographyImported)
            .OrderByDescending(e => e.Id).Select(e => new { e.OccurredAt, e.Data }).FirstOrDefaultAsync();
        if (last is not null)
        {
            int? Read(JsonElement root, string name) => root.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : null;
            using var json = JsonDocument.Parse(last.Data ?? "{}");
            Last = new LastImport(last.OccurredAt, Read(json.RootElement, "inserted"), Read(json.RootElement, "updated"), Read(json.RootElement, "unchanged"));
        }
    }
}
