using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Security;

namespace Vigie.Tests.Accounts;

/// <summary>Issue 9 finding 11: signing out ends the session on the server, so a copied cookie is refused afterwards.</summary>
[Collection(AppCollection.Name)]
public sealed class LogoutTests(VigieFactory factory)
{
    private HttpClient WithCookie(VigieFactory f, string cookie)
    {
        var client = f.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    [Fact]
    public async Task ReplayedCookieAfterLogout_IsRefused_AlsoOnASecondInstance()
    {
        var user = await factory.UserAsync();
        var client = PageClient.Create(factory);
        var signIn = await TwoFactorSteps.PasswordStepAsync(client, user);
        var cookie = CookieHeaders.Pair(signIn, "vigie.auth");
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(factory, cookie).GetAsync("/compte")).StatusCode);
        // The cookie holds a session id, not the identity: the session is a row on the server.
        Assert.True(await factory.WithDb(db => db.AuthSessions.AnyAsync(s => s.UserId == user.Id)));

        var logout = await client.PostFormAsync("/compte/deconnexion", [], formPageUrl: "/compte");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var replay = await WithCookie(factory, cookie).GetAsync("/compte");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/compte/connexion", replay.Headers.Location!.OriginalString);
        Assert.False(await factory.WithDb(db => db.AuthSessions.AnyAsync(s => s.UserId == user.Id)));

        var second = VigieFactory.SharingDatabase(factory.ConnectionString);
        try
        {
            await second.InitializeAsync();
            Assert.Equal(HttpStatusCode.Redirect, (await WithCookie(second, cookie).GetAsync("/compte")).StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }
}
