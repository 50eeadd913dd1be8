using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.VideoProtection;

/// <summary>
/// The coordinator keeps the register: one form per kind of entry, each posting to its own handler and binding only its
/// own input (<see cref="PageModel.TryUpdateModelAsync{TModel}(TModel, string)"/>), so one form's errors never come
/// from another's fields. The rules are <see cref="VideoCommands"/>'s, shared with the API.
/// </summary>
[ContractRequirement(ContractRole.Coordinator)]
public sealed class EditModel(ContractAccess access, VideoCommands commands, VideoQueries queries, AppDbContext db) : VideoPageModel(access)
{
    public VideoSystemInput SystemForm { get; set; } = new() { Responsible = "Le maire" };
    public VideoCommitteeMemberInput MemberForm { get; set; } = new();
    public VideoDiagnosticInput DiagnosticForm { get; set; } = new();
    /// <summary>One recommendation per line: "site ; type ; finalité ; priorité".</summary>
    public string? RecommendationLines { get; set; }
    public VideoAuthorisationInput AuthorisationForm { get; set; } = new() { RetentionDays = 15, Mode = nameof(VideoAuthorisationMode.Perimetre) };
    /// <summary>The authorisation being edited (?autorisation=…): the authorisation form is filled with it and saves through the edit rules.</summary>
    [BindProperty(SupportsGet = true, Name = "autorisation")]
    public Guid? EditedAuthorisationId { get; set; }
    public VideoRecorderInput RecorderForm { get; set; } = new();
    /// <summary>The recorder being edited (?enregistreur=…): the recorder form is filled with it and saves through the edit rules.</summary>
    [BindProperty(SupportsGet = true, Name = "enregistreur")]
    public Guid? EditedRecorderId { get; set; }
    public VideoCameraInput CameraForm { get; set; } = new();
    /// <summary>The camera being edited (?camera=…): the camera form is filled with it and saves through the edit rules (V1, V2, V4).</summary>
    [BindProperty(SupportsGet = true, Name = "camera")]
    public Guid? EditedCameraId { get; set; }
    public VideoPurgeCheckInput PurgeForm { get; set; } = new();
    public VideoRequisitionAnswerInput AnswerForm { get; set; } = new();
    /// <summary>The recorder checked and the requisition answered, each chosen in a list.</summary>
    public Guid? PurgeTarget { get; set; }
    public Guid? AnswerTarget { get; set; }
    public VideoRequisitionInput RequisitionForm { get; set; } = new();
    public VideoExtractionInput ExtractionForm { get; set; } = new();
    public VideoCommitteeReportInput ReportForm { get; set; } = new();

    public VideoQueries.Overview View { get; private set; } = null!;
    public IReadOnlyList<VideoRequisition> Requisitions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Bodies { get; private set; } = [];

