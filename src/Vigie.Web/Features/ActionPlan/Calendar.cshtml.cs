namespace Vigie.Web.Features.ActionPlan;

/// <summary>Due dates of the plan and a month-by-month timeline (Gantt-like table) per priority; overdue items highlighted.</summary>
[Infrastructure.ContractRequirement(Domain.ContractRole.Reader)]
public sealed class CalendarModel(PlanQueries queries) : PageModel
{
    public PlanView Plan { get; private set; } = null!;
    public IReadOnlyList<PlanQueries.CalendarEntry> Entries { get; private set; } = [];
    public int Year { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? year)
    {
        if (await queries.PlanAsync(id) is not { } plan) return NotFound();
        Plan = plan;
        Today = queries.Today;
        Year = year is >= PlanRules.FirstYear and <= PlanRules.LastYear ? year.Value : plan.Period.DefaultYear(Today);
        Entries = await queries.CalendarAsync(plan);
        ViewData["Title"] = $"Calendrier du plan d'action — {Year}";
        return Page();
    }

    /// <summary>How an item's row shows one month: outside its period, inside, inside and late, or holding a done milestone.</summary>
    public string Cell(PlanRow r, int month)
    {
        if (r.StartDate is null && r.EndDate is null) return "";
        var first = new DateOnly(Year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var start = r.StartDate ?? DateOnly.MinValue;
        var end = r.EndDate ?? DateOnly.MaxValue;
        if (end < first || start > last) return "";
        var late = r.OverdueMilestones > 0 || (PlanPeriod.IsLate(r.EndDate, Plan.Period.LateBefore(Today)) && r.Progress.Value is not 100m);
        return late ? "late" : "on";
    }
}
