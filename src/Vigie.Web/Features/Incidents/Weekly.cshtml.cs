using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Vigie.Web.Domain;
using Vigie.Web.Features.Shared;
using Vigie.Web.Infrastructure;

namespace Vigie.Web.Features.Incidents;

/// <summary>The weekly "cadre de vie – tranquillité publique" meeting's view (specs §3.4).</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class WeeklyModel(ContractAccess access, ContractViewers viewers, IncidentQueries queries, TimeProvider clock) : IncidentPageModel(access, viewers)
{
    public IncidentQueries.Weekly View { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        Now = clock.GetUtcNow();
        View = await queries.WeeklyAsync(id, Now);
        ViewData["Title"] = "Vue hebdomadaire des signalements";
        ViewData["Breadcrumb"] = IncidentCrumbs(new Crumb("Vue hebdomadaire"));
        return Page();
    }

    public static string Hours(double? hours) => hours is { } h ? h.ToString("N1", Culture.French) + " h" : "—";
}
