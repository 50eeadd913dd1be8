using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.VideoProtection;

/// <summary>
/// The follow-up of the register (coordination): repealing an authorisation, public access requests (received, decided,
/// overdue shown), the ethics committee's opinions and citizens' referrals (received, answered). One form per action,
/// each binding only its own input; the rules are <see cref="VideoCommands"/>'s, shared with the API. Reading the
/// access requests is audited as a read of the restricted register.
/// </summary>
[ContractRequirement(ContractRole.Coordinator)]
public sealed class FollowupModel(ContractAccess access, VideoCommands commands, VideoQueries queries, AppDbContext db) : VideoPageModel(access)
{
    public VideoAuthorisationRepealInput RepealForm { get; set; } = new();
    public VideoAccessRequestInput AccessForm { get; set; } = new() { Object = nameof(VideoAccessObject.Visionnage) };
    public VideoAccessDecisionInput DecisionForm { get; set; } = new();
    public VideoCommitteeOpinionInput OpinionForm { get; set; } = new();
    public VideoCitizenReferralInput ReferralForm { get; set; } = new();
    public VideoReferralAnswerInput AnswerForm { get; set; } = new();
    public VideoRequestInput RequestForm { get; set; } = new() { Kind = nameof(VideoRequestKind.Initiale), Mode = nameof(VideoAuthorisationMode.Perimetre), Status = nameof(VideoRequestStatus.Deposee) };
    public VideoRequestProgressInput ProgressForm { get; set; } = new();
    /// <summary>The request being moved on (?demande=…): the progress form is filled with it (and its version).</summary>
    [BindProperty(SupportsGet = true, Name = "demande")]
    public Guid? ProgressedRequestId { get; set; }
    /// <summary>The entries the actions apply to (an authorisation, an access request, a referral), each chosen in a list.</summary>
    public Guid? RepealTarget { get; set; }
    public Guid? DecisionTarget { get; set; }
    public Guid? AnswerTarget { get; set; }

    public VideoQueries.Overview View { get; private set; } = null!;
    public IReadOnlyList<VideoAccessRequest> AccessRequests { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Sittings { get; private set; } = [];

    public static IReadOnlyList<SelectListItem> ObjectItems =>
        EditModel.Items<VideoAccessObject>(o => o == VideoAccessObject.Visionnage ? "Visionnage" : "Vérification de la destruction");

    public static IReadOnlyList<SelectListItem> DecisionItems => EditModel.Items<VideoAccessDecision>(d => d switch
    {
        VideoAccessDecision.Accorde => "Accordée",
        VideoAccessDecision.AccordeAvecFloutage => "Accordée avec floutage",
        VideoAccessDecision.Refuse => "Refusée",
        _ => "Images détruites",
    });

    public static IReadOnlyList<SelectListItem> RefusalItems => [new("—", ""), .. EditModel.Items<VideoAccessRefusal>(r => r switch
    {
        VideoAccessRefusal.SureteEtat => "Sûreté de l'État",
        VideoAccessRefusal.Defense => "Défense",
        VideoAccessRefusal.SecuritePublique => "Sécurité publique",
        VideoAccessRefusal.ProcedureJudiciaire => "Procédure judiciaire en cours",
        _ => "Droit des tiers",
    })];

    public static IReadOnlyList<SelectListItem> VisibilityItems =>
        [new("Celle de la séance", ""), new("Publique", nameof(MinutesVisibility.Public)), new("Membres du contrat", nameof(MinutesVisibility.Members)), new("Restreinte", nameof(MinutesVisibility.Restricted))];

    public static IReadOnlyList<SelectListItem> RequestKindItems => EditModel.Items<VideoRequestKind>(k => k switch
    {
        VideoRequestKind.Initiale => "Demande initiale",
        VideoRequestKind.Renouvellement => "Renouvellement",
        _ => "Modification",
    });

    /// <summary>The states a person may set (the implicit rejection is computed, never entered).</summary>
    /// <summary>The states a new request may be recorded in (it then moves on step by step).</summary>
    public static IReadOnlyList<SelectListItem> NewRequestStatusItems =>
        [.. VideoCommands.NewRequestStatuses.Select(x => new SelectListItem(VideoLabels.RequestStatus(x), x.ToString()))];

    public static IReadOnlyList<SelectListItem> RequestStatusItems =>
        [.. Enum.GetValues<VideoRequestStatus>().Where(x => x != VideoRequestStatus.RejetImplicite).Select(x => new SelectListItem(VideoLabels.RequestStatus(x), x.ToString()))];

    public static IReadOnlyList<SelectListItem> CommissionOpinionItems => [new("—", ""), .. EditModel.Items<VideoCommissionOpinion>(VideoLabels.CommissionOpinion)];

    public IReadOnlyList<SelectListItem> InForce =>
        [new("—", ""), .. View.Authorisations.Where(a => a.RepealedOn is null).Select(a => new SelectListItem($"n° {a.OrderNumber} ({VideoLabels.Status(a.StatusOn(View.Today))})", a.Id.ToString()))];

    public IReadOnlyList<SelectListItem> Undecided =>
        [new("—", ""), .. AccessRequests.Where(a => a.Decision is null).Select(a => new SelectListItem($"{a.Reference} (échéance {Culture.Date(a.DueOn)})", a.Id.ToString()))];

    public IReadOnlyList<SelectListItem> Unanswered =>
        [new("—", ""), .. View.Referrals.Where(r => r.AnsweredOn is null).Select(r => new SelectListItem($"{r.Reference} du {Culture.Date(r.ReceivedOn)}", r.Id.ToString()))];

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return false;
        View = await queries.OverviewAsync(id);
        AccessRequests = (await queries.RegistersAsync(id)).AccessRequests;
        var bodies = View.Systems.Where(s => s.CommitteeBodyId != null).Select(s => s.CommitteeBodyId!.Value).ToList();
        Sittings = [new("—", ""), .. (await db.Meetings.AsNoTracking().Where(m => m.ContractId == id && bodies.Contains(m.BodyId)).Select(m => new { m.Id, m.Title, m.StartsAt }).ToListAsync())
            .OrderByDescending(m => m.StartsAt).Select(m => new SelectListItem($"{m.Title} du {Culture.Date(Culture.ParisDate(m.StartsAt))}", m.Id.ToString()))];
        if (Request.HasFormContentType)
        {
            Guid? Posted(string name) => Guid.TryParse(Request.Form[name].ToString(), out var g) ? g : null;
            (RepealTarget, DecisionTarget, AnswerTarget) = (Posted(nameof(RepealTarget)), Posted(nameof(DecisionTarget)), Posted(nameof(AnswerTarget)));
        }
        if (ProgressedRequestId is { } requestId)
        {
            if (View.Requests.FirstOrDefault(r => r.Id == requestId) is not { } r) return false;
            if (Request.Method == "GET")
                ProgressForm = new()
                {
                    Status = r.Status.ToString(), FiledOn = r.FiledOn, CommissionSittingOn = r.CommissionSittingOn, CommissionOpinion = r.CommissionOpinion?.ToString(),
                    CommissionReserves = r.CommissionReserves, Version = r.Version,
                };
        }
        ViewData["Title"] = "Suivi du registre de vidéoprotection";
        ViewData["Breadcrumb"] = VideoCrumbs("Suivi");
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await HttpContext.AuditReadAsync(AuditKinds.VideoRegisterViewed, "Contract", id, id, new { count = AccessRequests.Count, what = "access-requests" });
        return Page();
    }

