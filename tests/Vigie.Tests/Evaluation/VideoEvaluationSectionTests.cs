using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.VideoProtection;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15 item 5 and §4: the video-protection register reaches the evaluation report as a section — cameras in service per
/// commune, requisitions and extractions per year with counts under 5 masked; the requisitions table and every operator's
/// name stay out of the public report and its PDF.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VideoEvaluationSectionTests(VigieFactory factory)
{
    private const string Register = "Caméras, autorisations et comité d'éthique par commune";
    private const string PerYear = "Réquisitions et extractions par année";

    [Fact]
    public async Task VideoSection_CountsTheRegister_AndKeepsRequisitionsOutOfThePublicReport()
    {
        var s = await factory.VideoSetupAsync();
        var operatorName = TestData.Unique("Agent Lemaire");
        await factory.WithDb(async db =>
        {
            var c = await db.Contracts.FindAsync(s.Contract.Id);
            (c!.StartDate, c.EndDate, c.Status, c.IsPublished) = (new DateOnly(2023, 1, 1), new DateOnly(2024, 12, 31), ContractStatus.InForce, true);
            for (var n = 0; n < 7; n++)
                db.VideoCameras.Add(new VideoCamera
                {
                    ContractId = s.Contract.Id, SystemId = s.SystemId, Code = TestData.Unique("CAM"), Site = "Résidence des Bergères", Latitude = VideoKit.InsideLat,
                    Longitude = VideoKit.InsideLon, State = n < 6 ? VideoCameraState.EnService : VideoCameraState.Installee,
                });
            for (var n = 0; n < 8; n++)
                db.VideoRequisitions.Add(new VideoRequisition
                {
                    ContractId = s.Contract.Id, SystemId = s.SystemId, Number = TestData.Unique("PV"), ReceivedOn = n < 6 ? new DateOnly(2023, 3, 1 + n) : new DateOnly(2024, 5, n),
                    PeriodFrom = new DateTimeOffset(2023, 2, 1, 0, 0, 0, TimeSpan.Zero), PeriodTo = new DateTimeOffset(2023, 2, 2, 0, 0, 0, TimeSpan.Zero),
                });
            for (var n = 0; n < 5; n++)
                db.VideoExtractions.Add(new VideoExtraction
                {
                    ContractId = s.Contract.Id, SystemId = s.SystemId, At = new DateTimeOffset(2024, 6, 1 + n, 10, 0, 0, TimeSpan.Zero), OperatorName = operatorName,
                    OperatorRole = "Opérateur CSU", Recipient = "Commissariat de Puteaux",
                    From = new DateTimeOffset(2024, 5, 30, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2024, 5, 30, 1, 0, 0, TimeSpan.Zero),
                });
            return await db.SaveChangesAsync();
        });
        var b = $"/api/v1/contracts/{s.Contract.Id}";
        var id = await s.CoordinatorApi.CreatedAsync($"{b}/evaluations", new { title = "Évaluation du CLSPD 2023–2024", kind = "final", periodStart = "2023-01-01", periodEnd = "2024-12-31" });

        var report = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{b}/evaluations/{id}");
        var section = report.GetProperty("sections").EnumerateArray().Single(x => x.GetProperty("title").GetString() == "Vidéoprotection");
        var tables = section.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("caption").GetString()!, Rows);
        Assert.Equal("6", tables[Register].Single()[1]);
        Assert.Equal(["Puteaux", "2023", "6", "< 5"], tables[PerYear].Single(r => r[1] == "2023"));
        Assert.Equal(["Puteaux", "2024", "< 5", "5"], tables[PerYear].Single(r => r[1] == "2024"));
        Assert.Contains("registre de vidéoprotection", section.GetProperty("tables")[0].GetProperty("source").GetString());
        Assert.DoesNotContain(operatorName, report.ToString(), StringComparison.Ordinal);
        var memberPdf = await PdfText.FlatAsync(await s.CoordinatorApi.GetByteArrayAsync($"{b}/evaluations/{id}/pdf"));
        Assert.Contains(PerYear, memberPdf);

        await factory.ValidateAsync(s.CoordinatorApi, s.Contract.Id, id, present: true, year: 2025);
        var anonymous = factory.CreateClient();
        var url = $"/public/contrats/{s.Contract.Id}/evaluations/{id}";
        var html = await anonymous.GetStringAsync(url);
        Assert.Contains(Register, PageClient.Parse(html).Body!.TextContent);
        Assert.DoesNotContain(PerYear, html);
        Assert.DoesNotContain(operatorName, html, StringComparison.Ordinal);
        var pdf = await PdfText.FlatAsync(await anonymous.GetByteArrayAsync(url + "?handler=Pdf"));
        Assert.Contains("Vidéoprotection", pdf);
        Assert.DoesNotContain(PerYear, pdf);
        Assert.DoesNotContain(operatorName, pdf, StringComparison.Ordinal);
    }

    private static List<List<string>> Rows(JsonElement table) =>
        [.. table.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToList())];
}
