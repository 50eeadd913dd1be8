namespace Vigie.Web.Features.Survey;

/// <summary>A contract's surveys and their waves; coordinators create a survey from the default questionnaire.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class IndexModel(ContractAccess access, SurveyQueries queries, SurveyCommands commands) : SurveyPageModel(access)
{
    public sealed class CreateInput
    {
        public string? Title { get; set; }
    }

    [BindProperty] public CreateInput Input { get; set; } = new();
    public IReadOnlyList<SurveyListItem> Surveys { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var r = await commands.CreateSurveyAsync(id, Input.Title);
        if (r.Succeeded)
        {
            TempData["Flash"] = "Enquête créée avec le questionnaire par défaut : relisez-le avant d'ouvrir une vague.";
            return RedirectToPage("/Survey/Questionnaire", new { id, surveyId = r.Value });
        }
        if (Refusal(r) is { } refused) return refused;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Surveys = await queries.SurveysAsync(ContractId);
        ViewData["Title"] = "Enquêtes de tranquillité publique";
        ViewData["Breadcrumb"] = ContractCrumbs(new Crumb("Enquêtes"));
    }
}
