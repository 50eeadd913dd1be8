using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Incidents;

/// <summary>The weekly view pulled into a "cadre de vie" meeting's agenda; a decision on an incident becomes a task.</summary>
[Collection(AppCollection.Name)]
public sealed class WeeklyMeetingTests(VigieFactory factory)
{
    [Fact]
    public async Task Pull_AddsASummaryAndOnePointPerIncident_ThenADecisionBecomesATask()
    {
        var s = await factory.IncidentSetupAsync();
        var hall = await s.ReportAsync("HALL-OCC", description: "Texte interne du signalement");
        await s.ReportAsync("TAG-STD", 50.63, 3.05);
        var body = await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/bodies", new { name = TestData.Unique("Cadre de vie"), kind = "livingEnvironment" })).CreatedIdAsync();
        var meeting = await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings",
            new { bodyId = body, title = "Réunion cadre de vie", date = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"), startTime = "09:00", endTime = "10:00", place = "Mairie de quartier" })).CreatedIdAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await s.PoliceApi.PostAsJsonAsync($"{s.Base}/incidents/weekly/agenda", new { meetingId = meeting })).StatusCode);
        var pulled = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents/weekly/agenda", new { meetingId = meeting });
        Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
        Assert.Equal(2, (await pulled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());
        // Pulling again adds only a new summary: the incident is already on the agenda.
        Assert.Equal(1, (await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents/weekly/agenda", new { meetingId = meeting })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());

        var agenda = (await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/meetings/{meeting}")).GetProperty("agenda").EnumerateArray().ToList();
        var point = agenda.Single(a => a.GetProperty("incidentId").ValueKind == JsonValueKind.String);
        Assert.Equal(hall.GetProperty("id").GetGuid(), point.GetProperty("incidentId").GetGuid());
        Assert.StartsWith($"Signalement n° {hall.GetProperty("number").GetInt32()} — Occupation de hall", point.GetProperty("title").GetString());
        Assert.DoesNotContain(agenda, a => a.GetProperty("title").GetString()!.Contains("Texte interne"));

        var task = await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes",
            new { agendaItemId = point.GetProperty("id").GetGuid(), kind = "task", text = "Passage du gardien chaque soir", ownerOrganisationId = s.LandlordOrg.Id, dueOn = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd") })).CreatedIdAsync();
        var tasks = await s.LandlordApi.GetFromJsonAsync<JsonElement>($"{s.Base}/tasks");
        Assert.Contains(tasks.EnumerateArray(), t => t.GetProperty("title").GetString() == "Passage du gardien chaque soir");
    }
}
