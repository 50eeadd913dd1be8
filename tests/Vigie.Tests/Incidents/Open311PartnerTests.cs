using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Incidents;

/// <summary>
/// Partner-authenticated Open311 GET (specs §3.3): a partner's Vigie access token shows the partner-only categories;
/// the anonymous GET never does; a bad token or a non-partner gets the spec's 403.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class Open311PartnerTests(VigieFactory factory)
{
    private HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static List<string> Codes(JsonElement requests) => requests.EnumerateArray().Select(r => r.GetProperty("service_code").GetString()!).ToList();

    [Fact]
    public async Task PartnerOnlyCategories_ShowToAnAuthenticatedPartner_NeverToAnonymous()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, _) = await s.Open311Async();
        var hall = await s.ReportAsync("HALL-OCC");
        await s.ReportAsync("TAG-STD");
        var url = $"/open311/v2/requests.json?jurisdiction_id={jurisdiction}";

        var anonymous = Codes(await Anonymous().GetFromJsonAsync<JsonElement>(url));
        Assert.Contains("TAG-STD", anonymous);
        Assert.DoesNotContain("HALL-OCC", anonymous);
        var one = await Anonymous().GetAsync($"/open311/v2/requests/{hall.GetProperty("number").GetInt32()}.json?jurisdiction_id={jurisdiction}");
        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
        Assert.DoesNotContain("HALL-OCC", Codes(await Anonymous().GetFromJsonAsync<JsonElement>($"/open311/v2/services.json?jurisdiction_id={jurisdiction}")));

        var partner = Codes(await s.LandlordApi.GetFromJsonAsync<JsonElement>(url));
        Assert.Contains("HALL-OCC", partner);
        Assert.Contains("TAG-STD", partner);
        var xml = XDocument.Parse(await s.PoliceApi.GetStringAsync($"/open311/v2/requests/{hall.GetProperty("number").GetInt32()}.xml?jurisdiction_id={jurisdiction}"));
        Assert.Equal("HALL-OCC", xml.Root!.Element("request")!.Element("service_code")!.Value);
        Assert.Contains("HALL-OCC", Codes(await s.LandlordApi.GetFromJsonAsync<JsonElement>($"/open311/v2/services.json?jurisdiction_id={jurisdiction}")));
    }

    [Fact]
    public async Task BadToken_OrNotAPartnerOfTheContract_Gets403_InTheSpecsErrorBody()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, _) = await s.Open311Async();
        var url = $"/open311/v2/requests.xml?jurisdiction_id={jurisdiction}";

        var bad = Anonymous();
        bad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "vigie_pas-un-vrai-jeton");
        var r = await bad.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("403", XDocument.Parse(await r.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("code")!.Value);

        foreach (var client in new[] { s.OutsiderApi, s.ReaderApi })
        {
            var denied = await client.GetAsync($"/open311/v2/requests.json?jurisdiction_id={jurisdiction}");
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal("403", (await denied.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetString());
        }
    }
}
