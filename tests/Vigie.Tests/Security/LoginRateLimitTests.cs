using System.Net;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Security;

/// <summary>Its own app with a low login limit, so the shared app's tests are never throttled.</summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class LoginRateLimitTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new();

    public LoginRateLimitTests() => _factory.Settings["RateLimits:LoginPerMinute"] = "3";

    public Task InitializeAsync() => _factory.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task Login_FourthPostInAMinute_Gets429()
    {
        var client = PageClient.Create(_factory);
        var token = await client.AntiforgeryTokenAsync("/compte/connexion");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "quelqu-un@example.test", ["Input.Password"] = "Mauvais-mot-de-passe-1", ["__RequestVerificationToken"] = token,
            });
            statuses.Add((await client.Http.PostAsync("/compte/connexion", form)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        // Showing the form is not an attempt: it stays reachable.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/compte/connexion")).StatusCode);
        // The reset request shares the login budget.
        var reset = await client.Http.PostAsync("/compte/mot-de-passe-oublie", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "quelqu-un@example.test", ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync("/compte/mot-de-passe-oublie"),
        }));
        Assert.Equal((HttpStatusCode)429, reset.StatusCode);
    }
}