    private Task<IActionResult> PostAsync<T>(Guid id, T form, string prefix, Func<T, Task<CommandResult<Guid>>> run, string done, string? targetField = null, string? missing = null) where T : class =>
        PostFormAsync(() => LoadAsync(id), form, prefix, run, done, "/VideoProtection/Followup", targetField: targetField, missing: missing);

    public Task<IActionResult> OnPostRepealAsync(Guid id) =>
        PostAsync(id, RepealForm, nameof(RepealForm), f => commands.RepealAuthorisationAsync(id, RepealTarget ?? Guid.Empty, f), "Abrogation de l'autorisation enregistrée.",
            nameof(RepealTarget), "Choisissez l'autorisation abrogée.");

    public Task<IActionResult> OnPostRequestAsync(Guid id) =>
        PostAsync(id, RequestForm, nameof(RequestForm), f => commands.CreateRequestAsync(id, f), "Demande d'autorisation enregistrée.");

    public Task<IActionResult> OnPostProgressAsync(Guid id) =>
        PostAsync(id, ProgressForm, nameof(ProgressForm), f => commands.ProgressRequestAsync(id, ProgressedRequestId ?? Guid.Empty, f), "État de la demande enregistré.");

    public Task<IActionResult> OnPostAccessAsync(Guid id) =>
        PostAsync(id, AccessForm, nameof(AccessForm), f => commands.CreateAccessRequestAsync(id, f), "Demande d'accès enregistrée.");

    /// <summary>The box can only add "tiers visibles" (an unticked box keeps what the request says, never clears it).</summary>
    public Task<IActionResult> OnPostDecisionAsync(Guid id) =>
        PostFormAsync(() => LoadAsync(id), DecisionForm, nameof(DecisionForm), f => commands.DecideAccessRequestAsync(id, DecisionTarget ?? Guid.Empty, f), "Décision enregistrée.",
            "/VideoProtection/Followup", f => f.ThirdPartiesVisible = f.ThirdPartiesVisible == true ? true : null, nameof(DecisionTarget), "Choisissez la demande d'accès décidée.");

    public Task<IActionResult> OnPostOpinionAsync(Guid id) =>
        PostAsync(id, OpinionForm, nameof(OpinionForm), f => commands.AddCommitteeOpinionAsync(id, f), "Avis du comité enregistré.");

    public Task<IActionResult> OnPostReferralAsync(Guid id) =>
        PostAsync(id, ReferralForm, nameof(ReferralForm), f => commands.AddCitizenReferralAsync(id, f), "Saisine enregistrée.");

    public Task<IActionResult> OnPostAnswerAsync(Guid id) =>
        PostAsync(id, AnswerForm, nameof(AnswerForm), f => commands.AnswerCitizenReferralAsync(id, AnswerTarget ?? Guid.Empty, f), "Réponse à la saisine enregistrée.",
            nameof(AnswerTarget), "Choisissez la saisine à laquelle le comité répond.");
}
