using System.Globalization;

namespace Vigie.Web.Features.Incidents;

/// <summary>The weekly "cadre de vie – tranquillité publique" meeting's view (specs §3.4).</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class WeeklyModel(ContractAccess access, IncidentQueries queries, WeeklyAgenda agenda, TimeProvider clock) : IncidentPageModel(access)
{
    public IncidentQueries.Weekly View { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<WeeklyAgenda.MeetingChoice> Meetings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        Now = clock.GetUtcNow();
        View = await queries.WeeklyAsync(id, Now);
        if (Viewer.IsCoordinator) Meetings = await agenda.MeetingsAsync(id);
        ViewData["Title"] = "Vue hebdomadaire des signalements";
        ViewData["Breadcrumb"] = IncidentCrumbs(new Crumb("Vue hebdomadaire"));
        return Page();
    }

    /// <summary>Puts the week's view on a meeting's agenda (coordinators; the governance rules decide who may edit the agenda).</summary>
    public async Task<IActionResult> OnPostAgendaAsync(Guid id, Guid? meetingId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        if (!Viewer.IsCoordinator) return Forbid();
        var r = meetingId is { } m ? await agenda.PullAsync(id, m) : CommandResult<int>.Invalid("meetingId", "Choisissez une réunion.");
        if (r.NotFound) return NotFound();
        if (r.Forbidden) return Forbid();
        if (r.Succeeded)
        {
            TempData["Flash"] = $"{r.Value} point(s) ajouté(s) à l'ordre du jour de la réunion.";
            return RedirectToPage("/Governance/Meeting", new { id, meetingId });
        }
        TempData["FlashError"] = string.Join(" ", r.Errors.Values.SelectMany(x => x));
        return RedirectToPage("/Incidents/Weekly", new { id });
    }

    public static string Hours(double? hours) => hours is { } h ? h.ToString("N1", Culture.French) + " h" : "—";
}
