using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Vigie.Tests.Security;

/// <summary>
/// Issue 9, "Done when": restricted content must not leave by any path. A unique marker is put in every
/// kind of restricted content (<see cref="LeakFixture"/>); then every GET endpoint of the app — read from its
/// endpoint data source, so a new page or API route is swept without touching this test — is fetched as
/// each role that must not see it (pages with a cookie session, the API with a personal access token,
/// the calendar feed by its secret address), every answer decoded (HTML, JSON, CSV, iCalendar, PDF, XLSX),
/// and every e-mail of the pickup folder addressed to someone not entitled is read with its attachments.
/// </summary>
public sealed class LeakTests(LeakFixture fx, ITestOutputHelper output) : IClassFixture<LeakFixture>
{
    [Fact]
    public async Task Fixture_HoldsTheMarker_WhereTheBodyMemberAndCoordinatorReadIt()
    {
        var member = fx.BodyMemberRole;
        var page = await member.Pages.GetStringAsync($"/contrats/{fx.Contract.Id}/reunions/{fx.RestrictedMeeting}");
        foreach (var field in new[] { "AGENDA", "MINUTES", "ATTENDANCE", "TASKORG", "TASKUSER", "DECISION", "DECPLAN", "INFO" })
            Assert.Contains(fx.M(field), page, StringComparison.Ordinal);

        var plan = await fx.CoordinatorRole.Pages.GetStringAsync($"/contrats/{fx.Contract.Id}/plan");
        Assert.Contains(fx.M("DECPLAN"), plan, StringComparison.Ordinal); // the decision did become a plan action

        var hits = await member.Api.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{fx.Contract.Id}/meetings/search?q={fx.SearchTerm}");
        Assert.Contains(hits.EnumerateArray(), h => h.GetProperty("meeting").GetProperty("id").GetGuid() == fx.RestrictedMeeting);

        // The e-mail check below reads attachments: the member's mail carries PDF packs that decode to text (the meeting's
        // title is in them). Restricted content itself is never written into an e-mail, even to an entitled person (ADR 0006).
        var memberMail = fx.Factory.RawMailsTo(fx.BodyMember.Email);
        var attachments = memberMail.SelectMany(m => m.Attachments).ToList();
        Assert.NotEmpty(attachments);
        var read = await Task.WhenAll(attachments.Select(a => BodyText.DecodeAsync(a.Content, a.ContentType)));
        Assert.Contains(read, text => text.Contains("Cellule de veille", StringComparison.Ordinal));
        foreach (var mail in memberMail)
        {
            Assert.Empty(fx.FieldsIn(mail.Subject));
            foreach (var part in mail.Parts)
                Assert.Empty(fx.FieldsIn(await BodyText.DecodeAsync(part.Content, part.ContentType)));
        }
    }

