using System.Net;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Governance;

[Collection(AppCollection.Name)]
public sealed class GovernancePagesTests(VigieFactory factory)
{
    [Fact]
    public async Task Coordinator_CreatesBodyAndMeetingThroughPages()
    {
        var s = await factory.SetupAsync();
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var bodies = $"/contrats/{s.Contract.Id}/instances";
        var name = TestData.Unique("Cellule");
        var created = await page.PostFormAsync(bodies, new() { ["Body.Name"] = name, ["Body.Kind"] = "WatchCell", ["Body.DefaultVisibility"] = "Members" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var bodyUrl = created.Headers.Location!.OriginalString;
        Assert.Contains(name, await page.Http.GetStringAsync(bodyUrl), StringComparison.Ordinal);
        var bodyId = bodyUrl.Split('/').Last();

        var newMeeting = $"/contrats/{s.Contract.Id}/reunions/nouvelle";
        var meeting = await page.PostFormAsync(newMeeting, new()
        {
            ["Meeting.BodyId"] = bodyId, ["Meeting.Title"] = "Cellule exceptionnelle", ["Meeting.Date"] = "2026-05-12",
            ["Meeting.StartTime"] = "09:30", ["Meeting.EndTime"] = "11:00", ["Meeting.Place"] = "Mairie annexe",
        });
        Assert.Equal(HttpStatusCode.Redirect, meeting.StatusCode);
        var html = await page.Http.GetStringAsync(meeting.Headers.Location!.OriginalString);
        Assert.Contains("12/05/2026 à 09:30", html, StringComparison.Ordinal);

        var calendar = await page.GetDocumentAsync($"/contrats/{s.Contract.Id}/reunions?mois=2026-05");
        Assert.Contains(calendar.QuerySelectorAll(".vigie-calendar a"), a => a.TextContent.Contains("Cellule exceptionnelle", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_BadInput_ShowFrenchErrorsOnTheFields()
    {
        var s = await factory.SetupAsync();
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var response = await page.PostFormAsync($"/contrats/{s.Contract.Id}/instances", new() { ["Body.Name"] = "", ["Body.Kind"] = "Plenary" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Le nom de l'instance est obligatoire.", doc.QuerySelector("#resume-erreurs")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("#Body_Name[aria-invalid=true], .fr-input-group--error #Body_Name"));

        var body = await s.BodyAsync();
        var series = await page.PostFormAsync($"/contrats/{s.Contract.Id}/reunions/nouvelle?handler=Series", new()
        {
            ["Series.BodyId"] = body.ToString(), ["Series.Title"] = "Hebdo", ["Series.Frequency"] = "Weekly", ["Series.DayOfWeek"] = "Monday",
            ["Series.StartTime"] = "09:00", ["Series.DurationMinutes"] = "60", ["Series.FirstDate"] = "2026-06-01", ["Series.Until"] = "2026-05-01",
        }, formPageUrl: $"/contrats/{s.Contract.Id}/reunions/nouvelle");
        Assert.Equal(HttpStatusCode.OK, series.StatusCode);
        Assert.Contains("La fin de la série doit être postérieure à la première date.", await series.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_CannotOpenThePlanningPage()
    {
        var s = await factory.SetupAsync();
        var page = await PageClient.SignedInAsync(factory, s.Reader);
        Geography.AssertDenied(await page.Http.GetAsync($"/contrats/{s.Contract.Id}/reunions/nouvelle"));
    }

    [Fact]
    public async Task MinutesWithInjection_AreRenderedInertOnThePage()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync();
        var meeting = await s.MeetingAsync(body);
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/reunions/{meeting}";
        var saved = await page.PostFormAsync(url + "?handler=Minutes", new()
        {
            ["Minutes.Minutes"] = "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[clic](javascript:alert(1)) <javascript:alert(2)> ![i](data:image/svg+xml;base64,AAAA)",
            ["Minutes.Visibility"] = "Members",
        }, formPageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var doc = await page.GetDocumentAsync(url);
        var minutes = doc.QuerySelector(".vigie-minutes")!;
        Assert.Empty(minutes.QuerySelectorAll("script, img"));
        Assert.DoesNotContain(minutes.QuerySelectorAll("[href]"), a => !Vigie.Web.Features.Governance.MinutesMarkdown.IsSafeUrl(a.GetAttribute("href")));
        Assert.Contains("<script>alert('x')</script>", minutes.TextContent, StringComparison.Ordinal); // shown as text
    }
}
