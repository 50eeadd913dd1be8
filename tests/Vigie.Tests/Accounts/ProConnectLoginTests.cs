using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Account;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Accounts;

/// <summary>Vigie and a real OpenID Connect provider (OpenIddict on loopback) for the whole class.</summary>
public sealed class ProConnectApp : IAsyncLifetime
{
    public TestOidcProvider Provider { get; private set; } = null!;
    public VigieFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync();
        App = new VigieFactory();
        foreach (var (key, value) in Provider.VigieSettings()) App.Settings[key] = value;
        App.Settings["App:PublicBaseUrl"] = "http://localhost";
        await App.InitializeAsync();
        await Provider.RegisterClientAsync("http://localhost");
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>The browser's side of a ProConnect login, shared by the ProConnect test classes.</summary>
internal static class ProConnectLoginFlow
{
    /// <summary>The browser's round trip: Vigie's button, the provider's login form, the code back to Vigie. Returns Vigie's client and last answer.</summary>
    public static async Task<(PageClient Vigie, HttpResponseMessage Answer)> LoginAsync(VigieFactory App, TestOidcProvider Provider, TestOidcIdentity who)
    {
        var vigie = PageClient.Create(App);
        var start = await vigie.PostFormAsync("/compte/connexion?handler=ProConnect", new(), "/compte/connexion");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(Provider.Authority + "connect/authorize", authorize.AbsoluteUri);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var toLogin = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var loginPage = new Uri(new Uri(Provider.Authority), toLogin.Headers.Location!);
        var returnUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(loginPage.Query)["returnUrl"].ToString();
        var loggedIn = await browser.PostAsync(new Uri(new Uri(Provider.Authority), "/login"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = who.Login, ["returnUrl"] = returnUrl }));
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        var back = await browser.GetAsync(new Uri(new Uri(Provider.Authority), loggedIn.Headers.Location!));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var callback = back.Headers.Location!;
        Assert.StartsWith("http://localhost/signin-proconnect?", callback.AbsoluteUri);

        var signedIn = await vigie.Http.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var answer = await vigie.Http.GetAsync(signedIn.Headers.Location!.OriginalString);
        return (vigie, answer);
    }

    /// <summary>A successful login: Vigie's client, signed in.</summary>
    public static async Task<PageClient> SignInAsync(VigieFactory app, TestOidcProvider provider, TestOidcIdentity who)
    {
        var (vigie, answer) = await LoginAsync(app, provider, who);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return vigie;
    }
}

/// <summary>Issue 16 item 4: ProConnect login beside local accounts, against a provider started by the test.</summary>
public sealed class ProConnectLoginTests(ProConnectApp fixture) : IClassFixture<ProConnectApp>
{
    private VigieFactory App => fixture.App;
    private TestOidcProvider Provider => fixture.Provider;

    private Task<(PageClient Vigie, HttpResponseMessage Answer)> LoginAsync(TestOidcIdentity who) => ProConnectLoginFlow.LoginAsync(App, Provider, who);

    private static async Task AssertSignedInAsync(PageClient vigie, TestUser user)
    {
        var account = await vigie.Http.GetAsync("/compte");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains(user.Email, PageClient.Parse(await account.Content.ReadAsStringAsync()).Body!.TextContent);
    }

    [Fact]
    public async Task LoginPage_WhenConfigured_ShowsTheProConnectButton()
    {
        var page = await PageClient.Create(App).GetDocumentAsync("/compte/connexion");
        Assert.Contains("S'identifier avec ProConnect", page.Body!.TextContent);
    }

