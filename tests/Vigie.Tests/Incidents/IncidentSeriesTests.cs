using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Incidents;

/// <summary>The incivilités series (issue 14 item 6): monthly counts by group and sub-area, duplicates excluded, beside (never added to) the police figures.</summary>
[Collection(AppCollection.Name)]
public sealed class IncidentSeriesTests(VigieFactory factory)
{
    [Fact]
    public async Task Series_CountsByMonthAndGroup_WithoutDuplicates_OnTheApiAndThePage()
    {
        var s = await factory.IncidentSetupAsync();
        var original = (await s.ReportAsync("TAG-STD")).GetProperty("number").GetInt32();
        var second = await s.ReportAsync("TAG-STD");
        await s.ReportAsync("HALL-OCC");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents/{second.GetProperty("id").GetGuid()}/duplicate", new { originalNumber = original })).StatusCode);
        var month = TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), Culture.Paris).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var points = await s.ReaderApi.GetFromJsonAsync<JsonElement>($"{s.Base}/incidents/series");
        int Count(string group) => points.EnumerateArray().Where(p => p.GetProperty("month").GetString() == month && p.GetProperty("group").GetString() == group)
            .Sum(p => p.GetProperty("count").GetInt32());
        Assert.Equal(1, Count("proprete"));
        Assert.Equal(1, Count("tranquillite"));

        var bad = await s.ReaderApi.GetAsync($"{s.Base}/incidents/series?from=2026-05-01&to=2026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var client = await PageClient.SignedInAsync(factory, s.Reader);
        var page = PageClient.Parse(await client.Http.GetStringAsync($"/contrats/{s.Contract.Id}/signalements/incivilites"));
        Assert.Contains("jamais additionnée", page.Body!.TextContent);
        var row = page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == month);
        Assert.Equal("2", row.QuerySelectorAll("td").Last().TextContent);
    }
}
