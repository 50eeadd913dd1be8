using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Cases;
using Vigie.Web.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>
/// Issue 13, shared/specs §1.1 (model charter 2010: an annual review of how the charter is applied): the coordinator
/// records a review per group (date, institutions present, findings, decisions; free texts refusing e-mail addresses and
/// phone numbers), listed on the group page with the last one's date; the page and the API validate naming the field.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseCharterReviewTests(VigieFactory factory)
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private DateOnly Today => Culture.ParisDate(factory.Clock.GetUtcNow());

    [Fact]
    public async Task TheCoordinator_RecordsTheYearlyReview_MembersReadIt_AndBadInputNamesTheField()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator).Api;
        var reviews = $"{s.GroupApi}/charter/reviews";
        var before = await s.Role(Member).Api.GetFromJsonAsync<JsonElement>(reviews);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("lastHeldOn").ValueKind);
        Assert.False(before.GetProperty("overdue").GetBoolean());

        async Task BadAsync(object body, string field)
        {
            var r = await coordinator.PostAsJsonAsync(reviews, body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains($"\"{field}\"", await r.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        await BadAsync(new { heldOn = Day(Today), institutions = new[] { "school" }, findings = "Écrire à referent@example.test pour le détail" }, "findings");
        await BadAsync(new { heldOn = Day(Today), institutions = new[] { "school" }, findings = "Charte appliquée.", decisions = "Rappeler le 06 12 34 56 78" }, "decisions");
        await BadAsync(new { heldOn = Day(Today), institutions = Array.Empty<string>(), findings = "Charte appliquée." }, "institutions");
        await BadAsync(new { heldOn = Day(Today.AddDays(3)), institutions = new[] { "school" }, findings = "Charte appliquée." }, "heldOn");
        await BadAsync(new { heldOn = Day(Today), institutions = new[] { "school" }, findings = new string('x', 1001) }, "findings");
        var valid = new { heldOn = Day(Today.AddDays(-2)), institutions = new[] { "school", "nationalPolice", "ccas" }, findings = "Charte appliquée ; deux nouveaux membres à former.", decisions = "Session de formation en mars." };
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Referent).Api.PostAsJsonAsync(reviews, valid)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Unsigned).Api.PostAsJsonAsync(reviews, valid)).StatusCode);
        Assert.Equal(0, await factory.WithDb(db => db.CaseCharterReviews.CountAsync(r => r.GroupId == s.GroupA)));
        var id = await coordinator.CreateAsync(reviews, valid);

        var read = await s.Role(Member).Api.GetFromJsonAsync<JsonElement>(reviews);
        Assert.Equal(Day(Today.AddDays(-2)), read.GetProperty("lastHeldOn").GetString());
        Assert.Equal(Day(Today.AddDays(-2).AddMonths(12)), read.GetProperty("dueOn").GetString());
        var review = Assert.Single(read.GetProperty("reviews").EnumerateArray().ToList());
        Assert.Equal(id, review.GetProperty("id").GetGuid());
        Assert.Equal(3, review.GetProperty("institutions").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Excluded).Api.GetAsync(reviews)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Role(OtherGroup).Api.GetAsync(reviews)).StatusCode);
        var data = await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.CaseCharterReviewRecorded && e.EntityId == s.GroupA.ToString()).Select(e => e.Data!).SingleAsync());
        Assert.Contains("\"institutions\":3", data, StringComparison.Ordinal);
        Assert.DoesNotContain("former", data, StringComparison.Ordinal);

        // The group page: the last review's date and the list for a member; the form for the coordinator, which validates too.
        var groupPage = $"/contrats/{s.ContractId}/suivis/{s.GroupA}";
        var memberText = PageClient.Parse(await s.Role(Member).Pages.GetStringAsync(groupPage)).Body!.TextContent;
        Assert.Contains($"le dernier le {Culture.Date(Today.AddDays(-2))}", memberText, StringComparison.Ordinal);
        Assert.Contains("deux nouveaux membres à former", memberText, StringComparison.Ordinal);
        Assert.DoesNotContain("Enregistrer le bilan", memberText, StringComparison.Ordinal);
        var page = new PageClient(s.Role(Coordinator).Pages);
        var refused = await page.PostFormAsync($"{groupPage}?handler=CharterReview",
            new() { ["Review.HeldOn"] = Day(Today), ["Review.Institutions"] = "school", ["Review.Findings"] = "Voir avec le 01.23.45.67.89" }, groupPage);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Les constats ne doivent contenir ni adresse électronique ni numéro de téléphone", PageClient.Parse(await refused.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);
        var saved = await page.PostFormAsync($"{groupPage}?handler=CharterReview",
            new() { ["Review.HeldOn"] = Day(Today), ["Review.Institutions"] = "municipalPolice", ["Review.Findings"] = "Bilan de l'année : aucun manquement constaté." }, groupPage);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = PageClient.Parse(await s.Role(Coordinator).Pages.GetStringAsync(groupPage)).Body!.TextContent;
        Assert.Contains($"le dernier le {Culture.Date(Today)}", after, StringComparison.Ordinal);
        Assert.Contains("aucun manquement constaté", after, StringComparison.Ordinal);
        Assert.Equal(2, await factory.WithDb(db => db.CaseCharterReviews.CountAsync(r => r.GroupId == s.GroupA)));
    }
}

