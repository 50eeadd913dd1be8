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
/// Retention and purge of the confidential follow-up (shared/specs §1.3, §1.6, A10) with the app's clock moved forward:
/// archive on closure, motivated 24-hour archive access, preview 7 days before, physical deletion leaving only the
/// anonymous stub and the elimination slip, freeze, closure the day before the 25th birthday and purge on it, the
/// six-month review reminder, and two instances running the daily job at once. Its own app: the test moves time.
/// </summary>
public sealed class CaseRetentionTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();
    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    private sealed record Setup(TestUser Coordinator, HttpClient Api, Guid ContractId, string Group, Guid GroupId);

    private async Task<Setup> GroupAsync()
    {
        var coordinator = await _factory.UserAsync();
        var contract = await _factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await _factory.ApiClientAsync(coordinator);
        var groups = $"/api/v1/contracts/{contract.Id}/case-groups";
        var groupId = await api.CreateAsync(groups, new { name = TestData.Unique("Cellule"), kind = "watchCell", coordinatorInstitution = "municipalService" });
        await Ok(api.PostAsJsonAsync($"{groups}/{groupId}/charter/signature", new { acceptedClauses = AllClauses }));
        return new Setup(coordinator, api, contract.Id, $"{groups}/{groupId}", groupId);
    }

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_factory.Clock.GetUtcNow(), Culture.Paris).DateTime);

    private Task<CaseRetentionReport?> RunAsync() => _factory.Services.GetRequiredService<CaseRetention>().RunOnceAsync();

    private Task<bool> ExistsAsync(Guid sheet) => _factory.WithDb(db => db.CaseSheets.AnyAsync(s => s.Id == sheet));

    private static async Task CloseAsync(HttpClient api, string sheet)
    {
        await Ok(api.PostAsJsonAsync($"{sheet}/status", new { status = "underReview" }));
        await Ok(api.PostAsJsonAsync($"{sheet}/status", new { status = "followed" }));
        await Ok(api.PostAsJsonAsync($"{sheet}/status", new { status = "closed", closureReason = "goalsReached" }));
    }

    [Fact]
    public async Task ClosedSheet_IsArchived_OpenedWithAMotive_AnnouncedThenPurged_LeavingOnlyTheStubAndTheSlip()
    {
        var s = await GroupAsync();
        var surname = UniqueName("Nom");
        var sheetId = await s.Api.CreateAsync($"{s.Group}/sheets", SheetBody(surname, UniqueName("Prenom"), birth: Today.AddYears(-15)));
        var sheet = $"{s.Group}/sheets/{sheetId}";
        await Ok(s.Api.PostAsJsonAsync($"{sheet}/status", new { status = "underReview" }));
        await Ok(s.Api.PostAsJsonAsync($"{sheet}/status", new { status = "followed" }));
        await s.Api.CreateAsync($"{sheet}/actions", new { type = "schoolSupport", startedOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), result = "done" });
        await Ok(s.Api.PostAsJsonAsync($"{sheet}/status", new { status = "closed", closureReason = "goalsReached" }));

        // The run archives it: nobody reads it any more, not even the coordinator, without a motive (A10).
        var first = await RunAsync();
        Assert.Equal(1, first!.Archived);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Api.GetAsync(sheet)).StatusCode);
        var badMotive = await s.Api.PostAsJsonAsync($"{sheet}/archive-access", new { motive = "voir" });
        Assert.Equal(HttpStatusCode.BadRequest, badMotive.StatusCode);
        Assert.Contains("motive", await badMotive.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await s.Api.CreateAsync($"{sheet}/archive-access", new { motive = "Demande de la famille sur la date de fin du suivi" });
        var archived = await s.Api.GetFromJsonAsync<JsonElement>(sheet);
        Assert.Equal("archived", archived.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Api.PostAsJsonAsync($"{sheet}/actions", new { type = "schoolSupport", startedOn = "2026-01-05", result = "done" })).StatusCode);
        Assert.Equal(1, await _factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CaseArchiveAccessed && e.EntityId == sheetId.ToString())));
        // 24 hours later the archive is closed again.
        _factory.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(HttpStatusCode.NotFound, (await s.Api.GetAsync(sheet)).StatusCode);

        // Three months after the end: announced to the coordinator (count and link, never the code or the name), not deleted yet.
        _factory.Clock.Advance(TimeSpan.FromDays(92));
        var announced = await RunAsync();
        Assert.Equal(1, announced!.Previewed);
        Assert.Equal(0, announced.Purged);
        Assert.True(await ExistsAsync(sheetId));
        var mail = Assert.Single(_factory.MailsTo(s.Coordinator.Email), m => m.Subject.Contains("à supprimer", StringComparison.Ordinal));
        Assert.DoesNotContain(surname, mail.Body, StringComparison.OrdinalIgnoreCase);
        var code = await _factory.WithDb(db => db.CaseSheets.Where(x => x.Id == sheetId).Select(x => x.Code).SingleAsync());
        Assert.DoesNotContain(code, mail.Body, StringComparison.Ordinal);
        var api = await _factory.ApiClientAsync(s.Coordinator); // a token issued at the moved time (the first one has expired)
        var preview = await api.GetFromJsonAsync<JsonElement>($"{s.Group}/retention");
        Assert.Contains(preview.GetProperty("upcoming").EnumerateArray(), l => l.GetProperty("code").GetString() == code);

        // A second run the same day does nothing (the day is claimed); seven days after the notice, the purge.
        Assert.Null(await RunAsync());
        _factory.Clock.Advance(TimeSpan.FromDays(7));
        var purge = await RunAsync();
        Assert.Equal(1, purge!.Purged);
        Assert.False(await ExistsAsync(sheetId));
        Assert.Equal(0, await _factory.WithDb(db => db.CaseActions.CountAsync(a => a.SheetId == sheetId)));
        var stub = await _factory.WithDb(db => db.CaseStatsStubs.SingleAsync(x => x.GroupId == s.GroupId));
        Assert.Equal(CaseAgeBand.From14To15, stub.AgeBand);
        Assert.Equal(CaseClosureReason.GoalsReached, stub.ClosureReason);
        Assert.Contains(CaseProblem.AbsenteeismDropout, stub.Problems);
        var slip = await _factory.WithDb(db => db.CasePurgeSlips.SingleAsync(x => x.GroupId == s.GroupId));
        Assert.Equal(1, slip.SheetCount);
        var executed = await _factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == AuditKinds.CasePurgeExecuted && e.EntityId == s.GroupId.ToString()));
        Assert.DoesNotContain(sheetId.ToString(), executed.Data!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"count\":1", executed.Data!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(sheet)).StatusCode);

        // The register shows the group's durations and the slip; the aggregates suppress a cell of one person.
        var register = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{s.ContractId}/case-groups/register");
        Assert.Contains(register.GetProperty("slips").EnumerateArray(), x => x.GetProperty("sheetCount").GetInt32() == 1);
        var aggregates = Assert.Single(register.GetProperty("aggregates").EnumerateArray().ToList());
        Assert.Equal(JsonValueKind.Null, aggregates.GetProperty("total").ValueKind);
        Assert.All(aggregates.GetProperty("tables").EnumerateArray().SelectMany(t => t.GetProperty("cells").EnumerateArray()),
            c => Assert.Equal(JsonValueKind.Null, c.GetProperty("count").ValueKind));
    }

    [Fact]
    public async Task FrozenSheet_IsKeptPastItsDate_UntilTheFreezeEnds_AndFreezesAreBounded()
    {
        var s = await GroupAsync();
        var sheetId = await s.Api.CreateAsync($"{s.Group}/sheets", SheetBody(UniqueName("Nom"), UniqueName("Prenom")));
        var sheet = $"{s.Group}/sheets/{sheetId}";
        await Ok(s.Api.PostAsJsonAsync($"{sheet}/status", new { status = "notRetained" }));
        var tooLong = await s.Api.PostAsJsonAsync($"{sheet}/freeze", new { reason = "litigation", until = Today.AddMonths(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("6 mois", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.PostAsJsonAsync($"{sheet}/freeze",
            new { reason = "litigation", until = Today.AddMonths(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })).StatusCode);

        _factory.Clock.Advance(TimeSpan.FromDays(100));
        Assert.Equal(0, (await RunAsync())!.Previewed);
        _factory.Clock.Advance(TimeSpan.FromDays(20));
        await RunAsync();
        Assert.True(await ExistsAsync(sheetId));

        // The freeze ends: announced, then purged seven days later.
        _factory.Clock.Advance(TimeSpan.FromDays(40));
        Assert.Equal(1, (await RunAsync())!.Previewed);
        _factory.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, (await RunAsync())!.Purged);
        Assert.False(await ExistsAsync(sheetId));
        Assert.Equal(CaseStatus.NotRetained, (await _factory.WithDb(db => db.CaseStatsStubs.SingleAsync(x => x.GroupId == s.GroupId))).FinalStatus);
    }

    [Fact]
    public async Task YouthSheet_ClosesTheDayBefore25_AndIsPurgedOnTheBirthday_EvenFrozen()
    {
        var s = await GroupAsync();
        var birthday = Today.AddDays(10);
        var sheetId = await s.Api.CreateAsync($"{s.Group}/sheets", SheetBody(UniqueName("Nom"), UniqueName("Prenom"), birth: birthday.AddYears(-25)));
        var sheet = $"{s.Group}/sheets/{sheetId}";
        await Ok(s.Api.PostAsJsonAsync($"{sheet}/status", new { status = "underReview" }));
        await Ok(s.Api.PostAsJsonAsync($"{sheet}/status", new { status = "followed" }));
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.PostAsJsonAsync($"{sheet}/freeze",
            new { reason = "investigation", until = Today.AddMonths(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })).StatusCode);

        _factory.Clock.Advance(TimeSpan.FromDays(9)); // the day before the 25th birthday
        var closing = await RunAsync();
        Assert.Equal(1, closing!.AutoClosed);
        var closed = await _factory.WithDb(db => db.CaseSheets.AsNoTracking().SingleAsync(x => x.Id == sheetId));
        Assert.Equal(CaseStatus.Archived, closed.Status);
        Assert.Equal(CaseClosureReason.AgeLimit25, closed.ClosureReason);
        Assert.Equal(1, await _factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CaseAutoClosedAgeLimit && e.EntityId == sheetId.ToString())));

        _factory.Clock.Advance(TimeSpan.FromDays(1)); // the birthday: nothing is kept beyond 25 (AU-038 art. 5), freeze or not
        Assert.Equal(1, (await RunAsync())!.Purged);
        Assert.False(await ExistsAsync(sheetId));
    }

    [Fact]
    public async Task SixMonthReview_IsRemindedOnce_AndTwoInstancesRunTheDayOnlyOnce()
    {
        var s = await GroupAsync();
        var sheetId = await s.Api.CreateAsync($"{s.Group}/sheets", SheetBody(UniqueName("Nom"), UniqueName("Prenom")));
        var sheet = $"{s.Group}/sheets/{sheetId}";
        await Ok(s.Api.PostAsJsonAsync($"{sheet}/status", new { status = "underReview" }));
        await Ok(s.Api.PostAsJsonAsync($"{sheet}/status", new { status = "followed" }));

        _factory.Clock.Advance(TimeSpan.FromDays(186));
        await using var second = VigieFactory.SharingDatabase(_factory.ConnectionString);
        second.Clock.Advance(_factory.Clock.Offset);
        var runs = await Task.WhenAll(RunAsync(), second.Services.GetRequiredService<CaseRetention>().RunOnceAsync());
        var report = Assert.Single(runs, r => r is not null);
        Assert.Equal(1, report!.ReviewReminders);
        Assert.Single(_factory.MailsTo(s.Coordinator.Email).Concat(second.MailsTo(s.Coordinator.Email)), m => m.Subject.Contains("réexamen", StringComparison.Ordinal));

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await RunAsync())!.ReviewReminders);
    }

    [Fact]
    public async Task TheDailyRun_IsClaimedThroughTheSharedJobRuns_OnceADay()
    {
        _factory.Clock.Advance(TimeSpan.FromDays(400)); // a day no other test of this app runs
        var first = await RunAsync();
        Assert.NotNull(first);
        Assert.Null(await RunAsync());
        var key = JobRuns.DayKey(first!.Day);
        var run = Assert.Single(await _factory.WithDb(db => db.JobRuns.Where(r => r.Name == CaseRetention.JobName && r.PeriodKey == key).ToListAsync()));
        Assert.NotNull(run.FinishedAt);
        Assert.StartsWith("closed=", run.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeedToKnowWindow_ClosesSevenDaysAfterTheMeeting_ForMembers_NotForTheReferentOrTheCoordinator()
    {
        await using var s = await CreateAsync(_factory);
        var sheet = $"{s.GroupApi}/sheets/{s.SheetOnAgenda}";
        Assert.Equal(HttpStatusCode.OK, (await s.Role(Member).Api.GetAsync(sheet)).StatusCode);

        // The meeting ends in three days at 11:30 (Paris); the window ends a week after it: one hour past that.
        var meetingEnd = TestDates.Today.AddDays(3).ToDateTime(new TimeOnly(11, 30));
        var windowEnd = new DateTimeOffset(meetingEnd, Culture.Paris.GetUtcOffset(meetingEnd)) + CaseAccess.NeedToKnowAfterMeeting;
        _factory.Clock.Advance(windowEnd + TimeSpan.FromHours(1) - _factory.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Role(Member).Api.GetAsync(sheet)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Role(Referent).Api.GetAsync(sheet)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Role(Coordinator).Api.GetAsync(sheet)).StatusCode);
        var member = s.Role(Member).User!.Id;
        Assert.True(await _factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.CasePermissionDenied && e.UserId == member
            && e.EntityId == s.SheetOnAgenda.ToString() && e.Data!.Contains("need-to-know"))));
    }
}
