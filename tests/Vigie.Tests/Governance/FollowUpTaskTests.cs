using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Governance;

/// <summary>A task agreed in a meeting shows in its owner's list and on the body's next agendas until it is closed.</summary>
[Collection(AppCollection.Name)]
public sealed class FollowUpTaskTests(VigieFactory factory)
{
    [Fact]
    public async Task Task_AppearsOnNextMeetingAgendaUntilClosed()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("watchCell");
        var first = await s.MeetingAsync(body, "2026-03-03");
        var next = await s.MeetingAsync(body, "2026-04-07");
        var item = await s.AgendaItemAsync(first);
        var task = await s.TaskAsync(first, item, "Installer un éclairage rue Pasteur", s.PartnerOrganisation.Id);

        var detail = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/meetings/{next}");
        Assert.Contains(detail.GetProperty("carriedOverTasks").EnumerateArray(), t => t.GetProperty("id").GetGuid() == task);
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        Assert.Contains("Installer un éclairage rue Pasteur", await page.Http.GetStringAsync($"/contrats/{s.Contract.Id}/reunions/{next}"), StringComparison.Ordinal);
        // Not on the agenda of the meeting that decided it.
        var own = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/meetings/{first}");
        Assert.Empty(own.GetProperty("carriedOverTasks").EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await s.PartnerApi.PutAsJsonAsync($"{s.Base}/tasks/{task}", new { status = "done" })).StatusCode);
        var after = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/meetings/{next}");
        Assert.Empty(after.GetProperty("carriedOverTasks").EnumerateArray());
    }

    [Fact]
    public async Task MyTasksPage_ListsTasksOfMyOrganisation_AndLetsMeUpdateThem()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("livingEnvironment");
        var meeting = await s.MeetingAsync(body);
        var item = await s.AgendaItemAsync(meeting);
        var task = await s.TaskAsync(meeting, item, "Enlever les tags du hall B", s.PartnerOrganisation.Id);
        var personal = await s.TaskAsync(meeting, item, "Appeler le gardien", ownerUserId: s.Partner.Id);

        var partner = await PageClient.SignedInAsync(factory, s.Partner);
        var doc = await partner.GetDocumentAsync("/mes-taches");
        var rows = doc.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Enlever les tags du hall B", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Appeler le gardien", StringComparison.Ordinal));

        var post = await partner.PostFormAsync("/mes-taches?handler=Update", new()
        {
            ["contractId"] = s.Contract.Id.ToString(), ["taskId"] = task.ToString(), ["status"] = "InProgress", ["progress"] = "Devis demandé",
        }, formPageUrl: "/mes-taches");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var tasks = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/tasks");
        var updated = tasks.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == task);
        Assert.Equal("inProgress", updated.GetProperty("status").GetString());
        Assert.Equal("Devis demandé", updated.GetProperty("progress").GetString());

        // The reader's list does not hold them.
        var reader = await PageClient.SignedInAsync(factory, s.Reader);
        Assert.DoesNotContain("Enlever les tags du hall B", await reader.Http.GetStringAsync("/mes-taches"), StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, personal);
    }
}
