using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Governance;

/// <summary>Plans a one-off meeting, or a recurring series (monthly on the n-th weekday, or weekly) that generates its occurrences.</summary>
[ContractRequirement(Domain.ContractRole.Coordinator)]
public sealed class NewMeetingModel(ContractAccess access, GovernanceAccess governance, GovernanceCommands commands, AppDbContext db)
    : GovernancePageModel(access, governance)
{
    public MeetingInput Meeting { get; set; } = new();
    public SeriesInput Series { get; set; } = new();
    public IEnumerable<SelectListItem> Bodies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? bodyId)
    {
        if (await LoadAsync(id) is { } stop) return stop;
        Meeting = new MeetingInput { BodyId = bodyId, StartTime = new TimeOnly(18, 0), EndTime = new TimeOnly(20, 0) };
        Series = new SeriesInput { BodyId = bodyId, StartTime = new TimeOnly(14, 0), FirstDate = Governance.Today, Until = Governance.Today.AddMonths(12), WeekOfMonth = 1 };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [Bind(Prefix = "Meeting")] MeetingInput meeting)
    {
        if (await LoadAsync(id) is { } stop) return stop;
        Meeting = meeting;
        if (!ModelState.IsValid) return Page();
        var result = await commands.CreateMeetingAsync(id, meeting);
        if (result.Succeeded)
        {
            TempData["Flash"] = "La réunion a été planifiée.";
            return RedirectToPage("/Governance/Meeting", new { id, meetingId = result.Value });
        }
        return Failure(result, "Meeting") ?? Page();
    }

    public async Task<IActionResult> OnPostSeriesAsync(Guid id, [Bind(Prefix = "Series")] SeriesInput series)
    {
        if (await LoadAsync(id) is { } stop) return stop;
        Series = series;
        if (!ModelState.IsValid) return Page();
        var result = await commands.CreateSeriesAsync(id, series);
        if (result.Succeeded)
        {
            var count = await db.Meetings.CountAsync(m => m.SeriesId == result.Value);
            TempData["Flash"] = $"La série a été créée : {count} réunion(s) planifiée(s).";
            return RedirectToPage("/Governance/Meetings", new { id });
        }
        return Failure(result, "Series") ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        if (!IsCoordinator) return Forbid();
        Bodies = await db.Bodies.AsNoTracking().Where(b => b.ContractId == id && !b.IsArchived).OrderBy(b => b.Name)
            .Select(b => new SelectListItem(b.Name, b.Id.ToString())).ToListAsync();
        ViewData["Title"] = "Planifier une réunion";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb("Réunions", Url.Page("/Governance/Meetings", new { id })), new Shared.Crumb("Planifier"));
        return null;
    }
}
