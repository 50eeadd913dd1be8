using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Survey;

/// <summary>
/// A closed wave's anonymous responses as CSV for the coordinators: one line per kept response, one column per item
/// code, no response code, no free text, the day only, the age band instead of the birth year; audited; closed waves only.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SurveyResponsesExportTests(VigieFactory factory)
{
    [Fact]
    public async Task Export_ClosedWave_OneLinePerResponse_NoCodeNoFreeTextNoBirthYear_Audited_AndCoordinatorsOnly()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        var rows = SurveyKit.Responses(40);
        Assert.Equal("succeeded", (await s.ImportAsync(wave, SurveyKit.Csv(rows))).GetProperty("status").GetString());
        var url = $"{s.WaveUrl(wave)}/reponses?handler=Export";
        SurveyKit.Expect(await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Open", new() { ["online"] = "false" }, s.WaveUrl(wave)), HttpStatusCode.Redirect);

        var open = await s.CoordinatorPages.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Contains("qu'une fois sa collecte close", PageClient.Parse(await open.Content.ReadAsStringAsync()).Body!.TextContent);

        SurveyKit.Expect(await s.CoordinatorPages.PostFormAsync(s.WaveUrl(wave) + "?handler=Close", [], s.WaveUrl(wave)), HttpStatusCode.Redirect);
        var r = await s.CoordinatorPages.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/csv", r.Content.Headers.ContentType!.MediaType);
        var csv = Encoding.UTF8.GetString(await r.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(';');
        Assert.Equal(41, lines.Length);
        Assert.Equal(["n", "vague", "collecte_mode", "date_collecte", "quartier", "incomplet"], header[..6]);
        Assert.Contains("A2_tranche", header);
        Assert.Contains("B6_1", header);
        Assert.Contains("C1a", header);
        Assert.DoesNotContain("resp_id", header);
        Assert.DoesNotContain("A2", header);
        Assert.DoesNotContain("E4", header);
        Assert.DoesNotContain("R00", csv);                               // no response code
        Assert.DoesNotContain("Plus d'éclairage", csv);                  // no free text
        var birthYears = rows.Select(x => x[Array.IndexOf(SurveyKit.Header, "A2")]).ToHashSet();
        var band = Array.IndexOf(header, "A2_tranche");
        Assert.All(lines.Skip(1).Select(l => l.Split(';')), cells =>
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", cells[3]);
            Assert.Contains(cells[band], new[] { "15-29", "30-44", "45-59", "60-74", "75+" });
            Assert.DoesNotContain(cells, c => birthYears.Contains(c) && c.Length == 4);
        });
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "read.survey-responses-export" && e.EntityId == wave.ToString())));

        var partner = await PageClient.SignedInAsync(factory, s.Partner);
        SurveyKit.AssertDenied(await partner.Http.GetAsync(url));
        SurveyKit.AssertDenied(await s.ReaderPages.Http.GetAsync(url));
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderPages.Http.GetAsync(url)).StatusCode);
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "read.survey-responses-export" && e.EntityId == wave.ToString())));
    }
}
