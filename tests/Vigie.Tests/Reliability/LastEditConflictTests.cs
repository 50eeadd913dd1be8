using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Reliability;

/// <summary>
/// Issue 16, the last edits without a version (ADR 0019): the "milestone done" button, the fiche's quick value form and the
/// plan settings. A second person acting from what they saw before the first one's change is told, in French, what is stored
/// now; nothing of theirs overwrites it unless they send it again.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LastEditConflictTests(VigieFactory factory)
{
    private static string ItemPage(PlanFixture p, Guid item) => $"/contrats/{p.Contract.Id}/plan/elements/{item}";

    private static async Task<Guid> MilestoneAsync(PlanFixture p, Guid item) =>
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{item}/milestones", new { title = "Recrutement", dueOn = "2026-09-01" });

    private Task<(DateOnly? DoneOn, int Version)> StoredMilestoneAsync(Guid id) =>
        factory.WithDb(db => db.Milestones.Where(m => m.Id == id).Select(m => new ValueTuple<DateOnly?, int>(m.DoneOn, m.Version)).SingleAsync());

    [Fact]
    public async Task MilestoneDone_Api_FromAStaleVersion_Is409_AndTheMilestoneKeepsItsState()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Médiation de nuit");
        var id = await MilestoneAsync(p, item);
        var (_, version) = await StoredMilestoneAsync(id);
        var done = $"{p.Plan}/items/{item}/milestones/{id}/done";

        Assert.Equal(HttpStatusCode.NoContent, (await p.CoordinatorApi.PostAsJsonAsync(done, new { doneOn = "2026-05-04", version })).StatusCode);
        var stale = await p.CoordinatorApi.PostAsJsonAsync(done, new { doneOn = (string?)null, version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await PlanTestKit.JsonAsync(stale);
        Assert.Contains("Réalisé le : « 04/05/2026 »", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(version + 1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal((new DateOnly(2026, 5, 4), version + 1), await StoredMilestoneAsync(id));
        // Without a version (older clients), the button still works.
        Assert.Equal(HttpStatusCode.NoContent, (await p.CoordinatorApi.PostAsJsonAsync(done, new { doneOn = (string?)null })).StatusCode);
        Assert.Null((await StoredMilestoneAsync(id)).DoneOn);
    }

    [Fact]
    public async Task MilestoneDoneButton_PressedOnAStalePage_ShowsWhatChanged_AndChangesNothing()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Prévention routière");
        var id = await MilestoneAsync(p, item);
        var page = ItemPage(p, item);
        var a = await PageClient.SignedInAsync(factory, p.Coordinator);
        var b = await PageClient.SignedInAsync(factory, p.Coordinator);
        string ButtonVersion(AngleSharp.Html.Dom.IHtmlDocument d) =>
            d.QuerySelector($"tr[data-milestone='{id}'] input[name='MilestoneDone.Version']")!.GetAttribute("value")!;
        var version = ButtonVersion(await a.GetDocumentAsync(page));
        Assert.Equal(version, ButtonVersion(await b.GetDocumentAsync(page)));

        // a marks it done, finds it was a mistake and reopens it (each from the page as it is then).
        var action = $"{page}?handler=Done&milestoneId={id}";
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostFormAsync(action, new() { ["MilestoneDone.Version"] = version }, page)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostFormAsync($"{page}?handler=Reopen&milestoneId={id}",
            new() { ["MilestoneDone.Version"] = ButtonVersion(await a.GetDocumentAsync(page)) }, page)).StatusCode);
        var stored = await StoredMilestoneAsync(id);
        Assert.Null(stored.DoneOn);
        // b still sees the "Marquer réalisé" button of before both changes: pressing it is refused with the stored state.
        var refused = await b.PostFormAsync(action, new() { ["MilestoneDone.Version"] = version }, page);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var text = (await b.GetDocumentAsync(refused.Headers.Location!.OriginalString)).Body!.TextContent;
        Assert.Contains("a été modifié par", text, StringComparison.Ordinal);
        Assert.Contains("Réalisé le : « (vide) »", text, StringComparison.Ordinal);
        Assert.Equal(stored, await StoredMilestoneAsync(id));
    }

    [Fact]
    public async Task QuickValueForm_PeriodFilledMeanwhile_IsAConflict_ThenSendingAgainReplacesIt()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Accueil des victimes");
        var ind = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{item}/indicators", new { name = "Victimes reçues", kind = "output", unit = "personnes" });
        var page = ItemPage(p, item);
        var action = $"{page}?handler=Value&indicatorId={ind}";
        var a = await PageClient.SignedInAsync(factory, p.Coordinator);
        var b = await PageClient.SignedInAsync(factory, p.Coordinator);
        Dictionary<string, string> Form(string value) => new() { ["Value.NewPeriod"] = "true", ["Value.Version"] = "", ["Value.Period"] = "2025", ["Value.Value"] = value, ["Value.Provenance"] = "Registre" };
        Task<decimal> StoredAsync() => factory.WithDb(db => db.PlanIndicatorValues.Where(v => v.IndicatorId == ind).Select(v => v.Value).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await a.PostFormAsync(action, Form("10"), page)).StatusCode);
        var refused = await b.PostFormAsync(action, Form("15"), page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var doc = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Une valeur a déjà été enregistrée", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Valeur : « 10", doc.Body.TextContent, StringComparison.Ordinal);
        Assert.Equal(10m, await StoredAsync());
        // The refused form comes back with b's input and the stored value's version: sending it again is a deliberate replacement.
        var form = doc.QuerySelector($"form[action*='indicatorId={ind}']")!;
        Assert.Equal("15", form.QuerySelector("input[name='Value.Value']")!.GetAttribute("value"));
        var current = form.QuerySelector("input[name='Value.Version']")!.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(current));
        var again = Form("15");
        again["Value.Version"] = current!;
        Assert.Equal(HttpStatusCode.Redirect, (await b.PostFormAsync(action, again, page)).StatusCode);
        Assert.Equal(15m, await StoredAsync());
    }

    [Fact]
    public async Task PlanSettings_StaleBudgetChoice_IsRefusedOnThePageAnd409OnTheApi_AndTheReminderDelayIsKept()
    {
        var p = await factory.PlanFixtureAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await p.CoordinatorApi.PutAsJsonAsync($"{p.Plan}/settings", new { publishBudget = false, reminderDaysBefore = 14 })).StatusCode);
        var page = $"/contrats/{p.Contract.Id}/plan/budget";
        var action = $"{page}?handler=Settings";
        var a = await PageClient.SignedInAsync(factory, p.Coordinator);
        var b = await PageClient.SignedInAsync(factory, p.Coordinator);
        string Hidden(AngleSharp.Html.Dom.IHtmlDocument d, string name) => d.QuerySelector($"input[name='{name}'][type=hidden]")!.GetAttribute("value")!;
        var seenByA = await a.GetDocumentAsync(page);
        var version = Hidden(seenByA, "Settings.Version");
        Assert.Equal("14", Hidden(seenByA, "Settings.ReminderDaysBefore"));
        Assert.Equal(version, Hidden(await b.GetDocumentAsync(page), "Settings.Version"));
        Task<(bool Publish, int Days)> StoredAsync() => factory.WithDb(db => db.PlanSettings.Where(s => s.ContractId == p.Contract.Id)
            .Select(s => new ValueTuple<bool, int>(s.PublishBudget, s.ReminderDaysBefore)).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await a.PostFormAsync(action,
            new() { ["Settings.PublishBudget"] = "true", ["Settings.ReminderDaysBefore"] = "14", ["Settings.Version"] = version }, page)).StatusCode);
        Assert.Equal((true, 14), await StoredAsync());
        var refused = await b.PostFormAsync(action, new() { ["Settings.PublishBudget"] = "false", ["Settings.ReminderDaysBefore"] = "14", ["Settings.Version"] = version }, page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var doc = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Publication du budget : « oui »", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(version, Hidden(doc, "Settings.Version"));
        Assert.Equal((true, 14), await StoredAsync());

        var stale = await p.CoordinatorApi.PutAsJsonAsync($"{p.Plan}/settings", new { publishBudget = false, reminderDaysBefore = 3, version = int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Délai des rappels", (await PlanTestKit.JsonAsync(stale)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((true, 14), await StoredAsync());
    }
}
