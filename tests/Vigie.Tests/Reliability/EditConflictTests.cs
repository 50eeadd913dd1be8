using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Reliability;

/// <summary>
/// Issue 16, item 2 (ADR 0019): two people edit the same fiche action, meeting or partner from the same version. The first
/// save wins; the second gets a French message naming the fields that differ and the other person's values, keeps their
/// input, and saves only when sent again (with the version it was shown) — never a silent overwrite, never a 500.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EditConflictTests(VigieFactory factory)
{
    /// <summary>Every field of a form as a browser would send it (inputs, checked boxes, selected options, text areas).</summary>
    internal static Dictionary<string, string> FormFields(IHtmlDocument doc, string selector) =>
        FormFields(doc.QuerySelector(selector) ?? throw new InvalidOperationException($"no form {selector}"));

    /// <summary>Every field of one form element.</summary>
    internal static Dictionary<string, string> FormFields(AngleSharp.Dom.IElement form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var e in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = e.GetAttribute("name")!;
            if (name == "__RequestVerificationToken") continue;
            switch (e)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when !box.IsChecked: break;
                case IHtmlInputElement input: fields[name] = input.Value; break;
                case IHtmlSelectElement select: fields[name] = select.Value ?? ""; break;
                case IHtmlTextAreaElement area: fields[name] = area.Value; break;
            }
        }
        return fields;
    }

    private Task<string> NameAsync(TestUser user) => factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.FullName).SingleAsync());

    private static async Task<string> TextAsync(HttpResponseMessage r) => PageClient.Parse(await r.Content.ReadAsStringAsync()).Body!.TextContent;

    [Fact]
    public async Task PlanItem_TwoPageEditsFromTheSameVersion_SecondIsToldWhatChangedAndKeepsItsInput()
    {
        var first = await factory.UserAsync();
        var second = await factory.UserAsync();
        var contract = await factory.ContractAsync((first, ContractRole.Coordinator), (second, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(first);
        var item = await api.CreateAsync($"/api/v1/contracts/{contract.Id}/plan/items", new { kind = "priority", title = "Tranquillité publique" });
        var url = $"/contrats/{contract.Id}/plan/saisie/{item}";
        var a = await PageClient.SignedInAsync(factory, first);
        var b = await PageClient.SignedInAsync(factory, second);
        var formA = FormFields(await a.GetDocumentAsync(url), "main form[method=post]");
        var formB = FormFields(await b.GetDocumentAsync(url), "main form[method=post]");
        Assert.Equal(formA["Input.Version"], formB["Input.Version"]);

        formA["Input.Title"] = "Tranquillité publique et médiation";
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostFormAsync(url, formA)).StatusCode);

        formB["Input.Title"] = "Sécurité routière";
        formB["Input.Objectives"] = "Réduire les accidents";
        var refused = await b.PostFormAsync(url, formB);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        var text = PageClient.Parse(html).Body!.TextContent;
        Assert.Contains($"modifié par {await NameAsync(first)}", text, StringComparison.Ordinal);
        Assert.Contains("Intitulé : « Tranquillité publique et médiation »", text, StringComparison.Ordinal);
        var shown = PageClient.Parse(html);
        Assert.Equal("Sécurité routière", shown.QuerySelector("input[name='Input.Title']")?.GetAttribute("value"));
        Assert.Equal("Réduire les accidents", shown.QuerySelector("textarea[name='Input.Objectives']")?.TextContent.Trim());
        var newVersion = shown.QuerySelector("input[name='Input.Version']")?.GetAttribute("value");
        Assert.NotEqual(formB["Input.Version"], newVersion);
        Assert.Equal("Tranquillité publique et médiation", await factory.WithDb(db => db.PlanItems.Where(i => i.Id == item).Select(i => i.Title).SingleAsync()));

        // Sent again with the version it was shown: a deliberate overwrite.
        var again = FormFields(shown, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, (await b.PostFormAsync(url, again)).StatusCode);
        Assert.Equal("Sécurité routière", await factory.WithDb(db => db.PlanItems.Where(i => i.Id == item).Select(i => i.Title).SingleAsync()));
    }

    [Fact]
    public async Task PlanItem_TwoApiPutsFromTheSameVersion_SecondIs409WithTheChangedFields()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Prévention des rixes");
        var read = await PlanTestKit.JsonAsync(await p.CoordinatorApi.GetAsync($"{p.Plan}/items/{item}"));
        var version = read.GetProperty("version").GetInt32();

        var ok = await p.CoordinatorApi.PutAsJsonAsync($"{p.Plan}/items/{item}", new { kind = "priority", title = "Prévention des rixes entre quartiers", version });
        Assert.True(ok.IsSuccessStatusCode, await ok.Content.ReadAsStringAsync());
        var stale = await p.CoordinatorApi.PutAsJsonAsync($"{p.Plan}/items/{item}", new { kind = "priority", title = "Vidéoprotection", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await PlanTestKit.JsonAsync(stale);
        Assert.Contains("Intitulé : « Prévention des rixes entre quartiers »", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(version + 1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Contains(problem.GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "Intitulé");
        var after = await PlanTestKit.JsonAsync(await p.CoordinatorApi.GetAsync($"{p.Plan}/items/{item}"));
        Assert.Equal("Prévention des rixes entre quartiers", after.GetProperty("summary").GetProperty("title").GetString());
        Assert.Equal(version + 1, after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task MeetingMinutes_TwoPageSavesFromTheSameVersion_SecondKeepsItsText()
    {
        var s = await factory.SetupAsync();
        var meeting = await s.MeetingAsync(await s.BodyAsync(), "2026-05-12", "Comité de pilotage");
        var url = $"/contrats/{s.Contract.Id}/reunions/{meeting}";
        var a = await PageClient.SignedInAsync(factory, s.Coordinator);
        var b = await PageClient.SignedInAsync(factory, s.Coordinator);
        var formA = FormFields(await a.GetDocumentAsync(url), "form[action*='handler=Minutes']");
        var formB = FormFields(await b.GetDocumentAsync(url), "form[action*='handler=Minutes']");
        formA["Minutes.Minutes"] = "Relevé rédigé par la première personne.";
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostFormAsync(url + "?handler=Minutes", formA, formPageUrl: url)).StatusCode);

        formB["Minutes.Minutes"] = "Relevé rédigé en parallèle.";
        var refused = await b.PostFormAsync(url + "?handler=Minutes", formB, formPageUrl: url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var doc = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Compte rendu : « Relevé rédigé par la première personne. »", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Relevé rédigé en parallèle.", doc.QuerySelector("textarea[name='Minutes.Minutes']")?.TextContent.Trim());
        Assert.Equal("Relevé rédigé par la première personne.", await factory.WithDb(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.Minutes).SingleAsync()));
    }

    [Fact]
    public async Task MeetingApi_StaleScheduleOrMinutes_Is409_AndTheCurrentVersionIsAccepted()
    {
        var s = await factory.SetupAsync();
        var meeting = await s.MeetingAsync(await s.BodyAsync(), "2026-05-12", "Comité restreint");
        async Task<int> VersionAsync() => (await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/meetings/{meeting}")).GetProperty("meeting").GetProperty("version").GetInt32();
        var version = await VersionAsync();
        var moved = await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/meetings/{meeting}", new { title = "Comité restreint", date = "2026-05-13", startTime = "18:00", endTime = "20:00", place = "Salle B", version });
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());

        var staleMinutes = await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/meetings/{meeting}/minutes", new { minutes = "Texte", visibility = "members", version });
        Assert.Equal(HttpStatusCode.Conflict, staleMinutes.StatusCode);
        var staleMove = await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/meetings/{meeting}", new { title = "Comité restreint", date = "2026-05-20", startTime = "18:00", endTime = "20:00", place = "Salle A", version });
        Assert.Equal(HttpStatusCode.Conflict, staleMove.StatusCode);
        var detail = (await PlanTestKit.JsonAsync(staleMove)).GetProperty("detail").GetString()!;
        Assert.Contains("Date : « 13/05/2026 »", detail, StringComparison.Ordinal);
        Assert.Contains("Lieu : « Salle B »", detail, StringComparison.Ordinal);

        var saved = await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/meetings/{meeting}/minutes", new { minutes = "Texte", visibility = "members", version = await VersionAsync() });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Partner_TwoEditsFromTheSameVersion_PageAndApiRefuseTheSecond()
    {
        var org = await factory.OrganisationAsync(TestData.Unique("Commune de Vigny"));
        var admin = await factory.AdminAsync();
        var other = await factory.AdminAsync();
        var url = $"/partenaires/{org.Id}/modifier";
        var a = await PageClient.SignedInAsync(factory, admin);
        var b = await PageClient.SignedInAsync(factory, other);
        var formA = FormFields(await a.GetDocumentAsync(url), "main form[method=post]");
        var formB = FormFields(await b.GetDocumentAsync(url), "main form[method=post]");
        formA["Input.Phone"] = "01 23 45 67 89";
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostFormAsync(url, formA)).StatusCode);

        formB["Input.Address"] = "1 place de la Mairie";
        var refused = await b.PostFormAsync(url, formB);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var text = await TextAsync(refused);
        Assert.Contains("Téléphone : « 01 23 45 67 89 »", text, StringComparison.Ordinal);
        Assert.Contains($"modifié par {await NameAsync(admin)}", text, StringComparison.Ordinal);
        var stored = await factory.WithDb(db => db.Organisations.Where(o => o.Id == org.Id).Select(o => new { o.Phone, o.Address, o.Version }).SingleAsync());
        Assert.Equal("01 23 45 67 89", stored.Phone);
        Assert.Null(stored.Address);

        var api = await factory.ApiClientAsync(admin);
        var stale = await api.PutAsJsonAsync($"/api/v1/partners/{org.Id}", new { name = org.Name, type = "commune", address = "2 rue Haute", version = stored.Version - 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var current = await api.PutAsJsonAsync($"/api/v1/partners/{org.Id}", new { name = org.Name, type = "commune", address = "2 rue Haute", phone = "01 23 45 67 89", version = stored.Version });
        Assert.True(current.IsSuccessStatusCode, await current.Content.ReadAsStringAsync());
        Assert.Equal(stored.Version + 1, (await PlanTestKit.JsonAsync(current)).GetProperty("version").GetInt32());
    }
}
