using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigie.Tests.Accounts;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Security;

[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
[Collection(AppCollection.Name)]
public sealed class SecurityHeadersTests(VigieFactory factory)
{
    [Fact]
    public async Task Page_HasCspNosniffAndFrameProtection()
    {
        var response = await PageClient.Create(factory).Http.GetAsync("/compte/connexion");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Testing_EvenOverHttps_SendsNoHsts()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://vigie.example.test"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/compte/connexion");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task AuthCookie_IsHttpOnlyAndSameSiteLax()
    {
        var user = await factory.UserAsync();
        var response = await TwoFactorSteps.PasswordStepAsync(PageClient.Create(factory), user);

        var cookie = CookieHeaders.Find(response, "vigie.auth");
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
    }
}

internal static class CookieHeaders
{
    /// <summary>The Set-Cookie header of the named cookie (attributes included).</summary>
    public static string Find(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
              ?? throw new InvalidOperationException($"Pas de cookie {name} dans : {string.Join(" | ", values)}")
            : throw new InvalidOperationException($"Pas d'en-tête Set-Cookie ({response.StatusCode}).");

    /// <summary>"name=value" of the named cookie, to send it from another client.</summary>
    public static string Pair(HttpResponseMessage response, string name) => Find(response, name).Split(';')[0];
}
