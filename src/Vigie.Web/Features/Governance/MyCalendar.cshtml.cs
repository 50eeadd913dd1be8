namespace Vigie.Web.Features.Governance;

/// <summary>Manages the user's iCalendar subscription addresses (the secret is shown once, then only its prefix).</summary>
public sealed class MyCalendarModel(CalendarFeedService feeds, Infrastructure.PublicLinks links) : PageModel
{
    public IReadOnlyList<CalendarFeedService.FeedView> Feeds { get; private set; } = [];
    public string? NewFeedUrl { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var secret = await feeds.CreateAsync();
        NewFeedUrl = links.ToEndpoint(CalendarFeedService.FeedEndpoint, new { secret });
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid feedId)
    {
        if (!await feeds.RevokeAsync(feedId)) return NotFound();
        TempData["Flash"] = "L'adresse d'abonnement a été révoquée : les agendas abonnés ne recevront plus rien.";
        return RedirectToPage("/Governance/MyCalendar");
    }

    private async Task LoadAsync()
    {
        Feeds = await feeds.MineAsync();
        ViewData["Title"] = "Abonnement à mes réunions";
        ViewData["Breadcrumb"] = new List<Shared.Crumb> { new("Abonnement à mes réunions") };
    }
}
