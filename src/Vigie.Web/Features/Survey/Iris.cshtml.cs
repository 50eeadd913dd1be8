namespace Vigie.Web.Features.Survey;

/// <summary>
/// The contract's IRIS → quartier correspondence (the survey's quartier referential for the census import): members
/// read it; coordinators replace it by typing lines or uploading a CSV/XLSX table, all or nothing.
/// </summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class IrisModel(ContractAccess access, SurveyCensus census) : SurveyPageModel(access)
{
    public sealed class MappingInput
    {
        public string? Mapping { get; set; }
    }

    [BindProperty] public MappingInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Upload { get; set; }
    public IReadOnlyList<SurveyIrisQuartier> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        await LoadAsync();
        Input.Mapping = string.Join('\n', Rows.Select(r => $"{r.Iris};{r.Quartier};{r.QuartierName}"));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        return await DoneAsync(await census.SetMappingAsync(id, Input.Mapping));
    }

    public async Task<IActionResult> OnPostFileAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        if (!Viewer.IsCoordinator) return Forbid();
        var (content, error) = await SurveyCensus.ReadUploadAsync(Upload, HttpContext.RequestAborted);
        return await DoneAsync(error is null
            ? await census.SetMappingAsync(id, Path.GetFileName(Upload!.FileName), content)
            : CommandResult<SurveyIrisMappingResult>.Invalid("mapping", error));
    }

    private async Task<IActionResult> DoneAsync(CommandResult<SurveyIrisMappingResult> r)
    {
        if (r.Succeeded)
        {
            var m = r.Value!;
            TempData["Flash"] = $"Correspondance enregistrée : {m.Rows.ToString("N0", Culture.French)} IRIS dans {m.Quartiers.ToString("N0", Culture.French)} quartier(s) "
                + $"({m.Added} ajouté(s), {m.Changed} modifié(s), {m.Removed} retiré(s)).";
            return RedirectToPage("/Survey/Iris", new { id = ContractId });
        }
        if (Refusal(r) is { } refused) return refused;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Rows = await census.MappingAsync(ContractId);
        ViewData["Title"] = "Correspondance IRIS → quartier";
        ViewData["Breadcrumb"] = Crumbs(new Crumb("Correspondance IRIS → quartier"));
    }
}
