namespace Vigie.Web.Features.Survey;

/// <summary>A survey's questionnaire (editable by coordinators until fieldwork) and its waves; coordinators add a wave.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class QuestionnaireModel(ContractAccess access, SurveyQueries queries, SurveyCommands commands, TimeProvider clock)
    : SurveyPageModel(access)
{
    public sealed class QuestionInput
    {
        public string? Code { get; set; }
        public string? Text { get; set; }
        public string? Options { get; set; }
    }

    [BindProperty] public QuestionInput Question { get; set; } = new();
    [BindProperty] public SurveyWaveForm Wave { get; set; } = new();
    public Guid SurveyId { get; private set; }
    public string SurveyTitle { get; private set; } = "";
    public IReadOnlyList<SurveyQuestion> Questions { get; private set; } = [];
    public IReadOnlyList<SurveyWaveListItem> Waves { get; private set; } = [];
    public string? FrozenReason { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid surveyId)
    {
        if (!await LoadContractAsync(id) || !await LoadAsync(surveyId)) return NotFound();
        var year = Culture.ParisDate(clock.GetUtcNow()).Year;
        Wave = new SurveyWaveForm { Code = $"{year}-T{Waves.Count}", PlannedSize = 400 };
        return Page();
    }

    public async Task<IActionResult> OnPostQuestionAsync(Guid id, Guid surveyId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var r = await commands.UpdateQuestionAsync(id, surveyId, Question.Code ?? "", Question.Text, Question.Options);
        if (r.Succeeded)
        {
            TempData["Flash"] = $"Question {Question.Code} modifiée.";
            return RedirectToPage("/Survey/Questionnaire", new { id, surveyId });
        }
        if (Refusal(r, nameof(Question)) is { } refused) return refused;
        return await LoadAsync(surveyId) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostWaveAsync(Guid id, Guid surveyId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var r = await commands.CreateWaveAsync(id, surveyId, Wave.ToInput());
        if (r.Succeeded)
        {
            TempData["Flash"] = "Vague créée : saisissez son plan de sondage.";
            return RedirectToPage("/Survey/Wave", new { id, waveId = r.Value });
        }
        if (Refusal(r, nameof(Wave)) is { } refused) return refused;
        return await LoadAsync(surveyId) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid surveyId)
    {
        if (await queries.SurveyAsync(ContractId, surveyId) is not { } survey) return false;
        SurveyId = survey.Id;
        SurveyTitle = survey.Title;
        Questions = [.. survey.Questions.OrderBy(q => q.Position)];
        Waves = await queries.WavesOfSurveyAsync(surveyId);
        FrozenReason = await commands.FrozenReasonAsync(surveyId);
        ViewData["Title"] = survey.Title;
        ViewData["Breadcrumb"] = Crumbs(new Crumb(survey.Title));
        return true;
    }

    public static string TypeLabel(SurveyQuestionType t) => t switch
    {
        SurveyQuestionType.SingleChoice => "Choix unique",
        SurveyQuestionType.MultipleChoice => "Choix multiple",
        SurveyQuestionType.Frequency4 => "Fréquence (4 niveaux)",
        SurveyQuestionType.Efficacy4 => "Efficacité ou satisfaction (4 niveaux)",
        SurveyQuestionType.Grid => "Grille",
        SurveyQuestionType.YesNo => "Oui / non",
        SurveyQuestionType.Count => "Nombre",
        SurveyQuestionType.BirthYear => "Année de naissance",
        SurveyQuestionType.AgeBand => "Tranche d'âge",
        SurveyQuestionType.Zone => "Quartier",
        _ => "Texte libre (500 caractères)",
    };
}
