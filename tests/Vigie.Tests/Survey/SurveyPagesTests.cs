using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Survey;

/// <summary>Questionnaire, waves and sampling plan: who may do what, French errors, nothing half-saved.</summary>
[Collection(AppCollection.Name)]
public sealed class SurveyPagesTests(VigieFactory factory)
{
    private static string Text(string html) => PageClient.Parse(html).Body!.TextContent;

    [Fact]
    public async Task CreateSurvey_SeedsTheDefaultQuestionnaire_ReadersSeeIt_OutsidersGet404()
    {
        var s = await factory.SurveySetupAsync();

        var surveyId = await s.CreateSurveyAsync("Enquête 2026");

        var codes = await factory.WithDb(db => db.SurveyQuestions.Where(q => q.SurveyId == surveyId).OrderBy(q => q.Position).Select(q => q.Code).ToListAsync());
        Assert.Equal(["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "B5", "B6", "C1", "C2", "C3", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "E1", "E2", "E3", "E4"], codes);
        var page = await s.ReaderPages.GetDocumentAsync($"{s.Base}/{surveyId}");
        Assert.Contains("Vous arrive-t-il de vous sentir en insécurité dans votre quartier ?", page.Body!.TextContent);
        Assert.Null(page.QuerySelector("form[action*='handler=Wave']"));
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderPages.Http.GetAsync($"{s.Base}/{surveyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderPages.Http.GetAsync(s.Base)).StatusCode);
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "survey.created" && e.EntityId == surveyId.ToString())));
    }

    [Fact]
    public async Task CreateSurvey_ByReader_IsForbidden_AndWithoutTitle_NamesTheField()
    {
        var s = await factory.SurveySetupAsync();

        var byReader = await s.ReaderPages.PostFormAsync(s.Base, new() { ["Input.Title"] = "Enquête" });
        var noTitle = await s.CoordinatorPages.PostFormAsync(s.Base, new() { ["Input.Title"] = "" });

        SurveyKit.AssertDenied(byReader);
        Assert.Contains("Le titre de l'enquête est obligatoire.", Text(await noTitle.Content.ReadAsStringAsync()));
        Assert.Equal(0, await factory.WithDb(db => db.Surveys.CountAsync(x => x.ContractId == s.Contract.Id)));
    }

    [Fact]
    public async Task EditQuestion_BeforeFieldwork_Works_AfterOpening_IsRefused()
    {
        var s = await factory.SurveySetupAsync();
        var surveyId = await s.CreateSurveyAsync();
        var url = $"{s.Base}/{surveyId}";

        var edit = await s.CoordinatorPages.PostFormAsync(url + "?handler=Question", new() { ["Question.Code"] = "B2", ["Question.Text"] = "Vous sentez-vous en insécurité dans votre rue ?" }, url);
        var badOptions = await s.CoordinatorPages.PostFormAsync(url + "?handler=Question", new() { ["Question.Code"] = "C3", ["Question.Text"] = "Agréable ?", ["Question.Options"] = "oui|non" }, url);
        var wave = await s.CreateWaveAsync(surveyId);
        await s.OpenOnlineAsync(factory, wave);
        var late = await s.CoordinatorPages.PostFormAsync(url + "?handler=Question", new() { ["Question.Code"] = "B1", ["Question.Text"] = "Changé" }, $"{s.Base}");

        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Contains("« code=libellé »", Text(await badOptions.Content.ReadAsStringAsync()));
        Assert.Contains("une vague a été ouverte à la collecte", Text(await late.Content.ReadAsStringAsync()));
        var texts = await factory.WithDb(db => db.SurveyQuestions.Where(q => q.SurveyId == surveyId && (q.Code == "B1" || q.Code == "B2" || q.Code == "C3"))
            .OrderBy(q => q.Code).Select(q => q.Text + "|" + q.Options).ToListAsync());
        Assert.StartsWith("Vous arrive-t-il de vous sentir en insécurité à votre domicile ?", texts[0]);
        Assert.StartsWith("Vous sentez-vous en insécurité dans votre rue ?", texts[1]);
        Assert.EndsWith("4=Pas du tout agréable", texts[2]);
    }

    [Fact]
    public async Task Wave_BadDatesAndBadSamplingPlan_FrenchErrorsNamingTheFields_NothingSaved()
    {
        var s = await factory.SurveySetupAsync();
        var surveyId = await s.CreateSurveyAsync();
        var url = $"{s.Base}/{surveyId}";

        var badWave = await s.CoordinatorPages.PostFormAsync(url + "?handler=Wave", new()
        {
            ["Wave.Code"] = "T0 2026!", ["Wave.Title"] = "", ["Wave.FieldStart"] = "2026-05-10", ["Wave.FieldEnd"] = "2026-05-01", ["Wave.PlannedSize"] = "0",
        }, url);
        var wave = await s.CreateWaveAsync(surveyId, strata: false);
        var badPlan = await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Strata", new() { ["Input.Strata"] = "Q1;Centre;X;15-29;100\nQ1;Centre;F;12-14;100\nQ2;Gare;H;30-44;beaucoup" }, s.WaveUrl(wave));

        var waveText = Text(await badWave.Content.ReadAsStringAsync());
        Assert.Contains("Le code de la vague ne contient que lettres", waveText);
        Assert.Contains("Le titre de la vague est obligatoire.", waveText);
        Assert.Contains("La fin du terrain doit suivre son début.", waveText);
        Assert.Contains("La taille d'échantillon prévue", waveText);
        var planText = Text(await badPlan.Content.ReadAsStringAsync());
        Assert.Contains("Ligne 1 : sexe « X » inconnu (F ou H).", planText);
        Assert.Contains("Ligne 2 : tranche d'âge « 12-14 » inconnue", planText);
        Assert.Contains("Ligne 3 : population « beaucoup » invalide", planText);
        Assert.Equal(1, await factory.WithDb(db => db.SurveyWaves.CountAsync(w => w.SurveyId == surveyId)));
        Assert.Equal(0, await factory.WithDb(db => db.SurveyStrata.CountAsync(x => x.WaveId == wave)));
    }

    [Fact]
    public async Task Wave_SamplingPlan_ShowsProportionalQuotas_ToReaders()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());

        var page = await s.ReaderPages.GetDocumentAsync(s.WaveUrl(wave));

        Assert.Equal(20, await factory.WithDb(db => db.SurveyStrata.CountAsync(x => x.WaveId == wave)));
        var table = page.QuerySelector("table")!.TextContent;
        Assert.Contains("Centre (Q1)", table);
        Assert.Contains("Gare (Q2)", table);
        // 400 interviews shared 1 : 0,8 → 222 and 178.
        Assert.Contains("222", table);
        Assert.Contains("178", table);
        Assert.Null(page.QuerySelector("form[enctype='multipart/form-data']"));
    }
}
