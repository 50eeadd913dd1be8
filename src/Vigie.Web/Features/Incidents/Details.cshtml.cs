namespace Vigie.Web.Features.Incidents;

/// <summary>One incident: where and what, its history, possible duplicates, and the actions the viewer may take.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class DetailsModel(ContractAccess access, IncidentQueries queries, IncidentCommands commands, IncidentPhotos photos, TimeProvider clock)
    : IncidentPageModel(access)
{
    public IncidentQueries.Row Incident { get; private set; } = null!;
    public IncidentsApi.DetailDto Detail { get; private set; } = null!;
    public IReadOnlyList<IncidentQueries.HistoryLine> History { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];
    public IReadOnlyList<IncidentStatus> NextStates { get; private set; } = [];
    public bool IsPilot { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public int? DuplicateOf { get; private set; }
    public IReadOnlyList<IncidentPhotos.IncidentPhotoView> Photos { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid incidentId)
    {
        if (!await LoadContractAsync(id) || await queries.RowAsync(id, incidentId) is not { } row) return NotFound();
        Now = clock.GetUtcNow();
        Incident = row;
        Detail = await IncidentsApi.DetailAsync(id, row, queries, Now);
        History = await queries.HistoryAsync(id, incidentId);
        DuplicateOf = (await queries.ExtraAsync(id, incidentId)).DuplicateOfNumber;
        IsPilot = Viewer.Role == ContractRole.PartnerMember && Viewer.OrganisationId is { } org && org == row.PilotId;
        NextStates = Viewer.IsCoordinator || IsPilot ? IncidentStatusMachine.Next(row.Status, Viewer.IsCoordinator) : [];
        if (Viewer.IsCoordinator) Partners = await queries.PartnersAsync(id);
        Photos = await photos.OfIncidentAsync(id, incidentId);
        ViewData["Title"] = $"Signalement n° {row.Number}";
        ViewData["Breadcrumb"] = IncidentCrumbs(new Crumb($"N° {row.Number}"));
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, Guid incidentId, string? status, string? closeReason, string? note, bool publicNote) =>
        Done(id, incidentId, await commands.ChangeStatusAsync(id, incidentId, status, closeReason, note, publicNote), "L'état du signalement a été mis à jour.");

    public async Task<IActionResult> OnPostRerouteAsync(Guid id, Guid incidentId, Guid? organisationId, string? reason) =>
        Done(id, incidentId, await commands.RerouteAsync(id, incidentId, organisationId, reason), "Le signalement a été réorienté.");

    public async Task<IActionResult> OnPostNoteAsync(Guid id, Guid incidentId, string? note, bool isPublic) =>
        Done(id, incidentId, await commands.AddNoteAsync(id, incidentId, note, isPublic), "La note a été ajoutée à l'historique.");

    public async Task<IActionResult> OnPostDuplicateAsync(Guid id, Guid incidentId, int? originalNumber) =>
        Done(id, incidentId, await commands.MarkDuplicateAsync(id, incidentId, originalNumber), "Le signalement a été fusionné comme doublon.");

    /// <summary>A photo's bytes (members of the contract; pending and rejected ones too, for moderation).</summary>
    public async Task<IActionResult> OnGetPhotoAsync(Guid id, Guid incidentId, Guid photoId)
    {
        if (!await LoadContractAsync(id) || await photos.FileAsync(id, incidentId, photoId) is not { } file) return NotFound();
        return File(file.Content, file.ContentType);
    }

    public async Task<IActionResult> OnPostPhotoAsync(Guid id, Guid incidentId, IFormFile? file) =>
        Done(id, incidentId, await photos.AddAsync(id, incidentId, await IncidentPhotos.ReadAsync(file)),
            "La photo a été ajoutée, sans ses métadonnées ; elle sera publique après modération.");

    public async Task<IActionResult> OnPostModerateAsync(Guid id, Guid incidentId, Guid photoId, string? decision)
    {
        var r = await photos.ModerateAsync(id, incidentId, photoId, decision);
        // The decision as stored, in French (not the raw form value).
        return Done(id, incidentId, r, r.Succeeded ? $"Décision enregistrée : photo {IncidentLabels.PhotoStatus(r.Value!.Status).ToLowerInvariant()}." : "");
    }

    private IActionResult Done<T>(Guid id, Guid incidentId, CommandResult<T> r, string success)
    {
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        if (r.Succeeded) TempData["Flash"] = success;
        else TempData["FlashError"] = string.Join(" ", r.Errors.Values.SelectMany(m => m));
        return RedirectToPage("/Incidents/Details", new { id, incidentId });
    }
}
