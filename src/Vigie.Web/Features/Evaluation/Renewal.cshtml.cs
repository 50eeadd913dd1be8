using Vigie.Web.Features.ActionPlan;
using Vigie.Web.Features.Contracts;

namespace Vigie.Web.Features.Evaluation;

/// <summary>
/// The renewal wizard: from a signed contract (evaluated or not — an unevaluated one is flagged), the coordinator chooses
/// what the next generation carries over, then <see cref="ContractCommands.RenewAsync"/> creates it in one transaction.
/// </summary>
[ContractRequirement(ContractRole.Coordinator)]
public sealed class RenewalModel(ContractAccess access, ContractCommands commands, PlanQueries plans, AppDbContext db) : ContractPageModel(access)
{
    [BindProperty] public RenewalSelection Input { get; set; } = new();
    public IReadOnlyList<PlanRow> Rows { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Text, RecommendationPriority Priority)> Recommendations { get; private set; } = [];
    public bool Evaluated { get; private set; }
    public Guid? Successor { get; private set; }
    /// <summary>Indicators fed by a survey of this contract: carried "to relink" (ADR 0020), named in the wizard's notice.</summary>
    public IReadOnlyList<string> SurveyIndicators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input.PlanItemIds = Rows.Select(r => r.Id).ToList();
        Input.RecommendationIds = Recommendations.Select(r => r.Id).ToList();
        Input.Bodies = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await commands.RenewAsync(id, Input);
        if (!result.Succeeded)
        {
            if (result.Forbidden) return Forbid();
            result.CopyTo(ModelState);
            return Page();
        }
        TempData["Flash"] = Evaluated
            ? "La nouvelle génération du contrat a été créée en brouillon."
            : "La nouvelle génération du contrat a été créée en brouillon, sans évaluation du contrat précédent (signalé sur la page du contrat).";
        return RedirectToPage("/Contracts/Details", new { id = result.Value });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id) || await plans.PlanAsync(id) is not { } plan) return false;
        Rows = plan.Rows;
        Recommendations = (await db.EvaluationRecommendations.AsNoTracking().Where(r => r.ContractId == id && r.DraftPlanItemId == null)
            .OrderBy(r => r.Priority).Select(r => new { r.Id, r.Text, r.Priority }).ToListAsync()).Select(r => (r.Id, r.Text, r.Priority)).ToList();
        Evaluated = await EvaluatedRule.IsEvaluatedAsync(db, id);
        SurveyIndicators = await db.PlanIndicators.AsNoTracking().Where(i => i.ContractId == id && i.LiveSource == PlanIndicatorSourceKind.Survey)
            .OrderBy(i => i.Name).Select(i => i.Name).ToListAsync();
        Successor = await db.Contracts.Where(c => c.PredecessorId == id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        ViewData["Title"] = "Renouvellement — " + ContractTitle;
        ViewData["Breadcrumb"] = ContractCrumbs(new Crumb("Évaluation", Url.Page("/Evaluation/Index", new { id })), new Crumb("Renouvellement"));
        return true;
    }
}
