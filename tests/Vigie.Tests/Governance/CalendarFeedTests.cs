using System.Net;
using System.Text.RegularExpressions;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Governance;

[Collection(AppCollection.Name)]
public sealed partial class CalendarFeedTests(VigieFactory factory)
{
    /// <summary>Creates a feed on the page and returns its iCalendar text.</summary>
    public static async Task<string> FeedAsync(VigieFactory factory, TestUser user)
    {
        var (_, path) = await CreateAsync(factory, user);
        var anonymous = factory.CreateClient();
        return await anonymous.GetStringAsync(path);
    }

    private static async Task<(PageClient Client, string Path)> CreateAsync(VigieFactory factory, TestUser user)
    {
        var client = await PageClient.SignedInAsync(factory, user);
        var response = await client.PostFormAsync("/mon-agenda?handler=Create", [], formPageUrl: "/mon-agenda");
        var html = await response.Content.ReadAsStringAsync();
        var url = FeedUrlRegex().Match(html);
        Assert.True(url.Success, html);
        return (client, new Uri(url.Value).PathAndQuery);
    }

    [Fact]
    public async Task Feed_ListsTheUsersMeetings_AndStopsWhenRevoked()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("watchCell");
        var soon = TestDates.Today.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var meeting = await s.MeetingAsync(body, soon, "Cellule de veille, quartier nord");

        var (client, path) = await CreateAsync(factory, s.Reader);
        var anonymous = factory.CreateClient();
        var feed = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var ics = await feed.Content.ReadAsStringAsync();
        Assert.Contains($"UID:meeting-{meeting:N}@vigie", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Cellule de veille\\, quartier nord", ics, StringComparison.Ordinal);

        // The outsider's feed does not hold this contract's meetings.
        var outsiderFeed = await FeedAsync(factory, s.Outsider);
        Assert.DoesNotContain(meeting.ToString("N"), outsiderFeed, StringComparison.Ordinal);

        // Only the hash is stored.
        var secret = path.Split('/').Last().Replace(".ics", "", StringComparison.Ordinal);
        Assert.False(await factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.CalendarFeeds, f => f.TokenHash == secret)));

        var page = await client.GetDocumentAsync("/mon-agenda");
        var feedId = page.QuerySelector("input[name=feedId]")!.GetAttribute("value")!;
        var revoke = await client.PostFormAsync("/mon-agenda?handler=Revoke", new() { ["feedId"] = feedId }, formPageUrl: "/mon-agenda");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
    }

    [GeneratedRegex("https?://[^<\\s\"]+/calendrier/[^<\\s\"]+\\.ics")]
    private static partial Regex FeedUrlRegex();
}
