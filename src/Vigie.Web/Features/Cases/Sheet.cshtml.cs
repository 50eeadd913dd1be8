namespace Vigie.Web.Features.Cases;

/// <summary>
/// One sheet. Tier 1 by default; the coordinator and the référent open tier 2 (<c>?voir=coordonnees</c>) and tier 3
/// (<c>?voir=judiciaire</c>) explicitly, each read audited; the coordinator reads who saw it (<c>?voir=acces</c>).
/// The coordinator and the référent also manage information and rights (<c>?voir=droits</c>, §1.7) and download the
/// single-person PDFs (<c>?handler=Pdf</c>, <c>Letter</c>, <c>Export</c>: <see cref="CaseDocuments"/>).
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class SheetModel(ContractAccess access, CaseQueries queries, CaseCommands commands, CaseRights rights, CaseDocuments documents, CaseProgrammeService programmes)
    : CasePageModel(access)
{
    /// <summary>The sheet's programme form (coordinator, référent), with the sheet's version (ADR 0019).</summary>
    public CaseSheetProgrammeInput ProgrammeChoice { get; set; } = new();
    /// <summary>The programme form is offered: tier 3, a sheet that is not archived, and a programme to choose or to remove.</summary>
    public bool CanChooseProgramme => HasTier3 && Sheet.Status != CaseStatus.Archived && (Programmes.Count > 0 || Sheet.ProgrammeId is not null);

    public const string ShowRights = "droits";
    public CaseRightsView? Rights { get; private set; }
    public CaseNoticeInput Notice { get; set; } = new();
    public CaseRightsRequestInput RightsRequest { get; set; } = new();
    /// <summary>The pending rectification request the coordinator applies from the rights view, and the sheet's details as the form starts.</summary>
    public CaseRightsRequestView? PendingRectification { get; private set; }
    public CaseRectificationInput Rectification { get; set; } = new();

    public const string ShowContact = "coordonnees";
    public const string ShowJudicial = "judiciaire";
    public const string ShowAccesses = "acces";

    [BindProperty(SupportsGet = true, Name = "voir")] public string? Show { get; set; }
    public CaseGroupDetail Group { get; private set; } = null!;
    public CaseSheetView Sheet { get; private set; } = null!;
    public CaseContactView? Contact { get; private set; }
    public CaseJudicialView? Judicial { get; private set; }
    public IReadOnlyList<CaseAccessView>? Accesses { get; private set; }
    public IReadOnlyList<(Guid Id, string Label)> Meetings { get; private set; } = [];
    public CaseStatusInput StatusInput { get; set; } = new();
    public CaseActionInput Action { get; set; } = new();
    public JudicialMeasureInput Measure { get; set; } = new();
    public bool IsCoordinator => Group.IsCoordinator;
    public bool HasTier3 => Sheet.Tier >= CaseTier.T3;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid groupId, Guid sheetId)
    {
        if (await LoadAsync(id, groupId, sheetId) is { } failed) return failed;
        switch (Show)
        {
            case ShowContact:
                var contact = await queries.ContactAsync(id, groupId, sheetId);
                if (!contact.Succeeded) return Fail(contact);
                Contact = contact.Value;
                break;
            case ShowJudicial:
                var judicial = await queries.JudicialAsync(id, groupId, sheetId);
                if (!judicial.Succeeded) return Fail(judicial);
                Judicial = judicial.Value;
                break;
            case ShowRights:
                var r = await rights.ViewAsync(id, groupId, sheetId);
                if (!r.Succeeded) return Fail(r);
                Rights = r.Value;
                PendingRectification = IsCoordinator ? Rights!.Requests.FirstOrDefault(x => x.Applicable && x.Kind == CaseRightsKind.Rectification) : null;
                if (PendingRectification is not null)
                {
                    var form = await rights.RectificationFormAsync(id, groupId, sheetId);
                    if (!form.Succeeded) return Fail(form);
                    Rectification = form.Value!;
                    await LoadQuartiersAsync(queries);
                }
                break;
            case ShowAccesses:
                var accesses = await queries.AccessesAsync(id, groupId, sheetId);
                if (!accesses.Succeeded) return Fail(accesses);
                Accesses = accesses.Value;
                break;
        }
        return Page();
    }

    public Task<IActionResult> OnPostStatusAsync(Guid id, Guid groupId, Guid sheetId, [Bind(Prefix = "StatusInput")] CaseStatusInput statusInput) =>
        RunAsync(id, groupId, sheetId, "StatusInput", () => { StatusInput = statusInput; return commands.SetStatusAsync(id, groupId, sheetId, statusInput); },
            s => $"Nouveau statut : {CaseLabels.Status(s).ToLowerInvariant()}.");

    public Task<IActionResult> OnPostProgrammeAsync(Guid id, Guid groupId, Guid sheetId, [Bind(Prefix = "ProgrammeChoice")] CaseSheetProgrammeInput programmeChoice) =>
        RunAsync(id, groupId, sheetId, "ProgrammeChoice", () => { ProgrammeChoice = programmeChoice; return programmes.SetSheetProgrammeAsync(id, groupId, sheetId, programmeChoice); },
            _ => "Le programme de la fiche est enregistré.");

    public Task<IActionResult> OnPostReviewAsync(Guid id, Guid groupId, Guid sheetId) =>
        RunAsync(id, groupId, sheetId, "StatusInput", () => commands.ConfirmReviewAsync(id, groupId, sheetId),
            d => $"Poursuite confirmée ; prochain réexamen le {Culture.Date(d)}.");

    public Task<IActionResult> OnPostActionAsync(Guid id, Guid groupId, Guid sheetId, [Bind(Prefix = "Action")] CaseActionInput action) =>
        RunAsync(id, groupId, sheetId, "Action", () => { Action = action; return commands.AddActionAsync(id, groupId, sheetId, action); }, _ => "L'action a été enregistrée.");

    public Task<IActionResult> OnPostMeasureAsync(Guid id, Guid groupId, Guid sheetId, [Bind(Prefix = "Measure")] JudicialMeasureInput measure) =>
        RunAsync(id, groupId, sheetId, "Measure", () => { Measure = measure; return commands.AddMeasureAsync(id, groupId, sheetId, measure); }, _ => "La mesure a été enregistrée.",
            ShowJudicial);

    public Task<IActionResult> OnPostAgendaAsync(Guid id, Guid groupId, Guid sheetId, Guid? meetingId) =>
        RunAsync(id, groupId, sheetId, "Agenda", () => commands.AddToAgendaAsync(id, groupId, sheetId, new CaseAgendaInput { MeetingId = meetingId }),
            _ => "La situation est inscrite à l'ordre du jour, sous son code.", validate: false);

    public Task<IActionResult> OnPostDecisionAsync(Guid id, Guid groupId, Guid sheetId, Guid? meetingId, CaseDecision? decision) =>
        RunAsync(id, groupId, sheetId, "Decision", () => commands.RecordDecisionAsync(id, groupId, sheetId, new CaseDecisionInput { MeetingId = meetingId, Decision = decision }),
            _ => "La décision de la réunion a été enregistrée.", validate: false);

    public Task<IActionResult> OnGetPdfAsync(Guid id, Guid groupId, Guid sheetId) => DocumentAsync(id, groupId, sheetId, CaseDocumentKind.Sheet);

    public Task<IActionResult> OnGetLetterAsync(Guid id, Guid groupId, Guid sheetId) => DocumentAsync(id, groupId, sheetId, CaseDocumentKind.NoticeLetter);

    public Task<IActionResult> OnGetExportAsync(Guid id, Guid groupId, Guid sheetId) => DocumentAsync(id, groupId, sheetId, CaseDocumentKind.AccessExport);

    public Task<IActionResult> OnPostNoticeAsync(Guid id, Guid groupId, Guid sheetId, [Bind(Prefix = "Notice")] CaseNoticeInput notice) =>
        RunAsync(id, groupId, sheetId, "Notice", () => { Notice = notice; return rights.RecordNoticeAsync(id, groupId, sheetId, notice); },
            d => d is null ? "L'exception à l'information a été motivée." : $"Information de la personne enregistrée au {Culture.Date(d)}.", ShowRights);

    public Task<IActionResult> OnPostRequestAsync(Guid id, Guid groupId, Guid sheetId, [Bind(Prefix = "RightsRequest")] CaseRightsRequestInput request) =>
        RunAsync(id, groupId, sheetId, "RightsRequest", () => { RightsRequest = request; return rights.AddRequestAsync(id, groupId, sheetId, request); },
            _ => "La demande est enregistrée avec son échéance.", ShowRights);

    public Task<IActionResult> OnPostAnswerAsync(Guid id, Guid groupId, Guid sheetId, Guid requestId, DateOnly? answeredOn) =>
        RunAsync(id, groupId, sheetId, "Answer", () => rights.AnswerRequestAsync(id, groupId, sheetId, requestId, new CaseRightsAnswerInput { AnsweredOn = answeredOn }),
            d => $"Réponse enregistrée au {Culture.Date(d)}.", ShowRights, validate: false);

    public Task<IActionResult> OnPostRectifyAsync(Guid id, Guid groupId, Guid sheetId, Guid requestId, [Bind(Prefix = "Rectification")] CaseRectificationInput rectification) =>
        RunAsync(id, groupId, sheetId, "Rectification", () => { Rectification = rectification; return rights.RectifyAsync(id, groupId, sheetId, requestId, rectification); },
            _ => "La rectification est appliquée à la fiche ; la demande est close et l'historique de la fiche la mentionne.", ShowRights);

    /// <summary>An erasure granted: the sheet is deleted (back to the group), or refused with its reason (a freeze holds it).</summary>
    public async Task<IActionResult> OnPostEraseAsync(Guid id, Guid groupId, Guid sheetId, Guid requestId)
    {
        if (await LoadAsync(id, groupId, sheetId) is { } failed) return failed;
        var result = await rights.EraseAsync(id, groupId, sheetId, requestId);
        if (!result.Succeeded) return Fail(result, "Erase");
        if (!result.Value!.Erased)
        {
            TempData["Flash"] = result.Value.Reason;
            return RedirectToPage(new { id, groupId, sheetId, voir = ShowRights });
        }
        TempData["Flash"] = $"La fiche {Sheet.Code} est effacée définitivement, avec ses actions et ses passages en réunion ; seule une ligne statistique anonyme est conservée.";
        return RedirectToPage("/Cases/Group", new { id, groupId });
    }

    private async Task<IActionResult> DocumentAsync(Guid id, Guid groupId, Guid sheetId, CaseDocumentKind kind)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        ViewData["Title"] = "Fiche de suivi";
        var result = await documents.BuildAsync(id, groupId, sheetId, kind);
        if (!result.Succeeded) return Fail(result);
        return File(result.Value!.Content, "application/pdf", result.Value.FileName);
    }

    /// <summary>load → command → redirect with a flash, or the page again with the errors under <paramref name="prefix"/>.</summary>
    private async Task<IActionResult> RunAsync<T>(Guid id, Guid groupId, Guid sheetId, string prefix, Func<Task<Shared.CommandResult<T>>> command, Func<T, string> flash,
        string? show = null, bool validate = true)
    {
        if (await LoadAsync(id, groupId, sheetId) is { } failed) return failed;
        if (validate && !ModelState.IsValid) return Page();
        var result = await command();
        if (!result.Succeeded) return Fail(result, prefix);
        TempData["Flash"] = flash(result.Value!);
        return RedirectToPage(new { id, groupId, sheetId, voir = show });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid groupId, Guid sheetId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var group = await queries.GroupAsync(id, groupId);
        if (group.NotFound) return NotFound();
        ViewData["Title"] = "Fiche de suivi";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb(group.Succeeded ? group.Value!.Name : "Dispositif", Url.Page("/Cases/Group", new { id, groupId })), new Shared.Crumb("Fiche"));
        if (!group.Succeeded) return Fail(group);
        Group = group.Value!;
        var sheet = await queries.SheetAsync(id, groupId, sheetId);
        if (!sheet.Succeeded) return Fail(sheet);
        Sheet = sheet.Value!;
        ViewData["Title"] = $"Fiche {Sheet.Code}";
        ProgrammeChoice = new CaseSheetProgrammeInput { ProgrammeId = Sheet.ProgrammeId, Version = Sheet.Version };
        if (HasTier3) await LoadProgrammesAsync(programmes, Sheet.ProgrammeId);
        if (IsCoordinator) Meetings = await queries.UpcomingMeetingsAsync(Group);
        return null;
    }
}
