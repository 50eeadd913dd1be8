using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Survey;

/// <summary>Agent entry of paper and telephone questionnaires (issue 12 item 6): page and API, rules, rights, wave state.</summary>
[Collection(AppCollection.Name)]
public sealed class SurveyEntryTests(VigieFactory factory)
{
    private static string Text(string html) => PageClient.Parse(html).Body!.TextContent;

    private static string EntryUrl(SurveySetup s, Guid wave) => $"{s.WaveUrl(wave)}/saisie";
    private static string ApiUrl(SurveySetup s, Guid wave) => $"/api/v1/contracts/{s.Contract.Id}/survey-waves/{wave}/entries";

    private static Dictionary<string, string> Entry(string mode = "Papier", int age = 40) =>
        new(SurveyAnswerTests.Answers(SurveyKit.FieldStart.Year - age)) { ["mode"] = mode, ["collectedOn"] = SurveyKit.Day(SurveyKit.FieldStart.AddDays(1)) };

    private async Task<(SurveySetup Setup, Guid Wave)> OpenWaveAsync(int imported = 0)
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        if (imported > 0) await s.ImportAsync(wave, SurveyKit.Csv(SurveyKit.Responses(imported)));
        SurveyKit.Expect(await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Open", new() { ["online"] = "false" }, s.WaveUrl(wave)), HttpStatusCode.Redirect);
        return (s, wave);
    }

    [Fact]
    public async Task Entry_ByAPartnerMember_IsRecordedAsAgent_AuditedAndCountedInResults()
    {
        var (s, wave) = await OpenWaveAsync(imported: 400);
        var partner = await PageClient.SignedInAsync(factory, s.Partner);

        var form = await partner.GetDocumentAsync(EntryUrl(s, wave));
        var posted = await partner.PostFormAsync(EntryUrl(s, wave), Entry("Tel"));

        Assert.NotNull(form.QuerySelector("fieldset#B2 legend")); // the public form's markup, shared
        Assert.NotNull(form.QuerySelector("input[type=radio][name=mode][value=Papier]"));
        Assert.NotNull(form.QuerySelector("input[type=date][name=collectedOn]"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var stored = await factory.WithDb(db => db.SurveyResponses.SingleAsync(r => r.WaveId == wave && r.Source == SurveyResponseSource.Agent));
        Assert.Equal(SurveyMode.Tel, stored.Mode);
        Assert.Equal(SurveyKit.FieldStart.AddDays(1), stored.CollectedOn);
        Assert.StartsWith("AGT-", stored.RespId);
        Assert.Null(stored.DeviceHash);
        var audit = await factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == "survey.response-entered" && e.EntityId == stored.Id.ToString()));
        Assert.Equal(s.Partner.Id, audit.UserId);
        var results = await (await factory.ApiClientAsync(s.Reader)).GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{s.Contract.Id}/survey-waves/{wave}/results");
        Assert.Equal(401, results.GetProperty("respondents").GetInt32());
        var b2 = results.GetProperty("results").EnumerateArray().First(r => r.GetProperty("zone").GetString() == "ensemble" && r.GetProperty("item").GetString() == "B2");
        Assert.Equal(401, b2.GetProperty("base").GetInt32());
    }

