using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Incidents;

/// <summary>
/// Categories edited per contract (issue 14 item 1): pages and API, French validation, field history (who, when,
/// before/after), optimistic concurrency (ADR 0019), and a visibility change felt at once by Open311 and the public map.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class IncidentCategoryEditTests(VigieFactory factory)
{
    private static async Task<string> MapTableAsync(HttpClient http, string url) =>
        PageClient.Parse(await http.GetStringAsync(url)).QuerySelector("table")?.TextContent ?? "";

    private static async Task<string> DetailOfAsync(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task Api_CreateAndEdit_RecordHistory_AndRefuseBadInputInFrench()
    {
        var s = await factory.IncidentSetupAsync();
        var url = $"{s.Base}/incident-categories";
        await s.CoordinatorApi.GetAsync(url); // seeds the defaults

        var duplicate = await s.CoordinatorApi.PostAsJsonAsync(url, new { code = "TAG-STD", name = "Tags", group = "proprete", visibility = "Public", slaValue = 2, slaUnit = "Days" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("« TAG-STD » est déjà celui d'une autre catégorie", await DetailOfAsync(duplicate));
        var zeroSla = await s.CoordinatorApi.PostAsJsonAsync(url, new { code = "PLAQUE", name = "Plaque de rue", group = "voirie", visibility = "Public", slaValue = 0, slaUnit = "Days" });
        Assert.Contains("délai de prise en charge doit être un nombre entier supérieur à zéro", await DetailOfAsync(zeroSla));
        var unknown = await s.CoordinatorApi.PostAsJsonAsync(url, new { code = "PLAQUE", name = "Plaque de rue", group = "voirie", visibility = "Public", slaValue = 2, slaUnit = "Days",
            secondaryPartnerIds = new[] { Guid.NewGuid() } });
        Assert.Contains("partenaires secondaires choisis n'existe pas", await DetailOfAsync(unknown));
        var hallPublic = await s.CoordinatorApi.PutAsJsonAsync($"{url}/HALL-OCC", new { visibility = "Public" });
        Assert.Equal(HttpStatusCode.BadRequest, hallPublic.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.PoliceApi.PostAsJsonAsync(url, new { code = "PLAQUE", name = "Plaque", group = "voirie", slaValue = 2 })).StatusCode);

        var created = await s.CoordinatorApi.PostAsJsonAsync(url, new { code = "plaque", name = "Plaque de rue abîmée", group = "voirie", visibility = "Public", slaValue = 5,
            slaUnit = "BusinessDays", pilotOrganisationId = s.Commune.Id, secondaryPartnerIds = new[] { s.PoliceOrg.Id } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dto = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PLAQUE", dto.GetProperty("code").GetString());
        Assert.Equal(s.PoliceOrg.Id, dto.GetProperty("secondaryPartnerIds")[0].GetGuid());
        var version = dto.GetProperty("version").GetInt32();

        var edited = await s.CoordinatorApi.PutAsJsonAsync($"{url}/PLAQUE", new { name = "Plaque de rue dégradée", pilotOrganisationId = s.Commune.Id, secondaryPartnerIds = Array.Empty<Guid>(), version });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var stale = await s.CoordinatorApi.PutAsJsonAsync($"{url}/PLAQUE", new { name = "Plaque", pilotOrganisationId = s.Commune.Id, version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Plaque de rue dégradée", await DetailOfAsync(stale));

        var detail = await s.ReaderApi.GetFromJsonAsync<JsonElement>($"{url}/PLAQUE");
        Assert.Equal("Plaque de rue dégradée", detail.GetProperty("category").GetProperty("name").GetString());
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        var renamed = history.Single(h => h.GetProperty("field").GetString() == "Libellé" && h.GetProperty("operation").GetString() == "updated");
        Assert.Equal("Plaque de rue abîmée", renamed.GetProperty("before").GetString());
        Assert.Equal("Plaque de rue dégradée", renamed.GetProperty("after").GetString());
        var coordinatorName = await factory.WithDb(db => db.Users.Where(u => u.Id == s.Coordinator.Id).Select(u => u.FullName).SingleAsync());
        Assert.Equal(coordinatorName, renamed.GetProperty("by").GetString());
        Assert.Contains(history, h => h.GetProperty("field").GetString() == "Partenaires secondaires" && h.GetProperty("before").GetString() == s.PoliceOrg.Name);
        Assert.Contains(history, h => h.GetProperty("operation").GetString() == "created" && h.GetProperty("field").GetString() == "Code");
    }

    [Fact]
    public async Task VisibilityMadePartnerOnly_LeavesOpen311AndThePublicMapAtOnce()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, _) = await s.Open311Async();
        await s.ReportAsync("ENC-VP");
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var requests = $"/open311/v2/requests.json?jurisdiction_id={jurisdiction}";
        var map = $"/public/contrats/{s.Contract.Id}/signalements";
        Assert.Contains((await anonymous.GetFromJsonAsync<JsonElement>(requests)).EnumerateArray(), r => r.GetProperty("service_code").GetString() == "ENC-VP");
        Assert.Contains("Encombrants", await MapTableAsync(anonymous, map));

        Assert.Equal(HttpStatusCode.OK, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/incident-categories/ENC-VP", new { visibility = "Partners", pilotOrganisationId = s.Commune.Id })).StatusCode);

        Assert.DoesNotContain((await anonymous.GetFromJsonAsync<JsonElement>(requests)).EnumerateArray(), r => r.GetProperty("service_code").GetString() == "ENC-VP");
        Assert.DoesNotContain("Encombrants", await MapTableAsync(anonymous, map));
        Assert.DoesNotContain((await anonymous.GetFromJsonAsync<JsonElement>($"/open311/v2/services.json?jurisdiction_id={jurisdiction}")).EnumerateArray(),
            c => c.GetProperty("service_code").GetString() == "ENC-VP");
    }

    [Fact]
    public async Task Pages_CoordinatorEditsWithHistory_StaleFormGetsTheConflict_ReaderIsRefused()
    {
        var s = await factory.IncidentSetupAsync();
        var list = $"/contrats/{s.Contract.Id}/signalements/categories";
        var edit = $"{list}/modifier/BRUIT";
        var coordinator = await PageClient.SignedInAsync(factory, s.Coordinator);
        var listPage = await coordinator.GetDocumentAsync(list);
        Assert.Contains("Nuisances sonores", listPage.Body!.TextContent);
        Assert.NotNull(listPage.QuerySelector($"a[href='{edit}']"));

        var form = await coordinator.GetDocumentAsync(edit);
        var version = form.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        Dictionary<string, string> Fields(string name, string sla, string v) => new()
        {
            ["Input.Version"] = v, ["Input.Code"] = "BRUIT", ["Input.Name"] = name, ["Input.Group"] = "tranquillite", ["Input.Visibility"] = "Partners",
            ["Input.SlaValue"] = sla, ["Input.SlaUnit"] = "Hours", ["Input.PilotOrganisationId"] = s.PoliceOrg.Id.ToString(),
            ["Input.SecondaryPartnerIds"] = s.LandlordOrg.Id.ToString(), ["Input.SecondaryPartners"] = "PN/GN la nuit",
        };

        var zero = await coordinator.PostFormAsync(edit, Fields("Nuisances sonores", "0", version), edit);
        Assert.Equal(HttpStatusCode.OK, zero.StatusCode);
        Assert.Contains("supérieur à zéro", PageClient.Parse(await zero.Content.ReadAsStringAsync()).Body!.TextContent);

        var saved = await coordinator.PostFormAsync(edit, Fields("Nuisances sonores nocturnes", "24", version), edit);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await coordinator.GetDocumentAsync(edit);
        var timeline = after.QuerySelector("#historique")!.TextContent;
        Assert.Contains("→ Nuisances sonores nocturnes", timeline);
        Assert.Contains("48 h → 24 h", timeline);
        Assert.Contains(s.LandlordOrg.Name, timeline);

        var stale = await coordinator.PostFormAsync(edit, Fields("Bruit", "12", version), edit);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("modifié par", PageClient.Parse(await stale.Content.ReadAsStringAsync()).Body!.TextContent);

        var created = await coordinator.PostFormAsync($"{list}/modifier", new()
        {
            ["Input.Code"] = "FEU-VP", ["Input.Name"] = "Feu de poubelle", ["Input.Group"] = "proprete", ["Input.Visibility"] = "Public",
            ["Input.SlaValue"] = "1", ["Input.SlaUnit"] = "Days", ["Input.PilotOrganisationId"] = "",
        }, $"{list}/modifier");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Feu de poubelle", (await coordinator.GetDocumentAsync(list)).Body!.TextContent);

        var reader = await PageClient.SignedInAsync(factory, s.Reader);
        var refused = await reader.Http.GetAsync(edit);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains(Vigie.Web.Infrastructure.AccountPaths.AccessDenied, refused.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await reader.Http.GetAsync(list)).StatusCode);
        Assert.Null((await reader.GetDocumentAsync(list)).QuerySelector($"a[href='{edit}']"));
    }
}
