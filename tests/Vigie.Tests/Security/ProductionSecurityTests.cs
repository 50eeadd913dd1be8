using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigie.Tests.Accounts;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Security;

/// <summary>
/// A production-like app of its own (environment Production, Security:RequireHttps). Requests go to a
/// non-loopback host name because UseHsts never sends the header to localhost.
/// </summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class ProductionSecurityTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new() { EnvironmentName = "Production" };

    public ProductionSecurityTests()
    {
        _factory.Settings["Security:RequireHttps"] = "true";
        // Production refuses to start without the certificate that encrypts the key ring.
        var pfx = Path.Combine(Path.GetTempPath(), $"vigie-dp-{Guid.NewGuid():N}.pfx");
        Vigie.Web.Infrastructure.KeyProtection.CreateSelfSignedPfx(pfx, "mot-de-passe-du-pfx");
        _factory.Settings["DataProtection:CertificatePath"] = pfx;
        _factory.Settings["DataProtection:CertificatePassword"] = "mot-de-passe-du-pfx";
        // … and without the key file of the confidential follow-up sheets (ADR 0010).
        var casesKey = Path.Combine(Path.GetTempPath(), $"vigie-cases-{Guid.NewGuid():N}.key");
        Vigie.Web.Features.Cases.CaseCipher.CreateKeyFile(casesKey);
        _factory.Settings["Cases:EncryptionKeyFile"] = casesKey;
        // Production must name its public address and host (README, configuration).
        _factory.Settings["App:PublicBaseUrl"] = "https://vigie.example.test";
        _factory.Settings["AllowedHosts"] = "vigie.example.test";
    }

    public Task InitializeAsync() => _factory.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    private PageClient HttpsClient() => new(_factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://vigie.example.test"), AllowAutoRedirect = false, HandleCookies = true,
    }));

    [Fact]
    public async Task Production_OverHttps_SendsHsts()
    {
        var response = await HttpsClient().Http.GetAsync("/compte/connexion");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.StartsWith("max-age=", hsts);
        Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Production_AuthCookie_IsSecureHttpOnlyLax()
    {
        var user = await _factory.UserAsync();
        var response = await TwoFactorSteps.PasswordStepAsync(HttpsClient(), user);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = CookieHeaders.Find(response, "vigie.auth");
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
