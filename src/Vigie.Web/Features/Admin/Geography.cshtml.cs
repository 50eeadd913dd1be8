using System.Text.Json;
using Microsoft.Extensions.Options;
using Vigie.Web.Features.Imports;
using Vigie.Web.Features.Territories;

namespace Vigie.Web.Features.Admin;

/// <summary>
/// The official geography: counts, last import, and the import itself — queued as a "geography" job (the read and the
/// upsert of 40,000 territories take tens of seconds), followed on the import status page.
/// </summary>
public sealed class GeographyModel(AppDbContext db, ImportJobQueue jobs, IOptions<GeographyOptions> options) : PageModel
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
        return await EnqueueAsync(Files.Select(f => new ImportFile(Path.GetFileName(f.FileName), f.OpenReadStream)).ToList());
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
        try
        {
            return await EnqueueAsync(GeographyImporter.FilesInFolder(folder));
        }
        catch (UserInputException e)
        {
            return await RefuseAsync(e);
        }
    }

    /// <summary>Checks the file names at once (cheap), then queues the import; the status page shows its progress.</summary>
    private async Task<IActionResult> EnqueueAsync(IReadOnlyList<ImportFile> files)
    {
        try
        {
            GeographyImporter.Recognise(files);
        }
        catch (UserInputException e)
        {
            return await RefuseAsync(e);
        }
        var id = await jobs.EnqueueAsync(ImportKinds.Geography, files, null, HttpContext.RequestAborted);
        TempData["Flash"] = "Fichiers de géographie déposés : l'import s'exécute en arrière-plan.";
        return RedirectToPage("/Observatory/Imports/ImportStatus", new { id });
    }

    private async Task<IActionResult> RefuseAsync(UserInputException e)
    {
        ModelState.AddModelError(nameof(Files), "Import annulé, aucune donnée n'a été modifiée. " + e.Message);
        await LoadAsync();
        return Page();
    }

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
