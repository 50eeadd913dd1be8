using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Security;

/// <summary>
/// Issue 9 finding 11: behind a trusted proxy the login limit partitions on the real client (X-Forwarded-For), an
/// untrusted peer cannot choose its address, and one account is limited whatever the addresses. Its own app:
/// a start-up filter sets the TCP peer from a test header (the in-memory server has no network).
/// </summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class ReverseProxyRateLimitTests : IAsyncLifetime
{
    private const string PeerHeader = "X-Test-Peer";
    private readonly VigieFactory _factory = new() { TestServices = s => s.AddSingleton<IStartupFilter, PeerFilter>() };

    public ReverseProxyRateLimitTests()
    {
        _factory.Settings["RateLimits:LoginPerMinute"] = "2";
        _factory.Settings["RateLimits:LoginPerAccountPerMinute"] = "3";
        _factory.Settings["Proxy:KnownNetworks"] = "10.0.0.0/8";
    }

    public Task InitializeAsync() => _factory.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate n) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer)) context.Connection.RemoteIpAddress = IPAddress.Parse(peer!);
                return n(context);
            });
            next(app);
        };
    }

    private async Task<HttpStatusCode> LoginAsync(PageClient client, string token, string peer, string? forwardedFor, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/compte/connexion")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = "Mauvais-mot-de-passe-1", ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add(PeerHeader, peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.Http.SendAsync(request)).StatusCode;
    }

    private static string Email() => TestData.Unique("compte") + "@example.test";

    [Fact]
    public async Task BehindTrustedProxy_EachClientHasItsOwnBudget()
    {
        var client = PageClient.Create(_factory);
        var token = await client.AntiforgeryTokenAsync("/compte/connexion");

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) first.Add(await LoginAsync(client, token, "10.1.2.3", "203.0.113.10", Email()));
        var other = await LoginAsync(client, token, "10.1.2.3", "203.0.113.11", Email());

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], first);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Fact]
    public async Task UntrustedPeer_CannotPickItsAddressWithXForwardedFor()
    {
        var client = PageClient.Create(_factory);
        var token = await client.AntiforgeryTokenAsync("/compte/connexion");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add(await LoginAsync(client, token, "192.0.2.50", $"198.51.100.{i + 1}", Email()));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
    }

    [Fact]
    public async Task OneAccount_IsLimitedWhateverTheAddresses()
    {
        var client = PageClient.Create(_factory);
        var token = await client.AntiforgeryTokenAsync("/compte/connexion");
        var email = Email();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add(await LoginAsync(client, token, "10.1.2.3", $"198.18.0.{i + 1}", email));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
    }
}
