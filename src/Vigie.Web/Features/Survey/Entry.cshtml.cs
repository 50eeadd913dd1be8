namespace Vigie.Web.Features.Survey;

/// <summary>
/// Agent entry of a paper or telephone questionnaire into an open wave (issue 12 item 6): the public answer form
/// (<c>_SurveyForm</c>) plus the collection mode and date; partner members and coordinators.
/// </summary>
[ContractRequirement(ContractRole.PartnerMember)]
public sealed class EntryModel(ContractAccess access, SurveyAgentEntry entry) : SurveyPageModel(access)
{
    public SurveyOnline.SurveyOpenWave Form { get; private set; } = null!;
    /// <summary>Values typed, to refill the form after an error.</summary>
    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid waveId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        return await LoadAsync(waveId) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid waveId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        string? Posted(string key) => Request.Form.TryGetValue(key, out var v) ? v.ToString() : null;
        var r = await entry.RecordAsync(id, waveId, Posted(SurveyAgentEntry.ModeField), Posted(SurveyAgentEntry.DateField), Posted);
        if (r.Succeeded)
        {
            TempData["Flash"] = "Questionnaire enregistré. Vous pouvez saisir le suivant.";
            return RedirectToPage("/Survey/Entry", new { id, waveId });
        }
        if (await LoadAsync(waveId) is { } refused) return refused;
        foreach (var (field, messages) in r.Errors)
            foreach (var m in messages) ModelState.AddModelError(field, m);
        Values = Request.Form.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value.ToString());
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid waveId)
    {
        var (form, refusal) = await entry.FormAsync(ContractId, waveId);
        if (form is null)
        {
            if (refusal!.NotFound) return NotFound();
            return Forbid();
        }
        Form = form;
        var w = form.Wave;
        ViewData["Title"] = $"Saisie d'un questionnaire — {w.Code}";
        ViewData["Breadcrumb"] = Crumbs(new Crumb(w.Code, Url.Page("/Survey/Wave", new { id = ContractId, waveId = w.Id })), new Crumb("Saisie"));
        return null;
    }

    public string? Value(string code) => Values.TryGetValue(code, out var v) ? v : null;
}
