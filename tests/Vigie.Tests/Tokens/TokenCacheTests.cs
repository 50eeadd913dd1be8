using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Tokens;

/// <summary>
/// Issue 16: a token that authenticated is kept in memory for a short time (AccessTokenCache) so the API's hot path
/// makes no database round trip for it; a revocation or a disablement saved by this instance refuses the token at once,
/// one saved by another instance within <see cref="AccessTokenCache.Lifetime"/>.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TokenCacheTests(VigieFactory factory)
{
    private async Task<(Guid Id, HttpClient Api)> UsedTokenAsync(TestUser user)
    {
        var (id, plain) = await factory.StoredTokenAsync(user);
        var api = factory.Bearer(plain);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode); // now served from the cache
        return (id, api);
    }

    private static async Task RevokeAsync(VigieFactory instance, Guid tokenId) => await instance.WithDb(async db =>
    {
        var token = await db.AccessTokens.SingleAsync(t => t.Id == tokenId);
        token.RevokedAt = DateTimeOffset.UtcNow;
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task RevokedOnThisInstance_RefusedAtOnce()
    {
        var (id, api) = await UsedTokenAsync(await factory.UserAsync());

        await RevokeAsync(factory, id);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task AccountDisabledOnThisInstance_RefusedAtOnce()
    {
        var user = await factory.UserAsync();
        var (_, api) = await UsedTokenAsync(user);

        await factory.WithDb(async db =>
        {
            var row = await db.Users.SingleAsync(u => u.Id == user.Id);
            row.IsDisabled = true;
            return await db.SaveChangesAsync();
        });

        var refused = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Compte désactivé", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RevokedOnAnotherInstance_RefusedThereAtOnce_HereWithinTheCacheLifetime()
    {
        var (id, api) = await UsedTokenAsync(await factory.UserAsync());
        var second = VigieFactory.SharingDatabase(factory.ConnectionString);
        var moved = AccessTokenCache.Lifetime + TimeSpan.FromSeconds(1);
        try
        {
            await second.InitializeAsync();
            await RevokeAsync(second, id);
            var plain = api.DefaultRequestHeaders.Authorization!.Parameter!;
            Assert.Equal(HttpStatusCode.Unauthorized, (await second.Bearer(plain).GetAsync("/api/v1/me")).StatusCode);
            // This instance learns of it when its entry expires: at most AccessTokenCache.Lifetime later (whether the
            // entry is still there now depends on how long the second instance took to start: not asserted).
            factory.Clock.Advance(moved);

            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        }
        finally
        {
            factory.Clock.Advance(-moved);
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }
}
