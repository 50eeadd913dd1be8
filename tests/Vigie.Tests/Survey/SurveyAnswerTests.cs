using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Survey;

/// <summary>The public answer page: anonymous, antiforgery, one response per device, French errors, nothing personal kept.</summary>
[Collection(AppCollection.Name)]
public sealed class SurveyAnswerTests(VigieFactory factory)
{
    private static string Text(string html) => PageClient.Parse(html).Body!.TextContent;

    public static Task<HttpResponseMessage> PostAsync(PageClient client, string url, string token, Dictionary<string, string> fields) =>
        client.Http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

    public static Dictionary<string, string> Answers(int birthYear, string quartier = "Q1", string sex = "1") => new()
    {
        ["A1"] = sex, ["A2"] = birthYear.ToString(), ["quartier"] = quartier, ["A4"] = "2", ["B1"] = "4", ["B2"] = "2", ["B3"] = "3", ["B4"] = "96",
        ["B5"] = "4", ["B6_1"] = "1", ["B6_4"] = "1", ["C1a"] = "1", ["C1b"] = "3", ["C1c"] = "4", ["C1d"] = "4", ["C1e"] = "2", ["C1f"] = "1", ["C1g"] = "2",
        ["C1h"] = "1", ["C1i"] = "4", ["C1j"] = "4", ["C2"] = "8", ["C3"] = "2", ["D1"] = "2", ["D2"] = "2", ["D3"] = "2", ["D4"] = "2", ["D5"] = "2",
        ["D6"] = "1", ["D7a"] = "1", ["D7b"] = "3", ["E1"] = "2", ["E2"] = "2", ["E3"] = "3",
        ["E4"] = "Plus de présence le soir, écrivez-moi à jean.dupont@example.fr ou au 06 12 34 56 78",
    };

    [Fact]
    public async Task Answer_Anonymous_RecordsOneResponsePerDevice_ScrubsTheFreeText()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        var code = await s.OpenOnlineAsync(factory, wave);
        var anonymous = PageClient.Create(factory);
        var url = $"/enquete/{code}";

        var form = await anonymous.GetDocumentAsync(url);
        var token = await anonymous.AntiforgeryTokenAsync(url); // kept: once answered, the page shows no form any more
        var first = await PostAsync(anonymous, url, token, Answers(SurveyKit.FieldStart.Year - 35));
        var second = await PostAsync(anonymous, url, token, Answers(SurveyKit.FieldStart.Year - 50));

        Assert.NotNull(form.QuerySelector("fieldset#B2 legend"));
        Assert.NotNull(form.QuerySelector("label[for='quartier']"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("votre réponse est enregistrée", (await anonymous.GetDocumentAsync(first.Headers.Location!.OriginalString)).Body!.TextContent);
        Assert.Contains("déjà été enregistrée depuis cet appareil", Text(await second.Content.ReadAsStringAsync()));
        var stored = await factory.WithDb(db => db.SurveyResponses.SingleAsync(r => r.WaveId == wave));
        Assert.Equal(Vigie.Web.Domain.SurveyResponseSource.Online, stored.Source);
        Assert.Equal(SurveyKit.FieldStart.Year - 35, stored.BirthYear);
        Assert.Contains("\"D7a\":1", stored.Answers);            // D6 = oui: D7 applies
        Assert.DoesNotContain("jean.dupont", stored.FreeText);
        Assert.DoesNotContain("06 12 34 56 78", stored.FreeText);
        Assert.StartsWith("WEB-", stored.RespId);
        var audit = await factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == "survey.response-submitted" && e.EntityId == wave.ToString()));
        Assert.Null(audit.IpAddress);
        Assert.Null(audit.UserId);
    }

    [Fact]
    public async Task Answer_TooYoungAndNoQuartier_FrenchErrorsNamingTheQuestions_NothingSaved()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        var code = await s.OpenOnlineAsync(factory, wave);
        var anonymous = PageClient.Create(factory);
        var answers = Answers(SurveyKit.FieldStart.Year - 12, quartier: "");
        answers["B6_2"] = "1";
        answers["B6_3"] = "1"; // four boxes ticked: three at most

        var response = await anonymous.PostFormAsync($"/enquete/{code}", answers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("Question A2 : l'âge à la date de collecte est de 12 an(s)", text);
        Assert.Contains("Quartier : le quartier est obligatoire", text);
        Assert.Contains("4 réponses cochées pour B6 : 3 au plus.", text);
        Assert.Equal(0, await factory.ResponseCountAsync(wave));
    }

    [Fact]
    public async Task Answer_UnknownCodeOrClosedWave_Is404()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        var code = await s.OpenOnlineAsync(factory, wave);
        var anonymous = PageClient.Create(factory);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync($"/enquete/{code}")).StatusCode);

        SurveyKit.Expect(await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Close", [], s.WaveUrl(wave)), HttpStatusCode.Redirect);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/enquete/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync("/enquete/inconnu")).StatusCode);
    }
}