    [Fact]
    public async Task VideoMarkers_AreInTheRegister_ForTheCoordinatorAndTheCommittee_AndTheSweepReadsThePublicPageAndPdf()
    {
        var c = fx.Contract.Id;
        var registers = await fx.CoordinatorRole.Pages.GetStringAsync($"/contrats/{c}/videoprotection/registre");
        foreach (var field in new[] { "VIDEOOPERATOR", "VIDEORECIPIENT", "VIDEOREQUISITION", "VIDEOACCESS" })
            Assert.Contains(fx.M(field), registers, StringComparison.Ordinal);
        var followup = await fx.CoordinatorRole.Pages.GetStringAsync($"/contrats/{c}/videoprotection/suivi");
        Assert.Contains(fx.M("VIDEOREFERRAL"), followup, StringComparison.Ordinal);
        Assert.Contains(fx.M("VIDEOOPINION"), followup, StringComparison.Ordinal);
        var answer = await fx.Factory.WithDb(db => db.VideoCitizenReferrals.Where(r => r.Id == fx.VideoReferral).Select(r => r.Answer).SingleAsync());
        Assert.Contains(fx.M("VIDEOANSWER"), answer, StringComparison.Ordinal);

        // The committee body's member reads the restricted opinion on the register, whose alerts (the overdue access
        // request, raised by the daily check in the fixture) name no marker.
        var member = await fx.BodyMemberRole.Pages.GetStringAsync($"/contrats/{c}/videoprotection");
        Assert.Contains(fx.M("VIDEOOPINION"), member, StringComparison.Ordinal);
        Assert.Contains("aux images sans réponse à l", member, StringComparison.Ordinal);

        // The anonymous visitor's sweep did read the public page and the published annual report (PDF, with that year's opinions).
        var sweep = await fx.SweepAsync();
        Assert.Contains(sweep.Fetches, f => f.Role == "anonyme" && f.Url == $"/public/contrats/{c}/videoprotection" && f.Status == HttpStatusCode.OK);
        Assert.Contains(sweep.Fetches, f => f.Role == "anonyme" && f.Pattern.StartsWith("/public/contrats/{id", StringComparison.Ordinal) && f.Url.Contains("handler=Rapport", StringComparison.Ordinal)
            && f.Status == HttpStatusCode.OK && f.ContentType?.StartsWith("application/pdf", StringComparison.Ordinal) == true);
        // Members of the contract outside the committee read the register page (200), the marker never.
        foreach (var role in new[] { "lecteur du contrat hors instance", "partenaire du contrat hors instance" })
            Assert.Contains(sweep.Fetches, f => f.Role == role && f.Url == $"/contrats/{c}/videoprotection" && f.Status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task EveryGetEndpoint_AsEveryRoleNotEntitled_NeverShowsTheMarker()
    {
        var sweep = await fx.SweepAsync();
        Assert.True(sweep.Plans.Values.All(p => p.Unmapped.Count == 0),
            "Paramètres de route ou de requête sans valeur dans LeakFixture.RouteValues / QueryValues — ajoutez-les :\n"
            + string.Join("\n", sweep.Plans.Values.SelectMany(p => p.Unmapped).Distinct()));

        foreach (var error in sweep.Fetches.Where(f => (int)f.Status >= 500))
            output.WriteLine($"500 (pas une fuite, à corriger) : {error.Role} GET {error.Url}");
        output.WriteLine($"{sweep.Fetches.Count} requêtes, {sweep.Fetches.Count(f => f.Status == HttpStatusCode.OK)} en 200, balayage {sweep.Duration.TotalSeconds:0.0} s, préparation {fx.SetupDuration.TotalSeconds:0.0} s.");

        var leaks = sweep.Fetches.Where(f => f.Fields.Count > 0).ToList();
        Assert.True(leaks.Count == 0, $"Le marqueur {fx.Marker} fuit par {leaks.Count} réponse(s) :\n" + Describe(leaks));
    }

    [Fact]
    public async Task NoEmail_ToAnAddressNotEntitled_HoldsTheMarker()
    {
        var mails = fx.Factory.AllRawMails();
        // Members-only meetings are also sent to the organisation-only seat (ADR 0006): the check reads real mail to someone not entitled.
        Assert.Contains(mails, m => !fx.EntitledAddresses.Any(a => m.Header("To").Contains(a, StringComparison.OrdinalIgnoreCase)));
        var leaks = new List<string>();
        foreach (var mail in mails)
        {
            var to = mail.Header("To");
            if (fx.EntitledAddresses.Any(a => to.Contains(a, StringComparison.OrdinalIgnoreCase))) continue;
            var texts = new List<(string Where, string Text)> { ("objet", mail.Subject) };
            foreach (var part in mail.Parts)
                texts.Add((part.FileName ?? $"corps {part.ContentType.Split(';')[0]}", await BodyText.DecodeAsync(part.Content, part.ContentType)));
            foreach (var (where, text) in texts)
                if (fx.FieldsIn(text) is { Count: > 0 } fields)
                    leaks.Add($"  {to} — « {mail.Subject} » — {where} : {string.Join(", ", fields)}");
        }
        Assert.True(leaks.Count == 0, $"Le marqueur {fx.Marker} part par courriel vers des adresses non habilitées ({leaks.Count}) :\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task MeetingSearch_AndCalendarFeeds_GiveNothingAway()
    {
        var problems = new List<string>();
        foreach (var role in fx.NotEntitled)
        {
            var search = await role.Api.GetAsync($"/api/v1/contracts/{fx.Contract.Id}/meetings/search?q={fx.SearchTerm}");
            var body = await search.Content.ReadAsStringAsync();
            // Not even "a hit exists": the marker is only in restricted content.
            if (search.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(body).RootElement.GetArrayLength() > 0)
                problems.Add($"{role.Name} : la recherche « {fx.SearchTerm} » trouve {body}");
            if (role.FeedSecret is null) continue;
            var feed = await fx.Factory.CreateClient().GetAsync($"/calendrier/{role.FeedSecret}.ics");
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            if (fx.FieldsIn(await feed.Content.ReadAsStringAsync()) is { Count: > 0 } fields)
                problems.Add($"{role.Name} : flux iCalendar ({string.Join(", ", fields)})");
        }
        // The same search finds the meeting for the body member, and the members' feed holds the agenda: the checks can fail.
        var memberSearch = await fx.BodyMemberRole.Api.GetStringAsync($"/api/v1/contracts/{fx.Contract.Id}/meetings/search?q={fx.SearchTerm}");
        Assert.Contains(fx.RestrictedMeeting.ToString(), memberSearch, StringComparison.Ordinal);
        // The feed is copied into third-party calendars: a restricted meeting is there (its time is taken), its agenda is not, even for a member.
        var memberFeed = await fx.Factory.CreateClient().GetStringAsync($"/calendrier/{fx.BodyMemberRole.FeedSecret}.ics");
        Assert.Contains(fx.RestrictedMeeting.ToString(), memberFeed, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(fx.FieldsIn(memberFeed));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Sweep_CoversEveryGetEndpoint_AndIsNotVacuous()
    {
        var sweep = await fx.SweepAsync();
        var anyPlan = sweep.Plans.Values.First();
        // Every GET endpoint of the data source was requested (none skipped for want of a parameter value).
        var requested = sweep.Fetches.Select(f => f.Pattern).ToHashSet(StringComparer.Ordinal);
        var skipped = anyPlan.GetPatterns.Where(p => !requested.Contains(p)).ToList();
        Assert.True(skipped.Count == 0, "Routes GET jamais demandées : " + string.Join(", ", skipped));
        Assert.True(anyPlan.GetPatterns.Count >= 100, $"{anyPlan.GetPatterns.Count} routes GET seulement");
        output.WriteLine($"{anyPlan.GetPatterns.Count} routes GET, {anyPlan.Requests.Count} requêtes par rôle.");

        foreach (var role in fx.NotEntitled)
        {
            var mine = sweep.Fetches.Where(f => f.Role == role.Name).ToList();
            var ok = mine.Count(f => f.Status == HttpStatusCode.OK);
            Assert.True(mine.Select(f => f.Pattern).Distinct().Count() >= 100, $"{role.Name} : {mine.Count} requêtes");
            Assert.True(ok >= (role.User is null ? 10 : 40), $"{role.Name} : {ok} réponses 200 seulement");
        }
        // The paths the issue names are among them, answered 200 to the roles that read them.
        var c = fx.Contract.Id;
        string[] expected =
        [
            $"/contrats/{c}/reunions/{fx.MembersMeeting}", $"/api/v1/contracts/{c}/meetings/{fx.MembersMeeting}",
            $"/contrats/{c}/reunions/{fx.MembersMeeting}?handler=Pack&kind=before", $"/api/v1/contracts/{c}/meetings/{fx.MembersMeeting}/packs/before",
            $"/contrats/{c}/plan", $"/api/v1/contracts/{c}/plan/export?format=xlsx", $"/contrats/{c}/reunions?q={fx.SearchTerm}",
        ];
        foreach (var url in expected)
            foreach (var role in new[] { "lecteur du contrat hors instance", "partenaire du contrat hors instance", "administrateur non membre du contrat" })
                Assert.Contains(sweep.Fetches, f => f.Role == role && f.Url == url && f.Status == HttpStatusCode.OK);
        foreach (var url in new[] { $"/public/contrats/{c}/plan", $"/public/contrats/{c}/bilan?handler=Pdf", $"/public/contrats/{c}/bilan?handler=Pdf&du={fx.Today.AddYears(-1):yyyy-MM-dd}&au={fx.Today.AddYears(1):yyyy-MM-dd}" })
            Assert.Contains(sweep.Fetches, f => f.Role == "anonyme" && f.Url == url && f.Status == HttpStatusCode.OK);
        Assert.Contains(sweep.Fetches, f => f.Url.StartsWith("/calendrier/vcal_", StringComparison.Ordinal) && f.Status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task NewEndpoint_IsSweptWithoutEditingTheTest_AndAnUnknownParameterFails()
    {
        // Two endpoints the app does not have, added to its data source as a new feature would add them.
        static RouteEndpoint Probe(string pattern) => new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0,
            new EndpointMetadataCollection(new HttpMethodMetadata(["GET"])), pattern);
        var source = new CompositeEndpointDataSource([LeakSweep.AppEndpoints(fx),
            new DefaultEndpointDataSource(Probe("/contrats/{id:guid}/nouvelle-page/{meetingId:guid}"), Probe("/api/v1/contracts/{id:guid}/gadgets/{gadgetId:guid}"))]);
        var plan = await LeakSweep.PlanAsync(fx, fx.NotEntitled[1], source);
        Assert.Contains(plan.Requests, r => r.Url == $"/contrats/{fx.Contract.Id}/nouvelle-page/{fx.RestrictedMeeting}");
        Assert.Contains(plan.Unmapped, u => u.Contains("gadgetId", StringComparison.Ordinal));
    }

    private static string Describe(IEnumerable<Fetch> leaks)
    {
        var sb = new StringBuilder();
        foreach (var group in leaks.GroupBy(l => l.Pattern).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append(group.Key).Append('\n');
            foreach (var l in group)
                sb.Append("    ").Append(l.Role).Append(" — GET ").Append(l.Url).Append(" → ").Append((int)l.Status)
                    .Append(" [").Append(l.ContentType?.Split(';')[0]).Append("] : ").Append(string.Join(", ", l.Fields)).Append('\n');
        }
        return sb.ToString();
    }
}