    [Fact]
    public async Task Entry_BadInput_FrenchErrorsNamingTheQuestions_InputKept_NothingSaved()
    {
        var (s, wave) = await OpenWaveAsync();
        var answers = Entry(age: 12);
        answers["B1"] = "7";
        answers["mode"] = "";
        answers["collectedOn"] = SurveyKit.Day(SurveyKit.FieldEnd.AddDays(10));

        var response = await s.CoordinatorPages.PostFormAsync(EntryUrl(s, wave), answers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = Text(html);
        Assert.Contains("Question A2 : l'âge à la date de collecte est de", text);
        Assert.Contains("Question B1 : code « 7 » non admis", text);
        Assert.Contains("Mode de collecte : choisissez papier, téléphone ou face à face.", text);
        Assert.Contains("Date de collecte : le", text);
        Assert.Contains("hors de la période de terrain", text);
        var page = PageClient.Parse(html);
        Assert.NotNull(page.QuerySelector("input[name=B2][value='2'][checked]")); // input kept
        Assert.Equal("Q1", page.QuerySelector("select#quartier option[selected]")?.GetAttribute("value"));
        Assert.Equal(0, await factory.ResponseCountAsync(wave));
        Assert.Equal(0, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "survey.response-entered" && e.ContractId == s.Contract.Id)));
    }

    [Fact]
    public async Task Entry_ReaderAndAnotherContractsCoordinator_AreRefused()
    {
        var (s, wave) = await OpenWaveAsync();

        var readerPage = await s.ReaderPages.Http.GetAsync(EntryUrl(s, wave));
        var readerPost = await s.ReaderPages.PostFormAsync(EntryUrl(s, wave), Entry(), s.WaveUrl(wave));
        var outsiderPage = await s.OutsiderPages.Http.GetAsync(EntryUrl(s, wave));
        var readerApi = await (await factory.ApiClientAsync(s.Reader)).PostAsJsonAsync(ApiUrl(s, wave), ApiBody());
        var outsiderApi = await (await factory.ApiClientAsync(s.Outsider)).PostAsJsonAsync(ApiUrl(s, wave), ApiBody());

        SurveyKit.AssertDenied(readerPage);
        SurveyKit.AssertDenied(readerPost);
        Assert.Equal(HttpStatusCode.NotFound, outsiderPage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerApi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderApi.StatusCode);
        Assert.Equal(0, await factory.ResponseCountAsync(wave));
    }

    [Fact]
    public async Task Entry_ClosedOrDraftWave_IsRefused()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        var api = await factory.ApiClientAsync(s.Coordinator);

        var onDraft = await api.PostAsJsonAsync(ApiUrl(s, wave), ApiBody());
        SurveyKit.Expect(await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Open", new() { ["online"] = "false" }, s.WaveUrl(wave)), HttpStatusCode.Redirect);
        SurveyKit.Expect(await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Close", [], s.WaveUrl(wave)), HttpStatusCode.Redirect);
        var page = await s.CoordinatorPages.Http.GetAsync(EntryUrl(s, wave));
        var onClosed = await api.PostAsJsonAsync(ApiUrl(s, wave), ApiBody());

        Assert.Equal(HttpStatusCode.Forbidden, onDraft.StatusCode);
        SurveyKit.AssertDenied(page);
        Assert.Equal(HttpStatusCode.Forbidden, onClosed.StatusCode);
        Assert.Contains("pendant la collecte", await onClosed.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.ResponseCountAsync(wave));
    }

    internal static object ApiBody(int age = 40, int sex = 2, string? extra = null) => new Dictionary<string, object>
    {
        ["collecte_mode"] = "TEL", ["date_collecte"] = SurveyKit.Day(SurveyKit.FieldStart.AddDays(2)), ["quartier"] = "Q2",
        ["answers"] = new Dictionary<string, object>
        {
            ["A1"] = sex, ["A2"] = SurveyKit.FieldStart.Year - age, ["A4"] = 2, ["B1"] = 4, ["B2"] = 2, ["B3"] = 3, ["B4"] = 96, ["B5"] = 4, ["B6"] = new[] { 1, 4 },
            ["C1a"] = 1, ["C1b"] = 3, ["C1c"] = 4, ["C1d"] = 4, ["C1e"] = 2, ["C1f"] = 1, ["C1g"] = 2, ["C1h"] = 1, ["C1i"] = 4, ["C1j"] = 4, ["C2"] = 8, ["C3"] = 2,
            ["D1"] = 2, ["D2"] = 2, ["D3"] = 2, ["D4"] = 2, ["D5"] = 2, ["D6"] = 2, ["E1"] = 2, ["E2"] = 2, ["E3"] = 3, [extra ?? "E1"] = 2,
        },
    };

    [Fact]
    public async Task Api_RecordsAnAgentResponse_AndRefusesBadCodesWithTheQuestionNamed()
    {
        var (s, wave) = await OpenWaveAsync();
        var api = await factory.ApiClientAsync(s.Coordinator);

        var created = await api.PostAsJsonAsync(ApiUrl(s, wave), ApiBody());
        var bad = await api.PostAsJsonAsync(ApiUrl(s, wave), ApiBody(sex: 5));
        var unknown = await api.PostAsJsonAsync(ApiUrl(s, wave), ApiBody(extra: "Z9"));

        SurveyKit.Expect(created, HttpStatusCode.Created);
        var stored = await factory.WithDb(db => db.SurveyResponses.SingleAsync(r => r.WaveId == wave));
        Assert.Equal(SurveyResponseSource.Agent, stored.Source);
        Assert.Equal(SurveyMode.Tel, stored.Mode);
        Assert.Equal("Q2", stored.Quartier);
        Assert.Contains("\"B6_4\":1", stored.Answers);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Question A1 : code « 5 » non admis", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Question Z9 : code d'item ou option inconnu", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.ResponseCountAsync(wave));
    }
}
