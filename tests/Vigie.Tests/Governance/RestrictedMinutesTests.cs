using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Governance;

/// <summary>
/// Content of a restricted meeting (agenda, minutes, outcomes) is for the body's members and the
/// contract's coordinators only: not on pages, API, search or feeds for other members of the contract.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RestrictedMinutesTests(VigieFactory factory)
{
    private sealed record Restricted(GovernanceSetup S, Guid Body, Guid Meeting, string Secret);

    private async Task<Restricted> SetupAsync()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("restricted", "restricted");
        await s.SeatAsync(body, s.Partner.Id); // the partner sits in the body; the reader does not
        var secret = TestData.Unique("Confidentiel");
        var meeting = await s.MeetingAsync(body, title: "Formation restreinte");
        await s.AgendaItemAsync(meeting, $"Situation {secret} agenda");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/meetings/{meeting}/minutes",
            new { minutes = $"Échanges sur {secret} minutes", visibility = "restricted" })).StatusCode);
        return new Restricted(s, body, meeting, secret);
    }

    [Fact]
    public async Task Api_NonMember_GetsTheMeetingWithoutItsContent()
    {
        var r = await SetupAsync();
        var asReader = await r.S.ReaderApi.GetStringAsync($"{r.S.Base}/meetings/{r.Meeting}");
        Assert.DoesNotContain(r.Secret, asReader, StringComparison.Ordinal);
        var json = JsonDocument.Parse(asReader).RootElement;
        Assert.False(json.GetProperty("contentVisible").GetBoolean());
        Assert.Empty(json.GetProperty("agenda").EnumerateArray());

        foreach (var member in new[] { r.S.PartnerApi, r.S.CoordinatorApi })
        {
            var text = await member.GetStringAsync($"{r.S.Base}/meetings/{r.Meeting}");
            Assert.Contains($"{r.Secret} minutes", text, StringComparison.Ordinal);
            Assert.Contains($"{r.Secret} agenda", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Page_NonMember_SeesDateButNotContent()
    {
        var r = await SetupAsync();
        var url = $"/contrats/{r.S.Contract.Id}/reunions/{r.Meeting}";
        var reader = await PageClient.SignedInAsync(factory, r.S.Reader);
        var html = await reader.Http.GetStringAsync(url);
        Assert.Contains("Formation restreinte", html, StringComparison.Ordinal);
        Assert.Contains("Contenu restreint", html, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Secret, html, StringComparison.Ordinal);

        var partner = await PageClient.SignedInAsync(factory, r.S.Partner);
        Assert.Contains($"{r.Secret} minutes", await partner.Http.GetStringAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NonMember_FindsNothingInRestrictedContent()
    {
        var r = await SetupAsync();
        var asReader = await r.S.ReaderApi.GetFromJsonAsync<JsonElement>($"{r.S.Base}/meetings/search?q={r.Secret}");
        Assert.Empty(asReader.EnumerateArray());
        var asMember = await r.S.PartnerApi.GetFromJsonAsync<JsonElement>($"{r.S.Base}/meetings/search?q={r.Secret}");
        var hit = asMember.EnumerateArray().Single();
        Assert.Contains("compte rendu", hit.GetProperty("where").GetString(), StringComparison.Ordinal);

        var page = await PageClient.SignedInAsync(factory, r.S.Reader);
        var html = await page.Http.GetStringAsync($"/contrats/{r.S.Contract.Id}/reunions?q={r.Secret}");
        Assert.Contains("Aucune réunion ne correspond", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/reunions/{r.Meeting}\">", html.Split("Résultats de la recherche")[1].Split("<h2")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_NonMember_HasTheEventButNotTheAgenda()
    {
        var r = await SetupAsync();
        // Move the meeting into the feed's window (the feed covers the last three months and the next year).
        var soon = TestDates.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var meeting = await r.S.MeetingAsync(r.Body, soon, "Restreinte prochaine");
        await r.S.AgendaItemAsync(meeting, $"Point {r.Secret} prochain");

        var readerFeed = await CalendarFeedTests.FeedAsync(factory, r.S.Reader);
        Assert.Contains("SUMMARY:Restreinte prochaine", readerFeed, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Secret, readerFeed.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // Issue 9 (egress): a feed is copied into third-party calendars, so even a member's feed carries only the link.
        var memberFeed = (await CalendarFeedTests.FeedAsync(factory, r.S.Partner)).Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Restreinte prochaine", memberFeed, StringComparison.Ordinal);
        Assert.Contains($"/reunions/{meeting}", memberFeed, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Secret, memberFeed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convocation_RestrictedMeeting_GoesOnlyToPersonalSeats()
    {
        var r = await SetupAsync();
        var org = await factory.OrganisationAsync();
        await factory.WithDb(async db =>
        {
            var o = await db.Organisations.FindAsync(org.Id);
            o!.Email = $"{TestData.Unique("accueil")}@bailleur.test";
            return await db.SaveChangesAsync();
        });
        var orgEmail = await factory.WithDb(async db => (await db.Organisations.FindAsync(org.Id))!.Email!);
        await (await r.S.CoordinatorApi.PostAsJsonAsync($"{r.S.Base}/bodies/{r.Body}/members", new { organisationId = org.Id, from = "2020-01-01" })).CreatedIdAsync();

        var response = await r.S.CoordinatorApi.PostAsync($"{r.S.Base}/meetings/{r.Meeting}/convocation", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Single(factory.RawMailsTo(r.S.Partner.Email));
        Assert.Empty(factory.RawMailsTo(r.S.Reader.Email));
        Assert.Empty(factory.RawMailsTo(orgEmail));
    }
}
