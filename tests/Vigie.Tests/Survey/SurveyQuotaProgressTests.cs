using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Survey;

/// <summary>Issue 12 item 7: the sampling plan shows, per quartier, the quota, the complete responses received and the progress.</summary>
[Collection(AppCollection.Name)]
public sealed class SurveyQuotaProgressTests(VigieFactory factory)
{
    [Fact]
    public async Task WavePage_ShowsCompleteResponsesPerQuartierAgainstTheQuota()
    {
        var s = await factory.SurveySetupAsync();
        var waveId = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        await s.ImportAsync(waveId, SurveyKit.Csv(SurveyKit.Responses(120)));
        var expected = await factory.WithDb(db => db.SurveyResponses.Where(r => r.WaveId == waveId && !r.Incomplete)
            .GroupBy(r => r.Quartier).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count));
        Assert.True(expected["Q1"] > 0 && expected["Q2"] > 0);

        var page = PageClient.Parse(await s.ReaderPages.Http.GetStringAsync(s.WaveUrl(waveId)));
        foreach (var (code, count) in expected)
        {
            var cells = page.QuerySelector($"tr[data-quartier='{code}']")!.QuerySelectorAll("td");
            Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[3].TextContent);
            var quota = int.Parse(cells[2].TextContent.Split(' ')[0].Replace("\u202F", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"{Math.Round(100.0 * count / quota)} %", cells[4].TextContent);
        }
    }
}