/// <summary>
/// The yearly review's reminder (§1.1) with the app's clock moved forward: more than 12 months after the group's creation
/// (or its last review) the group page warns and the daily job mails the coordinator once per due date, across runs; a
/// review recorded stops it. Its own app: the test moves time.
/// </summary>
public sealed class CaseCharterReviewReminderTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();
    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task TwelveMonthsWithoutReview_WarnOnTheGroupPage_AndMailTheCoordinatorOnce_UntilAReviewIsRecorded()
    {
        var coordinator = await _factory.UserAsync();
        var contract = await _factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await _factory.ApiClientAsync(coordinator);
        var groups = $"/api/v1/contracts/{contract.Id}/case-groups";
        var name = TestData.Unique("Cellule bilan");
        var groupId = await api.CreateAsync(groups, new { name, kind = "watchCell", coordinatorInstitution = "municipalService" });
        await Ok(api.PostAsJsonAsync($"{groups}/{groupId}/charter/signature", new { acceptedClauses = AllClauses }));
        var retention = _factory.Services.GetRequiredService<CaseRetention>();
        var groupPage = $"/contrats/{contract.Id}/suivis/{groupId}";
        // A new session each time: the clock moves past the sessions' and the tokens' lifetimes.
        async Task<string> GroupText() => (await (await PageClient.SignedInAsync(_factory, coordinator)).GetDocumentAsync(groupPage)).Body!.TextContent;
        int Reminders() => _factory.MailsTo(coordinator.Email).Count(m => m.Subject.Contains("bilan annuel de la charte", StringComparison.Ordinal));

        Assert.Equal(0, (await retention.RunOnceAsync())!.CharterReviewReminders);
        Assert.DoesNotContain("Bilan annuel de la charte à faire", await GroupText(), StringComparison.Ordinal);

        _factory.Clock.Advance(TimeSpan.FromDays(368));
        var report = await retention.RunOnceAsync();
        Assert.Equal(1, report!.CharterReviewReminders);
        var mail = Assert.Single(_factory.MailsTo(coordinator.Email), m => m.Subject.Contains("bilan annuel de la charte", StringComparison.Ordinal));
        Assert.Contains(name, mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"/suivis/{groupId}", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Bilan annuel de la charte à faire", await GroupText(), StringComparison.Ordinal);
        Assert.Equal(1, await _factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CaseCharterReviewReminderSent && e.EntityId == groupId.ToString())));

        // The next days: no second mail for the same due date.
        _factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await retention.RunOnceAsync())!.CharterReviewReminders);
        Assert.Equal(1, Reminders());

        // A review recorded: the warning goes, and no reminder until 12 months after it.
        var today = Culture.ParisDate(_factory.Clock.GetUtcNow());
        api = await _factory.ApiClientAsync(coordinator);
        await api.CreateAsync($"{groups}/{groupId}/charter/reviews",
            new { heldOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), institutions = new[] { "school" }, findings = "Charte appliquée." });
        Assert.DoesNotContain("Bilan annuel de la charte à faire", await GroupText(), StringComparison.Ordinal);
        _factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await retention.RunOnceAsync())!.CharterReviewReminders);
        Assert.Equal(1, Reminders());
    }
}
