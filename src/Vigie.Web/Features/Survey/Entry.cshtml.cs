namespace Vigie.Web.Features.Survey;

/// <summary>
/// Agent entry of a paper or telephone questionnaire into an open wave (issue 12 item 6): the public answer form
/// (<c>_SurveyForm</c>) plus the collection mode and date; partner members and coordinators. With <c>?reponse=</c>, the
/// same form corrects (or deletes) an entered questionnaire: its author or a coordinator, until the results are published.
/// </summary>
[ContractRequirement(ContractRole.PartnerMember)]
public sealed class EntryModel(ContractAccess access, SurveyAgentEntry entry) : SurveyPageModel(access)
{
    public SurveyOnline.SurveyOpenWave Form { get; private set; } = null!;
    /// <summary>Values typed, to refill the form after an error.</summary>
    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();
    /// <summary>The entered response being corrected (<c>?reponse=</c>), or null for a new entry.</summary>
    public SurveyResponse? Correcting { get; private set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid waveId, Guid? reponse)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        if (await LoadAsync(waveId, reponse) is { } refused) return refused;
        if (Correcting is not null) Values = SurveyAgentEntry.FormValuesOf(Correcting);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid waveId, Guid? reponse)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        string? Posted(string key) => Request.Form.TryGetValue(key, out var v) ? v.ToString() : null;
        var r = reponse is { } responseId
            ? await entry.CorrectAsync(id, waveId, responseId, Posted(SurveyAgentEntry.ModeField), Posted(SurveyAgentEntry.DateField), Posted,
                version: PostedVersion())
            : await entry.RecordAsync(id, waveId, Posted(SurveyAgentEntry.ModeField), Posted(SurveyAgentEntry.DateField), Posted);
        if (r.Succeeded)
        {
            if (reponse is not null)
            {
                TempData["Flash"] = "Questionnaire corrigé : les résultats et l'avancement des quotas en tiennent compte.";
                return RedirectToPage("/Survey/Responses", new { id, waveId });
            }
            TempData["Flash"] = "Questionnaire enregistré. Vous pouvez saisir le suivant.";
            return RedirectToPage("/Survey/Entry", new { id, waveId });
        }
        if (await LoadAsync(waveId, reponse) is { } refused) return refused;
        foreach (var (field, messages) in r.Errors)
            foreach (var m in messages) ModelState.AddModelError(field, m);
        Values = Request.Form.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value.ToString());
        // A conflict (ADR 0019): the message above the form, the person's input kept, the current version in the hidden field.
        if (r.Conflict is { } conflict) Values = ShowConflict(conflict, Values);
        return Page();
    }

    /// <summary>The version the form was shown with (the hidden field), or null when absent or unreadable.</summary>
    private int? PostedVersion() =>
        int.TryParse(Request.Form[SurveyAgentEntry.VersionField].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v : null;

    private Dictionary<string, string> ShowConflict(EditConflict conflict, IReadOnlyDictionary<string, string> values)
    {
        ModelState.AddModelError("", conflict.Message);
        return new Dictionary<string, string>(values) { [SurveyAgentEntry.VersionField] = conflict.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    /// <summary>Deletes the entered questionnaire being corrected (motive optional).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid waveId, Guid reponse)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var r = await entry.DeleteAsync(id, waveId, reponse, Reason, PostedVersion());
        if (r.Succeeded)
        {
            TempData["Flash"] = "Questionnaire supprimé : il ne compte plus dans les résultats ni dans les quotas.";
            return RedirectToPage("/Survey/Responses", new { id, waveId });
        }
        if (await LoadAsync(waveId, reponse) is { } refused) return refused;
        Values = SurveyAgentEntry.FormValuesOf(Correcting!);
        if (r.Conflict is { } conflict) { Values = ShowConflict(conflict, Values); return Page(); }
        r.CopyTo(ModelState, "");
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid waveId, Guid? responseId)
    {
        SurveyOnline.SurveyOpenWave? form;
        CommandResult<Guid>? refusal;
        if (responseId is { } rid)
        {
            (form, Correcting, refusal) = await entry.EditableAsync(ContractId, waveId, rid);
        }
        else (form, refusal) = await entry.FormAsync(ContractId, waveId);
        if (form is null)
        {
            if (refusal!.NotFound) return NotFound();
            if (responseId is not null && refusal.ForbiddenReason is { } reason)
            {
                TempData["FlashError"] = reason;
                return RedirectToPage("/Survey/Responses", new { id = ContractId, waveId });
            }
            return Forbid();
        }
        Form = form;
        var w = form.Wave;
        ViewData["Title"] = Correcting is null ? $"Saisie d'un questionnaire — {w.Code}" : $"Correction du questionnaire {Correcting.RespId} — {w.Code}";
        ViewData["Breadcrumb"] = Crumbs(new Crumb(w.Code, Url.Page("/Survey/Wave", new { id = ContractId, waveId = w.Id })),
            new Crumb(Correcting is null ? "Saisie" : "Correction"));
        return null;
    }

    public string? Value(string code) => Values.TryGetValue(code, out var v) ? v : null;
}