    [Fact]
    public async Task FirstLogin_MatchesTheVerifiedEmail_ThenTheLinkHoldsAfterTheEmailChanges()
    {
        var user = await App.UserAsync();
        var who = Provider.Add(user.Email.ToUpperInvariant());

        var (vigie, answer) = await LoginAsync(who);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location!.OriginalString);
        await AssertSignedInAsync(vigie, user);
        var link = await App.WithDb(db => db.ExternalLoginLinks.AsNoTracking().SingleAsync(l => l.UserId == user.Id));
        Assert.Equal((Provider.Authority, who.Subject), (link.Issuer, link.Subject));
        Assert.True(await App.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.ExternalLoginLinked && e.EntityId == user.Id.ToString())));

        // The provider now gives another e-mail (renamed service): the link (issuer + subject) still finds the account.
        who.Email = $"nouvelle-{Guid.NewGuid():N}@example.gouv.fr";
        var (again, _) = await LoginAsync(who);
        await AssertSignedInAsync(again, user);
        Assert.Equal(1, await App.WithDb(db => db.ExternalLoginLinks.CountAsync(l => l.UserId == user.Id)));
    }

    [Fact]
    public async Task UnknownEmail_IsRefusedInFrench_AndNoAccountIsCreated()
    {
        var users = await App.WithDb(db => db.Users.CountAsync());
        var who = Provider.Add($"inconnu-{Guid.NewGuid():N}@example.gouv.fr");

        var (vigie, answer) = await LoginAsync(who);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains(ExternalLoginModel.UnknownAccount, PageClient.Parse(await answer.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(users, await App.WithDb(db => db.Users.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await vigie.Http.GetAsync("/compte")).StatusCode); // not signed in: to the login page
    }

    [Fact]
    public async Task UserWithVigieTwoFactor_WithOneFactorAtTheProvider_IsRefused_WithTwoFactorsIsSignedIn()
    {
        // No role requires two factors for this user: only the account's own second factor (Vigie TOTP) is turned on.
        var user = await App.UserAsync();
        await App.WithDb(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, true)));

        var (refused, answer) = await LoginAsync(Provider.Add(user.Email, acr: "eidas1", "pwd"));
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains(ExternalLoginModel.TooWeak, PageClient.Parse(await answer.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(0, await App.WithDb(db => db.ExternalLoginLinks.CountAsync(l => l.UserId == user.Id)));
        Assert.Equal(HttpStatusCode.Redirect, (await refused.Http.GetAsync("/compte")).StatusCode); // not signed in

        var (vigie, _) = await LoginAsync(Provider.Add(user.Email, acr: "eidas2", "pwd", "otp"));
        await AssertSignedInAsync(vigie, user);
    }

    [Fact]
    public async Task DisabledAccount_FirstLogin_IsRefused_AndLeavesNoLink()
    {
        var user = await App.UserAsync();
        await App.WithDb(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true)));

        var (refused, answer) = await LoginAsync(Provider.Add(user.Email));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains(ExternalLoginModel.Disabled, PageClient.Parse(await answer.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(0, await App.WithDb(db => db.ExternalLoginLinks.CountAsync(l => l.UserId == user.Id)));
        Assert.Equal(HttpStatusCode.Redirect, (await refused.Http.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task Administrator_WhenTwoFactorsAreMandatoryForTheRole_OneFactorAtTheProviderIsRefused_TwoFactorsIsSignedIn()
    {
        // The same rule as a local login (Administration → Sécurité), no extra case for ProConnect.
        await App.WithDb(async db =>
        {
            if (!await db.TwoFactorRequirements.AnyAsync(r => r.Role == Roles.Administrator))
                db.TwoFactorRequirements.Add(new TwoFactorRequirement { Role = Roles.Administrator, Required = true, UpdatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        var admin = await App.AdminAsync();
        var weak = Provider.Add(admin.Email, acr: "eidas1", "pwd");

        var (refused, answer) = await LoginAsync(weak);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains(ExternalLoginModel.TooWeak, PageClient.Parse(await answer.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(0, await App.WithDb(db => db.ExternalLoginLinks.CountAsync(l => l.UserId == admin.Id))); // nothing kept
        Assert.Equal(HttpStatusCode.Redirect, (await refused.Http.GetAsync("/admin")).StatusCode);

        var strong = Provider.Add(admin.Email, acr: "eidas2", "pwd", "otp");
        var (vigie, _) = await LoginAsync(strong);
        Assert.Equal(HttpStatusCode.OK, (await vigie.Http.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheProviderSessionWithTheIdTokenHint()
    {
        var user = await App.UserAsync();
        var (vigie, _) = await LoginAsync(Provider.Add(user.Email));
        var before = Provider.EndSessions.Count;

        var logout = await vigie.PostFormAsync("/compte/deconnexion", new(), "/compte");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var endSession = logout.Headers.Location!;
        Assert.StartsWith(Provider.Authority + "connect/logout", endSession.AbsoluteUri);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(endSession.Query);
        Assert.Equal("http://localhost/compte/connexion", query["post_logout_redirect_uri"]);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var providerAnswer = await browser.GetAsync(endSession);
        Assert.Equal(HttpStatusCode.Redirect, providerAnswer.StatusCode);
        Assert.StartsWith("http://localhost/compte/connexion", providerAnswer.Headers.Location!.AbsoluteUri);
        Assert.Equal(before + 1, Provider.EndSessions.Count);
        Assert.Equal(HttpStatusCode.Redirect, (await vigie.Http.GetAsync("/compte")).StatusCode); // Vigie's session is gone
    }
}

/// <summary>Logout while the provider is down, on an instance that has not read the provider's discovery document yet.</summary>
public sealed class ProConnectOutageTests(ProConnectApp fixture) : IClassFixture<ProConnectApp>
{
    [Fact]
    public async Task Logout_WhenTheProviderIsUnreachable_EndsVigiesSessionWithAFrenchNotice()
    {
        var app = fixture.App;
        var user = await app.UserAsync();
        var vigie = await ProConnectLoginFlow.SignInAsync(app, fixture.Provider, fixture.Provider.Add(user.Email));
        Assert.Equal(HttpStatusCode.OK, (await vigie.Http.GetAsync("/compte")).StatusCode);

        await fixture.Provider.DisposeAsync(); // the provider stops answering
        // This instance forgets the discovery document it read at the login (as another instance, or this one restarted, would).
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitorCache<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>>()
            .TryRemove(ProConnectOptions.Scheme);

        var logout = await vigie.PostFormAsync("/compte/deconnexion", new(), "/compte");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var login = await vigie.Http.GetAsync(logout.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(LogoutModel.ProviderUnreachableMessage, PageClient.Parse(await login.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await vigie.Http.GetAsync("/compte")).StatusCode); // Vigie's session is gone
    }
}

/// <summary>Without ProConnect settings (the shared app): no button, no way to start a ProConnect login.</summary>
[Collection(AppCollection.Name)]
public sealed class ProConnectDisabledTests(VigieFactory factory)
{
    [Fact]
    public async Task LoginPage_WhenNotConfigured_HasNoProConnectButtonAndTheHandlerIsNotFound()
    {
        var client = PageClient.Create(factory);
        var page = await client.GetDocumentAsync("/compte/connexion");
        Assert.DoesNotContain("ProConnect", page.Body!.TextContent);
        var start = await client.PostFormAsync("/compte/connexion?handler=ProConnect", new(), "/compte/connexion");
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
    }
}
