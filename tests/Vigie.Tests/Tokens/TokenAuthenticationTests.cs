using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Tokens;

[Collection(AppCollection.Name)]
public sealed class TokenAuthenticationTests(VigieFactory factory)
{
    [Fact]
    public async Task Api_WithExpiredToken_Returns401ProblemDetails()
    {
        var (_, plain) = await factory.StoredTokenAsync(await factory.UserAsync(), expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        var response = await factory.Bearer(plain).GetAsync("/api/v1/partners");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("révoqué ou expiré", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_WithoutToken_Returns401ProblemDetails()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Jeton d'accès manquant", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_WithSignInCookieOnly_Returns401()
    {
        var client = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var response = await client.Http.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Pages_WithValidBearerToken_RedirectToLogin()
    {
        var (_, plain) = await factory.StoredTokenAsync(await factory.UserAsync());
        var client = factory.Bearer(plain);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/connexion", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AdminPage_RevokesAnotherUsersToken_ThenItGets401()
    {
        var owner = await factory.UserAsync();
        var (id, plain) = await factory.StoredTokenAsync(owner);
        // The page lists the 500 most recent tokens: date this one now, or the suite's own tokens push it out of the list.
        await factory.WithDb(async db =>
        {
            (await db.AccessTokens.SingleAsync(t => t.Id == id)).CreatedAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });
        var admin = await PageClient.SignedInAsync(factory, await factory.AdminAsync());

        var page = await admin.GetDocumentAsync("/admin/jetons");
        Assert.Contains(owner.Email, page.QuerySelector("table")!.TextContent);
        var response = await admin.PostFormAsync($"/admin/jetons?handler=Revoke&tokenId={id}", [], formPageUrl: "/admin/jetons");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Bearer(plain).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task AdminPage_ByPlainUser_IsRefused()
    {
        var client = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var response = await client.Http.GetAsync("/admin/jetons");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/compte/acces-refuse", response.Headers.Location?.OriginalString ?? "");
    }
}
