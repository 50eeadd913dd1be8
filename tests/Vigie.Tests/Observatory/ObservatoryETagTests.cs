using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Tokens;

namespace Vigie.Tests.Observatory;

/// <summary>
/// Issue 16, API hot path: a cached observatory table is written as the bytes serialised once, with a strong ETag; a
/// client that sends it back gets a 304 without a body. The 304 still passes authentication (a revoked token is refused,
/// not told "not modified") and carries the security headers; an import that changes the answer changes the ETag.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ObservatoryETagTests(VigieFactory factory)
{
    private const string Header = "CODGEO_2025;annee;indicateur;unite_de_compte;nombre;taux_pour_mille;est_diffuse;insee_pop;insee_pop_millesime;insee_log;insee_log_millesime;complement_info_nombre;complement_info_taux\n";

    private static HttpRequestMessage Get(string url, EntityTagHeaderValue? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null) request.Headers.IfNoneMatch.Add(etag);
        return request;
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Contains("default-src", string.Join(" ", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"Cache-Control « {response.Headers.CacheControl} »");
    }

    [Fact]
    public async Task CachedTable_HasAnETag_IfNoneMatchGets304_UntilAnImportChangesTheAnswer()
    {
        await factory.EnsureObservatoryAsync(); // geography (commune 01001, département 01)
        var user = await factory.UserAsync();
        var (tokenId, plain) = await factory.StoredTokenAsync(user);
        var api = factory.Bearer(plain);
        // An old edition no other test reads (never the latest), commune 01001 and its département 01.
        var edition = new DateOnly(2003, 1, 1);
        var folder = Directory.CreateTempSubdirectory("vigie-etag-").FullName;
        var communeFile = Path.Combine(folder, "commune-etag.csv");
        await File.WriteAllTextAsync(communeFile, Header + "01001;2000;Homicides;Victime;1;1,0000000;diff;1000;2000;500;2000;NA;NA\n");
        var departementFile = Path.Combine(folder, "departement-etag.csv");
        await File.WriteAllTextAsync(departementFile,
            "code_departement;code_region;annee;indicateur;unite_de_compte;nombre;taux_pour_mille;insee_pop;insee_pop_millesime;insee_log;insee_log_millesime\n" +
            "1;84;2000;Homicides;Victime;8;0.0300000;300000;2000;200000;2000\n");
        const string url = "/api/v1/observatory/commune/01001?year=2000&edition=2003-01-01";
        await factory.ImportSsmsiAsync(communeFile, edition);

        var first = await api.SendAsync(Get(url, null));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstBody);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(first);

        // From the cache: the same bytes and ETag; with the ETag sent back, a 304 without a body.
        var again = await api.SendAsync(Get(url, null));
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal(etag, again.Headers.ETag);
        var notModified = await api.SendAsync(Get(url, etag));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        AssertSecurityHeaders(notModified);
        // Another ETag (or none) gets the body.
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Get(url, new EntityTagHeaderValue("\"autre\"")))).StatusCode);

        // An import into the same edition changes the answer (département comparison), hence the ETag.
        await factory.ImportSsmsiAsync(departementFile, edition);
        var changed = await api.SendAsync(Get(url, etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("0.03", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Authentication still runs first: a revoked token is refused, never told "not modified".
        await factory.WithDb(async db =>
        {
            var token = await db.AccessTokens.SingleAsync(t => t.Id == tokenId);
            token.RevokedAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(Get(url, changed.Headers.ETag))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().SendAsync(Get(url, changed.Headers.ETag))).StatusCode);
    }
}
