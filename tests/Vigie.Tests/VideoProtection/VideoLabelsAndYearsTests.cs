using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.VideoProtection;

/// <summary>
/// The register pages speak French (no enumeration names), the yearly documents count by the Paris calendar year, and the
/// contract page links the public video-protection page.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VideoLabelsAndYearsTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;

    /// <summary>New Year's night in Paris: 00:30 on 1 January is still 31 December in UTC.</summary>
    private static DateTimeOffset NewYearNight(int year) => new(year, 1, 1, 0, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task RegisterPages_ShowFrenchLabels_NotEnumerationNames()
    {
        var s = await factory.VideoSetupAsync();
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/diagnostics", new
        {
            date = Today, author = "ReferentSuretePN", perimeter = "Les Bergères", opinion = "Favorable",
            recommendations = new[] { new { site = "Résidence des Bergères", cameraKind = "DomePTZ", purpose = 5, priority = 1 } },
        });
        // A request is created filed, then moves step by step to the commission's opinion (the order the register enforces).
        var request = await s.CoordinatorApi.CreatedAsync($"{s.Base}/requests", new { kind = "Initiale", mode = "Perimetre", purposes = new[] { 5 }, filedOn = Today, status = "Deposee" });
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/requests/{request}", new { status = "EnInstruction" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/requests/{request}",
            new { status = "AvisCommissionRendu", commissionOpinion = "Favorable", commissionSittingOn = Today })).StatusCode);
        var auth = await s.AuthorisationAsync();
        var camera = (await (await s.CameraAsync(auth, state: "EnService", prefectInformedOn: Today)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        var requisition = (await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/requisitions", new
        {
            number = "PV-1", authority = "OPJ_PoliceNationale", frame = "Flagrance", receivedOn = Today, periodFrom = now.AddDays(-1), periodTo = now.AddDays(-1).AddHours(1),
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/extractions", new
        {
            operatorName = "Opérateur", operatorRole = "CSU", cameraIds = new[] { camera }, from = now.AddDays(-1), to = now.AddDays(-1).AddHours(1),
            reason = "RequisitionJudiciaire", requisitionId = requisition, recipient = "Brigade", medium = "NonReinscriptible",
        });
        var access = await s.CoordinatorApi.CreatedAsync($"{s.Base}/access-requests", new
        {
            reference = "DA-1", receivedOn = Today, identityChecked = true, cameraId = camera, slotFrom = now.AddDays(-2), slotTo = now.AddDays(-2).AddHours(1), @object = "Visionnage",
        });
        await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/access-requests/{access}/decision", new { decision = "Accorde", answeredOn = Today });

        var pages = await PageClient.SignedInAsync(factory, s.Coordinator);
        var index = await pages.Http.GetStringAsync($"/contrats/{s.Contract.Id}/videoprotection");
        var registers = await pages.Http.GetStringAsync($"/contrats/{s.Contract.Id}/videoprotection/registre");
        Assert.Contains("Référent sûreté de la police nationale", index, StringComparison.Ordinal);
        Assert.Contains("dôme orientable", index, StringComparison.Ordinal);
        Assert.Contains("Avis de la commission rendu", index, StringComparison.Ordinal);
        Assert.Contains("Périmètre vidéoprotégé", index, StringComparison.Ordinal);
        Assert.Contains("OPJ de la police nationale", registers, StringComparison.Ordinal);
        Assert.Contains("Enquête de flagrance", registers, StringComparison.Ordinal);
        Assert.Contains("Réquisition judiciaire", registers, StringComparison.Ordinal);
        Assert.Contains("Support non réinscriptible", registers, StringComparison.Ordinal);
        Assert.Contains("Visionnage des images", registers, StringComparison.Ordinal);
        Assert.Contains("<td>Accordée</td>", registers, StringComparison.Ordinal);
        foreach (var raw in new[] { "ReferentSuretePN", "DomePTZ", "AvisCommissionRendu", "Perimetre<", "OPJ_PoliceNationale", "Flagrance<", "RequisitionJudiciaire", "NonReinscriptible", "Accorde<", "Visionnage<" })
            Assert.DoesNotContain(raw, index + registers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task YearlyDocuments_CountByTheParisYear()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        var camera = (await (await s.CameraAsync(auth, state: "EnService", prefectInformedOn: Today)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var year = Today.Year - 1;
        var night = NewYearNight(year); // in UTC, the last evening of year - 1
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/extractions", new
        {
            at = night, operatorName = "Opérateur", operatorRole = "CSU", cameraIds = new[] { camera }, from = night.AddHours(-2), to = night.AddHours(-1),
            reason = "ConstatOperateur", recipient = "Service", medium = "Securise",
        });
        async Task<string> SummaryAsync(int y) => await PdfText.FlatAsync(await s.ReaderApi.GetByteArrayAsync($"{s.Base}/summary/{y}/pdf"));
        Assert.Matches(new Regex(@"Total des extractions 1\b"), await SummaryAsync(year));
        Assert.Matches(new Regex(@"Total des extractions 0\b"), await SummaryAsync(year - 1));

        // A committee sitting on New Year's night is one of that year's sittings in its annual report.
        await factory.WithDb(async db =>
        {
            var body = new Body { ContractId = s.Contract.Id, Name = "Comité d'éthique " + Guid.NewGuid().ToString("N")[..6], Kind = BodyKind.VideoEthicsCommittee };
            db.Bodies.Add(body);
            (await db.VideoSystems.SingleAsync(x => x.Id == s.SystemId)).CommitteeBodyId = body.Id;
            db.Meetings.Add(new Meeting { ContractId = s.Contract.Id, BodyId = body.Id, Title = "Séance du Nouvel An", StartsAt = night.ToUniversalTime(), EndsAt = night.AddHours(1).ToUniversalTime(), Status = MeetingStatus.Held, Visibility = MinutesVisibility.Public });
            return await db.SaveChangesAsync();
        });
        foreach (var y in new[] { year, year - 1 })
            await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/reports", new { year = y, text = $"Rapport {y}.", publish = false });
        async Task<string> ReportAsync(int y) => await PdfText.FlatAsync(await s.CoordinatorApi.GetByteArrayAsync($"{s.Base}/committee/reports/{y}/pdf?systemId={s.SystemId}"));
        Assert.Matches(new Regex(@"Séances tenues 1\b"), await ReportAsync(year));
        Assert.Matches(new Regex(@"Séances tenues 0\b"), await ReportAsync(year - 1));
    }

    [Fact]
    public async Task ContractPage_LinksThePublicVideoPage_OncePublished()
    {
        var s = await factory.VideoSetupAsync();
        await factory.WithDb(async db =>
        {
            (await db.Contracts.SingleAsync(c => c.Id == s.Contract.Id)).IsPublished = true;
            return await db.SaveChangesAsync();
        });
        var pages = await PageClient.SignedInAsync(factory, s.Reader);
        var html = await pages.Http.GetStringAsync($"/contrats/{s.Contract.Id}");
        Assert.Contains($"href=\"/public/contrats/{s.Contract.Id}/videoprotection\"", html, StringComparison.Ordinal);
    }
}
