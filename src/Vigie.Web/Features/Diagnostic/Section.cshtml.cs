using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Diagnostic;

/// <summary>
/// Writing one section: its Markdown text, its state (brouillon → à relire → validé), its visibility (coordination) and its
/// findings. A partner member opens only the contribution of their own organisation (403 elsewhere); readers never.
/// </summary>
[ContractRequirement(ContractRole.PartnerMember)]
public sealed class SectionModel(ContractViewers viewers, DiagnosticQueries queries, DiagnosticCommands commands) : PageModel
{
    public DiagnosticQueries.DiagnosticDetail Diagnostic { get; private set; } = null!;
    public DiagnosticQueries.DiagnosticSectionRow Section { get; private set; } = null!;
    public ContractViewer Viewer { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> AxisItems { get; } =
        [new SelectListItem("Axe de la section", ""), .. Enum.GetValues<DiagnosticAxis>().Select(a => new SelectListItem(DiagnosticLabels.Axis(a), a.ToString()))];

    [BindProperty] public string? SectionTitle { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? FindingAxis { get; set; }
    [BindProperty] public string? FindingText { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid diagnosticId, Guid sectionId)
    {
        if (await LoadAsync(id, diagnosticId, sectionId) is { } refused) return refused;
        SectionTitle = Section.Title;
        Body = Section.Body;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid diagnosticId, Guid sectionId)
    {
        if (await LoadAsync(id, diagnosticId, sectionId) is { } refused) return refused;
        return Done(await commands.WriteSectionAsync(id, diagnosticId, sectionId, SectionTitle, Body), "Le texte est enregistré (état : brouillon).",
            new() { ["title"] = nameof(SectionTitle), ["body"] = nameof(Body) });
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, Guid diagnosticId, Guid sectionId, string? status)
    {
        if (await LoadAsync(id, diagnosticId, sectionId) is { } refused) return refused;
        return Done(await commands.SetStatusAsync(id, diagnosticId, sectionId, status), "L'état de la section est changé.", []);
    }

    public async Task<IActionResult> OnPostVisibilityAsync(Guid id, Guid diagnosticId, Guid sectionId, string? visibility)
    {
        if (await LoadAsync(id, diagnosticId, sectionId) is { } refused) return refused;
        return Done(await commands.SetVisibilityAsync(id, diagnosticId, sectionId, visibility), "La visibilité de la section est changée.", []);
    }

    public async Task<IActionResult> OnPostFindingAsync(Guid id, Guid diagnosticId, Guid sectionId)
    {
        if (await LoadAsync(id, diagnosticId, sectionId) is { } refused) return refused;
        return Done(await commands.AddFindingAsync(id, diagnosticId, sectionId, FindingAxis, FindingText), "Le constat est ajouté.",
            new() { ["axis"] = nameof(FindingAxis), ["text"] = nameof(FindingText) });
    }

    private IActionResult Done(CommandResult<Guid> r, string flash, Dictionary<string, string> fields)
    {
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        if (!r.Succeeded)
        {
            foreach (var (field, messages) in r.Errors)
                foreach (var m in messages) ModelState.AddModelError(fields.GetValueOrDefault(field, ""), m);
            return Page();
        }
        TempData["Flash"] = flash;
        return RedirectToPage("/Diagnostic/Section", new { id = Diagnostic.ContractId, diagnosticId = Diagnostic.Id, sectionId = Section.Id });
    }

    /// <summary>Null when the viewer may write this section; otherwise the answer (404 not visible, 403 not theirs).</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, Guid diagnosticId, Guid sectionId)
    {
        if (await viewers.ForAsync(id) is not { } viewer || await queries.DetailAsync(id, diagnosticId) is not { } d
            || d.Sections.FirstOrDefault(s => s.Id == sectionId) is not { } section) return NotFound();
        if (!(viewer.IsCoordinator || (viewer.Role == ContractRole.PartnerMember && section.OrganisationId is { } o && o == viewer.OrganisationId))) return Forbid();
        Viewer = viewer;
        Diagnostic = d;
        Section = section;
        ViewData["Title"] = section.Title;
        ViewData["Breadcrumb"] = new List<Crumb> { new("Contrats", Url.Page("/Contracts/Index")), new(d.ContractTitle, Url.Page("/Contracts/Details", new { id })),
            new("Diagnostic", Url.Page("/Diagnostic/Index", new { id })), new(d.Title, Url.Page("/Diagnostic/Details", new { id, diagnosticId })), new(section.Title) };
        return null;
    }
}
