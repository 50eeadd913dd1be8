using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Security;

/// <summary>Over-size uploads get a French 413; private answers are never stored by a browser or proxy cache.</summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
[Collection(AppCollection.Name)]
public sealed class HttpHardeningTests(VigieFactory factory)
{
    private static MultipartFormDataContent Big(string field, string fileName)
    {
        var file = new ByteArrayContent(new byte[21 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    [Fact]
    public async Task OverSizeUpload_OnAPage_Gets413WithTheLimitInFrench()
    {
        var p = await factory.PlanFixtureAsync();
        var page = await PageClient.SignedInAsync(factory, p.Coordinator);
        var url = $"/contrats/{p.Contract.Id}/plan/import";

        var response = await page.PostMultipartAsync(url, Big("Upload", "plan.csv"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Le fichier envoyé dépasse la taille maximale de 20 Mo.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverSizeUpload_OnTheApi_Gets413ProblemInFrench()
    {
        var p = await factory.PlanFixtureAsync();

        var response = await p.CoordinatorApi.PostAsync($"{p.Plan}/import", Big("file", "plan.csv"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Le fichier envoyé dépasse la taille maximale de 20 Mo.", problem.GetProperty("detail").GetString());
    }

    private static void AssertNoStore(HttpResponseMessage response, string what)
    {
        Assert.True(response.IsSuccessStatusCode, $"{what}: {response.StatusCode}");
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control « {response.Headers.CacheControl} »");
    }

    [Fact]
    public async Task PrivateAnswers_AreNoStore_PublicOnesAreNot()
    {
        var s = await factory.SetupAsync();
        var p = await factory.PlanFixtureAsync();
        var page = await PageClient.SignedInAsync(factory, p.Coordinator);

        AssertNoStore(await s.CoordinatorApi.GetAsync($"{s.Base}/meetings"), "API");
        AssertNoStore(await p.CoordinatorApi.GetAsync($"{p.Plan}/export?format=csv"), "API export");
        AssertNoStore(await page.Http.GetAsync($"/contrats/{p.Contract.Id}/plan"), "page signed in");
        AssertNoStore(await page.Http.GetAsync($"/contrats/{p.Contract.Id}/plan/import?handler=Export&format=xlsx"), "page export");

        var reader = await PageClient.SignedInAsync(factory, s.Reader);
        var created = await (await reader.PostFormAsync("/mon-agenda?handler=Create", [], formPageUrl: "/mon-agenda")).Content.ReadAsStringAsync();
        var feed = System.Text.RegularExpressions.Regex.Match(created, "https?://[^<\\s\"]+/calendrier/[^<\\s\"]+\\.ics");
        Assert.True(feed.Success, created);
        AssertNoStore(await factory.CreateClient().GetAsync(new Uri(feed.Value).PathAndQuery), "iCalendar feed (anonymous)");

        var anonymous = factory.CreateClient();
        var publicPage = await anonymous.GetAsync("/accessibilite");
        Assert.Equal(HttpStatusCode.OK, publicPage.StatusCode);
        Assert.NotEqual(true, publicPage.Headers.CacheControl?.NoStore);
        var css = await anonymous.GetAsync("/css/vigie.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);
    }
}
