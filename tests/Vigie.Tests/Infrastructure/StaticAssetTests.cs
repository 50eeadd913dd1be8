using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Vigie.Tests.Governance;

namespace Vigie.Tests.Infrastructure;

/// <summary>
/// Stylesheets and scripts are served fingerprinted, compressed and cached for a year (issue 11 F: the first visit
/// downloaded 1.39 MB of uncompressed CSS without cache headers), and a signed-in user's asset requests are not
/// marked no-store nor sent through authentication.
/// </summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
[Collection(AppCollection.Name)]
public sealed partial class StaticAssetTests(VigieFactory factory)
{
    [GeneratedRegex(@"(?:href|src)=""(/(?:lib|css|js)/[^""?]+\.(?:css|js))""")]
    private static partial Regex AssetReference();

    [GeneratedRegex(@"\.[a-z0-9]{8,}\.(?:css|js)$")]
    private static partial Regex Fingerprint();

    [Fact]
    public async Task PageAssets_AreFingerprinted_Compressed_AndImmutable_EvenForASignedInUser()
    {
        var s = await factory.SetupAsync();
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var html = await (await page.Http.GetAsync($"/contrats/{s.Contract.Id}")).Content.ReadAsStringAsync();

        var assets = AssetReference().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains(assets, a => a.StartsWith("/lib/dsfr/dsfr.min.", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/css/vigie.", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            Assert.Matches(Fingerprint(), asset);
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            var response = await page.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Content.Headers.ContentEncoding.Contains("gzip"), $"{asset}: Content-Encoding « {response.Content.Headers.ContentEncoding.FirstOrDefault()} »");
            var cache = response.Headers.CacheControl;
            Assert.True(cache is { NoStore: false, MaxAge.TotalDays: >= 365 }, $"{asset}: Cache-Control « {cache} »");
            Assert.Contains("immutable", cache!.ToString(), StringComparison.Ordinal);
            await using var body = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
            var text = await new StreamReader(body).ReadToEndAsync();
            Assert.True(text.Length > 100, $"{asset}: {text.Length} characters once decompressed");
        }
    }

    [Fact]
    public async Task UnversionedAsset_IsRevalidated_NotCachedForAYear()
    {
        var response = await PageClient.Create(factory).Http.GetAsync("/css/vigie.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache == true, $"Cache-Control « {response.Headers.CacheControl} »");
        Assert.NotNull(response.Headers.ETag);
    }
}
