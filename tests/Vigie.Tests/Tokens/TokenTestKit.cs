using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Tokens;

public static class TokenTestKit
{
    public static HttpClient Bearer(this VigieFactory f, string token)
    {
        var client = f.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Stores a token directly (for states the UI cannot produce, such as one already expired).</summary>
    public static async Task<(Guid Id, string Plain)> StoredTokenAsync(this VigieFactory f, TestUser user, DateTimeOffset? expiresAt = null, DateTimeOffset? revokedAt = null)
    {
        var plain = AccessTokenAuthentication.NewToken();
        var token = new PersonalAccessToken
        {
            Id = Guid.NewGuid(), UserId = user.Id, Name = TestData.Unique("jeton"), TokenHash = AccessTokenAuthentication.Hash(plain),
            Prefix = plain[..12], CreatedAt = DateTimeOffset.UtcNow.AddDays(-2), ExpiresAt = expiresAt, RevokedAt = revokedAt,
        };
        await f.WithDb(async db => { db.AccessTokens.Add(token); return await db.SaveChangesAsync(); });
        return (token.Id, plain);
    }
}
