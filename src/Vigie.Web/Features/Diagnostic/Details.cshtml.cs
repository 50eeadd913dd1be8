using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Diagnostic;

/// <summary>
/// The live diagnostic: sections with their author and state, figures read now (source and edition under each table), findings
/// per axis and the priorities citing them, findings no priority answers, priorities no finding justifies, the sources
/// register, and the frozen versions. The coordination freezes, publishes, records sources and links findings to priorities.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class DetailsModel(ContractViewers viewers, DiagnosticQueries queries, DiagnosticCommands commands, AppDbContext db) : PageModel
{
    public DiagnosticQueries.DiagnosticDetail Diagnostic { get; private set; } = null!;
    public ContractViewer Viewer { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> PriorityItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> MeetingItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> SourceKindItems { get; } =
        [.. Enum.GetValues<DiagnosticSourceKind>().Select(k => new SelectListItem(DiagnosticLabels.SourceKind(k), k.ToString()))];

    public sealed class SourceForm
    {
        public DiagnosticSourceKind Kind { get; set; } = DiagnosticSourceKind.Meeting;
        public string? Title { get; set; }
        public DateOnly? Date { get; set; }
        public Guid? MeetingId { get; set; }
        public string? Edition { get; set; }
        public string? Notes { get; set; }
        public IFormFile? File { get; set; }
    }

    [BindProperty] public SourceForm Input { get; set; } = new();

    public bool MayWrite(DiagnosticQueries.DiagnosticSectionRow s) =>
        Viewer.IsCoordinator || (Viewer.Role == ContractRole.PartnerMember && s.OrganisationId is { } o && o == Viewer.OrganisationId);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid diagnosticId) => await LoadAsync(id, diagnosticId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFreezeAsync(Guid id, Guid diagnosticId) =>
        Done(await commands.FreezeAsync(id, diagnosticId), id, diagnosticId, v => $"La version {v.Number} est figée (empreinte {v.Sha256[..12]}…).");

    public async Task<IActionResult> OnPostPublishAsync(Guid id, Guid diagnosticId, int? version) =>
        Done(await commands.PublishAsync(id, diagnosticId, version), id, diagnosticId,
            _ => version is null ? "Le diagnostic n'est plus publié." : $"La version {version} est publiée (parties publiques seulement).");

    public async Task<IActionResult> OnPostLinkAsync(Guid id, Guid diagnosticId, Guid findingId, Guid? itemId) =>
        itemId is { } item
            ? Done(await commands.LinkAsync(id, item, findingId), id, diagnosticId, _ => "Le constat est relié à la priorité.")
            : Done(CommandResult<Guid>.Invalid("itemId", "Choisissez la priorité du plan."), id, diagnosticId, _ => "");

    public async Task<IActionResult> OnPostSourceAsync(Guid id, Guid diagnosticId)
    {
        DiagnosticUpload? upload = null;
        if (Input.File is { Length: > 0 } file)
        {
            if (file.Length > DiagnosticCommands.FileMax) ModelState.AddModelError("Input.File", "Le fichier ne doit pas dépasser 20 Mo.");
            else
            {
                using var ms = new MemoryStream();
                await file.CopyToAsync(ms);
                upload = new DiagnosticUpload(Path.GetFileName(file.FileName), ms.ToArray());
            }
        }
        var r = ModelState.IsValid
            ? await commands.AddSourceAsync(id, diagnosticId, new NewDiagnosticSource(Input.Kind.ToString(), Input.Title, Input.Date, Input.MeetingId, Input.Edition, Input.Notes, upload))
            : CommandResult<Guid>.Invalid(new Dictionary<string, string[]>());
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        if (!r.Succeeded || !ModelState.IsValid)
        {
            r.CopyTo(ModelState);
            return await LoadAsync(id, diagnosticId) ? Page() : NotFound();
        }
        TempData["Flash"] = "La source est inscrite au registre.";
        return RedirectToPage("/Diagnostic/Details", null, new { id, diagnosticId }, "sources");
    }

    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid diagnosticId, Guid fileId)
    {
        if (await queries.DetailAsync(id, diagnosticId) is not { } d || d.Sources.FirstOrDefault(s => s.FileId == fileId) is not { } source) return NotFound();
        var file = await db.Files.AsNoTracking().FirstAsync(f => f.Id == fileId);
        await HttpContext.AuditReadAsync(AuditKinds.ExportDownloaded, "DiagnosticSource", source.Id, id, new { what = "diagnostic-source", format = "pdf" });
        return File(file.Content, file.ContentType, file.FileName);
    }

    private IActionResult Done<T>(CommandResult<T> r, Guid id, Guid diagnosticId, Func<T, string> flash)
    {
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        TempData["Flash"] = r.Succeeded ? flash(r.Value!) : string.Join(" ", r.Errors.Values.SelectMany(m => m));
        return RedirectToPage("/Diagnostic/Details", new { id, diagnosticId });
    }

    private async Task<bool> LoadAsync(Guid id, Guid diagnosticId)
    {
        if (await viewers.ForAsync(id) is not { } viewer || await queries.DetailAsync(id, diagnosticId) is not { } d) return false;
        Viewer = viewer;
        Diagnostic = d;
        if (viewer.IsCoordinator)
        {
            PriorityItems = [new SelectListItem("Choisir une priorité", ""), .. (await db.PlanItems.AsNoTracking().Where(i => i.ContractId == id && i.Kind == PlanItemKind.Priority)
                .OrderBy(i => i.Position).Select(i => new { i.Id, i.Reference, i.Title }).ToListAsync()).Select(i => new SelectListItem($"{i.Reference} {i.Title}", i.Id.ToString()))];
            MeetingItems = [new SelectListItem("Aucune (réunion tenue hors de Vigie)", ""), .. (await db.Meetings.AsNoTracking().Where(m => m.ContractId == id)
                .OrderBy(m => m.StartsAt).Select(m => new { m.Id, m.Title, m.StartsAt }).ToListAsync())
                .Select(m => new SelectListItem($"{Culture.DateTime(m.StartsAt)} — {m.Title}", m.Id.ToString()))];
        }
        ViewData["Title"] = d.Title;
        ViewData["Breadcrumb"] = new List<Crumb> { new("Contrats", Url.Page("/Contracts/Index")), new(d.ContractTitle, Url.Page("/Contracts/Details", new { id })),
            new("Diagnostic", Url.Page("/Diagnostic/Index", new { id })), new(d.Title) };
        return true;
    }
}
