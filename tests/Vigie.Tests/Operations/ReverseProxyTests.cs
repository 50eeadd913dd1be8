using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Security;

namespace Vigie.Tests.Operations;

/// <summary>
/// Issue 16 item 1: Vigie in Production behind a TLS-terminating reverse proxy (nginx on 10.0.0.0/8 talking plain
/// HTTP to the app). Before, the login page answered 500 (the antiforgery cookie is secure-only and the app never
/// learnt the browser used HTTPS). The proxy's headers are believed only from the configured network.
/// </summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class ReverseProxyTests : IAsyncLifetime
{
    private const string Proxy = "10.0.0.5";
    private const string EchoHostPath = "/__test/host";
    private readonly VigieFactory _factory = ProductionApp.Create(s => s.AddSingleton<IStartupFilter, HostEcho>());

    public ReverseProxyTests()
    {
        _factory.Settings["Proxy:KnownNetworks"] = "10.0.0.0/8";
        _factory.Settings["AllowedHosts"] = ProductionApp.Host + ";autre.example.test";
    }

    public Task InitializeAsync() => _factory.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    /// <summary>Answers the host the app believes on a path no endpoint has (runs after the whole pipeline).</summary>
    private sealed class HostEcho : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == EchoHostPath
                ? context.Response.WriteAsync($"{context.Request.Scheme}://{context.Request.Host}")
                : Task.CompletedTask);
        };
    }

    /// <summary>A plain HTTP client (as nginx is to the app), cookies carried by hand: the browser side is HTTPS.</summary>
    private sealed class ProxiedClient(HttpClient http)
    {
        private readonly Dictionary<string, string> _cookies = [];

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string peer, Dictionary<string, string>? forwarded = null, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.Add(ProductionApp.PeerHeader, peer);
            foreach (var (name, value) in forwarded ?? []) request.Headers.Add(name, value);
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await http.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var pair in set.Select(v => v.Split(';')[0].Split('=', 2))) _cookies[pair[0]] = pair[1];
            return response;
        }
    }

    private ProxiedClient Client() => new(_factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("http://" + ProductionApp.Host), AllowAutoRedirect = false, HandleCookies = false,
    }));

    private static Dictionary<string, string> Tls(string client = "203.0.113.7") => new()
    {
        ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = client, ["X-Forwarded-Host"] = ProductionApp.Host,
    };

    [Fact]
    public async Task LoginPage_BehindTrustedTlsProxy_IsServedWithHstsAndSecureCookies()
    {
        var response = await Client().SendAsync(HttpMethod.Get, "/compte/connexion", Proxy, Tls());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains("; secure", CookieHeaders.Find(response, "vigie.af"), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>GETs the form page through the proxy, then posts the fields with its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(ProxiedClient client, string url, Dictionary<string, string> forwarded, Dictionary<string, string> fields)
    {
        var page = PageClient.Parse(await (await client.SendAsync(HttpMethod.Get, url, Proxy, forwarded)).Content.ReadAsStringAsync());
        fields["__RequestVerificationToken"] = ((IHtmlInputElement)page.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        return await client.SendAsync(HttpMethod.Post, url, Proxy, forwarded, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Login_ThroughTrustedTlsProxy_SignsInWithSecureAuthCookie()
    {
        var user = await _factory.UserAsync();
        var client = Client();

        var response = await PostFormAsync(client, "/compte/connexion", Tls(), new() { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("; secure", CookieHeaders.Find(response, "vigie.auth"), StringComparison.OrdinalIgnoreCase);
        var home = await client.SendAsync(HttpMethod.Get, "/", Proxy, Tls());
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task LoginPage_OverPlainHttpWithoutProxy_RedirectsToThePublicHttpsAddressInsteadOf500()
    {
        var response = await Client().SendAsync(HttpMethod.Get, "/compte/connexion?ReturnUrl=%2F", "192.0.2.10");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(ProductionApp.PublicBaseUrl + "/compte/connexion?ReturnUrl=%2F", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ForwardedProto_FromAnUntrustedPeer_IsIgnored()
    {
        var response = await Client().SendAsync(HttpMethod.Get, "/compte/connexion", "192.0.2.10", Tls());

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
    }

    [Fact]
    public async Task PostOverPlainHttp_GetsAFrenchMessage()
    {
        var response = await Client().SendAsync(HttpMethod.Post, "/compte/connexion", "192.0.2.10", content: new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("HTTPS", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ForwardedHost_IsBelievedOnlyWhenAllowed()
    {
        var client = Client();
        var allowed = Tls();
        allowed["X-Forwarded-Host"] = "autre.example.test";
        var evil = Tls();
        evil["X-Forwarded-Host"] = "evil.example";

        Assert.Equal("https://autre.example.test", await (await client.SendAsync(HttpMethod.Get, EchoHostPath, Proxy, allowed)).Content.ReadAsStringAsync());
        Assert.Equal("https://" + ProductionApp.Host, await (await client.SendAsync(HttpMethod.Get, EchoHostPath, Proxy, evil)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PasswordResetMail_BehindTheProxy_LinksToThePublicAddressWhateverTheForwardedHost()
    {
        var user = await _factory.UserAsync();
        var forwarded = Tls();
        forwarded["X-Forwarded-Host"] = "autre.example.test";

        var response = await PostFormAsync(Client(), "/compte/mot-de-passe-oublie", forwarded, new() { ["Input.Email"] = user.Email });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mail = Assert.Single(_factory.MailsTo(user.Email));
        Assert.StartsWith(ProductionApp.PublicBaseUrl + "/compte/reinitialiser?", mail.Link("/compte/reinitialiser"), StringComparison.Ordinal);
        Assert.DoesNotContain("autre.example.test", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthProbe_OverPlainHttp_IsAnswered()
    {
        var response = await Client().SendAsync(HttpMethod.Get, "/healthz", "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
