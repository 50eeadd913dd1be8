using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Evaluation;

/// <summary>A contract's evaluations and bilans, its chain of generations, and (coordinator) the form opening an evaluation.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class IndexModel(ContractAccess access, EvaluationQueries queries, EvaluationCommands commands) : ContractPageModel(access)
{
    [BindProperty] public EvaluationInput Input { get; set; } = new();
    public IReadOnlyList<EvaluationSummary> Evaluations { get; private set; } = [];
    public IReadOnlyList<GenerationLink> Generations { get; private set; } = [];
    public IEnumerable<SelectListItem> Bodies { get; private set; } = [];
    public IEnumerable<SelectListItem> Kinds => EvaluationPages.Options<EvaluationKind>(EvaluationLabels.Kind);
    public bool CanEdit => Viewer.Role == ContractRole.Coordinator;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var period = Generations.FirstOrDefault(g => g.Id == id);
        if (period is not null)
        {
            Input.PeriodStart = period.StartDate;
            Input.PeriodEnd = period.EndDate;
            Input.Title = "Évaluation du contrat " + period.StartDate.Year + "–" + period.EndDate.Year;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CanEdit) return Forbid();
        if (!ModelState.IsValid) return Page();
        var result = await commands.SaveAsync(id, null, Input);
        if (!result.Succeeded)
        {
            if (result.Forbidden) return Forbid();
            result.CopyTo(ModelState);
            return Page();
        }
        TempData["Flash"] = "L'évaluation a été ouverte.";
        return RedirectToPage("/Evaluation/Report", new { id, evaluationId = result.Value });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id) || await queries.ListAsync(id) is not { } list) return false;
        Evaluations = list;
        Generations = await queries.GenerationsAsync(id);
        Bodies = await queries.BodiesAsync(id);
        ViewData["Title"] = "Évaluation — " + ContractTitle;
        ViewData["Breadcrumb"] = ContractCrumbs(new Crumb("Évaluation"));
        return true;
    }
}
