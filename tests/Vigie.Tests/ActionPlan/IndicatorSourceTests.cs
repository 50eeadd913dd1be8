using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Incidents;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Survey;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.ActionPlan;

/// <summary>
/// Issue 12 item 8, issue 14 item 6 (ADR 0020): a plan indicator follows a survey indicator or the incivilités series; its
/// values are computed on each read from the same figures as the survey results and the incivilités series, and a reader
/// of the public plan sees only what they may read (published waves, public categories).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class IndicatorSourceTests(VigieFactory factory)
{
    private const string Item = "B1", Answer = "Souvent + De temps en temps";

    private static async Task<JsonElement> IndicatorAsync(HttpClient api, Guid contractId, Guid itemId) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{contractId}/plan/indicators?itemId={itemId}")).EnumerateArray().Single();

    private static async Task<string> PublicPlanAsync(VigieFactory f, Guid contractId)
    {
        var anonymous = PageClient.Create(f);
        var doc = PageClient.Parse(await anonymous.Http.GetStringAsync($"/public/contrats/{contractId}/plan"));
        return doc.QuerySelector("#indicateurs")!.TextContent;
    }

    [Fact]
    public async Task SurveySource_ValueEqualsTheWeightedResult_OnThePageAndApi_AndStaysWithMembersUntilPublished()
    {
        var s = await factory.SurveySetupAsync();
        var surveyId = await s.CreateSurveyAsync();
        var waveId = await s.CreateWaveAsync(surveyId);
        await s.ImportAsync(waveId, SurveyKit.Csv(SurveyKit.Responses(240)));
        var api = await factory.ApiClientAsync(s.Coordinator);
        var plan = $"/api/v1/contracts/{s.Contract.Id}/plan";
        var item = await api.CreateAsync($"{plan}/items", new { kind = "priority", title = "Sentiment d'insécurité" });

        var unknown = await api.PostAsJsonAsync($"{plan}/items/{item}/indicators",
            new { name = "Insécurité ressentie", kind = "result", unit = "%", sourceKind = "survey", surveyId, surveyItem = "Z9", surveyAnswer = Answer });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Indicateur d'enquête inconnu « Z9", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var indicatorId = await api.CreateAsync($"{plan}/items/{item}/indicators",
            new { name = "Insécurité ressentie", kind = "result", unit = "%", sourceKind = "survey", surveyId, surveyItem = Item, surveyAnswer = Answer });

        var results = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{s.Contract.Id}/survey-waves/{waveId}/results");
        var row = results.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("zone").GetString() == "ensemble" && r.GetProperty("item").GetString() == Item && r.GetProperty("aggregate").GetString() == Answer);
        var expected = Math.Round((decimal)row.GetProperty("share").GetDouble() * 100m, 1);

        var indicator = await IndicatorAsync(await factory.ApiClientAsync(s.Reader), s.Contract.Id, item);
        Assert.Equal("survey", indicator.GetProperty("sourceKind").GetString());
        var value = indicator.GetProperty("values").EnumerateArray().Single();
        Assert.Equal("2026-T0", value.GetProperty("period").GetString());
        Assert.Equal(expected, value.GetProperty("value").GetDecimal());
        Assert.Equal(0, await factory.WithDb(db => db.PlanIndicatorValues.CountAsync(v => v.ContractId == s.Contract.Id)));

        var page = PageClient.Parse(await s.ReaderPages.Http.GetStringAsync($"/contrats/{s.Contract.Id}/plan/elements/{item}"));
        Assert.Contains(expected.ToString("N2", Culture.French), page.QuerySelector($"#indicateur-{indicatorId}")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Alimenté automatiquement : enquête", page.Body!.TextContent, StringComparison.Ordinal);

        // The public plan: the wave is not published, so no value; once published, the same value.
        await factory.WithDb(db => db.Contracts.Where(c => c.Id == s.Contract.Id).ExecuteUpdateAsync(x => x.SetProperty(c => c.IsPublished, true)));
        var shown = expected.ToString("0.##", Culture.French) + " (2026-T0)";
        Assert.DoesNotContain(shown, await PublicPlanAsync(factory, s.Contract.Id), StringComparison.Ordinal);
        await factory.WithDb(db => db.SurveyWaves.Where(w => w.Id == waveId).ExecuteUpdateAsync(x => x.SetProperty(w => w.PublishedAt, DateTimeOffset.UtcNow)));
        Assert.Contains(shown, await PublicPlanAsync(factory, s.Contract.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncivilitiesSource_YearlyCountEqualsTheSeries_PartnerOnlyCategoriesLeftOutOfThePublicPlan()
    {
        var s = await factory.IncidentSetupAsync();
        await s.ReportAsync("TAG-STD");
        await s.ReportAsync("TAG-STD");
        await s.ReportAsync("TAG-HAINE");
        await s.ReportAsync("HALL-OCC");
        var plan = $"/api/v1/contracts/{s.Contract.Id}/plan";
        var item = await s.CoordinatorApi.CreateAsync($"{plan}/items", new { kind = "priority", title = "Propreté de l'espace public" });

        var unknown = await s.CoordinatorApi.PostAsJsonAsync($"{plan}/items/{item}/indicators",
            new { name = "Tags", kind = "result", unit = "signalements", sourceKind = "incivilities", incidentGroup = "graffitis" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Groupe de catégories d'incivilités inconnu « graffitis »", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await s.CoordinatorApi.CreateAsync($"{plan}/items/{item}/indicators",
            new { name = "Incivilités de propreté", kind = "result", unit = "signalements", sourceKind = "incivilities", incidentGroup = "proprete" });

        var year = TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), Culture.Paris).Year;
        var series = await s.ReaderApi.GetFromJsonAsync<JsonElement>($"{s.Base}/incidents/series?from={year}-01-01&to={year}-12-31");
        var expected = series.EnumerateArray().Where(p => p.GetProperty("group").GetString() == "proprete").Sum(p => p.GetProperty("count").GetInt32());
        Assert.Equal(3, expected);

        var indicator = await IndicatorAsync(s.ReaderApi, s.Contract.Id, item);
        Assert.Equal("incivilities", indicator.GetProperty("sourceKind").GetString());
        var value = indicator.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("period").GetString() == year.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(expected, value.GetProperty("value").GetDecimal());

        var reader = await PageClient.SignedInAsync(factory, s.Reader);
        var page = PageClient.Parse(await reader.Http.GetStringAsync($"/contrats/{s.Contract.Id}/plan/elements/{item}"));
        Assert.Contains(expected.ToString("N2", Culture.French), page.QuerySelector($"#indicateur-{indicator.GetProperty("id").GetGuid()}")!.TextContent, StringComparison.Ordinal);

        // The public plan counts the public categories only (TAG-HAINE is for partners).
        await factory.WithDb(db => db.Contracts.Where(c => c.Id == s.Contract.Id).ExecuteUpdateAsync(x => x.SetProperty(c => c.IsPublished, true)));
        var text = await PublicPlanAsync(factory, s.Contract.Id);
        Assert.Contains($"2 ({year})", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"3 ({year})", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveIndicator_RefusesTypedValues_AndTheFormOffersTheSources()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Tranquillité");
        var indicator = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{item}/indicators",
            new { name = "Dépôts sauvages", kind = "result", unit = "signalements", sourceKind = "incivilities", incidentGroup = "proprete" });
        var typed = await p.CoordinatorApi.PostAsJsonAsync($"{p.Plan}/items/{item}/indicators/{indicator}/values", new { period = "2025", value = 12, provenance = "Comptage" });
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.Contains("alimenté automatiquement (incivilités signalées)", await typed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var client = await PageClient.SignedInAsync(factory, p.Coordinator);
        var form = await client.GetDocumentAsync($"/contrats/{p.Contract.Id}/plan/elements/{item}/indicateurs/{indicator}");
        Assert.Equal("Incivilities", form.QuerySelector("select[name='Input.SourceKind'] option[selected]")?.GetAttribute("value"));
        Assert.Equal("proprete", form.QuerySelector("select[name='Input.IncidentGroup'] option[selected]")?.GetAttribute("value"));

        var sources = await p.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{p.Plan}/indicator-sources");
        Assert.Contains(sources.GetProperty("incidentGroups").EnumerateArray(), g => g.GetProperty("code").GetString() == "tranquillite");
        Assert.Contains("survey", sources.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
    }
}
