using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Features.Incidents;

namespace Vigie.Tests.Incidents;

/// <summary>The GeoReport v2 endpoints driven by a plain, anonymous HTTP client, in XML and JSON (specs §3.1).</summary>
[Collection(AppCollection.Name)]
public sealed class Open311Tests(VigieFactory factory)
{
    private HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<(int Code, string Description)> XmlErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.OrdinalIgnoreCase);
        var error = XDocument.Parse(text).Root!.Element("error")!;
        return (int.Parse(error.Element("code")!.Value), error.Element("description")!.Value);
    }

    private static async Task<(int Code, string Description)> JsonErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        return (int.Parse(error.GetProperty("code").GetString()!), error.GetProperty("description").GetString()!);
    }

    [Fact]
    public async Task Discovery_ExistsInBothFormats()
    {
        var http = Anonymous();
        var xml = XDocument.Parse(await http.GetStringAsync("/open311/v2/discovery.xml"));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", xml.Root!.Element("endpoints")!.Element("endpoint")!.Element("specification")!.Value);
        var json = await http.GetFromJsonAsync<JsonElement>("/open311/v2/discovery.json");
        Assert.Equal(["text/xml", "application/json"], json.GetProperty("endpoints")[0].GetProperty("formats").EnumerateArray().Select(f => f.GetString()!).ToArray());
    }

    [Fact]
    public async Task Services_ListOnlyPublicCategories_InXmlAndJson()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, _) = await s.Open311Async();
        var http = Anonymous();

        var json = await http.GetFromJsonAsync<JsonElement>($"/open311/v2/services.json?jurisdiction_id={jurisdiction}");
        var codes = json.EnumerateArray().Select(x => x.GetProperty("service_code").GetString()!).ToList();
        Assert.Contains("TAG-STD", codes);
        Assert.DoesNotContain("DROGUE-LIEU", codes);
        Assert.DoesNotContain("HALL-OCC", codes);
        Assert.Equal("false", json[0].GetProperty("metadata").GetString());

        var xml = XDocument.Parse(await http.GetStringAsync($"/open311/v2/services.xml?jurisdiction_id={jurisdiction}"));
        Assert.Equal(codes, xml.Root!.Elements("service").Select(e => e.Element("service_code")!.Value).ToList());
        // The INSEE code of a covered commune is an alias of the jurisdiction (59350 is covered by this and maybe other test contracts).
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/open311/v2/services/TAG-STD.json?jurisdiction_id={jurisdiction}")).StatusCode);
    }

    [Fact]
    public async Task PostThenGet_RoundTripsInBothFormats_WithCoarseLocationAndScrubbedText()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, key) = await s.Open311Async();
        var http = Anonymous();

        var post = await http.PostAsync("/open311/v2/requests.json", Form(("jurisdiction_id", jurisdiction), ("api_key", key), ("service_code", "ENC-VP"),
            ("lat", "50.63724"), ("long", "3.06331"), ("address_string", "12 rue de la Monnaie, Lille"), ("email", "habitant@example.test"), ("first_name", "Jean"),
            ("description", "Canapé devant le 12, appeler M. Dupont au 06 12 34 56 78, voiture AB-123-CD")));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!;

        var one = (await http.GetFromJsonAsync<JsonElement>($"/open311/v2/requests/{id}.json?jurisdiction_id={jurisdiction}"))[0];
        Assert.Equal("open", one.GetProperty("status").GetString());
        Assert.Equal("ENC-VP", one.GetProperty("service_code").GetString());
        Assert.Equal("50.638", one.GetProperty("lat").GetString());
        Assert.Equal("rue de la Monnaie, Lille", one.GetProperty("address").GetString());
        var description = one.GetProperty("description").GetString()!;
        Assert.DoesNotContain("06 12", description);
        Assert.DoesNotContain("AB-123-CD", description);
        Assert.DoesNotContain("Dupont", description);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", one.GetProperty("requested_datetime").GetString()!);
        Assert.Equal(s.Commune.Name, one.GetProperty("agency_responsible").GetString());

        var xml = XDocument.Parse(await http.GetStringAsync($"/open311/v2/requests.xml?jurisdiction_id={jurisdiction}&service_code=ENC-VP&status=open"));
        Assert.Contains(xml.Root!.Elements("request"), r => r.Element("service_request_id")!.Value == id);
    }

    [Fact]
    public async Task GetRequests_NeverShowsPartnerOnlyCategories()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, key) = await s.Open311Async();
        var secret = await s.ReportAsync("DROGUE-LIEU", description: "Point de deal");
        var http = Anonymous();

        var all = await http.GetFromJsonAsync<JsonElement>($"/open311/v2/requests.json?jurisdiction_id={jurisdiction}");
        var byId = await http.GetAsync($"/open311/v2/requests/{secret.GetProperty("number").GetInt32()}.json?jurisdiction_id={jurisdiction}");
        var listed = await http.GetFromJsonAsync<JsonElement>($"/open311/v2/requests.json?jurisdiction_id={jurisdiction}&service_request_id={secret.GetProperty("number").GetInt32()}");

        Assert.DoesNotContain(all.EnumerateArray(), r => r.GetProperty("service_code").GetString() == "DROGUE-LIEU");
        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal(0, listed.GetArrayLength());
    }

    [Fact]
    public async Task Post_ErrorCases_AnswerTheSpecErrorsAndStoreNothing()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, key) = await s.Open311Async();
        var http = Anonymous();
        (string, string)[] place = [("lat", "50.6372"), ("long", "3.0633")];

        async Task Expect(string format, int status, params (string, string)[] fields)
        {
            var response = await http.PostAsync($"/open311/v2/requests.{format}", Form(fields));
            Assert.Equal(status, (int)response.StatusCode);
            var (code, description) = format == "xml" ? await XmlErrorAsync(response) : await JsonErrorAsync(response);
            Assert.Equal(status, code);
            Assert.False(string.IsNullOrWhiteSpace(description));
        }

        foreach (var format in new[] { "xml", "json" })
        {
            await Expect(format, 403, [("jurisdiction_id", jurisdiction), ("service_code", "TAG-STD"), .. place]);
            await Expect(format, 403, [("jurisdiction_id", jurisdiction), ("api_key", "o311_faux"), ("service_code", "TAG-STD"), .. place]);
            await Expect(format, 404, [("jurisdiction_id", "inconnu.test"), ("api_key", key), ("service_code", "TAG-STD"), .. place]);
            await Expect(format, 404, [("jurisdiction_id", jurisdiction), ("api_key", key), ("service_code", "NOPE"), .. place]);
            await Expect(format, 400, [("jurisdiction_id", jurisdiction), ("api_key", key), ("service_code", "TAG-STD")]);
            await Expect(format, 400, [("jurisdiction_id", jurisdiction), ("api_key", key), .. place]);
            await Expect(format, 400, [("jurisdiction_id", jurisdiction), ("api_key", key), ("service_code", "TAG-STD"), .. place, ("description", new string('x', 5000))]);
            await Expect(format, 400, [("jurisdiction_id", jurisdiction), ("api_key", key), ("service_code", "TAG-STD"), .. place, ("description", "<b>tag</b>")]);
            await Expect(format, 400, [("jurisdiction_id", jurisdiction), ("api_key", key), ("service_code", "TAG-STD"), ("lat", "48.8566"), ("long", "2.3522")]);
            await Expect(format, 400, [("jurisdiction_id", jurisdiction), ("api_key", key), ("service_code", "TAG-STD"), ("lat", "nord"), ("long", "3.06")]);
        }
        Assert.Equal(0, await factory.IncidentCountAsync(s.Contract.Id));
    }

    [Fact]
    public async Task Post_WithARevokedKey_IsForbidden()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, key) = await s.Open311Async();
        var clients = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/open311/clients");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.DeleteAsync($"{s.Base}/open311/clients/{clients[0].GetProperty("id").GetGuid()}")).StatusCode);

        var response = await Anonymous().PostAsync("/open311/v2/requests.json", Form(("jurisdiction_id", jurisdiction), ("api_key", key), ("service_code", "TAG-STD"), ("lat", "50.6372"), ("long", "3.0633")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Get_ErrorCases_AnswerTheSpecErrors()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, _) = await s.Open311Async();
        var http = Anonymous();
        foreach (var format in new[] { "xml", "json" })
        {
            async Task Expect(string url, int status)
            {
                var response = await http.GetAsync(url);
                Assert.Equal(status, (int)response.StatusCode);
                var (code, _) = format == "xml" ? await XmlErrorAsync(response) : await JsonErrorAsync(response);
                Assert.Equal(status, code);
            }
            var j = $"jurisdiction_id={jurisdiction}";
            await Expect($"/open311/v2/requests.{format}?{j}&start_date=2026-01-01T00:00:00Z&end_date=2026-05-01T00:00:00Z", 400);
            await Expect($"/open311/v2/requests.{format}?{j}&start_date=2026-01-01", 400);
            await Expect($"/open311/v2/requests.{format}?{j}&status=pending", 400);
            await Expect($"/open311/v2/requests.{format}?{j}&service_request_id=abc", 400);
            await Expect($"/open311/v2/requests.{format}", 400);
            await Expect($"/open311/v2/requests.{format}?jurisdiction_id=inconnu.test", 404);
            await Expect($"/open311/v2/requests/999999.{format}?{j}", 404);
            await Expect($"/open311/v2/services/NOPE.{format}?{j}", 404);
            await Expect($"/open311/v2/services/DROGUE-LIEU.{format}?{j}", 404);
            await Expect($"/open311/v2/tokens/abc.{format}?{j}", 404);
        }
        // A span of exactly 90 days with offsets is accepted.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/open311/v2/requests.json?jurisdiction_id={jurisdiction}&start_date=2026-01-01T00:00:00%2B01:00&end_date=2026-04-01T00:00:00%2B02:00")).StatusCode);
    }

    [Fact]
    public async Task Post_AttributesPartialLocationsOtherKeysAndBodies_AnswerTheSpecErrorsAndStoreNothing()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, key) = await s.Open311Async();
        var other = await factory.IncidentSetupAsync();
        var (_, otherKey) = await other.Open311Async();
        var http = Anonymous();
        (string, string)[] ok = [("jurisdiction_id", jurisdiction), ("api_key", key), ("service_code", "TAG-STD")];

        foreach (var format in new[] { "xml", "json" })
        {
            async Task<string> Expect(int status, HttpContent content)
            {
                var response = await http.PostAsync($"/open311/v2/requests.{format}", content);
                Assert.Equal(status, (int)response.StatusCode);
                var (code, description) = format == "xml" ? await XmlErrorAsync(response) : await JsonErrorAsync(response);
                Assert.Equal(status, code);
                return description;
            }
            // attribute[code]=value: these services define none (metadata=false), so any attribute is refused by name.
            Assert.Contains("attribute[couleur]", await Expect(400, Form([.. ok, ("lat", "50.6372"), ("long", "3.0633"), ("attribute[couleur]", "rouge")])));
            Assert.Contains("attribute[type]", await Expect(400, Form([.. ok, ("lat", "50.6372"), ("long", "3.0633"), ("attribute[type][]", "a"), ("attribute[type][]", "b")])));
            // lat without long (and the reverse) is not a location.
            Assert.Contains("long", await Expect(400, Form([.. ok, ("lat", "50.6372")])));
            Assert.Contains("lat", await Expect(400, Form([.. ok, ("long", "3.0633")])));
            // Empty parameters behave like absent ones.
            await Expect(400, Form([.. ok, ("lat", ""), ("long", ""), ("address_string", " ")]));
            await Expect(403, Form([("jurisdiction_id", jurisdiction), ("api_key", ""), ("service_code", "TAG-STD"), ("lat", "50.6372"), ("long", "3.0633")]));
            // The key of another jurisdiction's client is invalid here.
            await Expect(403, Form([("jurisdiction_id", jurisdiction), ("api_key", otherKey), ("service_code", "TAG-STD"), ("lat", "50.6372"), ("long", "3.0633")]));
            // Several jurisdictions are served: jurisdiction_id is required (400), a malformed one is unknown (404).
            await Expect(400, Form([("api_key", key), ("service_code", "TAG-STD"), ("lat", "50.6372"), ("long", "3.0633")]));
            await Expect(404, Form([("jurisdiction_id", "pas un domaine"), ("api_key", key), ("service_code", "TAG-STD"), ("lat", "50.6372"), ("long", "3.0633")]));
            // The body must be a form (application/x-www-form-urlencoded), not JSON.
            await Expect(400, JsonContent.Create(new { jurisdiction_id = jurisdiction, api_key = key, service_code = "TAG-STD", lat = 50.6372, @long = 3.0633 }));
            // Coordinates out of WGS84 range.
            await Expect(400, Form([.. ok, ("lat", "95"), ("long", "3.0633")]));
        }
        Assert.Equal(0, await factory.IncidentCountAsync(s.Contract.Id));
        Assert.Equal(0, await factory.IncidentCountAsync(other.Contract.Id));
    }

    [Fact]
    public async Task Post_WithAnAddressOnly_AnswersTheNewIdInXml_WithUtf8Declaration()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, key) = await s.Open311Async();

        var response = await Anonymous().PostAsync("/open311/v2/requests.xml", Form(("jurisdiction_id", jurisdiction), ("api_key", key),
            ("service_code", "ECL-PUB"), ("address_string", "Rue Nationale, Lille"), ("description", "Lampadaire éteint depuis trois nuits")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.OrdinalIgnoreCase);
        var request = Assert.Single(XDocument.Parse(text).Root!.Elements("request"));
        Assert.Equal("service_requests", request.Parent!.Name.LocalName);
        Assert.Matches(@"^\d+$", request.Element("service_request_id")!.Value);
        Assert.Null(request.Element("token"));
        Assert.Equal("Prise en compte sous 5 j ouvrés.", request.Element("service_notice")!.Value);
        Assert.Equal(1, await factory.IncidentCountAsync(s.Contract.Id));
    }

    [Fact]
    public async Task Get_UnknownFormat_Is404WithTheXmlErrorBody()
    {
        var response = await Anonymous().GetAsync("/open311/v2/services.html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var (code, description) = await XmlErrorAsync(response);
        Assert.Equal(404, code);
        Assert.Contains(".xml", description);
    }

    [Fact]
    public async Task GetRequests_ServiceRequestIdOverridesOtherFilters_AndTheListIsCapped()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, _) = await s.Open311Async();
        var a = (await s.ReportAsync("TAG-STD")).GetProperty("number").GetInt32();
        var b = (await s.ReportAsync("ENC-VP", IncidentKit.LilleLat + 0.01)).GetProperty("number").GetInt32();
        var http = Anonymous();

        // service_request_id wins over a bad status, a bad date and another service_code.
        var json = await http.GetFromJsonAsync<JsonElement>($"/open311/v2/requests.json?jurisdiction_id={jurisdiction}&service_request_id={a},{b}&status=pending&start_date=hier&service_code=VOIRIE");
        Assert.Equal([a.ToString(), b.ToString()], json.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!).Order().ToArray());
        var xml = XDocument.Parse(await http.GetStringAsync($"/open311/v2/requests.xml?jurisdiction_id={jurisdiction}&service_request_id={b}"));
        Assert.Equal("ENC-VP", Assert.Single(xml.Root!.Elements("request")).Element("service_code")!.Value);

        foreach (var format in new[] { "xml", "json" })
        {
            // More than 1000 ids, a start after the end: 400 with the error body.
            var many = string.Join(',', Enumerable.Range(1, 1001));
            foreach (var url in new[] { $"requests.{format}?jurisdiction_id={jurisdiction}&service_request_id={many}",
                $"requests.{format}?jurisdiction_id={jurisdiction}&start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z",
                $"requests.{format}?jurisdiction_id={jurisdiction}&end_date=2026-02-01" })
            {
                var response = await http.GetAsync($"/open311/v2/{url}");
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal(400, (format == "xml" ? await XmlErrorAsync(response) : await JsonErrorAsync(response)).Code);
            }
        }
    }

    [Fact]
    public async Task GetRequests_ClosedIncident_IsClosedWithItsClosingDateAndPublicNote_InBothFormats()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, _) = await s.Open311Async();
        var open = (await s.ReportAsync("TAG-STD")).GetProperty("number").GetInt32();
        var created = await s.ReportAsync("MOB-DEG", IncidentKit.LilleLat + 0.005);
        var id = created.GetProperty("id").GetGuid();
        var number = created.GetProperty("number").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents/{id}/status",
            new { status = "Cloture", closeReason = "NonFonde", note = "Banc déjà remplacé, appeler le 06 11 22 33 44", publicNote = true })).StatusCode);
        var http = Anonymous();

        var closed = await http.GetFromJsonAsync<JsonElement>($"/open311/v2/requests.json?jurisdiction_id={jurisdiction}&status=closed");
        var row = Assert.Single(closed.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == number.ToString());
        Assert.DoesNotContain(closed.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == open.ToString());
        Assert.Equal("closed", row.GetProperty("status").GetString());
        var notes = row.GetProperty("status_notes").GetString()!;
        Assert.StartsWith("Banc déjà remplacé", notes);
        Assert.DoesNotContain("06 11", notes);
        var closedAt = (await factory.WithDb(db => db.Incidents.Where(i => i.Id == id).Select(i => i.ClosedAt).FirstAsync()))!.Value;
        var updated = Open311Api.ParseDate(row.GetProperty("updated_datetime").GetString()!)!.Value;
        Assert.Equal(closedAt.ToUnixTimeSeconds(), updated.ToUnixTimeSeconds());

        var xml = XDocument.Parse(await http.GetStringAsync($"/open311/v2/requests.xml?jurisdiction_id={jurisdiction}&status=open"));
        Assert.All(xml.Root!.Elements("request"), r => Assert.Equal("open", r.Element("status")!.Value));
        Assert.Contains(xml.Root!.Elements("request"), r => r.Element("service_request_id")!.Value == open.ToString());
        Assert.DoesNotContain(xml.Root!.Elements("request"), r => r.Element("service_request_id")!.Value == number.ToString());
    }
}
