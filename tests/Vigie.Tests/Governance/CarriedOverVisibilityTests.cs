using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Governance;

/// <summary>
/// Finding 1 of issue 9: a task agreed in a restricted meeting keeps that visibility when it is carried over to the body's
/// next members-only meeting — page, API, pack PDF, convocation and pack e-mails.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CarriedOverVisibilityTests(VigieFactory factory)
{
    private sealed record Fixture(GovernanceSetup S, Guid Body, Guid Restricted, Guid Next, string Marker, string OrgEmail);

    private async Task<Fixture> SetupAsync()
    {
        var s = await factory.SetupAsync();
        var marker = TestData.Unique("SECRET");
        // A watch cell whose meetings are members-only, where one session was held restricted (a nominative case).
        var body = await s.BodyAsync("watchCell", "members");
        await s.SeatAsync(body, s.Partner.Id);
        var org = await factory.OrganisationAsync();
        var orgEmail = $"{TestData.Unique("accueil")}@bailleur.test";
        await factory.WithDb(async db => { (await db.Organisations.FindAsync(org.Id))!.Email = orgEmail; return await db.SaveChangesAsync(); });
        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/bodies/{body}/members", new { organisationId = org.Id, from = "2020-01-01" })).CreatedIdAsync();

        var restricted = await s.MeetingAsync(body, "2026-03-03", "Cellule restreinte de mars", "restricted");
        var item = await s.AgendaItemAsync(restricted, "Situation individuelle");
        await s.TaskAsync(restricted, item, $"Suivre la famille {marker}", s.PartnerOrganisation.Id);
        var next = await s.MeetingAsync(body, "2026-06-02", "Cellule de juin", "members");
        await s.AgendaItemAsync(next, "Point sur la tranquillité du parvis");
        return new Fixture(s, body, restricted, next, marker, orgEmail);
    }

    [Fact]
    public async Task CarriedOver_RestrictedTask_IsAbsentForNonEntitledOnPageApiAndPack()
    {
        var f = await SetupAsync();
        var s = f.S;
        var admin = await factory.AdminAsync();
        var adminApi = await factory.ApiClientAsync(admin);
        var page = $"/contrats/{s.Contract.Id}/reunions/{f.Next}";

        foreach (var (api, user) in new[] { (s.ReaderApi, s.Reader), (adminApi, admin) })
        {
            var json = await api.GetStringAsync($"{s.Base}/meetings/{f.Next}");
            Assert.Contains("Point sur la tranquillité du parvis", json, StringComparison.Ordinal);
            Assert.DoesNotContain(f.Marker, json, StringComparison.Ordinal);
            var html = await (await PageClient.SignedInAsync(factory, user)).Http.GetStringAsync(page);
            Assert.Contains("Point sur la tranquillité du parvis", html, StringComparison.Ordinal);
            Assert.DoesNotContain(f.Marker, html, StringComparison.Ordinal);
            var pdf = await PdfText.FlatAsync(await api.GetByteArrayAsync($"{s.Base}/meetings/{f.Next}/packs/before"));
            Assert.Contains("Cellule de juin", pdf, StringComparison.Ordinal);
            Assert.DoesNotContain(f.Marker, pdf, StringComparison.Ordinal);
            var tasks = await api.GetStringAsync($"{s.Base}/tasks");
            Assert.DoesNotContain(f.Marker, tasks, StringComparison.Ordinal);
        }

        // Those entitled to the restricted meeting still see it carried over: the coordinator and the body member.
        Assert.Contains(f.Marker, await (await PageClient.SignedInAsync(factory, s.Coordinator)).Http.GetStringAsync(page), StringComparison.Ordinal);
        Assert.Contains(f.Marker, await (await PageClient.SignedInAsync(factory, s.Partner)).Http.GetStringAsync(page), StringComparison.Ordinal);
        Assert.Contains(f.Marker, await s.PartnerApi.GetStringAsync($"{s.Base}/meetings/{f.Next}"), StringComparison.Ordinal);
        Assert.Contains(f.Marker, await PdfText.FlatAsync(await s.CoordinatorApi.GetByteArrayAsync($"{s.Base}/meetings/{f.Next}/packs/before")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convocation_AndPack_OfTheNextMembersMeeting_NeverCarryTheRestrictedTask()
    {
        var f = await SetupAsync();
        var s = f.S;
        Assert.Equal(HttpStatusCode.OK, (await s.CoordinatorApi.PostAsync($"{s.Base}/meetings/{f.Next}/convocation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.CoordinatorApi.PostAsync($"{s.Base}/meetings/{f.Next}/packs/before/send", null)).StatusCode);

        var toOrganisation = factory.RawMailsTo(f.OrgEmail);
        Assert.Equal(2, toOrganisation.Count);
        foreach (var mail in toOrganisation)
        {
            Assert.DoesNotContain(f.Marker, mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("diffusion restreinte", mail.TextBody, StringComparison.Ordinal);
            foreach (var a in mail.Attachments)
                Assert.DoesNotContain(f.Marker, a.FileName!.EndsWith(".pdf", StringComparison.Ordinal) ? await PdfText.FlatAsync(a.Content) : a.Text, StringComparison.Ordinal);
        }
        Assert.Contains("Point sur la tranquillité du parvis", toOrganisation[0].TextBody, StringComparison.Ordinal);

        // The body member is entitled, yet restricted content is never written into a mail: a count and a link instead.
        var toMember = factory.RawMailsTo(s.Partner.Email);
        Assert.Equal(2, toMember.Count);
        Assert.All(toMember, m => Assert.DoesNotContain(f.Marker, m.TextBody, StringComparison.Ordinal));
        Assert.Contains("1 tâche en cours à diffusion restreinte est consultable dans Vigie", toMember[0].TextBody, StringComparison.Ordinal);
        Assert.Empty(factory.RawMailsTo(s.Reader.Email));
    }

    [Fact]
    public async Task RestrictedTask_DeclassifiedByTheCoordinator_IsCarriedOverForEveryMember_AndAudited()
    {
        var f = await SetupAsync();
        var s = f.S;
        var task = await factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.FollowUpTasks, t => t.MeetingId == f.Restricted));
        Assert.Equal(MinutesVisibility.Restricted, task.Visibility);

        // Not entitled: the reader cannot even see it; the owner's organisation member who sits in the body must confirm.
        Assert.Equal(HttpStatusCode.NotFound, (await s.ReaderApi.PutAsJsonAsync($"{s.Base}/tasks/{task.Id}/visibility", new { visibility = "members", confirm = true })).StatusCode);
        var unconfirmed = await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/tasks/{task.Id}/visibility", new { visibility = "members" });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Confirmez la déclassification", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(f.Marker, await s.ReaderApi.GetStringAsync($"{s.Base}/meetings/{f.Next}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/tasks/{task.Id}/visibility", new { visibility = "members", confirm = true })).StatusCode);
        Assert.Contains(f.Marker, await s.ReaderApi.GetStringAsync($"{s.Base}/meetings/{f.Next}"), StringComparison.Ordinal);
        var audited = await factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.AuditEvents,
            e => e.Kind == "confidentiality.declassified" && e.EntityId == task.Id.ToString() && e.ContractId == s.Contract.Id));
        Assert.True(audited);
    }

    [Fact]
    public async Task TaskVisibility_OnTheTasksPage_NeedsTheConfirmation()
    {
        var f = await SetupAsync();
        var s = f.S;
        var task = await factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.FollowUpTasks, t => t.MeetingId == f.Restricted));
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/taches";
        Assert.Contains("Visibilité d'une tâche", await page.Http.GetStringAsync(url), StringComparison.Ordinal);

        var unconfirmed = await page.PostFormAsync($"{url}?handler=Visibility", new() { ["taskId"] = task.Id.ToString(), ["visibility"] = "Members" }, url);
        Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        Assert.Contains("Confirmez la déclassification", await page.Http.GetStringAsync(url), StringComparison.Ordinal);
        Assert.DoesNotContain(f.Marker, await s.ReaderApi.GetStringAsync($"{s.Base}/meetings/{f.Next}"), StringComparison.Ordinal);

        var confirmed = await page.PostFormAsync($"{url}?handler=Visibility", new() { ["taskId"] = task.Id.ToString(), ["visibility"] = "Members", ["confirm"] = "true" }, url);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains(f.Marker, await s.ReaderApi.GetStringAsync($"{s.Base}/meetings/{f.Next}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaisingTheMeetingToRestricted_RaisesItsTasks()
    {
        var s = await factory.SetupAsync();
        var marker = TestData.Unique("SECRET");
        var body = await s.BodyAsync("watchCell", "members");
        var first = await s.MeetingAsync(body, "2026-03-03", "Cellule de mars", "members");
        var item = await s.AgendaItemAsync(first);
        await s.TaskAsync(first, item, $"Tâche {marker}", s.PartnerOrganisation.Id);
        var next = await s.MeetingAsync(body, "2026-06-02", "Cellule de juin", "members");
        Assert.Contains(marker, await s.ReaderApi.GetStringAsync($"{s.Base}/meetings/{next}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/meetings/{first}/minutes", new { minutes = "Cas nominatif", visibility = "restricted" })).StatusCode);
        Assert.DoesNotContain(marker, await s.ReaderApi.GetStringAsync($"{s.Base}/meetings/{next}"), StringComparison.Ordinal);
    }
}
