using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Reliability;

/// <summary>
/// Issue 16 item 2 on the other records of a fiche (ADR 0019): commitments, milestones, budget lines, indicators and indicator
/// values. Two edits from the same version: the first is kept, the second is refused (409 naming the field, or the page's
/// French message with the input kept).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PlanRecordConflictTests(VigieFactory factory)
{
    private static async Task<JsonElement> ItemAsync(PlanFixture p, Guid item) => await PlanTestKit.JsonAsync(await p.CoordinatorApi.GetAsync($"{p.Plan}/items/{item}"));

    /// <summary>PUTs <paramref name="first"/> then <paramref name="second"/> from the same version: 204 then 409 naming <paramref name="field"/>.</summary>
    private static async Task TwoPutsAsync(PlanFixture p, string url, int version, object first, object second, string field, string kept)
    {
        var ok = await p.CoordinatorApi.PutAsJsonAsync(url, PlanTestKit.Merge(first, new { version }));
        Assert.True(ok.IsSuccessStatusCode, await ok.Content.ReadAsStringAsync());
        var stale = await p.CoordinatorApi.PutAsJsonAsync(url, PlanTestKit.Merge(second, new { version }));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await PlanTestKit.JsonAsync(stale);
        Assert.Contains($"{field} : « {kept} »", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(version + 1, problem.GetProperty("currentVersion").GetInt32());
    }

    private static int VersionOf(JsonElement item, string list, Guid id) =>
        item.GetProperty(list).EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == id).GetProperty("version").GetInt32();

    [Fact]
    public async Task Milestone_TwoPutsFromTheSameVersion_SecondIs409_FirstKept()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Médiation");
        var id = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{item}/milestones", new { title = "Recrutement", dueOn = "2026-09-01" });
        var version = VersionOf(await ItemAsync(p, item), "milestones", id);
        await TwoPutsAsync(p, $"{p.Plan}/items/{item}/milestones/{id}", version, new { title = "Recrutement des médiateurs", dueOn = "2026-09-01" },
            new { title = "Formation", dueOn = "2026-10-01" }, "Jalon", "Recrutement des médiateurs");
        Assert.Equal("Recrutement des médiateurs", await factory.WithDb(db => db.Milestones.Where(m => m.Id == id).Select(m => m.Title).SingleAsync()));
    }

    [Fact]
    public async Task BudgetLine_TwoPutsFromTheSameVersion_SecondIs409_FirstKept()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Vidéoprotection");
        var id = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{item}/budget", new { funder = "fipd", planned = 1000, label = "Caméras" });
        var version = VersionOf(await ItemAsync(p, item), "budget", id);
        await TwoPutsAsync(p, $"{p.Plan}/items/{item}/budget/{id}", version, new { funder = "fipd", planned = 1000, label = "Caméras du parc" },
            new { funder = "fipd", planned = 2000, label = "Caméras" }, "Libellé", "Caméras du parc");
        Assert.Equal(1000m, await factory.WithDb(db => db.BudgetLines.Where(l => l.Id == id).Select(l => l.Planned).SingleAsync()));
    }

    [Fact]
    public async Task Commitment_TwoPutsFromTheSameVersion_SecondIs409_FirstKept()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Halls d'immeubles");
        var org = p.PartnerX.OrganisationId;
        var id = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{item}/commitments", new { organisationId = org, what = "Gardiennage" });
        var version = VersionOf(await ItemAsync(p, item), "commitments", id);
        await TwoPutsAsync(p, $"{p.Plan}/items/{item}/commitments/{id}", version, new { organisationId = org, what = "Gardiennage de nuit" },
            new { organisationId = org, what = "Éclairage" }, "Engagement", "Gardiennage de nuit");
        Assert.Equal("Gardiennage de nuit", await factory.WithDb(db => db.Commitments.Where(c => c.Id == id).Select(c => c.What).SingleAsync()));
    }

    [Fact]
    public async Task Indicator_TwoPutsFromTheSameVersion_SecondIs409_FirstKept()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Rixes");
        var id = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{item}/indicators", new { name = "Rixes", kind = "result", unit = "faits" });
        var version = VersionOf(await ItemAsync(p, item), "indicators", id);
        await TwoPutsAsync(p, $"{p.Plan}/items/{item}/indicators/{id}", version, new { name = "Rixes entre quartiers", kind = "result", unit = "faits" },
            new { name = "Rixes", kind = "result", unit = "personnes" }, "Indicateur", "Rixes entre quartiers");
        Assert.Equal("faits", await factory.WithDb(db => db.PlanIndicators.Where(i => i.Id == id).Select(i => i.Unit).SingleAsync()));
    }

    [Fact]
    public async Task IndicatorValue_TwoSavesFromTheSameVersion_SecondIs409_FirstKept()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Accueil des victimes");
        var ind = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{item}/indicators", new { name = "Victimes reçues", kind = "output", unit = "personnes" });
        var url = $"{p.Plan}/items/{item}/indicators/{ind}/values";
        await p.CoordinatorApi.CreateAsync(url, new { period = "2025", value = 10, provenance = "Registre" });
        var value = (await ItemAsync(p, item)).GetProperty("indicators").EnumerateArray().Single().GetProperty("values").EnumerateArray().Single();
        var version = value.GetProperty("version").GetInt32();

        Assert.Equal(HttpStatusCode.Created, (await p.CoordinatorApi.PostAsJsonAsync(url, new { period = "2025", value = 12, provenance = "Registre", version })).StatusCode);
        var stale = await p.CoordinatorApi.PostAsJsonAsync(url, new { period = "2025", value = 15, provenance = "Registre", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Valeur : « 12", (await PlanTestKit.JsonAsync(stale)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(12m, await factory.WithDb(db => db.PlanIndicatorValues.Where(v => v.IndicatorId == ind).Select(v => v.Value).SingleAsync()));
    }

    [Fact]
    public async Task MilestonePage_StaleForm_ShowsWhatChanged_AndKeepsTheInput()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Prévention routière");
        var id = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{item}/milestones", new { title = "Diagnostic", dueOn = "2026-09-01" });
        var url = $"/contrats/{p.Contract.Id}/plan/elements/{item}/jalons/{id}";
        var a = await PageClient.SignedInAsync(factory, p.Coordinator);
        var b = await PageClient.SignedInAsync(factory, p.Coordinator);
        string VersionIn(AngleSharp.Html.Dom.IHtmlDocument d) => d.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        var version = VersionIn(await a.GetDocumentAsync(url));
        Assert.Equal(version, VersionIn(await b.GetDocumentAsync(url)));
        var form = new Dictionary<string, string> { ["Input.Title"] = "Diagnostic partagé", ["Input.DueOn"] = "2026-09-01", ["Input.Weight"] = "1", ["Input.Version"] = version };
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostFormAsync(url, form)).StatusCode);

        form["Input.Title"] = "Plan de circulation";
        var refused = await b.PostFormAsync(url, form);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var doc = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Jalon : « Diagnostic partagé »", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Plan de circulation", doc.QuerySelector("input[name='Input.Title']")?.GetAttribute("value"));
        Assert.NotEqual(version, VersionIn(doc));
        Assert.Equal("Diagnostic partagé", await factory.WithDb(db => db.Milestones.Where(m => m.Id == id).Select(m => m.Title).SingleAsync()));
    }
}
