using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Survey;

/// <summary>The wave lifecycle API (issue 12 item 9): create with a plan, edit while draft (version), open, close, publish; the same refusals as the pages.</summary>
[Collection(AppCollection.Name)]
public sealed class SurveyWaveApiTests(VigieFactory factory)
{
    private static string Api(SurveySetup s) => $"/api/v1/contracts/{s.Contract.Id}";

    /// <summary>SurveyKit.Strata as the API's cells; their sum.</summary>
    private static (List<object> Cells, long Total) Plan()
    {
        var cells = SurveyKit.Strata.Split('\n').Select(l => l.Split(';'))
            .Select(p => new { quartier = p[0], name = p[1], sex = p[2], ageBand = p[3], population = int.Parse(p[4]) }).ToList();
        return ([.. cells], cells.Sum(c => (long)c.population));
    }

    private static object WaveBody(string code = "2026-T0", long? total = null, bool plan = true)
    {
        var (cells, sum) = Plan();
        return new
        {
            code, title = "État initial", fieldStart = SurveyKit.Day(SurveyKit.FieldStart), fieldEnd = SurveyKit.Day(SurveyKit.FieldEnd), plannedSize = 400,
            plan = plan ? new { cells, censusVintage = "RP 2021, IRIS agrégés", populationTotal = total ?? sum } : null,
        };
    }

