using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.VideoProtection;

/// <summary>The follow-up page: repeal an authorisation, access requests (received, decided), committee opinions and citizens' referrals (received, answered).</summary>
[Collection(AppCollection.Name)]
public sealed class VideoFollowupPageTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> TextAsync(HttpResponseMessage r) => PageClient.Parse(await r.Content.ReadAsStringAsync()).Body!.TextContent;

    [Fact]
    public async Task Repeal_RefusesAMissingMotiveInFrench_ThenRecordsDateMotiveAndAudit()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/videoprotection/suivi";
        Assert.Contains("Abrogation d'une autorisation", await TextAsync(await page.Http.GetAsync(url)));

        var refused = await page.PostFormAsync(url + "?handler=Repeal", new() { ["RepealTarget"] = auth.ToString(), ["RepealForm.RepealedOn"] = Day(Today) }, url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Le motif de l'abrogation est obligatoire.", await TextAsync(refused));
        var none = await page.PostFormAsync(url + "?handler=Repeal", new() { ["RepealForm.RepealedOn"] = Day(Today), ["RepealForm.Motive"] = "Fin du projet" }, url);
        Assert.Contains("Choisissez l'autorisation abrogée.", await TextAsync(none));
        Assert.Null(await factory.WithDb(db => db.VideoAuthorisations.Where(a => a.Id == auth).Select(a => a.RepealedOn).SingleAsync()));

        var done = await page.PostFormAsync(url + "?handler=Repeal", new() { ["RepealTarget"] = auth.ToString(), ["RepealForm.RepealedOn"] = Day(Today), ["RepealForm.Motive"] = "Fin du projet" }, url);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var saved = await factory.WithDb(db => db.VideoAuthorisations.SingleAsync(a => a.Id == auth));
        Assert.Equal((Today, "Fin du projet"), (saved.RepealedOn!.Value, saved.RepealMotive!));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.VideoAuthRepealed && e.EntityId == auth.ToString())));
        Assert.Contains("abrogée le", await TextAsync(await page.Http.GetAsync(url)));
    }

    [Fact]
    public async Task AccessRequest_Referral_AndOpinion_AreRecordedAndAnsweredFromThePage()
    {
        var s = await factory.VideoSetupAsync();
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/videoprotection/suivi";
        var slot = DateTime.Now.AddDays(-40);
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url + "?handler=Access", new()
        {
            ["AccessForm.Reference"] = "DA-PAGE-1", ["AccessForm.ReceivedOn"] = Day(Today.AddDays(-40)), ["AccessForm.IdentityChecked"] = "true",
            ["AccessForm.SlotFrom"] = slot.ToString("yyyy-MM-ddTHH:mm"), ["AccessForm.SlotTo"] = slot.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm"), ["AccessForm.Object"] = "Visionnage",
        }, url)).StatusCode);
        var text = await TextAsync(await page.Http.GetAsync(url));
        Assert.Contains("DA-PAGE-1", text);
        Assert.Contains("En retard", text);
        var request = await factory.WithDb(db => db.VideoAccessRequests.Where(a => a.ContractId == s.Contract.Id).Select(a => a.Id).SingleAsync());

        var refused = await page.PostFormAsync(url + "?handler=Decision", new() { ["DecisionTarget"] = request.ToString(), ["DecisionForm.Decision"] = "Refuse", ["DecisionForm.AnsweredOn"] = Day(Today) }, url);
        Assert.Contains("motif de refus", await TextAsync(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url + "?handler=Decision", new()
        {
            ["DecisionTarget"] = request.ToString(), ["DecisionForm.Decision"] = "Refuse", ["DecisionForm.RefusalReason"] = "DroitDesTiers", ["DecisionForm.AnsweredOn"] = Day(Today),
        }, url)).StatusCode);
        Assert.Equal(VideoAccessRefusal.DroitDesTiers, await factory.WithDb(db => db.VideoAccessRequests.Where(a => a.Id == request).Select(a => a.RefusalReason).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url + "?handler=Referral", new()
        {
            ["ReferralForm.Reference"] = "SC-PAGE-1", ["ReferralForm.ReceivedOn"] = Day(Today), ["ReferralForm.Subject"] = "Caméra tournée vers un balcon",
        }, url)).StatusCode);
        var referral = await factory.WithDb(db => db.VideoCitizenReferrals.Where(r => r.ContractId == s.Contract.Id).Select(r => r.Id).SingleAsync());
        var early = await page.PostFormAsync(url + "?handler=Answer", new() { ["AnswerTarget"] = referral.ToString(), ["AnswerForm.AnsweredOn"] = Day(Today.AddDays(-1)), ["AnswerForm.Answer"] = "Masquage ajouté." }, url);
        Assert.Contains("ne peut pas précéder la réception", await TextAsync(early));
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url + "?handler=Answer", new()
        {
            ["AnswerTarget"] = referral.ToString(), ["AnswerForm.AnsweredOn"] = Day(Today), ["AnswerForm.Answer"] = "Masquage ajouté.",
        }, url)).StatusCode);
        Assert.Equal("Masquage ajouté.", await factory.WithDb(db => db.VideoCitizenReferrals.Where(r => r.Id == referral).Select(r => r.Answer).SingleAsync()));

        var missing = await page.PostFormAsync(url + "?handler=Opinion", new() { ["OpinionForm.Date"] = Day(Today), ["OpinionForm.Subject"] = "Objet" }, url);
        Assert.Contains("Le texte de l'avis est obligatoire.", await TextAsync(missing));
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url + "?handler=Opinion", new()
        {
            ["OpinionForm.Date"] = Day(Today), ["OpinionForm.Subject"] = "Objet", ["OpinionForm.Text"] = "Avis de la page.", ["OpinionForm.Visibility"] = "Members",
        }, url)).StatusCode);
        Assert.Equal(MinutesVisibility.Members, await factory.WithDb(db => db.VideoCommitteeOpinions.Where(o => o.ContractId == s.Contract.Id).Select(o => o.Visibility).SingleAsync()));
    }
}
