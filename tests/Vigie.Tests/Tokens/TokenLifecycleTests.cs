using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Tokens;

[Collection(AppCollection.Name)]
public sealed class TokenLifecycleTests(VigieFactory factory)
{
    [Fact]
    public async Task CreateOnPage_ShownOnceWorksOnApi_ThenRevokeGives401()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        var expires = TestDates.Today.AddMonths(3);

        var created = await client.CreateTokenOnPageAsync(user, "Export hebdomadaire", expires);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var first = await client.GetDocumentAsync("/compte/jetons");
        var plain = first.QuerySelector("#nouveau-jeton")?.TextContent.Trim();
        Assert.NotNull(plain);
        Assert.StartsWith("vigie_", plain);
        Assert.Contains("Copiez votre nouveau jeton maintenant", first.Body!.TextContent);
        Assert.Contains("Export hebdomadaire", first.QuerySelector("table")!.TextContent);
        var second = await client.GetDocumentAsync("/compte/jetons");
        Assert.Null(second.QuerySelector("#nouveau-jeton"));
        Assert.DoesNotContain(plain, second.Body!.OuterHtml);

        var stored = await factory.WithDb(db => db.AccessTokens.AsNoTracking().SingleAsync(t => t.UserId == user.Id));
        Assert.Equal(AccessTokenAuthentication.Hash(plain), stored.TokenHash);
        Assert.NotNull(stored.ExpiresAt);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.TokenCreated && e.EntityId == stored.Id.ToString())));

        var api = factory.Bearer(plain);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var revoked = await client.PostFormAsync($"/compte/jetons?handler=Revoke&tokenId={stored.Id}", [], formPageUrl: "/compte/jetons");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var refused = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.TokenRevoked && e.EntityId == stored.Id.ToString())));
    }

    [Fact]
    public async Task CreateOnPage_WithEmptyNameOrPastExpiry_ShowsFrenchErrorsAndSavesNothing()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);

        var response = await client.PostFormAsync("/compte/jetons?handler=Create",
            new() { ["Input.Name"] = "", ["Input.ExpiresOn"] = "2020-01-01", ["Input.CurrentPassword"] = user.Password }, formPageUrl: "/compte/jetons");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = PageClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".fr-alert--error")!.TextContent;
        Assert.Contains("Le nom du jeton est obligatoire", errors);
        Assert.Contains("La date d'expiration doit être postérieure à aujourd'hui.", errors);
        Assert.Equal(0, await factory.WithDb(db => db.AccessTokens.CountAsync(t => t.UserId == user.Id)));
    }

    [Fact]
    public async Task CreateOnPage_WithExpiryBeyondOneYear_IsRefused()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        var tooFar = TestDates.Today.AddYears(1).AddDays(2);

        var response = await client.CreateTokenOnPageAsync(user, "Trop long", tooFar);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ne peut pas dépasser un an", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.WithDb(db => db.AccessTokens.CountAsync(t => t.UserId == user.Id)));
    }

    [Fact]
    public async Task RevokeOnPage_TokenOfAnotherUser_Returns404AndKeepsIt()
    {
        var owner = await factory.UserAsync();
        var (id, plain) = await factory.StoredTokenAsync(owner);
        var client = await PageClient.SignedInAsync(factory, await factory.UserAsync());

        var response = await client.PostFormAsync($"/compte/jetons?handler=Revoke&tokenId={id}", [], formPageUrl: "/compte/jetons");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Bearer(plain).GetAsync("/api/v1/me")).StatusCode);
    }
}
