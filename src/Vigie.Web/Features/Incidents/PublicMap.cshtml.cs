using Microsoft.AspNetCore.Authorization;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// The public map of a contract that publishes its incidents through Open311 (specs §3.3, issue 14 item 5): what the
/// anonymous Open311 GET /requests shows — public categories only, the last 90 days, points snapped to a ~200 m grid,
/// no house number, descriptions scrubbed of phones, e-mails, plates and names — on a map and in a table.
/// </summary>
[AllowAnonymous]
public sealed class PublicMapModel(AppDbContext db, Open311Service open311, TimeProvider clock) : PageModel
{
    public string ContractTitle { get; private set; } = "";
    public bool PublicForm { get; private set; }
    public IReadOnlyList<Open311Service.PublicIncident> Incidents { get; private set; } = [];

    private async Task<bool> LoadAsync(Guid id)
    {
        // Only a contract published through Open311 has a public map; any other id is a 404 (nothing says it exists).
        if (await open311.PublishedJurisdictionAsync(id) is null) return false;
        ContractTitle = await db.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Title).FirstAsync();
        PublicForm = await db.IncidentSettings.AsNoTracking().AnyAsync(s => s.ContractId == id && s.PublicForm);
        var now = clock.GetUtcNow();
        Incidents = await open311.PublicIncidentsAsync(id, new Open311Service.RequestQuery(null, null, now.AddDays(-Open311Service.MaxDays), now, null));
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ViewData["Title"] = "Carte publique des signalements — " + ContractTitle;
        return Page();
    }

    /// <summary>The map's data: the same incidents as GeoJSON (coarse points, no text but the category).</summary>
    public async Task<IActionResult> OnGetDonneesAsync(Guid id) =>
        await LoadAsync(id) ? Content(IncidentGeoJson.WritePublic(Incidents), "application/geo+json; charset=utf-8") : NotFound();
}
