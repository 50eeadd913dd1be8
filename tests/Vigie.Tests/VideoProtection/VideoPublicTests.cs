using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.VideoProtection;

/// <summary>The public information page (no personal data, no extraction details) and the two yearly PDFs (V8), read back.</summary>
[Collection(AppCollection.Name)]
public sealed class VideoPublicTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;

    private static async Task<VideoSetup> FilledAsync(VigieFactory f)
    {
        var s = await f.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(retention: 15);
        var camera = (await (await s.CameraAsync(auth, state: "EnService", prefectInformedOn: Today)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        var requisition = (await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/requisitions", new
        {
            number = "PV-SECRET-9", authority = "OPJ_PoliceNationale", frame = "Flagrance", receivedOn = Today, periodFrom = now.AddDays(-1), periodTo = now.AddDays(-1).AddHours(1), site = "Résidence des Bergères",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/extractions", new
        {
            operatorName = "Jeanne Opératrice", operatorRole = "Opératrice CSU", cameraIds = new[] { camera }, from = now.AddDays(-1), to = now.AddDays(-1).AddHours(1),
            reason = "RequisitionJudiciaire", requisitionId = requisition, recipient = "Brigade Mystère", medium = "Securise",
        });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/members", new { name = "Mme Conseillère", quality = "EluOpposition" });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/opinions", new { date = Today, subject = "Caméras des Bergères", text = "Avis favorable sous réserve de masquage des fenêtres." });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/reports", new { year = Today.Year, text = "Le comité a examiné le projet des Bergères.", publish = true });
        return s;
    }

    [Fact]
    public async Task PublicPage_ShowsPerimetersPurposesRetentionAccessAndCharter_WithoutRegisterDetails()
    {
        var s = await FilledAsync(factory);
        var anonymous = PageClient.Create(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/public/contrats/{s.Contract.Id}/videoprotection")).StatusCode);
        await factory.WithDb(async db =>
        {
            (await db.Contracts.SingleAsync(c => c.Id == s.Contract.Id)).IsPublished = true;
            return await db.SaveChangesAsync();
        });

        var html = await (await anonymous.Http.GetAsync($"/public/contrats/{s.Contract.Id}/videoprotection")).Content.ReadAsStringAsync();
        var text = PageClient.Parse(html).Body!.TextContent;
        Assert.Contains("Périmètre « Les Bergères »", text);
        Assert.Contains("15 jours", text);
        Assert.Contains("Prévention des atteintes à la sécurité des personnes et des biens", text);
        Assert.Contains("Mairie de Puteaux, service vidéoprotection", text);
        Assert.Contains("Légalité, nécessité, proportionnalité.", text);
        Assert.Contains($"Rapport annuel {Today.Year}", text);
        foreach (var secret in new[] { "Jeanne Opératrice", "Brigade Mystère", "PV-SECRET-9", "Mme Conseillère", VideoKit.InsideLat.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            Assert.DoesNotContain(secret, html);

        var pdf = await anonymous.Http.GetByteArrayAsync($"/public/contrats/{s.Contract.Id}/videoprotection?handler=Rapport&annee={Today.Year}");
        var pdfText = await PdfText.FlatAsync(pdf);
        Assert.Contains("Le comité a examiné le projet des Bergères.", pdfText);
        Assert.Contains("Élu de l'opposition", pdfText);
        Assert.DoesNotContain("Mme Conseillère", pdfText);
        Assert.Equal("yes", (await PdfText.InfoAsync(pdf))["Tagged"]);
    }

    [Fact]
    public async Task ClspdSummary_CountsPerSite_WithoutPersonalData()
    {
        var s = await FilledAsync(factory);
        var response = await s.ReaderApi.GetAsync($"{s.Base}/summary/{Today.Year}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = await PdfText.ExtractAsync(pdf);
        var line = text.Split('\n').Single(l => l.Contains("Résidence des Bergères"));
        Assert.Matches(@"Résidence des Bergères\s+1\s+1\s+1\s+1\s+0", line);
        Assert.DoesNotContain("Jeanne", text);
        Assert.DoesNotContain("PV-SECRET-9", text);
        Assert.Equal("yes", (await PdfText.InfoAsync(pdf))["Tagged"]);
        Assert.Equal(HttpStatusCode.NotFound, (await s.ReaderApi.GetAsync($"{s.Base}/committee/reports/1999/pdf")).StatusCode);
    }
}
