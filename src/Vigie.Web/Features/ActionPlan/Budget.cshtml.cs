namespace Vigie.Web.Features.ActionPlan;

/// <summary>The plan's budget: every line, totals per priority, per funder and per partner.</summary>
[Infrastructure.ContractRequirement(Domain.ContractRole.Reader)]
public sealed class BudgetModel(PlanQueries queries, PlanSettingsCommands commands) : PageModel
{
    [BindProperty] public PlanSettingsInput Settings { get; set; } = new();

    public PlanView Plan { get; private set; } = null!;
    public PlanQueries.BudgetSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        // The stored settings with their version (ADR 0019), so that saving the budget choice keeps the reminder delay as it is.
        Settings = await commands.CurrentAsync(id);
        return await LoadAsync(id) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await queries.PlanAsync(id) is not { } plan) return NotFound();
        Plan = plan;
        Summary = (await queries.BudgetAsync(plan))!;
        ViewData["Title"] = "Budget du plan d'action";
        return null;
    }

    /// <summary>The contract's choice to show (or not) its budget on the public page of the plan.</summary>
    public async Task<IActionResult> OnPostSettingsAsync(Guid id)
    {
        var r = await commands.SaveSettingsAsync(id, Settings);
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        if (!r.Succeeded)
        {
            // A conflict (someone saved the settings meanwhile) or an invalid delay: the message, the person's choice and the current version.
            r.CopyTo(ModelState, nameof(Settings));
            // The reminder delay is not on this form: the stored one, never the one read when the page was opened (a second
            // click would silently put it back).
            ModelState.Remove($"{nameof(Settings)}.{nameof(PlanSettingsInput.ReminderDaysBefore)}");
            Settings.ReminderDaysBefore = (await commands.CurrentAsync(id)).ReminderDaysBefore;
            return await LoadAsync(id) ?? Page();
        }
        TempData["Flash"] = Settings.PublishBudget ? "Le budget sera publié sur la page publique du plan." : "Le budget n'est plus publié.";
        return RedirectToPage("/ActionPlan/Budget", new { id });
    }

    public static string Euros(decimal v) => v.ToString("N2", Vigie.Web.Infrastructure.Culture.French) + " €";
}