    private static async Task<Guid> IdOf(HttpResponseMessage r)
    {
        SurveyKit.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> WaveAsync(HttpClient api, SurveySetup s, Guid wave) =>
        await api.GetFromJsonAsync<JsonElement>($"{Api(s)}/survey-waves/{wave}");

    [Fact]
    public async Task Lifecycle_CreateWithPlan_EditWhileDraft_OpenClosePublish_SameStateAsThePage_EveryStepAudited()
    {
        var s = await factory.SurveySetupAsync();
        var api = await factory.ApiClientAsync(s.Coordinator);
        var survey = await IdOf(await api.PostAsJsonAsync($"{Api(s)}/surveys", new { title = "Enquête API" }));

        var wave = await IdOf(await api.PostAsJsonAsync($"{Api(s)}/surveys/{survey}/waves", WaveBody()));
        var list = await api.GetFromJsonAsync<JsonElement>($"{Api(s)}/surveys/{survey}/waves");
        var draft = await WaveAsync(api, s, wave);
        var version = draft.GetProperty("version").GetInt32();
        var edited = await api.PutAsJsonAsync($"{Api(s)}/survey-waves/{wave}", new
        {
            code = "2026-T0b", title = "État initial (T0)", fieldStart = SurveyKit.Day(SurveyKit.FieldStart), fieldEnd = SurveyKit.Day(SurveyKit.FieldEnd),
            plannedSize = 500, censusVintage = "RP 2021", version,
        });
        var stale = await api.PutAsJsonAsync($"{Api(s)}/survey-waves/{wave}", new
        {
            code = "2026-T0c", title = "Autre", fieldStart = SurveyKit.Day(SurveyKit.FieldStart), fieldEnd = SurveyKit.Day(SurveyKit.FieldEnd), plannedSize = 600, version,
        });
        var early = await api.PostAsync($"{Api(s)}/survey-waves/{wave}/publish", null);
        SurveyKit.Expect(await api.PostAsJsonAsync($"{Api(s)}/survey-waves/{wave}/open", new { online = true }), HttpStatusCode.NoContent);
        var open = await WaveAsync(api, s, wave);
        var openPage = await s.CoordinatorPages.GetDocumentAsync(s.WaveUrl(wave));
        var editOpen = await api.PutAsJsonAsync($"{Api(s)}/survey-waves/{wave}", new
        {
            code = "2026-T0", title = "x", fieldStart = SurveyKit.Day(SurveyKit.FieldStart), fieldEnd = SurveyKit.Day(SurveyKit.FieldEnd), plannedSize = 400,
        });
        SurveyKit.Expect(await api.PostAsync($"{Api(s)}/survey-waves/{wave}/close", null), HttpStatusCode.NoContent);
        var closedTwice = await api.PostAsync($"{Api(s)}/survey-waves/{wave}/close", null);
        SurveyKit.Expect(await api.PostAsync($"{Api(s)}/survey-waves/{wave}/publish", null), HttpStatusCode.NoContent);
        var published = await WaveAsync(api, s, wave);
        var publishedPage = await s.CoordinatorPages.GetDocumentAsync(s.WaveUrl(wave));
        var reopen = await api.PostAsJsonAsync($"{Api(s)}/survey-waves/{wave}/open", new { online = false });
        var results = await api.GetAsync($"{Api(s)}/survey-waves/{wave}/results");

        Assert.Equal(wave, list.EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        Assert.Equal(20, draft.GetProperty("strata").GetArrayLength());
        Assert.Equal("RP 2021, IRIS agrégés", draft.GetProperty("censusVintage").GetString());
        Assert.Equal(2, draft.GetProperty("quotas").GetArrayLength());
        Assert.Equal(400, draft.GetProperty("quotas").EnumerateArray().Sum(q => q.GetProperty("quota").GetInt32()));
        SurveyKit.Expect(edited, HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(version + 1, conflict.GetProperty("currentVersion").GetInt32());
        Assert.Contains("2026-T0b", conflict.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("Clôturez la collecte avant de publier", await early.Content.ReadAsStringAsync());
        Assert.Equal("Open", open.GetProperty("status").GetString());
        Assert.Equal("2026-T0b", open.GetProperty("code").GetString());
        Assert.Equal(500, open.GetProperty("plannedSize").GetInt32());
        Assert.Contains("/enquete/", open.GetProperty("answerPage").GetString());
        var openText = openPage.Body!.TextContent;
        Assert.Contains("Collecte en cours", openText);
        Assert.Contains("État initial (T0)", openText);
        Assert.NotNull(openPage.QuerySelector($"a[href$='{open.GetProperty("answerPage").GetString()!.Split('/')[^1]}']"));
        Assert.Equal(HttpStatusCode.Forbidden, editOpen.StatusCode);
        Assert.Contains("n'est plus en préparation", await editOpen.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, closedTwice.StatusCode);
        Assert.Equal("Closed", published.GetProperty("status").GetString());
        Assert.True(published.TryGetProperty("publishedAt", out var at) && at.ValueKind == JsonValueKind.String);
        Assert.Contains("Collecte close", publishedPage.Body!.TextContent);
        Assert.Contains("publiés", publishedPage.QuerySelector("dl")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, reopen.StatusCode);
        Assert.Contains("retirez la publication", await reopen.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        var kinds = await factory.WithDb(db => db.AuditEvents.Where(e => e.EntityId == wave.ToString()).Select(e => e.Kind).ToListAsync());
        foreach (var kind in new[] { "survey.wave-created", "survey.strata-set", "survey.wave-updated", "survey.wave-opened", "survey.wave-closed", "survey.wave-published" })
            Assert.Contains(kind, kinds);
        Assert.Single(kinds, k => k == "survey.wave-updated");
    }

    [Fact]
    public async Task Refusals_MarginsNotSumming_NoPlan_NoQuestionnaire_Rights()
    {
        var s = await factory.SurveySetupAsync();
        var api = await factory.ApiClientAsync(s.Coordinator);
        var survey = await IdOf(await api.PostAsJsonAsync($"{Api(s)}/surveys", new { title = "Enquête refus" }));

        var notSumming = await api.PostAsJsonAsync($"{Api(s)}/surveys/{survey}/waves", WaveBody(total: 12));
        var wavesAfterRefusal = await factory.WithDb(db => db.SurveyWaves.CountAsync(w => w.SurveyId == survey));
        var wave = await IdOf(await api.PostAsJsonAsync($"{Api(s)}/surveys/{survey}/waves", WaveBody(plan: false)));
        var withoutPlan = await api.PostAsJsonAsync($"{Api(s)}/survey-waves/{wave}/open", new { online = false });
        var (cells, total) = Plan();
        var planNotSumming = await api.PutAsJsonAsync($"{Api(s)}/survey-waves/{wave}/plan", new { cells, populationTotal = total + 1 });
        SurveyKit.Expect(await api.PutAsJsonAsync($"{Api(s)}/survey-waves/{wave}/plan", new { cells, populationTotal = total }), HttpStatusCode.OK);
        var byReader = await (await factory.ApiClientAsync(s.Reader)).PostAsJsonAsync($"{Api(s)}/survey-waves/{wave}/open", new { online = false });
        var byPartner = await (await factory.ApiClientAsync(s.Partner)).PostAsJsonAsync($"{Api(s)}/survey-waves/{wave}/open", new { online = false });
        var outsider = await factory.ApiClientAsync(s.Outsider);
        var outsiderOpen = await outsider.PostAsJsonAsync($"{Api(s)}/survey-waves/{wave}/open", new { online = false });
        var outsiderList = await outsider.GetAsync($"{Api(s)}/surveys/{survey}/waves");
        var readerCreate = await (await factory.ApiClientAsync(s.Reader)).PostAsJsonAsync($"{Api(s)}/surveys/{survey}/waves", WaveBody("2026-T9"));
        var readerList = await (await factory.ApiClientAsync(s.Reader)).GetAsync($"{Api(s)}/surveys/{survey}/waves");
        await factory.WithDb(db => db.SurveyQuestions.Where(q => q.SurveyId == survey).ExecuteDeleteAsync());
        var withoutQuestionnaire = await api.PostAsJsonAsync($"{Api(s)}/survey-waves/{wave}/open", new { online = false });

        Assert.Equal(HttpStatusCode.BadRequest, notSumming.StatusCode);
        Assert.Contains("pas la population totale annoncée", await notSumming.Content.ReadAsStringAsync());
        Assert.Equal(0, wavesAfterRefusal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutPlan.StatusCode);
        Assert.Contains("plan de sondage", await withoutPlan.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, planNotSumming.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byPartner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderOpen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerCreate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readerList.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutQuestionnaire.StatusCode);
        Assert.Contains("questionnaire", await withoutQuestionnaire.Content.ReadAsStringAsync());
        Assert.Equal(SurveyWaveStatus.Draft, await factory.WithDb(db => db.SurveyWaves.Where(w => w.Id == wave).Select(w => w.Status).SingleAsync()));
    }

    [Fact]
    public async Task EditPage_StaleVersion_ShowsTheConflict_KeepsTheInput()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        var api = await factory.ApiClientAsync(s.Coordinator);
        var version = (await WaveAsync(api, s, wave)).GetProperty("version").GetInt32();
        var form = await s.CoordinatorPages.GetDocumentAsync(s.WaveUrl(wave));
        SurveyKit.Expect(await api.PutAsJsonAsync($"{Api(s)}/survey-waves/{wave}", new
        {
            code = "2026-T0", title = "Changé par l'API", fieldStart = SurveyKit.Day(SurveyKit.FieldStart), fieldEnd = SurveyKit.Day(SurveyKit.FieldEnd), plannedSize = 400, version,
        }), HttpStatusCode.NoContent);

        var posted = await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Edit", new()
        {
            ["Edit.Code"] = "2026-T0", ["Edit.Title"] = "Changé par la page", ["Edit.FieldStart"] = SurveyKit.Day(SurveyKit.FieldStart),
            ["Edit.FieldEnd"] = SurveyKit.Day(SurveyKit.FieldEnd), ["Edit.PlannedSize"] = "400", ["Edit.Version"] = version.ToString(),
        });

        Assert.Equal(version.ToString(), form.QuerySelector("input[name='Edit.Version']")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = PageClient.Parse(await posted.Content.ReadAsStringAsync());
        Assert.Contains("Changé par l'API", page.Body!.TextContent);
        Assert.Equal("Changé par la page", page.QuerySelector("input[name='Edit.Title']")?.GetAttribute("value"));
        Assert.Equal((version + 1).ToString(), page.QuerySelector("input[name='Edit.Version']")?.GetAttribute("value"));
        Assert.Equal("Changé par l'API", await factory.WithDb(db => db.SurveyWaves.Where(w => w.Id == wave).Select(w => w.Title).SingleAsync()));
    }
}
