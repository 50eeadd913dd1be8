using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class PasswordResetTests(VigieFactory factory)
{
    private const string ForgotUrl = "/compte/mot-de-passe-oublie";
    private const string NewPassword = "Nouveau-mot-2-passe!";

    private async Task<string> RequestResetLinkAsync(TestUser user)
    {
        var client = PageClient.Create(factory);
        var response = await client.PostFormAsync(ForgotUrl, new() { ["Input.Email"] = user.Email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mail = Assert.Single(factory.MailsTo(user.Email));
        return mail.Link("/compte/reinitialiser");
    }

    [Fact]
    public async Task Reset_FollowingMailedLink_SetsNewPasswordAndOldOneStopsWorking()
    {
        var user = await factory.UserAsync();
        var link = await RequestResetLinkAsync(user);
        Assert.Contains("userId=" + user.Id, link);
        Assert.Contains("code=", link);

        var client = PageClient.Create(factory);
        var path = new Uri(link).PathAndQuery;
        var response = await client.PostFormAsync(path, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/compte/connexion", response.Headers.Location!.OriginalString);
        var login = await client.GetDocumentAsync("/compte/connexion");
        Assert.Contains("Votre mot de passe a été réinitialisé.", login.Body!.TextContent);
        var old = await PageClient.Create(factory).PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", await old.Content.ReadAsStringAsync());
        await PageClient.SignedInAsync(factory, user with { Password = NewPassword });
        // The link is single use: the token is bound to the security stamp, which the reset changed.
        var replay = await PageClient.Create(factory).PostFormAsync(path, new() { ["Input.Password"] = "Encore-un-autre-3!", ["Input.ConfirmPassword"] = "Encore-un-autre-3!" });
        Assert.Contains("Le lien ou le code est invalide ou a expiré.", await replay.Content.ReadAsStringAsync());
        var audit = await factory.WithDb(db => db.AuditEvents.Where(e => e.UserId == user.Id && (e.Kind == AuditKinds.PasswordResetRequested || e.Kind == AuditKinds.PasswordReset)).Select(e => e.Data).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, data => Assert.DoesNotContain("@", data ?? ""));
    }

    [Fact]
    public async Task Reset_WithWeakPassword_ShowsFrenchPolicyMessages()
    {
        var user = await factory.UserAsync();
        var path = new Uri(await RequestResetLinkAsync(user)).PathAndQuery;
        var client = PageClient.Create(factory);

        var response = await client.PostFormAsync(path, new() { ["Input.Password"] = "faible", ["Input.ConfirmPassword"] = "faible" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Le mot de passe doit contenir au moins 12 caractères.", html);
        Assert.Contains("Le mot de passe doit contenir au moins un chiffre.", html);
        Assert.Contains("Le mot de passe doit contenir au moins une majuscule.", html);
        Assert.Contains("Le mot de passe doit contenir au moins un caractère spécial (ni lettre ni chiffre).", html);
        await PageClient.SignedInAsync(factory, user); // unchanged
    }

    [Fact]
    public async Task Reset_WithMismatchedConfirmation_ShowsFrenchError()
    {
        var user = await factory.UserAsync();
        var path = new Uri(await RequestResetLinkAsync(user)).PathAndQuery;
        var response = await PageClient.Create(factory).PostFormAsync(path, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword + "x" });
        Assert.Contains("La confirmation ne correspond pas au nouveau mot de passe.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forgot_UnknownAddress_SameAnswerAndNoMail()
    {
        var known = await factory.UserAsync();
        var unknown = $"{TestData.Unique("personne")}@example.test";
        var client = PageClient.Create(factory);

        var knownDoc = PageClient.Parse(await (await client.PostFormAsync(ForgotUrl, new() { ["Input.Email"] = known.Email })).Content.ReadAsStringAsync());
        var unknownResponse = await client.PostFormAsync(ForgotUrl, new() { ["Input.Email"] = unknown });
        var unknownDoc = PageClient.Parse(await unknownResponse.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, unknownResponse.StatusCode);
        var text = unknownDoc.QuerySelector("#confirmation")?.TextContent;
        Assert.StartsWith("Si un compte correspond à cette adresse", text);
        Assert.Equal(knownDoc.QuerySelector("main")!.TextContent, unknownDoc.QuerySelector("main")!.TextContent);
        Assert.Empty(factory.MailsTo(unknown));
        Assert.Single(factory.MailsTo(known.Email));
    }

    [Fact]
    public async Task Reset_WithTamperedCode_ShowsInvalidLinkMessage()
    {
        var user = await factory.UserAsync();
        var response = await PageClient.Create(factory).PostFormAsync($"/compte/reinitialiser?userId={user.Id}&code=pas-un-jeton",
            new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le lien ou le code est invalide ou a expiré.", await response.Content.ReadAsStringAsync());
    }
}
