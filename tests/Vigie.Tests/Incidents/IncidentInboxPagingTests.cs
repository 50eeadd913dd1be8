using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Incidents;

/// <summary>The partner inbox is paged (issue 14): overdue first across pages, a bounded page size, totals in the answer, the page's links.</summary>
[Collection(AppCollection.Name)]
public sealed class IncidentInboxPagingTests(VigieFactory factory)
{
    [Fact]
    public async Task Inbox_PagesOverdueFirst_WithTotals_AndRefusesAnOversizedPage()
    {
        var s = await factory.IncidentSetupAsync();
        var numbers = new List<int>();
        for (var i = 0; i < 3; i++) numbers.Add((await s.ReportAsync("STAT-GEN")).GetProperty("number").GetInt32());
        // The last one reported is past its deadline: it must come first, on page 1.
        var late = numbers[^1];
        await factory.WithDb(db => db.Incidents.Where(x => x.ContractId == s.Contract.Id && x.Number == late)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DueAt, factory.Clock.GetUtcNow().AddDays(-2))));

        var first = await s.PoliceApi.GetFromJsonAsync<JsonElement>($"{s.Base}/incidents/inbox?pageSize=2");
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(1, first.GetProperty("overdue").GetInt32());
        Assert.Equal(2, first.GetProperty("pages").GetInt32());
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(late, items[0].GetProperty("number").GetInt32());
        Assert.True(items[0].GetProperty("overdue").GetBoolean());
        var second = await s.PoliceApi.GetFromJsonAsync<JsonElement>($"{s.Base}/incidents/inbox?pageSize=2&page=2");
        var rest = Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.DoesNotContain(rest.GetProperty("number").GetInt32(), items.Select(x => x.GetProperty("number").GetInt32()));

        var tooBig = await s.PoliceApi.GetAsync($"{s.Base}/incidents/inbox?pageSize=5000");
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Contains("pageSize", await tooBig.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await s.PoliceApi.GetAsync($"{s.Base}/incidents/inbox?page=0")).StatusCode);

        var page = await (await PageClient.SignedInAsync(factory, s.Police)).GetDocumentAsync($"/contrats/{s.Contract.Id}/signalements/boite");
        Assert.Contains("3 signalement(s) non clos, dont 1 hors délai", page.Body!.TextContent);
    }
}
