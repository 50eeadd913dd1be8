using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.VideoProtection;

/// <summary>
/// The committee's public annual report: only opinions of public sittings are printed (members-only and restricted
/// sittings stay out, ADR 0006), and with two communes each public link serves its own commune's report.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VideoCommitteeReportTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;

    private Task PublishAsync(VideoSetup s) => factory.WithDb(async db =>
    {
        (await db.Contracts.SingleAsync(c => c.Id == s.Contract.Id)).IsPublished = true;
        return await db.SaveChangesAsync();
    });

    /// <summary>The committee body of the system and one sitting of each visibility.</summary>
    private Task<Dictionary<MinutesVisibility, Guid>> SittingsAsync(VideoSetup s) => factory.WithDb(async db =>
    {
        var body = new Body { ContractId = s.Contract.Id, Name = "Comité d'éthique " + Guid.NewGuid().ToString("N")[..6], Kind = BodyKind.VideoEthicsCommittee };
        db.Bodies.Add(body);
        (await db.VideoSystems.SingleAsync(x => x.Id == s.SystemId)).CommitteeBodyId = body.Id;
        var at = DateTimeOffset.UtcNow.AddDays(-2);
        var sittings = new Dictionary<MinutesVisibility, Guid>();
        foreach (var v in Enum.GetValues<MinutesVisibility>())
        {
            var m = new Meeting { ContractId = s.Contract.Id, BodyId = body.Id, Title = "Séance " + v, StartsAt = at, EndsAt = at.AddHours(2), Status = MeetingStatus.Planned, Visibility = v };
            db.Meetings.Add(m);
            sittings[v] = m.Id;
        }
        await db.SaveChangesAsync();
        return sittings;
    });

    [Fact]
    public async Task PublicReport_PrintsOnlyOpinionsOfPublicSittings()
    {
        var s = await factory.VideoSetupAsync();
        var sittings = await SittingsAsync(s);
        foreach (var (visibility, meeting) in sittings)
            await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/opinions", new { meetingId = meeting, date = Today, subject = "Objet " + visibility, text = $"Avis-de-seance-{visibility}" });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/opinions", new { date = Today, subject = "Hors séance", text = "Avis-sans-seance" });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/reports", new { year = Today.Year, text = "Rapport du comité.", publish = true });
        await PublishAsync(s);

        var anonymous = PageClient.Create(factory);
        var pdf = await anonymous.Http.GetByteArrayAsync($"/public/contrats/{s.Contract.Id}/videoprotection?handler=Rapport&annee={Today.Year}&systeme={s.SystemId}");
        var text = await PdfText.FlatAsync(pdf);
        Assert.Contains("Rapport du comité.", text);
        Assert.Contains($"Avis-de-seance-{MinutesVisibility.Public}", text);
        Assert.DoesNotContain("Avis-sans-seance", text); // no sitting, no visibility chosen: members only (issue 15 item 5)
        Assert.DoesNotContain($"Avis-de-seance-{MinutesVisibility.Members}", text);
        Assert.DoesNotContain($"Avis-de-seance-{MinutesVisibility.Restricted}", text);
    }

    [Fact]
    public async Task OpinionOfASittingRaisedLater_FollowsItsSitting_OutOfThePublicReport()
    {
        var s = await factory.VideoSetupAsync();
        var sittings = await SittingsAsync(s);
        var publicSitting = sittings[MinutesVisibility.Public];
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/opinions", new { meetingId = publicSitting, date = Today, subject = "Objet", text = "Avis-releve-ensuite" });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/reports", new { year = Today.Year, text = "Rapport du comité.", publish = true });
        await PublishAsync(s);
        var anonymous = PageClient.Create(factory);
        var url = $"/public/contrats/{s.Contract.Id}/videoprotection?handler=Rapport&annee={Today.Year}&systeme={s.SystemId}";
        Assert.Contains("Avis-releve-ensuite", await PdfText.FlatAsync(await anonymous.Http.GetByteArrayAsync(url)));

        // The sitting's minutes are restricted afterwards: the opinion stored "public" follows its sitting (the stricter wins).
        await factory.WithDb(async db =>
        {
            var m = await db.Meetings.SingleAsync(x => x.Id == publicSitting);
            m.Visibility = MinutesVisibility.Restricted;
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.DoesNotContain("Avis-releve-ensuite", await PdfText.FlatAsync(await anonymous.Http.GetByteArrayAsync(url)));
    }

    [Fact]
    public async Task RestrictedOpinion_IsHiddenFromAReaderWithoutTheEntitlement_OnThePageTheApiAndThePdf()
    {
        var s = await factory.VideoSetupAsync();
        var sittings = await SittingsAsync(s);
        // Copied from the restricted sitting; set explicitly to Members without a sitting; an explicit wider visibility than the sitting is refused.
        var restricted = await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/opinions", new { meetingId = sittings[MinutesVisibility.Restricted], date = Today, subject = "Objet", text = "Avis-restreint" });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/opinions", new { date = Today, subject = "Objet", text = "Avis-membres", visibility = "Members" });
        var wider = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/committee/opinions", new { meetingId = sittings[MinutesVisibility.Restricted], date = Today, subject = "Objet", text = "Avis-elargi", visibility = "Public" });
        Assert.Equal(HttpStatusCode.BadRequest, wider.StatusCode);
        Assert.Contains("visibilité de l'avis", await wider.Content.ReadAsStringAsync());
        Assert.Equal(MinutesVisibility.Restricted, await factory.WithDb(db => db.VideoCommitteeOpinions.Where(o => o.Id == restricted).Select(o => o.Visibility).SingleAsync()));
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/reports", new { year = Today.Year, text = "Rapport du comité.", publish = false });

        async Task<string> EverythingAsync(TestUser user, HttpClient api)
        {
            var page = await PageClient.SignedInAsync(factory, user);
            var html = await page.Http.GetStringAsync($"/contrats/{s.Contract.Id}/videoprotection");
            var json = await api.GetStringAsync(s.Base);
            var pdf = await PdfText.FlatAsync(await api.GetByteArrayAsync($"{s.Base}/committee/reports/{Today.Year}/pdf?systemId={s.SystemId}"));
            var pagePdf = await PdfText.FlatAsync(await page.Http.GetByteArrayAsync($"/contrats/{s.Contract.Id}/videoprotection?handler=Rapport&annee={Today.Year}&systeme={s.SystemId}"));
            return string.Join("\n", html, json, pdf, pagePdf);
        }

        var reader = await EverythingAsync(s.Reader, s.ReaderApi);
        Assert.Contains("Avis-membres", reader);
        Assert.DoesNotContain("Avis-restreint", reader);
        var coordinator = await EverythingAsync(s.Coordinator, s.CoordinatorApi);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(coordinator, "Avis-restreint").Count);
    }

    [Fact]
    public async Task TwoCommunes_EachPublicLinkServesItsOwnCommitteeReport()
    {
        var s = await factory.VideoSetupAsync();
        var other = await s.CoordinatorApi.CreatedAsync($"{s.Base}/systems", new { commune = "Aaa-Courbevoie", responsible = "Le maire", accessContact = "Mairie de Courbevoie" });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/reports", new { systemId = s.SystemId, year = Today.Year, text = "Rapport-de-Puteaux.", publish = true });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/reports", new { systemId = other, year = Today.Year, text = "Rapport-de-Courbevoie.", publish = true });
        await PublishAsync(s);

        var anonymous = PageClient.Create(factory);
        var page = await anonymous.GetDocumentAsync($"/public/contrats/{s.Contract.Id}/videoprotection");
        var links = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").Where(h => h.Contains("handler=Rapport", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, links.Count);
        var texts = new List<string>();
        foreach (var link in links)
            texts.Add(await PdfText.FlatAsync(await anonymous.Http.GetByteArrayAsync(WebUtility.HtmlDecode(link))));
        Assert.Single(texts, t => t.Contains("Rapport-de-Puteaux.") && !t.Contains("Rapport-de-Courbevoie."));
        Assert.Single(texts, t => t.Contains("Rapport-de-Courbevoie.") && !t.Contains("Rapport-de-Puteaux."));

        // The members' page and the API choose by commune too.
        var api = await s.ReaderApi.GetAsync($"{s.Base}/committee/reports/{Today.Year}/pdf?systemId={s.SystemId}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains("Rapport-de-Puteaux.", await PdfText.FlatAsync(await api.Content.ReadAsByteArrayAsync()));
    }
}
