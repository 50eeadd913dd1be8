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
    public static async Task<(Guid Id, string Plain)> StoredTokenAsync(this VigieFactory f, TestUser user, DateTimeOffset? expiresAt = null, DateTimeOffset? revokedAt = null, string scopes = "read write admin")
    {
        var plain = AccessTokenAuthentication.NewToken();
        var token = new PersonalAccessToken
        {
            Id = Guid.NewGuid(), UserId = user.Id, Name = TestData.Unique("jeton"), TokenHash = AccessTokenAuthentication.Hash(plain),
            Prefix = plain[..12], CreatedAt = DateTimeOffset.UtcNow.AddDays(-2), ExpiresAt = expiresAt ?? DateTimeOffset.UtcNow.AddDays(30), RevokedAt = revokedAt, Scopes = scopes,
        };
        await f.WithDb(async db => { db.AccessTokens.Add(token); return await db.SaveChangesAsync(); });
        return (token.Id, plain);
    }

    /// <summary>Stores a calendar feed of the user and returns its path (/calendrier/….ics).</summary>
    public static async Task<string> StoredFeedAsync(this VigieFactory f, TestUser user)
    {
        var secret = Vigie.Web.Features.Governance.CalendarFeedService.NewSecret();
        await f.WithDb(async db =>
        {
            db.CalendarFeeds.Add(new CalendarFeed { UserId = user.Id, TokenHash = AccessTokenAuthentication.Hash(secret), Prefix = secret[..10], CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        return $"/calendrier/{secret}.ics";
    }

    /// <summary>Posts the token form of /compte/jetons with the password typed again.</summary>
    public static Task<HttpResponseMessage> CreateTokenOnPageAsync(this PageClient client, TestUser user, string name, DateOnly? expiresOn = null,
        bool write = false, bool admin = false, string? password = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.ExpiresOn"] = (expiresOn ?? TestDates.Today.AddMonths(3)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.CurrentPassword"] = password ?? user.Password,
        };
        if (write) fields["Input.Write"] = "true";
        if (admin) fields["Input.Admin"] = "true";
        return client.PostFormAsync("/compte/jetons?handler=Create", fields, formPageUrl: "/compte/jetons");
    }
}
