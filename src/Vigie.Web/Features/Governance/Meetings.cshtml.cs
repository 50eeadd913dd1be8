using System.Globalization;

namespace Vigie.Web.Features.Governance;

/// <summary>The contract calendar: a month view, the list of meetings, and a search that respects minutes visibility.</summary>
[ContractRequirement(Domain.ContractRole.Reader)]
public sealed class MeetingsModel(ContractAccess access, GovernanceAccess governance, GovernanceQueries queries, TimeProvider clock)
    : GovernancePageModel(access, governance)
{
    [BindProperty(SupportsGet = true, Name = "mois")] public string? Month { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    public DateOnly MonthStart { get; private set; }
    public IReadOnlyList<MeetingSummary> MonthMeetings { get; private set; } = [];
    public IReadOnlyList<MeetingSummary> Upcoming { get; private set; } = [];
    public IReadOnlyList<MeetingSummary> Past { get; private set; } = [];
    public IReadOnlyList<SearchHit>? Hits { get; private set; }
    public DateOnly Today => Governance.Today;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        MonthStart = DateOnly.TryParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            ? m : new DateOnly(Today.Year, Today.Month, 1);
        MonthMeetings = await queries.MeetingsAsync(id, Recurrence.ParisToUtc(MonthStart, TimeOnly.MinValue), Recurrence.ParisToUtc(MonthStart.AddMonths(1), TimeOnly.MinValue)) ?? [];
        var all = await queries.MeetingsAsync(id) ?? [];
        var now = clock.GetUtcNow();
        Upcoming = [.. all.Where(x => x.EndsAt >= now).Take(30)];
        Past = [.. all.Where(x => x.EndsAt < now).OrderByDescending(x => x.StartsAt).Take(30)];
        if (!string.IsNullOrWhiteSpace(Query)) Hits = await queries.SearchAsync(id, Query);
        if (Hits is not null) await HttpContext.AuditReadAsync(AuditKinds.MeetingSearched, "Contract", id, id, new { results = Hits.Count, length = Query!.Trim().Length });
        ViewData["Title"] = "Réunions et calendrier";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb("Réunions"));
        return Page();
    }

    public string MonthLabel(DateOnly d) => Culture.French.TextInfo.ToTitleCase(d.ToString("MMMM yyyy", Culture.French));

    /// <summary>"de mars 2026", "d'octobre 2026": lower case and elided before a vowel (issue 11 F).</summary>
    public static string OfMonth(DateOnly d)
    {
        var month = d.ToString("MMMM yyyy", Culture.French);
        return ("aeiouyâéèêîôû".Contains(month[0], StringComparison.Ordinal) ? "d'" : "de ") + month;
    }
    public static string MonthParam(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    public static DateOnly LocalDate(DateTimeOffset d) => DateOnly.FromDateTime(Recurrence.ToParis(d).DateTime);
    public static string LocalTime(DateTimeOffset d) => Recurrence.ToParis(d).ToString("HH:mm", CultureInfo.InvariantCulture);
}
