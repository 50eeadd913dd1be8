using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Features.Survey;
using static Vigie.Web.Features.Survey.SurveyWeighting;

namespace Vigie.Tests.Survey;

/// <summary>
/// T0 vs T1 (specs §2.6): both intervals side by side, the difference in points, "significatif" only when the two 95 %
/// intervals (Wilson on n_eff) are disjoint; the same answers in both waves are never significant. Page and API.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SurveyCompareTests(VigieFactory factory)
{
    [Fact]
    public void Disjoint_OnlyWhenOneIntervalLiesEntirelyAboveTheOther()
    {
        static SurveyEstimate E(double low, double high) => new((low + high) / 2, low, high, 200, 150, SurveyFigureStatus.Ok);
        Assert.True(SurveyCompare.Disjoint(E(0.19, 0.27), E(0.28, 0.36)));
        Assert.True(SurveyCompare.Disjoint(E(0.28, 0.36), E(0.19, 0.27)));
        Assert.False(SurveyCompare.Disjoint(E(0.19, 0.27), E(0.27, 0.35))); // touching bounds overlap
        Assert.False(SurveyCompare.Disjoint(E(0.19, 0.27), E(0.22, 0.30)));
    }

    [Fact]
    public async Task T0VersusT1_ShowsBothIntervals_AndFlagsOnlyDisjointOnes()
    {
        var s = await factory.SurveySetupAsync();
        var survey = await s.CreateSurveyAsync();
        var t0 = await s.CreateWaveAsync(survey, "2026-T0");
        var t1 = await s.CreateWaveAsync(survey, "2026-T1");
        Assert.Equal("succeeded", (await s.ImportAsync(t0, SurveyKit.Csv(SurveyKit.Responses(400, "2026-T0")))).GetProperty("status").GetString());
        // T1: the same respondents, except that everyone now feels insecure in the quartier (B2 = 1, "souvent").
        var b2 = Array.IndexOf(SurveyKit.Header, "B2");
        var t1Rows = SurveyKit.Responses(400, "2026-T1", prefix: "S");
        foreach (var row in t1Rows) row[b2] = "1";
        Assert.Equal("succeeded", (await s.ImportAsync(t1, SurveyKit.Csv(t1Rows))).GetProperty("status").GetString());

        var api = await factory.ApiClientAsync(s.Reader);
        var c = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{s.Contract.Id}/survey-waves/{t1}/comparison?with={t0}");
        Assert.Equal("2026-T0", c.GetProperty("before").GetString());
        Assert.Equal("2026-T1", c.GetProperty("after").GetString());
        var rows = c.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("zone").GetString() == SurveyEstimation.AllZone).ToList();
        var feeling = rows.Single(r => r.GetProperty("item").GetString() == "B2" && r.GetProperty("aggregate").GetString() == SurveyEstimation.Often);
        Assert.True(feeling.GetProperty("significant").GetBoolean());
        Assert.True(feeling.GetProperty("lowAfter").GetDouble() > feeling.GetProperty("highBefore").GetDouble());
        Assert.True(feeling.GetProperty("differencePoints").GetDouble() > 50);
        // Every other answer is the same in both waves: no difference, nothing significant.
        foreach (var r in rows.Where(r => r.GetProperty("item").GetString() != "B2" && r.GetProperty("differencePoints").ValueKind == JsonValueKind.Number))
        {
            Assert.Equal(0, r.GetProperty("differencePoints").GetDouble());
            Assert.False(r.GetProperty("significant").GetBoolean());
        }

        var page = await s.ReaderPages.GetDocumentAsync($"{s.WaveUrl(t1)}/comparer?avec={t0}");
        var line = page.QuerySelectorAll("#comparaison-vagues tbody tr").First(r => r.Children[0].TextContent == "B2" && r.Children[2].TextContent == SurveyEstimation.Often);
        Assert.Matches(@"^\d+ % \[\d+–\d+\]$", line.Children[3].TextContent);
        Assert.Matches(@"^\d+ % \[\d+–\d+\]$", line.Children[4].TextContent);
        Assert.Equal("significatif", line.Children[6].TextContent);
        // Another contract's wave, or no other wave: not found.
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/contracts/{s.Contract.Id}/survey-waves/{t1}/comparison?with={Guid.NewGuid()}")).StatusCode);
        var outsider = await factory.ApiClientAsync(s.Outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/contracts/{s.Contract.Id}/survey-waves/{t1}/comparison?with={t0}")).StatusCode);
    }
}