    public static IReadOnlyList<SelectListItem> Items<T>(Func<T, string> label) where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => new SelectListItem(label(v), v.ToString()))];

    public IReadOnlyList<SelectListItem> AuthorisationItems =>
        [new("—", ""), .. View.Authorisations.Select(a => new SelectListItem($"n° {a.OrderNumber} ({VideoLabels.Status(a.StatusOn(View.Today))})", a.Id.ToString()))];

    public IReadOnlyList<SelectListItem> RecorderItems => [new("—", ""), .. View.Recorders.Select(r => new SelectListItem(r.Name, r.Id.ToString()))];

    public IReadOnlyList<SelectListItem> UnansweredRequisitions =>
        [new("—", ""), .. Requisitions.Where(r => r.Response is null).Select(r => new SelectListItem($"n° {r.Number} du {Culture.Date(r.ReceivedOn)}", r.Id.ToString()))];

    public static IReadOnlyList<SelectListItem> ResponseItems => Items<VideoRequisitionResponse>(r => r switch
    {
        VideoRequisitionResponse.Fournie => "Images fournies",
        VideoRequisitionResponse.Partielle => "Images fournies en partie",
        VideoRequisitionResponse.ImagesDetruites => "Images détruites (durée de conservation écoulée)",
        _ => "Hors du champ des caméras",
    });

    public IReadOnlyList<SelectListItem> RequisitionItems => [new("—", ""), .. Requisitions.Select(r => new SelectListItem($"n° {r.Number} du {Culture.Date(r.ReceivedOn)}", r.Id.ToString()))];

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return false;
        View = await queries.OverviewAsync(id);
        Requisitions = (await queries.RegistersAsync(id)).Requisitions; // empty for an administrator as such (judicial entries: coordinators by membership)
        Bodies = [new("—", ""), .. await db.Bodies.AsNoTracking().Where(b => b.ContractId == id && b.Kind == BodyKind.VideoEthicsCommittee)
            .OrderBy(b => b.Name).Select(b => new SelectListItem(b.Name, b.Id.ToString())).ToListAsync()];
        if (View.Systems.FirstOrDefault() is { } s && Request.Method == "GET")
            SystemForm = new() { Commune = s.Commune, Responsible = s.Responsible, AccessContact = s.AccessContact, HasCsu = s.HasCsu, Operator = s.Operator.ToString(),
                AipdDate = s.AipdDate, CommitteeBodyId = s.CommitteeBodyId, CharterText = s.CharterText, CharterVersion = s.CharterVersion };
        if (EditedAuthorisationId is { } edited)
        {
            if (View.Authorisations.FirstOrDefault(x => x.Id == edited) is not { } a) return false;
            if (Request.Method == "GET")
                AuthorisationForm = new()
                {
                    OrderNumber = a.OrderNumber, OrderDate = a.OrderDate, Prefecture = a.Prefecture, Mode = a.Mode.ToString(), Purposes = [.. a.Purposes.Select(p => (int)p)],
                    VideoVerbalisation = a.VideoVerbalisation, PerimeterName = a.PerimeterName, PerimeterGeoJson = a.PerimeterGeoJson, AuthorisedCameras = a.AuthorisedCameras,
                    RetentionDays = a.RetentionDays, MinimumRetentionDays = a.MinimumRetentionDays, Prescriptions = a.Prescriptions, EffectiveOn = a.EffectiveOn,
                    RenewsAuthorisationId = a.RenewsAuthorisationId,
                };
        }
        if (EditedCameraId is { } cameraId)
        {
            if (View.Cameras.FirstOrDefault(x => x.Id == cameraId) is not { } c) return false;
            if (Request.Method == "GET")
                CameraForm = new()
                {
                    AuthorisationId = c.AuthorisationId, RecorderId = c.RecorderId, Code = c.Code, Site = c.Site, Address = c.Address, Latitude = c.Latitude, Longitude = c.Longitude,
                    Kind = c.Kind.ToString(), Field = c.Field.ToString(), Bearing = c.Bearing, ViewAngle = c.ViewAngle, Purpose = (int)c.Purpose, PrivacyMasking = c.PrivacyMasking,
                    PrivacyMaskingNote = c.PrivacyMaskingNote, State = c.State.ToString(), InServiceOn = c.InServiceOn, PrefectInformedOn = c.PrefectInformedOn,
                    SignPresent = c.SignPresent, SignCheckedOn = c.SignCheckedOn, Version = c.Version,
                };
        }
        if (EditedRecorderId is { } recorderId)
        {
            if (View.Recorders.FirstOrDefault(x => x.Id == recorderId) is not { } r) return false;
            if (Request.Method == "GET")
                RecorderForm = new() { AuthorisationId = r.AuthorisationId, Name = r.Name, RetentionDays = r.RetentionDays, Version = r.Version };
        }
        if (Request.HasFormContentType)
        {
            Guid? Posted(string name) => Guid.TryParse(Request.Form[name].ToString(), out var g) ? g : null;
            (PurgeTarget, AnswerTarget) = (Posted(nameof(PurgeTarget)), Posted(nameof(AnswerTarget)));
        }
        ViewData["Title"] = "Saisie du registre de vidéoprotection";
        ViewData["Breadcrumb"] = VideoCrumbs("Saisie");
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    private Task<IActionResult> PostAsync<T>(Guid id, T form, string prefix, Func<T, Task<CommandResult<Guid>>> run, string done, Action<T>? prepare = null) where T : class =>
        PostFormAsync(() => LoadAsync(id), form, prefix, run, done, "/VideoProtection/Edit", prepare);

    public Task<IActionResult> OnPostSystemAsync(Guid id) =>
        PostAsync(id, SystemForm, nameof(SystemForm), f => commands.SaveSystemAsync(id, View.Systems.FirstOrDefault()?.Id, f), "Système enregistré.");

    public Task<IActionResult> OnPostMemberAsync(Guid id) =>
        PostAsync(id, MemberForm, nameof(MemberForm), f => commands.AddCommitteeMemberAsync(id, f), "Membre du comité d'éthique ajouté.");

    public async Task<IActionResult> OnPostDiagnosticAsync(Guid id)
    {
        RecommendationLines = Request.Form[nameof(RecommendationLines)];
        return await PostAsync(id, DiagnosticForm, nameof(DiagnosticForm), f => commands.CreateDiagnosticAsync(id, f), "Diagnostic de sûreté enregistré.",
            f => f.Recommendations = ParseRecommendations(RecommendationLines));
    }

    /// <summary>"Résidence des Bergères ; Fixe ; 5 ; 1" per line; missing parts are left for the command to name.</summary>
    public static List<VideoRecommendationInput> ParseRecommendations(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var parts = line.Split(';', StringSplitOptions.TrimEntries);
            return new VideoRecommendationInput
            {
                Site = parts[0], CameraKind = parts.ElementAtOrDefault(1),
                Purpose = int.TryParse(parts.ElementAtOrDefault(2), out var p) ? p : null,
                Priority = int.TryParse(parts.ElementAtOrDefault(3), out var q) ? q : 1,
            };
        })];

    public Task<IActionResult> OnPostAuthorisationAsync(Guid id) =>
        PostAsync(id, AuthorisationForm, nameof(AuthorisationForm), f => commands.CreateAuthorisationAsync(id, f), "Autorisation préfectorale enregistrée.");

    public Task<IActionResult> OnPostAuthorisationEditAsync(Guid id) =>
        PostAsync(id, AuthorisationForm, nameof(AuthorisationForm), f => commands.UpdateAuthorisationAsync(id, EditedAuthorisationId ?? Guid.Empty, f), "Autorisation préfectorale modifiée.");

    public Task<IActionResult> OnPostRecorderAsync(Guid id) =>
        PostAsync(id, RecorderForm, nameof(RecorderForm), f => commands.CreateRecorderAsync(id, f), "Enregistreur enregistré.");

    public Task<IActionResult> OnPostRecorderEditAsync(Guid id) =>
        PostAsync(id, RecorderForm, nameof(RecorderForm), f => commands.UpdateRecorderAsync(id, EditedRecorderId ?? Guid.Empty, f), "Enregistreur modifié.");

    public Task<IActionResult> OnPostPurgeAsync(Guid id) =>
        PostFormAsync(() => LoadAsync(id), PurgeForm, nameof(PurgeForm), f => commands.RecordPurgeCheckAsync(id, PurgeTarget ?? Guid.Empty, f), "Contrôle de purge enregistré.",
            "/VideoProtection/Edit", targetField: nameof(PurgeTarget), missing: "Choisissez l'enregistreur contrôlé.");

    public Task<IActionResult> OnPostCameraAsync(Guid id) =>
        PostAsync(id, CameraForm, nameof(CameraForm), f => commands.CreateCameraAsync(id, f), "Caméra enregistrée.");

    public Task<IActionResult> OnPostCameraEditAsync(Guid id) =>
        PostAsync(id, CameraForm, nameof(CameraForm), f => commands.UpdateCameraAsync(id, EditedCameraId ?? Guid.Empty, f), "Caméra modifiée.");

    public Task<IActionResult> OnPostAnswerAsync(Guid id) =>
        PostFormAsync(() => LoadAsync(id), AnswerForm, nameof(AnswerForm), f => commands.AnswerRequisitionAsync(id, AnswerTarget ?? Guid.Empty, f), "Réponse à la réquisition enregistrée.",
            "/VideoProtection/Edit", targetField: nameof(AnswerTarget), missing: "Choisissez la réquisition à laquelle vous répondez.");

    public Task<IActionResult> OnPostRequisitionAsync(Guid id) =>
        PostAsync(id, RequisitionForm, nameof(RequisitionForm), async f => (await commands.CreateRequisitionAsync(id, f)) switch
        {
            { Succeeded: true } ok => CommandResult<Guid>.Ok(ok.Value!.Id),
            var failed => failed.NotFound ? CommandResult<Guid>.Missing() : failed.Forbidden ? CommandResult<Guid>.Denied() : CommandResult<Guid>.Invalid(failed.Errors),
        }, "Réquisition enregistrée.");

    public Task<IActionResult> OnPostExtractionAsync(Guid id) =>
        PostAsync(id, ExtractionForm, nameof(ExtractionForm), f => commands.CreateExtractionAsync(id, f), "Extraction inscrite au registre.");

    public Task<IActionResult> OnPostReportAsync(Guid id) =>
        PostAsync(id, ReportForm, nameof(ReportForm), f => commands.SaveCommitteeReportAsync(id, f), "Rapport annuel du comité enregistré.");
}
