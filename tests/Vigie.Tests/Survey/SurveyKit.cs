using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Survey;

/// <summary>A contract with a coordinator, a partner member, a reader and an outsider, signed in on pages.</summary>
public sealed record SurveySetup(SecurityContract Contract, TestUser Coordinator, TestUser Partner, TestUser Reader, TestUser Outsider,
    PageClient CoordinatorPages, PageClient ReaderPages, PageClient OutsiderPages)
{
    public string Base => $"/contrats/{Contract.Id}/enquetes";
    public string WaveUrl(Guid waveId) => $"{Base}/vagues/{waveId}";
}

public static class SurveyKit
{
    /// <summary>Two quartiers × 2 sexes × 5 age bands (populations of a mid-sized commune).</summary>
    public static readonly string Strata = string.Join('\n',
        from q in new[] { ("Q1", "Centre", 1.0), ("Q2", "Gare", 0.8) }
        from s in new[] { ("F", 1.05), ("H", 1.0) }
        from b in new[] { ("15-29", 1800), ("30-44", 1700), ("45-59", 1600), ("60-74", 1200), ("75+", 600) }
        select $"{q.Item1};{q.Item2};{s.Item1};{b.Item1};{(int)(b.Item2 * q.Item3 * s.Item2)}");

    public static async Task<SurveySetup> SurveySetupAsync(this VigieFactory f)
    {
        var coordinator = await f.UserAsync();
        var partner = await f.UserAsync();
        var reader = await f.UserAsync();
        var outsider = await f.UserAsync();
        var contract = await f.ContractAsync((coordinator, ContractRole.Coordinator), (partner, ContractRole.PartnerMember), (reader, ContractRole.Reader));
        await f.ContractAsync((outsider, ContractRole.Coordinator));
        return new SurveySetup(contract, coordinator, partner, reader, outsider,
            await PageClient.SignedInAsync(f, coordinator), await PageClient.SignedInAsync(f, reader), await PageClient.SignedInAsync(f, outsider));
    }

    public static async Task<Guid> CreateSurveyAsync(this SurveySetup s, string title = "Enquête tranquillité")
    {
        var r = await s.CoordinatorPages.PostFormAsync(s.Base, new() { ["Input.Title"] = title });
        Expect(r, HttpStatusCode.Redirect);
        return Guid.Parse(r.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    /// <summary>A wave T0 over the current year (field period contains today) with the two-quartier sampling plan.</summary>
    public static async Task<Guid> CreateWaveAsync(this SurveySetup s, Guid surveyId, string code = "2026-T0", bool strata = true)
    {
        var url = $"{s.Base}/{surveyId}";
        var r = await s.CoordinatorPages.PostFormAsync(url + "?handler=Wave", new()
        {
            ["Wave.Code"] = code, ["Wave.Title"] = "État initial", ["Wave.FieldStart"] = Day(FieldStart), ["Wave.FieldEnd"] = Day(FieldEnd),
            ["Wave.PlannedSize"] = "400",
        }, url);
        Expect(r, HttpStatusCode.Redirect);
        var waveId = Guid.Parse(r.Headers.Location!.OriginalString.Split('/')[^1]);
        if (strata)
            Expect(await s.CoordinatorPages.PostFormAsync(s.WaveUrl(waveId) + "?handler=Strata", new() { ["Input.Strata"] = Strata }, s.WaveUrl(waveId)), HttpStatusCode.Redirect);
        return waveId;
    }

    public static readonly DateOnly FieldStart = TestDates.Today.AddDays(-30), FieldEnd = TestDates.Today.AddDays(30);
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A page refusing an action: redirect to the access-denied page.</summary>
    public static void AssertDenied(HttpResponseMessage r)
    {
        Xunit.Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Xunit.Assert.Contains("/compte/acces-refuse", r.Headers.Location!.OriginalString);
    }

    public static void Expect(HttpResponseMessage r, HttpStatusCode status)
    {
        if (r.StatusCode != status) throw new InvalidOperationException($"{r.StatusCode} au lieu de {status} : {r.Content.ReadAsStringAsync().Result}");
    }

    public static readonly string[] Header = SurveyResponseRows.Header;

    /// <inheritdoc cref="SurveyResponseRows.Generate"/>
    public static List<string[]> Responses(int count, string wave = "2026-T0", int seed = 12, string prefix = "R") =>
        SurveyResponseRows.Generate(count, wave, FieldStart, seed, prefix);

    public static byte[] Csv(IEnumerable<string[]> rows, string[]? header = null) =>
        Encoding.UTF8.GetBytes(string.Join("\n", rows.Prepend(header ?? Header).Select(r => string.Join(';', r))) + "\n");

    /// <summary>Uploads on the wave page and follows the job to its end; returns the status JSON.</summary>
    public static async Task<JsonElement> ImportAsync(this SurveySetup s, Guid waveId, byte[] content, string fileName = "reponses.csv")
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "Upload", fileName } };
        var r = await s.CoordinatorPages.PostMultipartAsync(s.WaveUrl(waveId) + "?handler=Import", form, s.WaveUrl(waveId));
        Expect(r, HttpStatusCode.Redirect);
        var location = r.Headers.Location!.OriginalString;
        for (var i = 0; i < 480; i++)
        {
            var status = await s.CoordinatorPages.Http.GetFromJsonAsync<JsonElement>(location + "?handler=Status");
            if (status.GetProperty("finished").GetBoolean()) return status;
            await Task.Delay(250);
        }
        throw new TimeoutException("L'import n'est pas terminé après 120 s.");
    }

    public static Task<int> ResponseCountAsync(this VigieFactory f, Guid waveId) => f.WithDb(db => db.SurveyResponses.CountAsync(r => r.WaveId == waveId));

    /// <summary>Opens online, imports nothing; returns the public code.</summary>
    public static async Task<string> OpenOnlineAsync(this SurveySetup s, VigieFactory f, Guid waveId)
    {
        Expect(await s.CoordinatorPages.PostFormAsync(s.WaveUrl(waveId) + "?handler=Open", new() { ["online"] = "true" }, s.WaveUrl(waveId)), HttpStatusCode.Redirect);
        return await f.WithDb(db => db.SurveyWaves.Where(w => w.Id == waveId).Select(w => w.OnlineCode!).SingleAsync());
    }
}
