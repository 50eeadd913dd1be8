using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class TwoFactorTests(VigieFactory factory)
{
    private const string LoginWith2fa = "/compte/connexion-2fa";

    [Fact]
    public async Task SetupPage_WhenDisabled_ShowsKeyQrCodeAndOtpauthUri()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);

        var doc = await client.GetDocumentAsync(TwoFactorSteps.SetupUrl);

        var key = doc.QuerySelector("#cle-partagee")!.TextContent;
        Assert.Matches("^([a-z2-7]{4} )*[a-z2-7]{1,4}$", key);
        var img = doc.QuerySelector("img[alt=\"QR code à scanner avec votre application d'authentification\"]");
        Assert.StartsWith("data:image/png;base64,", img?.GetAttribute("src"));
        var uri = doc.QuerySelector("#uri-otpauth")!.TextContent;
        Assert.StartsWith("otpauth://totp/Vigie:", uri);
        Assert.Contains("secret=" + key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), uri);
        Assert.EndsWith("&issuer=Vigie&digits=6", uri);
    }

    [Fact]
    public async Task Enable_WithWrongCode_ShowsFrenchErrorAndStaysDisabled()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        var key = await TwoFactorSteps.SharedKeyAsync(client);
        var wrong = Totp.Code(key, DateTimeOffset.UtcNow.AddHours(1));

        var response = await client.PostFormAsync(TwoFactorSteps.SetupUrl + "?handler=Enable", new() { ["Input.Code"] = wrong }, TwoFactorSteps.SetupUrl);
        var malformed = await client.PostFormAsync(TwoFactorSteps.SetupUrl + "?handler=Enable", new() { ["Input.Code"] = "12ab" }, TwoFactorSteps.SetupUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le code de vérification est incorrect ou a expiré", await response.Content.ReadAsStringAsync());
        Assert.Contains("Le code de vérification doit comporter exactement 6 chiffres.", await malformed.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task FullFlow_EnableThenSignIn_RequiresCodeAndRecoveryCodeWorksOnce()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);

        var (key, recoveryCodes) = await TwoFactorSteps.EnableAsync(client);

        Assert.Equal(10, recoveryCodes.Count);
        Assert.True(await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.TwoFactorEnabled && e.UserId == user.Id)));
        // The codes are shown once only.
        var again = await client.GetDocumentAsync(TwoFactorSteps.SetupUrl);
        Assert.Empty(again.QuerySelectorAll(".vigie-recovery-codes code"));
        Assert.Equal("10", again.QuerySelector("#codes-restants")?.TextContent);

        // Sign out, then sign in: the password is not enough.
        var signOut = await client.PostFormAsync("/compte/deconnexion", new(), "/compte");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var fresh = PageClient.Create(factory);
        var passwordStep = await TwoFactorSteps.PasswordStepAsync(fresh, user);
        Assert.Equal(HttpStatusCode.Redirect, passwordStep.StatusCode);
        Assert.StartsWith(LoginWith2fa, passwordStep.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.Http.GetAsync("/")).StatusCode);

        var wrong = await fresh.PostFormAsync(LoginWith2fa, new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddHours(-1)) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Le code de vérification est incorrect ou a expiré.", await wrong.Content.ReadAsStringAsync());

        var right = await fresh.PostFormAsync(LoginWith2fa, new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await fresh.Http.GetAsync("/")).StatusCode);

        // A recovery code signs in once, then is spent.
        var viaRecovery = PageClient.Create(factory);
        await TwoFactorSteps.PasswordStepAsync(viaRecovery, user);
        var recovered = await viaRecovery.PostFormAsync(LoginWith2fa + "?handler=Recovery", new() { ["Input.RecoveryCode"] = recoveryCodes[0] }, LoginWith2fa);
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viaRecovery.Http.GetAsync("/")).StatusCode);

        var reuse = PageClient.Create(factory);
        await TwoFactorSteps.PasswordStepAsync(reuse, user);
        var refused = await reuse.PostFormAsync(LoginWith2fa + "?handler=Recovery", new() { ["Input.RecoveryCode"] = recoveryCodes[0] }, LoginWith2fa);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Ce code de récupération est invalide ou a déjà été utilisé.", await refused.Content.ReadAsStringAsync());
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.RecoveryCodeUsed && e.UserId == user.Id)));
    }

    [Fact]
    public async Task LoginWith2fa_WithoutPasswordStep_RedirectsToLogin()
    {
        var client = PageClient.Create(factory);
        var response = await client.Http.GetAsync(LoginWith2fa);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/connexion", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Disable_WithWrongPasswordRefused_WithRightPasswordTurnsOff()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        await TwoFactorSteps.EnableAsync(client);

        var wrong = await client.PostFormAsync(TwoFactorSteps.SetupUrl + "?handler=Disable", new() { ["Input.CurrentPassword"] = "Pas-le-bon-9999" }, TwoFactorSteps.SetupUrl);
        Assert.Contains("Le mot de passe actuel est incorrect.", await wrong.Content.ReadAsStringAsync());
        Assert.True(await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));

        var right = await client.PostFormAsync(TwoFactorSteps.SetupUrl + "?handler=Disable", new() { ["Input.CurrentPassword"] = user.Password }, TwoFactorSteps.SetupUrl);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.False(await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task RegenerateRecoveryCodes_OldCodesStopWorking()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        var (_, oldCodes) = await TwoFactorSteps.EnableAsync(client);

        var response = await client.PostFormAsync(TwoFactorSteps.SetupUrl + "?handler=RecoveryCodes", new(), TwoFactorSteps.SetupUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var newCodes = (await client.GetDocumentAsync(TwoFactorSteps.SetupUrl)).QuerySelectorAll(".vigie-recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, newCodes.Count);

        var other = PageClient.Create(factory);
        await TwoFactorSteps.PasswordStepAsync(other, user);
        var refused = await other.PostFormAsync(LoginWith2fa + "?handler=Recovery", new() { ["Input.RecoveryCode"] = oldCodes[0] }, LoginWith2fa);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var accepted = await other.PostFormAsync(LoginWith2fa + "?handler=Recovery", new() { ["Input.RecoveryCode"] = newCodes[0] }, LoginWith2fa);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }
}
