using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Features.Shared;
using Vigie.Web.Features.Survey;

namespace Vigie.Tests.Survey;

/// <summary>Weighted results: members' page and API, CSV export, publication, the public page and the diagnostic port.</summary>
[Collection(AppCollection.Name)]
public sealed partial class SurveyResultsTests(VigieFactory factory)
{
    [GeneratedRegex(@"^\d+ % \[\d+–\d+\]$")]
    private static partial Regex ShareWithInterval();

    private async Task<(SurveySetup Setup, Guid Wave)> ImportedWaveAsync()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        var status = await s.ImportAsync(wave, SurveyKit.Csv(SurveyKit.Responses(400)));
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        return (s, wave);
    }

    [Fact]
    public async Task Results_ShowWeightedSharesWithIntervals_BasesAndTheCaveat_ToReaders()
    {
        var (s, wave) = await ImportedWaveAsync();

        var page = await s.ReaderPages.GetDocumentAsync($"{s.WaveUrl(wave)}/resultats");
        var api = await (await factory.ApiClientAsync(s.Reader)).GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{s.Contract.Id}/survey-waves/{wave}/results");

        Assert.Contains("Échantillon par quotas : les intervalles sont indicatifs", page.Body!.TextContent);
        var b2 = page.QuerySelectorAll("tbody tr").First(r => r.Children[0].TextContent == "B2" && r.Children[2].TextContent == "Souvent + De temps en temps");
        Assert.Matches(ShareWithInterval(), b2.Children[3].TextContent);
        Assert.Contains("11 %", b2.Children[6].TextContent); // CVS anchor
        var line = api.GetProperty("results").EnumerateArray().First(r => r.GetProperty("zone").GetString() == "ensemble" && r.GetProperty("item").GetString() == "B2"
            && r.GetProperty("aggregate").GetString() == "Souvent + De temps en temps");
        var share = line.GetProperty("share").GetDouble();
        Assert.InRange(share, line.GetProperty("low").GetDouble(), line.GetProperty("high").GetDouble());
        Assert.Equal(400, line.GetProperty("base").GetInt32());
        Assert.True(line.GetProperty("nEff").GetDouble() < 400); // weights differ: n_eff < n
        Assert.Equal("calage sur marges (raking)", api.GetProperty("weighting").GetString());
        Assert.Equal($"{Math.Round(share * 100, MidpointRounding.AwayFromZero)} %", b2.Children[3].TextContent.Split(' ')[0] + " %");
        // Q1 and Q2 each hold 100+ respondents: three zones (whole area and both quartiers), no "autres quartiers".
        Assert.Equal(["ensemble", "Q1", "Q2"], api.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("zone").GetString()!).Distinct().ToArray());
        Assert.DoesNotContain("éclairage", page.Body.TextContent); // free texts only on request
    }

    [Fact]
    public async Task Results_DrawOneAccessibleChartPerQuestion_WhoseFiguresEqualItsDataTable()
    {
        var (s, wave) = await ImportedWaveAsync();

        var page = await s.ReaderPages.GetDocumentAsync($"{s.WaveUrl(wave)}/resultats");
        var api = await (await factory.ApiClientAsync(s.Reader)).GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{s.Contract.Id}/survey-waves/{wave}/results");

        var charts = page.QuerySelectorAll(".vigie-survey-chart").ToList();
        Assert.True(charts.Count > 5);
        Assert.Equal(charts.Count, charts.Select(c => c.GetAttribute("data-question")).Distinct().Count()); // one chart per question
        var whiskers = 0;
        foreach (var chart in charts)
        {
            var svg = chart.QuerySelector("svg")!;
            Assert.Equal("img", svg.GetAttribute("role"));
            var caption = page.GetElementById(svg.GetAttribute("aria-labelledby")!);
            Assert.StartsWith(chart.GetAttribute("data-question") + ".", caption!.TextContent);
            var bars = svg.QuerySelectorAll("g.vigie-chart-bar").ToList();
            var rows = chart.QuerySelectorAll("table tbody tr").ToList(); // the data table right under the chart
            Assert.Equal(rows.Count, bars.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(rows[i].Children[0].TextContent, bars[i].GetAttribute("data-item"));
                Assert.Equal(rows[i].Children[2].TextContent, bars[i].GetAttribute("data-aggregate"));
                var figure = rows[i].Children[3].TextContent;
                Assert.Equal(figure, bars[i].QuerySelector("text.vigie-chart-value")!.TextContent);
                var suppressed = figure == "effectif insuffisant";
                Assert.Equal(suppressed, bars[i].QuerySelector("rect") is null); // suppressed cells are not drawn
                if (!suppressed)
                {
                    var share = int.Parse(figure.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    var width = double.Parse(bars[i].QuerySelector("rect")!.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
                    Assert.InRange(width, share * 3 - 1.5, share * 3 + 1.5); // 300 units for 100 %
                    whiskers += bars[i].QuerySelectorAll("line.vigie-chart-whisker").Length;
                }
            }
        }
        Assert.True(whiskers > 0);
        Assert.Equal(api.GetProperty("results").EnumerateArray().Count(r => r.GetProperty("zone").GetString() == "ensemble"),
            charts.Sum(c => c.QuerySelectorAll("g.vigie-chart-bar").Length));
    }

    [Fact]
    public async Task Export_Csv_HasTheSpecColumns_AndIsAudited()
    {
        var (s, wave) = await ImportedWaveAsync();

        var response = await s.ReaderPages.Http.GetAsync($"{s.WaveUrl(wave)}/resultats?handler=Export&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("vague;zone;item;modalite_agregee;p;ic_bas;ic_haut;n_brut;n_eff;statut", lines[0].TrimEnd('\r'));
        Assert.Contains(lines, l => l.StartsWith("2026-T0;ensemble;B2;Souvent + De temps en temps;0,", StringComparison.Ordinal) && l.TrimEnd('\r').EndsWith(";ok", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("éclairage", StringComparison.Ordinal));
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "read.survey-results-export" && e.EntityId == wave.ToString())));
    }

    [Fact]
    public async Task Publish_NeedsAClosedWave_ThenThePublicPageAndThePortShowAggregatesOnly()
    {
        var (s, wave) = await ImportedWaveAsync();
        var publicUrl = $"/public/contrats/{s.Contract.Id}/enquetes/{wave}";
        var anonymous = PageClient.Create(factory);

        var early = await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Publish", new() { ["publish"] = "true" }, s.WaveUrl(wave));
        var beforePublication = await anonymous.Http.GetAsync(publicUrl);
        SurveyKit.Expect(await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Close", [], s.WaveUrl(wave)), HttpStatusCode.Redirect);
        var byReader = await s.ReaderPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Publish", new() { ["publish"] = "true" }, s.WaveUrl(wave));
        SurveyKit.Expect(await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Publish", new() { ["publish"] = "true" }, s.WaveUrl(wave)), HttpStatusCode.Redirect);
        var contractUnpublished = await anonymous.Http.GetAsync(publicUrl);
        await factory.WithDb(db => db.Contracts.Where(c => c.Id == s.Contract.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.IsPublished, true)));
        var published = await anonymous.GetDocumentAsync(publicUrl);

        Assert.Contains("Clôturez la collecte avant de publier", PageClient.Parse(await early.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, beforePublication.StatusCode);
        SurveyKit.AssertDenied(byReader);
        Assert.Equal(HttpStatusCode.NotFound, contractUnpublished.StatusCode);
        Assert.Contains("Échantillon par quotas", published.Body!.TextContent);
        Assert.Contains(published.QuerySelectorAll("tbody tr"), r => r.Children[0].TextContent == "B2" && ShareWithInterval().IsMatch(r.Children[3].TextContent));
        Assert.Contains(published.QuerySelectorAll(".vigie-survey-chart svg[role=img]"), c => c.QuerySelector("g.vigie-chart-bar[data-item=B2] rect") is not null);
        Assert.DoesNotContain("éclairage", published.Body.TextContent);

        using var scope = factory.Services.CreateScope();
        var port = scope.ServiceProvider.GetRequiredService<ISurveyResultsForDiagnostic>();
        var summaries = await ((SurveyResultsForDiagnostic)port).PublishedWavesAsync(s.Contract.Id, CancellationToken.None);
        var summary = Assert.Single(summaries);
        Assert.Equal(400, summary.Responses);
        var b2 = summary.Lines.First(l => l.QuestionCode == "B2");
        Assert.False(b2.Suppressed);
        Assert.InRange(b2.Share!.Value, b2.Low!.Value, b2.High!.Value);
        Assert.DoesNotContain(summary.Lines, l => l.QuestionCode == "E4");
    }

    [Fact]
    public async Task FreeTexts_OnRequest_AreScrubbedAndTheReadIsAudited()
    {
        var (s, wave) = await ImportedWaveAsync();

        var page = await s.ReaderPages.GetDocumentAsync($"{s.WaveUrl(wave)}/resultats?textes=true");

        Assert.Contains("Plus d'éclairage rue de la Gare", page.Body!.TextContent);
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "read.survey-free-texts" && e.EntityId == wave.ToString())));
        var outsider = await factory.ApiClientAsync(s.Outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/contracts/{s.Contract.Id}/survey-waves/{wave}/results")).StatusCode);
    }
}
