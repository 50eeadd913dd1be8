using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Governance;

[Collection(AppCollection.Name)]
public sealed class GovernanceApiTests(VigieFactory factory)
{
    [Fact]
    public async Task Coordinator_RecordsAMeeting_DetailShowsAgendaAttendanceMinutesAndOutcomes()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("plenary", "public");
        var meeting = await s.MeetingAsync(body, title: "Plénière de printemps");
        var item = await s.AgendaItemAsync(meeting, "Bilan des actions");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/attendance",
            new { organisationId = s.PartnerOrganisation.Id, personName = "Mme Durand", status = "represented", representedBy = "M. Martin" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/meetings/{meeting}/minutes",
            new { minutes = "# Synthèse\n\nLe bilan est **positif**.", visibility = "public" })).StatusCode);
        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes", new { agendaItemId = item, kind = "decision", text = "Renforcer la médiation" })).CreatedIdAsync();
        await s.TaskAsync(meeting, item, "Chiffrer la médiation", s.PartnerOrganisation.Id);

        var detail = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/meetings/{meeting}");
        Assert.True(detail.GetProperty("contentVisible").GetBoolean());
        Assert.Contains("<strong>positif</strong>", detail.GetProperty("minutesHtml").GetString(), StringComparison.Ordinal);
        var agenda = detail.GetProperty("agenda").EnumerateArray().Single();
        Assert.Equal("Bilan des actions", agenda.GetProperty("title").GetString());
        Assert.Equal(new[] { "decision", "task" }, agenda.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("kind").GetString()!).ToArray());
        var attendance = detail.GetProperty("attendance").EnumerateArray().Single();
        Assert.Equal("represented", attendance.GetProperty("status").GetString());
        Assert.Equal("M. Martin", attendance.GetProperty("representedBy").GetString());
        Assert.Equal("Chiffrer la médiation", detail.GetProperty("tasksAgreed").EnumerateArray().Single().GetProperty("title").GetString());
    }

    [Fact]
    public async Task UserOfAnotherContract_GetsNotFoundEverywhere()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync();
        var meeting = await s.MeetingAsync(body);
        var item = await s.AgendaItemAsync(meeting);
        var task = await s.TaskAsync(meeting, item, "Tâche privée", s.PartnerOrganisation.Id);

        foreach (var url in new[] { $"{s.Base}/bodies", $"{s.Base}/bodies/{body}", $"{s.Base}/meetings", $"{s.Base}/meetings/{meeting}", $"{s.Base}/tasks", $"{s.Base}/meetings/search?q=Tâche" })
            Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.PutAsJsonAsync($"{s.Base}/tasks/{task}", new { status = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/agenda", new { title = "Intrus" })).StatusCode);
        var myTasks = await s.OutsiderApi.GetFromJsonAsync<JsonElement>("/api/v1/me/tasks");
        Assert.DoesNotContain(myTasks.EnumerateArray(), t => t.GetProperty("id").GetGuid() == task);

        // And through the pages: 404, not a refusal that would reveal the contract exists.
        var page = await PageClient.SignedInAsync(factory, s.Outsider);
        foreach (var url in new[] { $"/contrats/{s.Contract.Id}/instances", $"/contrats/{s.Contract.Id}/reunions", $"/contrats/{s.Contract.Id}/reunions/{meeting}", $"/contrats/{s.Contract.Id}/taches" })
            Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task PartnerMemberAndReader_CannotEditGovernance_Get403()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync();
        var meeting = await s.MeetingAsync(body);
        foreach (var client in new[] { s.PartnerApi, s.ReaderApi })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{s.Base}/bodies", new { name = TestData.Unique("X"), kind = "other" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/agenda", new { title = "Point" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"{s.Base}/meetings/{meeting}/minutes", new { minutes = "x", visibility = "public" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{s.Base}/meetings/{meeting}")).StatusCode);
        }
    }

    [Fact]
    public async Task PartnerMember_UpdatesTheirOwnTask_ButNotAnotherPartnersTask()
    {
        var s = await factory.SetupAsync();
        var other = await factory.OrganisationAsync();
        var body = await s.BodyAsync();
        var meeting = await s.MeetingAsync(body);
        var item = await s.AgendaItemAsync(meeting);
        var mine = await s.TaskAsync(meeting, item, "Repeindre la cage d'escalier", s.PartnerOrganisation.Id);
        var theirs = await s.TaskAsync(meeting, item, "Rapport de la police municipale", other.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await s.PartnerApi.PutAsJsonAsync($"{s.Base}/tasks/{mine}", new { status = "done", progress = "Fait le 12/04" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.PartnerApi.PutAsJsonAsync($"{s.Base}/tasks/{theirs}", new { status = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PutAsJsonAsync($"{s.Base}/tasks/{mine}", new { status = "open" })).StatusCode);

        var tasks = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/tasks");
        var done = tasks.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == mine);
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("closedOn").ValueKind);
        Assert.Equal("open", tasks.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == theirs).GetProperty("status").GetString());
    }

    [Fact]
    public async Task BadInput_Returns400NamingTheFieldInFrench()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync();
        var noName = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/bodies", new { name = "", kind = "plenary" });
        await AssertField(noName, "name", "obligatoire");

        var backwards = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings", new { bodyId = body, title = "R", date = "2026-05-01", startTime = "18:00", endTime = "17:00" });
        await AssertField(backwards, "endTime", "postérieure");

        var meeting = await s.MeetingAsync(body);
        var item = await s.AgendaItemAsync(meeting);
        var ownerless = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes", new { agendaItemId = item, kind = "task", text = "Sans responsable" });
        await AssertField(ownerless, "ownerOrganisationId", "responsable");

        var tooLong = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/series", new { bodyId = body, title = "Hebdo", frequency = "weekly", dayOfWeek = "monday", startTime = "09:00", firstDate = "2026-01-01", until = "2036-01-01" });
        await AssertField(tooLong, "until", "120");

        var meetings = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/meetings");
        Assert.Single(meetings.EnumerateArray()); // nothing half-saved by the refused requests
    }

    [Fact]
    public async Task MonthlySeries_CreatesOneMeetingPerMonthOnTheChosenWeekday()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("watchCell");
        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/series", new
        {
            bodyId = body, title = "Cellule de veille", frequency = "monthly", dayOfWeek = "tuesday", weekOfMonth = 1,
            startTime = "14:00", durationMinutes = 90, firstDate = "2026-01-01", until = "2026-06-30", place = "Mairie",
        })).CreatedIdAsync();

        var meetings = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/meetings?bodyId={body}");
        var starts = meetings.EnumerateArray().Select(m => m.GetProperty("startsAt").GetDateTimeOffset().ToUniversalTime()).ToList();
        Assert.Equal(6, starts.Count);
        Assert.Equal(new DateTimeOffset(2026, 1, 6, 13, 0, 0, TimeSpan.Zero), starts[0]); // 14:00 Paris in winter
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 12, 0, 0, TimeSpan.Zero), starts[5]); // 14:00 Paris in summer
        Assert.All(starts, d => Assert.Equal(DayOfWeek.Tuesday, TimeZoneInfo.ConvertTime(d, Vigie.Web.Infrastructure.Culture.Paris).DayOfWeek));
    }

    private static async Task AssertField(HttpResponseMessage response, string field, string fragment)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(fragment, StringComparison.OrdinalIgnoreCase));
    }
}
