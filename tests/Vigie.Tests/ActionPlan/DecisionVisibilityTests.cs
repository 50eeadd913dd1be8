using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.ActionPlan;

/// <summary>
/// Finding 2 of issue 9: a restricted meeting's decision that creates or amends a plan action carries restricted visibility
/// into the plan — never on the public plan page, the public report (page and PDF), plan exports or for members not
/// entitled — until someone entitled declassifies it (warned, audited).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DecisionVisibilityTests(VigieFactory factory)
{
    private sealed record Fixture(GovernanceSetup S, Guid Action, Guid Amended, string Marker, string AmendedTitle);

    private async Task<Fixture> SetupAsync()
    {
        var s = await factory.SetupAsync();
        var marker = TestData.Unique("SECRET");
        var amendedTitle = TestData.Unique("Médiation de nuit");
        var amended = await factory.WithDb(async db =>
        {
            var a = new PlanItem { ContractId = s.Contract.Id, Kind = PlanItemKind.Action, Position = 1, Reference = TestData.Unique("A"), Title = amendedTitle, Description = "Deux médiateurs." };
            db.PlanItems.Add(a);
            (await db.Contracts.FindAsync(s.Contract.Id))!.IsPublished = true;
            await db.SaveChangesAsync();
            return a.Id;
        });
        var body = await s.BodyAsync("restricted", "restricted");
        await s.SeatAsync(body, s.Partner.Id);
        var meeting = await s.MeetingAsync(body, "2026-03-10", "Formation restreinte de mars");
        var item = await s.AgendaItemAsync(meeting);
        var created = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes",
            new { agendaItemId = item, kind = "decision", text = $"Suivi renforcé {marker}", createPlanAction = true });
        var outcome = await created.CreatedIdAsync();
        Assert.Equal(HttpStatusCode.Created, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes",
            new { agendaItemId = item, kind = "decision", text = $"Cibler le hall {marker}-bis", planItemId = amended })).StatusCode);
        var action = await factory.WithDb(db => db.Outcomes.Where(o => o.Id == outcome).Select(o => o.PlanItemId!.Value).SingleAsync());
        return new Fixture(s, action, amended, marker, amendedTitle);
    }

    [Fact]
    public async Task RestrictedDecision_InThePlan_StaysOffPublicPagesExportsAndNonEntitledReaders()
    {
        var f = await SetupAsync();
        var s = f.S;
        var anonymous = PageClient.Create(factory);
        var publicPlan = await anonymous.Http.GetStringAsync($"/public/contrats/{s.Contract.Id}/plan");
        Assert.DoesNotContain(f.Marker, publicPlan, StringComparison.Ordinal);
        Assert.DoesNotContain(f.AmendedTitle, publicPlan, StringComparison.Ordinal);
        var report = await anonymous.Http.GetStringAsync($"/public/contrats/{s.Contract.Id}/bilan?du=2026-01-01&au=2026-12-31");
        Assert.DoesNotContain(f.Marker, report, StringComparison.Ordinal);
        Assert.DoesNotContain(f.AmendedTitle, report, StringComparison.Ordinal);
        var reportPdf = await PdfText.FlatAsync(await factory.CreateClient().GetByteArrayAsync($"/public/contrats/{s.Contract.Id}/bilan?handler=Pdf&du=2026-01-01&au=2026-12-31"));
        Assert.DoesNotContain(f.Marker, reportPdf, StringComparison.Ordinal);
        Assert.DoesNotContain(f.AmendedTitle, reportPdf, StringComparison.Ordinal);

        var admin = await factory.AdminAsync();
        foreach (var (api, user) in new[] { (s.ReaderApi, s.Reader), (await factory.ApiClientAsync(admin), admin) })
        {
            Assert.DoesNotContain(f.Marker, await api.GetStringAsync($"{s.Base}/plan"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{s.Base}/plan/items/{f.Action}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{s.Base}/plan/items/{f.Amended}/history")).StatusCode);
            Assert.DoesNotContain(f.Marker, System.Text.Encoding.UTF8.GetString(await api.GetByteArrayAsync($"{s.Base}/plan/export?format=csv")), StringComparison.Ordinal);
            var page = await PageClient.SignedInAsync(factory, user);
            Assert.DoesNotContain(f.Marker, await page.Http.GetStringAsync($"/contrats/{s.Contract.Id}/plan"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync($"/contrats/{s.Contract.Id}/plan/elements/{f.Action}")).StatusCode);
        }

        // Entitled: the coordinator and the restricted body's member read both the new action and the amended one.
        foreach (var api in new[] { s.CoordinatorApi, s.PartnerApi })
        {
            var plan = await api.GetStringAsync($"{s.Base}/plan");
            Assert.Contains(f.Marker, plan, StringComparison.Ordinal);
            Assert.Contains(f.AmendedTitle, plan, StringComparison.Ordinal);
            Assert.Contains($"{f.Marker}-bis", await api.GetStringAsync($"{s.Base}/plan/items/{f.Amended}"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RestrictedPlanItem_CannotBeChangedByAnAdministratorWhoCannotReadIt()
    {
        var f = await SetupAsync();
        var s = f.S;
        var admin = await factory.ApiClientAsync(await factory.AdminAsync());
        var item = $"{s.Base}/plan/items/{f.Action}";
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync(item, new { kind = "action", title = "Écrasé par l'administrateur" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"{item}/comments", new { text = "Lu par l'administrateur" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"{item}/milestones", new { title = "Jalon", dueOn = "2026-09-30" })).StatusCode);
        var child = await admin.PostAsJsonAsync($"{s.Base}/plan/items", new { parentId = f.Action, kind = "subaction", title = "Sous-action" });
        Assert.Equal(HttpStatusCode.BadRequest, child.StatusCode); // the parent is not in the plan as the administrator reads it
        Assert.Contains("parent", await child.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync(item)).StatusCode);
        // Nothing changed: the coordinator still reads the action as the decision wrote it, with no comment.
        var body = await s.CoordinatorApi.GetStringAsync(item);
        Assert.Contains(f.Marker, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Écrasé par l'administrateur", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Lu par l'administrateur", await s.CoordinatorApi.GetStringAsync($"{item}/comments"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declassification_IsConfirmedByAnEntitledPerson_Audited_ThenPublic()
    {
        var f = await SetupAsync();
        var s = f.S;
        var url = $"{s.Base}/plan/items/{f.Action}/visibility";
        var admin = await factory.ApiClientAsync(await factory.AdminAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await s.ReaderApi.PutAsJsonAsync(url, new { visibility = "public", confirm = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync(url, new { visibility = "public", confirm = true })).StatusCode);
        var unconfirmed = await s.CoordinatorApi.PutAsJsonAsync(url, new { visibility = "public" });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Confirmez la déclassification", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(f.Marker, await PageClient.Create(factory).Http.GetStringAsync($"/public/contrats/{s.Contract.Id}/plan"), StringComparison.Ordinal);

        // A member of the restricted body is entitled to declassify (through the page, with the warning confirmed).
        var page = await PageClient.SignedInAsync(factory, s.Partner);
        var itemPage = $"/contrats/{s.Contract.Id}/plan/elements/{f.Action}";
        var viaPage = await page.PostFormAsync($"{itemPage}?handler=Visibility", new() { ["Visibility.Visibility"] = "Public", ["Visibility.Confirm"] = "true" }, itemPage);
        // A partner member is not a coordinator: the page does not offer the form, but the command decides (entitled by the seat).
        Assert.Equal(HttpStatusCode.Redirect, viaPage.StatusCode);

        var anonymous = PageClient.Create(factory);
        Assert.Contains(f.Marker, await anonymous.Http.GetStringAsync($"/public/contrats/{s.Contract.Id}/plan"), StringComparison.Ordinal);
        Assert.Contains(f.Marker, await anonymous.Http.GetStringAsync($"/public/contrats/{s.Contract.Id}/bilan?du=2026-01-01&au=2026-12-31"), StringComparison.Ordinal);
        Assert.Contains(f.Marker, await s.ReaderApi.GetStringAsync($"{s.Base}/plan"), StringComparison.Ordinal);
        // The amended action was not declassified: it stays out.
        Assert.DoesNotContain(f.AmendedTitle, await anonymous.Http.GetStringAsync($"/public/contrats/{s.Contract.Id}/plan"), StringComparison.Ordinal);
        var audit = await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == "confidentiality.declassified" && e.EntityId == f.Action.ToString()).Select(e => e.UserId).ToListAsync());
        Assert.Equal([s.Partner.Id], audit.Select(u => u!.Value));
    }
}
