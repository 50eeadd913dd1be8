using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Survey;

/// <summary>Response files of specs §2.7 through the import pipeline: all or nothing, French line errors, idempotent.</summary>
[Collection(AppCollection.Name)]
public sealed class SurveyImportTests(VigieFactory factory)
{
    private static string Error(JsonElement status) => status.GetProperty("summary").GetString()!;

    [Fact]
    public async Task Import_ValidFile_RecordsEveryResponse_AndTheSameFileAgainChangesNothing()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        var file = SurveyKit.Csv(SurveyKit.Responses(400));

        var first = await s.ImportAsync(wave, file);
        var again = await s.ImportAsync(wave, file);

        Assert.Equal("succeeded", first.GetProperty("status").GetString());
        Assert.Equal(400, first.GetProperty("rowsImported").GetInt64());
        Assert.Equal("succeeded", again.GetProperty("status").GetString());
        Assert.Equal(400, await factory.ResponseCountAsync(wave));
        var events = await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "survey.responses-imported" && e.EntityId == wave.ToString()));
        Assert.Equal(1, events); // the second import changed nothing, so recorded nothing
        var r = await factory.WithDb(db => db.SurveyResponses.SingleAsync(x => x.WaveId == wave && x.RespId == "R0050"));
        Assert.Equal("Plus d'éclairage rue de la Gare", r.FreeText);
        Assert.DoesNotContain("E4", r.Answers);
    }

    [Fact]
    public async Task Import_UnknownCodeDuplicateAndTooYoung_NamesLineAndColumn_AndSavesNothing()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        var rows = SurveyKit.Responses(5);
        rows[0][Array.IndexOf(SurveyKit.Header, "B2")] = "7";                                      // line 2: unknown code
        rows[2][0] = rows[1][0];                                                                   // line 4: duplicate resp_id of line 3
        rows[3][Array.IndexOf(SurveyKit.Header, "A2")] = (SurveyKit.FieldStart.Year - 14).ToString(); // line 5: 14 years old
        rows[4][Array.IndexOf(SurveyKit.Header, "quartier")] = "Q9";                               // line 6: not in the plan

        var status = await s.ImportAsync(wave, SurveyKit.Csv(rows));

        Assert.Equal("failed", status.GetProperty("status").GetString());
        var message = Error(status);
        Assert.Contains("aucune donnée n'a été modifiée", message);
        Assert.Contains("ligne 2, colonne « B2 » : code « 7 » non admis", message);
        Assert.Contains("ligne 4, colonne « resp_id » : identifiant « R0002 » en double (déjà ligne 3)", message);
        Assert.Contains("ligne 5, colonne « A2 » : l'âge à la date de collecte est de 14 an(s)", message);
        Assert.Contains("ligne 6, colonne « quartier »", message);
        Assert.Equal(0, await factory.ResponseCountAsync(wave));
    }

    [Fact]
    public async Task Import_Latin1File_IsRefusedInFrench()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        var rows = SurveyKit.Responses(3);
        rows[0][^1] = "Sécurité";
        var latin1 = Encoding.Latin1.GetBytes(Encoding.UTF8.GetString(SurveyKit.Csv(rows)));

        var status = await s.ImportAsync(wave, latin1, "latin1.csv");

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("n'est pas encodé en UTF-8", Error(status));
        Assert.Equal(0, await factory.ResponseCountAsync(wave));
    }

    [Fact]
    public async Task Import_AnswerShownByNoRule_IsDropped_AndJsonFormatIsRead()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        var rows = SurveyKit.Responses(2);
        foreach (var d in new[] { "D1", "D2", "D3", "D4", "D5", "D6" }) rows[0][Array.IndexOf(SurveyKit.Header, d)] = "2";
        rows[0][Array.IndexOf(SurveyKit.Header, "D7a")] = "1"; // D7 asked only after a "oui" in D1–D6: dropped

        var csv = await s.ImportAsync(wave, SurveyKit.Csv(rows.Take(1)));
        var year = SurveyKit.FieldStart.Year;
        var json = """
            {"vague":"2026-T0","responses":[{"resp_id":"J1","collecte_mode":"WEB","date_collecte":"DATE","quartier":"Q2",
              "answers":{"A1":1,"A2":YEAR,"B1":2,"B2":1,"B3":3,"B4":4,"B5":4,"B6":[1,3],"C1a":1,"C1b":2,"C1c":3,"C1d":4,"C1e":1,"C1f":1,"C1g":2,
                "C1h":2,"C1i":4,"C1j":4,"C2":3,"C3":2,"D1":2,"D2":2,"D3":2,"D4":2,"D5":2,"D6":2,"E1":2,"E2":1,"E3":96,"A4":3}}]}
            """.Replace("DATE", SurveyKit.Day(SurveyKit.FieldStart)).Replace("YEAR", (year - 40).ToString());
        var fromJson = await s.ImportAsync(wave, Encoding.UTF8.GetBytes(json), "reponses.json");

        Assert.Equal("succeeded", csv.GetProperty("status").GetString());
        Assert.Equal("succeeded", fromJson.GetProperty("status").GetString());
        var answers = await factory.WithDb(db => db.SurveyResponses.Where(r => r.WaveId == wave).OrderBy(r => r.RespId).Select(r => r.Answers).ToListAsync());
        Assert.DoesNotContain("D7a", answers[1]);
        Assert.Contains("\"B6_1\":1", answers[0]);
        Assert.Contains("\"B6_2\":0", answers[0]);
        Assert.Contains("\"B6_3\":1", answers[0]);
    }

    [Fact]
    public async Task Import_ByReaderOrBeforeTheSamplingPlan_IsRefused()
    {
        var s = await factory.SurveySetupAsync();
        var survey = await s.CreateSurveyAsync();
        var wave = await s.CreateWaveAsync(survey, "2026-TX", strata: false);
        var form = new MultipartFormDataContent { { new ByteArrayContent(SurveyKit.Csv(SurveyKit.Responses(1, "2026-TX"))), "Upload", "r.csv" } };

        var byReader = await s.ReaderPages.PostMultipartAsync(s.WaveUrl(wave) + "?handler=Import", form, s.WaveUrl(wave));
        var noPlan = await s.ImportAsync(wave, SurveyKit.Csv(SurveyKit.Responses(1, "2026-TX")));

        SurveyKit.AssertDenied(byReader);
        Assert.Equal("failed", noPlan.GetProperty("status").GetString());
        Assert.Contains("plan de sondage", Error(noPlan));
        Assert.Equal(0, await factory.ResponseCountAsync(wave));
    }
}
