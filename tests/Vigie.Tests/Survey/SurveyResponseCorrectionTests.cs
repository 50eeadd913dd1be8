using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Survey;

/// <summary>
/// Correcting, deleting and voiding responses (issue 12): an agent corrects or deletes their own entries (a coordinator
/// anyone's) until publication; a coordinator voids any response with a motive; results, quotas and history follow.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SurveyResponseCorrectionTests(VigieFactory factory)
{
    private static string WaveApi(SurveySetup s, Guid wave) => $"/api/v1/contracts/{s.Contract.Id}/survey-waves/{wave}";

    private async Task<(SurveySetup Setup, Guid Wave)> OpenWaveAsync(int imported = 0)
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        if (imported > 0) await s.ImportAsync(wave, SurveyKit.Csv(SurveyKit.Responses(imported)));
        SurveyKit.Expect(await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Open", new() { ["online"] = "false" }, s.WaveUrl(wave)), HttpStatusCode.Redirect);
        return (s, wave);
    }

    private static async Task<Guid> EnterAsync(HttpClient api, SurveySetup s, Guid wave)
    {
        var r = await api.PostAsJsonAsync($"{WaveApi(s, wave)}/entries", SurveyEntryTests.ApiBody());
        SurveyKit.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> ResultsAsync(HttpClient api, SurveySetup s, Guid wave) =>
        await api.GetFromJsonAsync<JsonElement>($"{WaveApi(s, wave)}/results");

    private static int Base(JsonElement results, string item) => results.GetProperty("results").EnumerateArray()
        .First(r => r.GetProperty("zone").GetString() == "ensemble" && r.GetProperty("item").GetString() == item).GetProperty("base").GetInt32();

    [Fact]
    public async Task AnImport_NeverChangesAnAgentEntry_AllOrNothing()
    {
        var (s, wave) = await OpenWaveAsync();
        var id = await EnterAsync(await factory.ApiClientAsync(s.Partner), s, wave);
        var before = await factory.WithDb(db => db.SurveyResponses.Where(r => r.Id == id).Select(r => new { r.RespId, r.Answers }).SingleAsync());
        var rows = SurveyKit.Responses(2);
        rows[1][Array.IndexOf(SurveyKit.Header, "resp_id")] = before.RespId;

        var status = await s.ImportAsync(wave, SurveyKit.Csv(rows));

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("saisie par un agent", status.ToString(), StringComparison.Ordinal);
        Assert.Equal(before.Answers, await factory.WithDb(db => db.SurveyResponses.Where(r => r.Id == id).Select(r => r.Answers).SingleAsync()));
        Assert.Equal(1, await factory.ResponseCountAsync(wave)); // nothing of the file was saved
    }

    [Fact]
    public async Task Correct_OnThePage_ByItsAuthor_ChangesTheResults_AndKeepsTheItemsInTheHistory()
    {
        var (s, wave) = await OpenWaveAsync(imported: 60);
        var partner = await PageClient.SignedInAsync(factory, s.Partner);
        var partnerApi = await factory.ApiClientAsync(s.Partner);
        var id = await EnterAsync(partnerApi, s, wave);
        var entryUrl = $"{s.WaveUrl(wave)}/saisie?reponse={id}";
        var before = await ResultsAsync(partnerApi, s, wave);

        var form = await partner.GetDocumentAsync(entryUrl);
        var values = SurveyAnswerTests.Answers(SurveyKit.FieldStart.Year - 40, quartier: "Q2", sex: "2");
        values["mode"] = "Tel";
        values["collectedOn"] = SurveyKit.Day(SurveyKit.FieldStart.AddDays(2));
        values["D1"] = "1"; // was 2 (non): now a victim of D1
        var posted = await partner.PostFormAsync(entryUrl, values);
        var after = await ResultsAsync(partnerApi, s, wave);
        var list = await partner.GetDocumentAsync($"{s.WaveUrl(wave)}/reponses");

        Assert.Equal("2", form.QuerySelector("input[name=D1][checked]")?.GetAttribute("value")); // the stored answers refill the form
        Assert.Equal("Q2", form.QuerySelector("select#quartier option[selected]")?.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("input[name=mode][value=Tel][checked]"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("/reponses", posted.Headers.Location!.OriginalString);
        var stored = await factory.WithDb(db => db.SurveyResponses.SingleAsync(r => r.Id == id));
        Assert.Contains("\"D1\":1", stored.Answers);
        Assert.Equal(Base(before, "D1"), Base(after, "D1")); // same respondents …
        var d1Before = before.GetProperty("results").EnumerateArray().First(r => r.GetProperty("zone").GetString() == "ensemble" && r.GetProperty("item").GetString() == "D1");
        var d1After = after.GetProperty("results").EnumerateArray().First(r => r.GetProperty("zone").GetString() == "ensemble" && r.GetProperty("item").GetString() == "D1");
        Assert.True(d1After.GetProperty("share").GetDouble() > d1Before.GetProperty("share").GetDouble()); // … one more "oui" at once
        var change = await factory.WithDb(db => db.SurveyResponseChanges.SingleAsync(c => c.ResponseId == id));
        Assert.Equal(SurveyResponseChangeKind.Corrected, change.Kind);
        Assert.Equal(s.Partner.Id, change.ById);
        Assert.Contains("\"D1\":[\"2\",\"1\"]", change.Changes);
        Assert.DoesNotContain("example", change.Changes); // never the free text
        var audit = await factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == "survey.response-corrected" && e.EntityId == id.ToString()));
        Assert.Equal(s.Partner.Id, audit.UserId);
        var text = list.Body!.TextContent;
        Assert.Contains("D1 : 2 → 1", text);
        Assert.Single(list.QuerySelectorAll("tr[data-resp]")); // an agent sees their own entries only
        Assert.Empty(list.QuerySelectorAll("form[action*='handler=Void']")); // voiding is for coordinators
    }

    [Fact]
    public async Task DeleteAndVoid_LowerN_VoidedCountedApart_MotiveRequired_CoordinatorOnly()
    {
        var (s, wave) = await OpenWaveAsync(imported: 60);
        var api = await factory.ApiClientAsync(s.Coordinator);
        var partnerApi = await factory.ApiClientAsync(s.Partner);
        var entered = await EnterAsync(api, s, wave);
        var imported = await factory.WithDb(db => db.SurveyResponses.Where(r => r.WaveId == wave && r.Source == SurveyResponseSource.Import && !r.Incomplete)
            .OrderBy(r => r.RespId).Select(r => r.Id).FirstAsync());
        var n0 = (await ResultsAsync(api, s, wave)).GetProperty("respondents").GetInt32();

        var deleted = await api.DeleteAsync($"{WaveApi(s, wave)}/entries/{entered}?reason=saisi%20deux%20fois");
        var n1 = (await ResultsAsync(api, s, wave)).GetProperty("respondents").GetInt32();
        var noMotive = await api.PostAsJsonAsync($"{WaveApi(s, wave)}/responses/{imported}/void", new { reason = " " });
        var byPartner = await partnerApi.PostAsJsonAsync($"{WaveApi(s, wave)}/responses/{imported}/void", new { reason = "doublon" });
        var deleteImported = await api.DeleteAsync($"{WaveApi(s, wave)}/entries/{imported}");
        var voidPage = await s.CoordinatorPages.PostFormAsync($"{s.WaveUrl(wave)}/reponses?handler=Void&reponse={imported}", new() { ["Reason"] = "réponse de test" },
            $"{s.WaveUrl(wave)}/reponses");
        var n2 = (await ResultsAsync(api, s, wave)).GetProperty("respondents").GetInt32();
        var detail = await api.GetFromJsonAsync<JsonElement>(WaveApi(s, wave));
        var listed = await api.GetFromJsonAsync<JsonElement>($"{WaveApi(s, wave)}/responses");
        var wavePage = await s.CoordinatorPages.GetDocumentAsync(s.WaveUrl(wave));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(n0 - 1, n1);
        Assert.False(await factory.WithDb(db => db.SurveyResponses.AnyAsync(r => r.Id == entered)));
        Assert.Equal(HttpStatusCode.BadRequest, noMotive.StatusCode);
        Assert.Contains("Motif de l'annulation : il est obligatoire", await noMotive.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, byPartner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleteImported.StatusCode);
        Assert.Contains("Seuls les questionnaires saisis par un agent", await deleteImported.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, voidPage.StatusCode);
        Assert.Equal(n1 - 1, n2);
        Assert.Equal(1, detail.GetProperty("voided").GetInt32());
        Assert.Equal(59, detail.GetProperty("responses").GetInt32());
        var voided = listed.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == imported);
        Assert.True(voided.GetProperty("voided").GetBoolean());
        Assert.Equal("réponse de test", voided.GetProperty("voidReason").GetString());
        Assert.Contains("Réponses annulées", wavePage.Body!.TextContent);
        var changes = await factory.WithDb(db => db.SurveyResponseChanges.Where(c => c.WaveId == wave).OrderBy(c => c.At).ToListAsync());
        Assert.Equal([SurveyResponseChangeKind.Deleted, SurveyResponseChangeKind.Voided], changes.Select(c => c.Kind));
        Assert.Equal("saisi deux fois", changes[0].Reason);
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "survey.response-voided" && e.EntityId == imported.ToString())));
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "survey.response-deleted" && e.EntityId == entered.ToString())));
    }

    [Fact]
    public async Task OwnEntriesOnly_ForAnAgent_AnyForACoordinator_ReaderAndOutsiderRefused()
    {
        var (s, wave) = await OpenWaveAsync();
        var api = await factory.ApiClientAsync(s.Coordinator);
        var partnerApi = await factory.ApiClientAsync(s.Partner);
        var byCoordinator = await EnterAsync(api, s, wave);
        var byPartner = await EnterAsync(partnerApi, s, wave);
        var correction = SurveyEntryTests.ApiBody(age: 50);

        var partnerOnOther = await partnerApi.PutAsJsonAsync($"{WaveApi(s, wave)}/entries/{byCoordinator}", correction);
        var partnerDeleteOther = await partnerApi.DeleteAsync($"{WaveApi(s, wave)}/entries/{byCoordinator}");
        var coordinatorOnPartner = await api.PutAsJsonAsync($"{WaveApi(s, wave)}/entries/{byPartner}", correction);
        var partnerList = await partnerApi.GetFromJsonAsync<JsonElement>($"{WaveApi(s, wave)}/responses");
        var readerList = await (await factory.ApiClientAsync(s.Reader)).GetAsync($"{WaveApi(s, wave)}/responses");
        var readerPage = await s.ReaderPages.Http.GetAsync($"{s.WaveUrl(wave)}/reponses");
        var outsider = await factory.ApiClientAsync(s.Outsider);
        var outsiderPut = await outsider.PutAsJsonAsync($"{WaveApi(s, wave)}/entries/{byPartner}", correction);
        var outsiderVoid = await outsider.PostAsJsonAsync($"{WaveApi(s, wave)}/responses/{byPartner}/void", new { reason = "x" });
        var bad = await partnerApi.PutAsJsonAsync($"{WaveApi(s, wave)}/entries/{byPartner}", SurveyEntryTests.ApiBody(sex: 5));

        Assert.Equal(HttpStatusCode.Forbidden, partnerOnOther.StatusCode);
        Assert.Contains("que les questionnaires que vous avez saisis", await partnerOnOther.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, partnerDeleteOther.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, coordinatorOnPartner.StatusCode);
        Assert.Equal(SurveyKit.FieldStart.Year - 50, await factory.WithDb(db => db.SurveyResponses.Where(r => r.Id == byPartner).Select(r => r.BirthYear).SingleAsync()));
        Assert.Equal(byPartner, partnerList.EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, readerList.StatusCode);
        SurveyKit.AssertDenied(readerPage);
        Assert.Equal(HttpStatusCode.NotFound, outsiderPut.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderVoid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Question A1 : code « 5 » non admis", await bad.Content.ReadAsStringAsync());
        Assert.Equal(2, await factory.ResponseCountAsync(wave));
    }

    [Fact]
    public async Task ClosedWave_StillCorrectable_ButAfterPublication_EverythingRefusedInFrench()
    {
        var (s, wave) = await OpenWaveAsync(imported: 60);
        var api = await factory.ApiClientAsync(s.Coordinator);
        var id = await EnterAsync(api, s, wave);
        SurveyKit.Expect(await api.PostAsync($"{WaveApi(s, wave)}/close", null), HttpStatusCode.NoContent);
        var whileClosed = await api.PutAsJsonAsync($"{WaveApi(s, wave)}/entries/{id}", SurveyEntryTests.ApiBody(age: 45));
        SurveyKit.Expect(await api.PostAsync($"{WaveApi(s, wave)}/publish", null), HttpStatusCode.NoContent);
        var imported = await factory.WithDb(db => db.SurveyResponses.Where(r => r.WaveId == wave && r.Source == SurveyResponseSource.Import).Select(r => r.Id).FirstAsync());

        var put = await api.PutAsJsonAsync($"{WaveApi(s, wave)}/entries/{id}", SurveyEntryTests.ApiBody(age: 30));
        var delete = await api.DeleteAsync($"{WaveApi(s, wave)}/entries/{id}");
        var voiding = await api.PostAsJsonAsync($"{WaveApi(s, wave)}/responses/{imported}/void", new { reason = "doublon" });
        var page = await s.CoordinatorPages.Http.GetAsync($"{s.WaveUrl(wave)}/saisie?reponse={id}");
        var list = await s.CoordinatorPages.GetDocumentAsync($"{s.WaveUrl(wave)}/reponses");

        Assert.Equal(HttpStatusCode.NoContent, whileClosed.StatusCode);
        foreach (var refused in new[] { put, delete, voiding })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("Les résultats de cette vague sont publiés", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/reponses", page.Headers.Location!.OriginalString);
        Assert.Contains("Les résultats de cette vague sont publiés", list.Body!.TextContent);
        Assert.Empty(list.QuerySelectorAll("form[action*='handler=Void']"));
        var stored = await factory.WithDb(db => db.SurveyResponses.SingleAsync(r => r.Id == id));
        Assert.Equal(SurveyKit.FieldStart.Year - 45, stored.BirthYear);
        Assert.Null(await factory.WithDb(db => db.SurveyResponses.Where(r => r.Id == imported).Select(r => r.VoidedAt).SingleAsync()));
    }

    /// <summary>The version in the correction form's hidden field.</summary>
    private static int ShownVersion(AngleSharp.Html.Dom.IHtmlDocument page) =>
        int.Parse(page.QuerySelector("input[name=version]")!.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task TwoAgentsCorrectingOnePaperQuestionnaire_TheSecondGetsTheConflictInFrench_NothingOverwritten()
    {
        var (s, wave) = await OpenWaveAsync();
        var partnerApi = await factory.ApiClientAsync(s.Partner);
        var id = await EnterAsync(partnerApi, s, wave);
        var entryUrl = $"{s.WaveUrl(wave)}/saisie?reponse={id}";
        var partner = await PageClient.SignedInAsync(factory, s.Partner);
        var version = ShownVersion(await partner.GetDocumentAsync(entryUrl));
        Assert.Equal(version, ShownVersion(await s.CoordinatorPages.GetDocumentAsync(entryUrl)));
        Dictionary<string, string> Correction(int age, string d1, int from)
        {
            var values = SurveyAnswerTests.Answers(SurveyKit.FieldStart.Year - age, quartier: "Q2", sex: "2");
            (values["mode"], values["collectedOn"], values["D1"], values["version"]) = ("Tel", SurveyKit.Day(SurveyKit.FieldStart.AddDays(2)), d1, from.ToString());
            return values;
        }

        var first = await s.CoordinatorPages.PostFormAsync(entryUrl, Correction(45, "1", version));
        var second = await partner.PostFormAsync(entryUrl, Correction(50, "2", version));
        var secondPage = PageClient.Parse(await second.Content.ReadAsStringAsync());
        var afterConflict = await factory.WithDb(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.Id == id));
        var corrections = await factory.WithDb(db => db.SurveyResponseChanges.CountAsync(c => c.ResponseId == id && c.Kind == SurveyResponseChangeKind.Corrected));
        var again = await partner.PostFormAsync(entryUrl, Correction(50, "2", ShownVersion(secondPage)));
        var afterAgain = await factory.WithDb(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.Id == id));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var coordinatorName = await factory.WithDb(db => db.Users.Where(u => u.Id == s.Coordinator.Id).Select(u => u.FullName).SingleAsync());
        var text = secondPage.Body!.TextContent;
        Assert.Contains($"Cet élément a été modifié par {coordinatorName}", text);
        Assert.Contains("Question A2 : « " + (SurveyKit.FieldStart.Year - 45) + " »", text); // the stored value that differs from the input …
        Assert.Contains("Question D1 : « 1 »", text);
        Assert.DoesNotContain("Question B1 :", text); // … and not those that agree
        Assert.Equal((SurveyKit.FieldStart.Year - 50).ToString(), secondPage.QuerySelector("input[name=A2]")?.GetAttribute("value")); // the input is kept
        Assert.Equal(version + 1, ShownVersion(secondPage)); // sending again overwrites deliberately
        Assert.Equal(SurveyKit.FieldStart.Year - 45, afterConflict.BirthYear); // nothing of the second correction saved
        Assert.Contains("\"D1\":1", afterConflict.Answers);
        Assert.Equal(1, corrections);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(SurveyKit.FieldStart.Year - 50, afterAgain.BirthYear);
        Assert.Equal(version + 2, afterAgain.Version);
    }

    [Fact]
    public async Task Api_StaleVersion_CorrectDeleteAndVoidAnswer409_NothingChanged_CurrentVersionWorks()
    {
        var (s, wave) = await OpenWaveAsync();
        var api = await factory.ApiClientAsync(s.Coordinator);
        var id = await EnterAsync(await factory.ApiClientAsync(s.Partner), s, wave);
        int Listed(JsonElement list) => list.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id).GetProperty("version").GetInt32();
        var read = Listed(await api.GetFromJsonAsync<JsonElement>($"{WaveApi(s, wave)}/responses"));
        var correction = (Dictionary<string, object>)SurveyEntryTests.ApiBody(age: 60);
        correction["version"] = read;
        SurveyKit.Expect(await api.PutAsJsonAsync($"{WaveApi(s, wave)}/entries/{id}", correction), HttpStatusCode.NoContent);

        var staleCorrection = (Dictionary<string, object>)SurveyEntryTests.ApiBody(age: 20);
        staleCorrection["version"] = read;
        var put = await api.PutAsJsonAsync($"{WaveApi(s, wave)}/entries/{id}", staleCorrection);
        var delete = await api.DeleteAsync($"{WaveApi(s, wave)}/entries/{id}?version={read}");
        var voiding = await api.PostAsJsonAsync($"{WaveApi(s, wave)}/responses/{id}/void", new { reason = "doublon", version = read });
        var current = Listed(await api.GetFromJsonAsync<JsonElement>($"{WaveApi(s, wave)}/responses"));
        var stored = await factory.WithDb(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.Id == id));
        var voided = await api.PostAsJsonAsync($"{WaveApi(s, wave)}/responses/{id}/void", new { reason = "doublon", version = current });

        var details = new List<string>();
        foreach (var refused in new[] { put, delete, voiding })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(read + 1, problem.GetProperty("currentVersion").GetInt32());
            details.Add(problem.GetProperty("detail").GetString()!);
            Assert.Contains("a été modifié par", details[^1]);
        }
        Assert.Contains("Question A2 : « " + (SurveyKit.FieldStart.Year - 60) + " »", details[0]);
        Assert.Contains("Dernière opération : « Correction (A2 :", details[2]);
        Assert.Equal(read + 1, current);
        Assert.Equal(SurveyKit.FieldStart.Year - 60, stored.BirthYear);
        Assert.Null(stored.VoidedAt);
        Assert.Equal(HttpStatusCode.NoContent, voided.StatusCode);
        Assert.NotNull(await factory.WithDb(db => db.SurveyResponses.Where(r => r.Id == id).Select(r => r.VoidedAt).SingleAsync()));
    }
}
