using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using static Vigie.Tests.Reliability.EditConflictTests;

namespace Vigie.Tests.Reliability;

/// <summary>
/// Issue 16 item 2 (ADR 0019) on the governance and territory records: a body, a follow-up task and a sub-area edited
/// twice from the same version — the second writer is refused with the French message naming the stored values (page:
/// input kept; API: 409 with the current version), and nothing of theirs is saved.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class GovernanceEditConflictTests(VigieFactory factory)
{
    private static Dictionary<string, string> FormWith(IHtmlDocument doc, string field) =>
        FormFields(doc.QuerySelectorAll("form").First(f => f.QuerySelector($"[name='{field}']") is not null));

    private static async Task<JsonElement> ConflictAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        return await PlanTestKit.JsonAsync(response);
    }

    [Fact]
    public async Task Body_TwoEditsFromTheSameVersion_PageKeepsTheInput_ApiAnswers409()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync(name: TestData.Unique("Cellule de veille"));
        var url = $"/contrats/{s.Contract.Id}/instances/{body}";
        var a = await PageClient.SignedInAsync(factory, s.Coordinator);
        var b = await PageClient.SignedInAsync(factory, s.Coordinator);
        var formA = FormWith(await a.GetDocumentAsync(url), "Body.Name");
        var formB = FormWith(await b.GetDocumentAsync(url), "Body.Name");
        formA["Body.Chair"] = "Le maire";
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostFormAsync(url, formA)).StatusCode);

        formB["Body.Chair"] = "Le procureur de la République";
        var refused = await b.PostFormAsync(url, formB);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var doc = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Présidence : « Le maire »", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Le procureur de la République", doc.QuerySelector("input[name='Body.Chair']")?.GetAttribute("value"));
        Assert.Equal("Le maire", await factory.WithDb(db => db.Bodies.Where(x => x.Id == body).Select(x => x.Chair).SingleAsync()));

        var version = (await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/bodies/{body}")).GetProperty("version").GetInt32();
        var put = new { name = formA["Body.Name"], kind = "plenary", chair = "La préfète", version = version - 1 };
        var problem = await ConflictAsync(await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/bodies/{body}", put));
        Assert.Equal(version, problem.GetProperty("currentVersion").GetInt32());
        Assert.Contains("Présidence : « Le maire »", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/bodies/{body}", put with { version = version })).StatusCode);
    }

    [Fact]
    public async Task Task_AStaleUpdate_IsRefusedOnTheApiAndThePage_WithTheStoredValuesAndTheInputInTheMessage()
    {
        var s = await factory.SetupAsync();
        var meeting = await s.MeetingAsync(await s.BodyAsync());
        var task = await s.TaskAsync(meeting, await s.AgendaItemAsync(meeting), TestData.Unique("Relancer le bailleur"), ownerOrganisationId: s.PartnerOrganisation.Id);
        async Task<int> VersionAsync() => (await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/tasks")).EnumerateArray()
            .Single(t => t.GetProperty("id").GetGuid() == task).GetProperty("version").GetInt32();
        var version = await VersionAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await s.PartnerApi.PutAsJsonAsync($"{s.Base}/tasks/{task}", new { status = "inProgress", progress = "Courrier envoyé", version })).StatusCode);
        var problem = await ConflictAsync(await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/tasks/{task}", new { status = "cancelled", version }));
        Assert.Contains("Avancement : « Courrier envoyé »", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(version + 1, problem.GetProperty("currentVersion").GetInt32());

        // The page: the row's form carries the version; sent stale, the flash names the stored values and repeats the input.
        var url = $"/contrats/{s.Contract.Id}/taches";
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var form = FormWith(await page.GetDocumentAsync(url), "taskId");
        Assert.Equal((version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), form["version"]);
        Assert.Equal(HttpStatusCode.NoContent, (await s.PartnerApi.PutAsJsonAsync($"{s.Base}/tasks/{task}", new { status = "done", progress = "Rendez-vous tenu" })).StatusCode);
        form["status"] = "Cancelled";
        form["progress"] = "Abandon décidé";
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url + "?handler=Update", form, formPageUrl: url)).StatusCode);
        var text = (await page.GetDocumentAsync(url)).Body!.TextContent;
        Assert.Contains("Avancement : « Rendez-vous tenu »", text, StringComparison.Ordinal);
        Assert.Contains("avancement « Abandon décidé »", text, StringComparison.Ordinal);
        var stored = await factory.WithDb(db => db.FollowUpTasks.Where(t => t.Id == task).Select(t => new { t.Status, t.Progress }).SingleAsync());
        Assert.Equal((FollowUpStatus.Done, "Rendez-vous tenu"), (stored.Status, stored.Progress));
    }

    [Fact]
    public async Task Area_TwoEditsFromTheSameVersion_PageKeepsTheInput_ApiAnswers409()
    {
        var s = await factory.SetupAsync();
        var areas = $"{s.Base}/areas";
        var area = await (await s.CoordinatorApi.PostAsJsonAsync(areas, new { kind = "quartier", name = TestData.Unique("Centre") })).CreatedIdAsync();
        var url = $"/contrats/{s.Contract.Id}/secteurs/{area}/modifier";
        var a = await PageClient.SignedInAsync(factory, s.Coordinator);
        var b = await PageClient.SignedInAsync(factory, s.Coordinator);
        var formA = FormWith(await a.GetDocumentAsync(url), "Input.Name");
        var formB = FormWith(await b.GetDocumentAsync(url), "Input.Name");
        formA["Input.Code"] = "QN05901M";
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostFormAsync(url, formA)).StatusCode);
        formB["Input.Name"] = "Quartier des Épis";
        var refused = await b.PostFormAsync(url, formB);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var doc = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Code officiel : « QN05901M »", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Quartier des Épis", doc.QuerySelector("input[name='Input.Name']")?.GetAttribute("value"));
        Assert.NotEqual("Quartier des Épis", await factory.WithDb(db => db.Areas.Where(x => x.Id == area).Select(x => x.Name).SingleAsync()));

        var version = (await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{areas}/{area}")).GetProperty("version").GetInt32();
        var problem = await ConflictAsync(await s.CoordinatorApi.PutAsJsonAsync($"{areas}/{area}", new { kind = "site", name = "Gare", version = version - 1 }));
        Assert.Equal(version, problem.GetProperty("currentVersion").GetInt32());
        var ok = await s.CoordinatorApi.PutAsJsonAsync($"{areas}/{area}", new { kind = "site", name = "Gare", version });
        Assert.True(ok.IsSuccessStatusCode, await ok.Content.ReadAsStringAsync());
        Assert.Equal(version + 1, (await PlanTestKit.JsonAsync(ok)).GetProperty("version").GetInt32());
    }
}
