using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Governance;

/// <summary>
/// One meeting: convocation, agenda (with the open tasks of earlier meetings), attendance, minutes and
/// outcomes. Content of a restricted meeting is neither loaded nor shown to non-members.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class MeetingModel(ContractAccess access, GovernanceAccess governance, GovernanceQueries queries, GovernanceCommands commands,
    ConvocationSender convocations, MeetingPacks packs, AppDbContext db, ActionPlan.PlanQueries plan, PublicLinks links,
    Partners.PartnerPicker picker) : GovernancePageModel(access, governance)
{
    public MeetingDetail Detail { get; private set; } = null!;
    public string MinutesHtml { get; private set; } = "";
    public AgendaItemInput Agenda { get; set; } = new();
    public AttendanceInput Attendance { get; set; } = new();
    public MinutesInput Minutes { get; set; } = new();
    public OutcomeInput Outcome { get; set; } = new();
    public MeetingScheduleInput Schedule { get; set; } = new();
    public IEnumerable<SelectListItem> Organisations { get; private set; } = [];
    public IEnumerable<SelectListItem> Users { get; private set; } = [];
    public IEnumerable<SelectListItem> AgendaItems { get; private set; } = [];
    public IEnumerable<SelectListItem> PlanItems { get; private set; } = [];
    public IEnumerable<SelectListItem> PlanIndicators { get; private set; } = [];
    public bool CanEdit => IsCoordinator && Detail.ContentVisible;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid meetingId)
    {
        if (!await LoadAsync(id, meetingId)) return NotFound();
        Minutes = new MinutesInput { Minutes = Detail.Minutes, Visibility = Detail.Meeting.Visibility, Version = Detail.Meeting.Version };
        return Page();
    }

    public Task<IActionResult> OnPostAgendaAsync(Guid id, Guid meetingId, [Bind(Prefix = "Agenda")] AgendaItemInput agenda) =>
        HandleAsync(id, meetingId, () => Agenda = agenda, () => commands.AddAgendaItemAsync(id, meetingId, agenda), "Agenda", "Le point a été ajouté à l'ordre du jour.");

    public Task<IActionResult> OnPostAttendanceAsync(Guid id, Guid meetingId, [Bind(Prefix = "Attendance")] AttendanceInput attendance) =>
        HandleAsync(id, meetingId, () => Attendance = attendance, () => commands.RecordAttendanceAsync(id, meetingId, attendance), "Attendance", "La présence a été enregistrée.");

    public Task<IActionResult> OnPostMinutesAsync(Guid id, Guid meetingId, [Bind(Prefix = "Minutes")] MinutesInput minutes) =>
        HandleAsync(id, meetingId, () => Minutes = minutes, () => commands.SaveMinutesAsync(id, meetingId, minutes), "Minutes", "Le compte rendu a été enregistré.");

    public Task<IActionResult> OnPostOutcomeAsync(Guid id, Guid meetingId, [Bind(Prefix = "Outcome")] OutcomeInput outcome) =>
        HandleAsync(id, meetingId, () => Outcome = outcome, () => commands.AddOutcomeAsync(id, meetingId, outcome), "Outcome",
            outcome.Kind == OutcomeKind.Task ? "La tâche a été enregistrée ; elle apparaît dans la liste de son responsable." : "La suite a été enregistrée.");

    /// <summary>Moves the meeting or changes its title or place; convened members get the updated invitation (RFC 5546).</summary>
    public Task<IActionResult> OnPostScheduleAsync(Guid id, Guid meetingId, [Bind(Prefix = "Schedule")] MeetingScheduleInput schedule) =>
        HandleAsync(id, meetingId, () => Schedule = schedule, () => commands.RescheduleMeetingAsync(id, meetingId, schedule), "Schedule",
            "La réunion a été modifiée ; les membres déjà convoqués ont reçu l'invitation mise à jour.");

    public async Task<IActionResult> OnPostRemoveAgendaAsync(Guid id, Guid meetingId, Guid itemId) =>
        Flash(await commands.RemoveAgendaItemAsync(id, meetingId, itemId), id, meetingId, "Le point a été retiré de l'ordre du jour.");

    public async Task<IActionResult> OnPostStatusAsync(Guid id, Guid meetingId, MeetingStatus status) =>
        Flash(await commands.SetStatusAsync(id, meetingId, status), id, meetingId, $"Statut de la réunion : {GovernanceLabels.Status(status)}.");

    public async Task<IActionResult> OnPostConveneAsync(Guid id, Guid meetingId)
    {
        var result = await convocations.ConveneAsync(id, meetingId, links.BaseUrl);
        return Flash(result, id, meetingId, $"La convocation a été envoyée à {result.Value} destinataire(s), avec l'invitation iCalendar.");
    }

    public async Task<IActionResult> OnGetPackAsync(Guid id, Guid meetingId, string? kind)
    {
        if (GovernanceApi.ParsePack(kind) is not { } k) return NotFound();
        var result = await packs.BuildAsync(id, meetingId, k);
        if (result.NotFound) return NotFound();
        if (!result.Succeeded) return Forbid();
        await HttpContext.AuditReadAsync(AuditKinds.MeetingPackDownloaded, "Meeting", meetingId, id, new { kind = k.ToString() });
        return File(result.Value!.Content, "application/pdf", result.Value.FileName);
    }

    public async Task<IActionResult> OnPostSendPackAsync(Guid id, Guid meetingId, string? kind)
    {
        if (GovernanceApi.ParsePack(kind) is not { } k) return NotFound();
        var result = await packs.SendAsync(id, meetingId, k);
        return Flash(result, id, meetingId, $"Le {(k == PackKind.Before ? "dossier préparatoire" : "relevé des engagements")} a été envoyé à {result.Value} destinataire(s).");
    }

    private IActionResult Flash<T>(Shared.CommandResult<T> result, Guid id, Guid meetingId, string success)
    {
        if (result.NotFound) return NotFound();
        if (result.Forbidden) return Forbid();
        if (result.Succeeded) TempData["Flash"] = success;
        else TempData["FlashError"] = string.Join(" ", result.Errors.Values.SelectMany(m => m));
        return RedirectToPage("/Governance/Meeting", new { id, meetingId });
    }

    private async Task<IActionResult> HandleAsync<T>(Guid id, Guid meetingId, Action bind, Func<Task<Shared.CommandResult<T>>> command, string prefix, string success)
    {
        if (!await LoadAsync(id, meetingId)) return NotFound();
        bind();
        if (prefix != "Minutes") Minutes = new MinutesInput { Minutes = Detail.Minutes, Visibility = Detail.Meeting.Visibility, Version = Detail.Meeting.Version };
        if (!CanEdit) return Forbid();
        if (!ModelState.IsValid) return Page();
        var result = await command();
        if (result.Succeeded)
        {
            TempData["Flash"] = success;
            return RedirectToPage("/Governance/Meeting", new { id, meetingId });
        }
        return Failure(result, prefix) ?? Page();
    }

    private async Task<bool> LoadAsync(Guid id, Guid meetingId)
    {
        if (!await LoadContractAsync(id) || await queries.MeetingAsync(id, meetingId) is not { } detail) return false;
        Detail = detail;
        if (detail.ContentVisible && detail.Meeting.Visibility == MinutesVisibility.Restricted) await HttpContext.AuditReadAsync(AuditKinds.RestrictedMeetingRead, "Meeting", meetingId, id);
        MinutesHtml = MinutesMarkdown.ToHtml(detail.Minutes);
        if (CanEdit)
        {
            var (starts, ends) = (Recurrence.ToParis(detail.Meeting.StartsAt).DateTime, Recurrence.ToParis(detail.Meeting.EndsAt).DateTime);
            Schedule = new MeetingScheduleInput
            {
                Title = detail.Meeting.Title, Date = DateOnly.FromDateTime(starts), StartTime = TimeOnly.FromDateTime(starts),
                EndTime = TimeOnly.FromDateTime(ends), Place = detail.Meeting.Place, Version = detail.Meeting.Version,
            };
            Organisations = await picker.OptionsAsync(Request, id);
            Users = await db.Memberships.AsNoTracking().Where(m => m.ContractId == id).OrderBy(m => m.User!.FullName)
                .Select(m => new SelectListItem(m.User!.FullName + " (" + m.User.Organisation!.Name + ")", m.UserId.ToString())).ToListAsync();
            var readable = await plan.VisibleItemIdsAsync(id, await plan.ReaderEntitlementAsync(id));
            PlanItems = await db.PlanItems.AsNoTracking().Where(p => p.ContractId == id && readable.Contains(p.Id)).OrderBy(p => p.Kind).ThenBy(p => p.Title)
                .Select(p => new SelectListItem((p.Kind == PlanItemKind.Priority ? "Axe : " : p.Kind == PlanItemKind.Objective ? "Objectif : " : p.Kind == PlanItemKind.Action ? "Action : " : "Sous-action : ") + p.Title, p.Id.ToString())).ToListAsync();
            PlanIndicators = await db.PlanIndicators.AsNoTracking().Where(p => p.ContractId == id).OrderBy(p => p.Name)
                .Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToListAsync();
            AgendaItems = detail.Agenda.Select(a => new SelectListItem($"{a.Position}. {a.Title}", a.Id.ToString()));
        }
        ViewData["Title"] = detail.Meeting.Title;
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb("Réunions", Url.Page("/Governance/Meetings", new { id })), new Shared.Crumb(detail.Meeting.Title));
        return true;
    }
}
