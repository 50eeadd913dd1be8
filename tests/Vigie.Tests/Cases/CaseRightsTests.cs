using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>
/// Issue 13 item 7 (shared/specs §1.7): the individual notice or its motivated exception, rights requests with their
/// legal deadline (one month, extendable by two with a motive), overdue ones shown to the coordinator, all audited.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseRightsTests(VigieFactory factory)
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), Culture.Paris).DateTime);

    [Fact]
    public async Task TheNotice_IsRecordedByTheReferent_TheExceptionNeedsTheCoordinator_AndBadInputNamesTheField()
    {
        await using var s = await CreateAsync(factory);
        var notice = $"{s.GroupApi}/sheets/{s.SheetOnAgenda}/notice";
        var referent = s.Role(Referent).Api;

        var empty = await referent.PutAsJsonAsync(notice, new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("givenOn", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await referent.PutAsJsonAsync(notice, new { exceptionMotive = "Risque pour la sécurité de la victime" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Member).Api.PutAsJsonAsync(notice, new { givenOn = Day(Today), means = "letter", recipient = "person" })).StatusCode);
        var withPhone = await s.Role(Coordinator).Api.PutAsJsonAsync(notice, new { exceptionMotive = "Appeler le 06 12 34 56 78 avant" });
        Assert.Equal(HttpStatusCode.BadRequest, withPhone.StatusCode);
        Assert.Contains("exceptionMotive", await withPhone.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        await Ok(referent.PutAsJsonAsync(notice, new { givenOn = Day(Today), means = "letter", recipient = "legalRepresentatives" }));
        var rights = await referent.GetFromJsonAsync<JsonElement>($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/rights");
        Assert.Equal(Day(Today), rights.GetProperty("noticeGivenOn").GetString());
        Assert.Equal("legalRepresentatives", rights.GetProperty("noticeRecipient").GetString());

        const string motive = "Information différée : enquête en cours signalée par le parquet";
        await Ok(s.Role(Coordinator).Api.PutAsJsonAsync(notice, new { exceptionMotive = motive }));
        var stored = await factory.WithDb(db => db.CaseSheets.AsNoTracking().SingleAsync(x => x.Id == s.SheetOnAgenda));
        Assert.Null(stored.NoticeGivenOn);
        Assert.DoesNotContain("parquet", stored.NoticeExceptionCipher!, StringComparison.Ordinal);
        var kinds = await factory.WithDb(db => db.AuditEvents.Where(e => e.EntityId == s.SheetOnAgenda.ToString()).Select(e => e.Kind + " " + e.Data).ToListAsync());
        Assert.Contains(kinds, k => k.StartsWith(AuditKinds.CaseNoticeRecorded, StringComparison.Ordinal));
        Assert.Contains(kinds, k => k.StartsWith(AuditKinds.CaseNoticeExceptionRecorded, StringComparison.Ordinal));
        Assert.DoesNotContain(kinds, k => k.Contains("parquet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RightsRequests_GetTheirLegalDeadline_OverdueOnesShowToTheCoordinator_AndAnExtensionNeedsAMotive()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator).Api;
        var requests = $"{s.GroupApi}/sheets/{s.SheetOnAgenda}/rights-requests";

        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Referent).Api.PostAsJsonAsync(requests, new { kind = "access", receivedOn = Day(Today) })).StatusCode);
        var future = await coordinator.PostAsJsonAsync(requests, new { kind = "access", receivedOn = Day(Today.AddDays(2)) });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("receivedOn", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var old = Today.AddDays(-40);
        var late = await coordinator.CreateAsync(requests, new { kind = "access", receivedOn = Day(old) });
        var recent = await coordinator.CreateAsync(requests, new { kind = "rectification", receivedOn = Day(Today) });
        var rights = await coordinator.GetFromJsonAsync<JsonElement>($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/rights");
        var lateRow = rights.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == late);
        Assert.Equal(Day(old.AddMonths(1)), lateRow.GetProperty("dueOn").GetString());
        Assert.True(lateRow.GetProperty("overdue").GetBoolean());

        // The coordinator's group page lists the overdue request by code; a member's does not.
        var code = await factory.WithDb(db => db.CaseSheets.Where(x => x.Id == s.SheetOnAgenda).Select(x => x.Code).SingleAsync());
        var page = PageClient.Parse(await s.Role(Coordinator).Pages.GetStringAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}")).Body!.TextContent;
        Assert.Contains("Demandes d'exercice des droits en retard (1)", page, StringComparison.Ordinal);
        Assert.Contains($"{code} — Accès", page, StringComparison.Ordinal);
        var memberPage = await s.Role(Member).Pages.GetStringAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}");
        Assert.DoesNotContain("en retard", memberPage, StringComparison.Ordinal);

        // Extension: not once the month is over; with a motive, by two months, once.
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"{requests}/{late}/extension", new { motive = "Demande complexe" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"{requests}/{recent}/extension", new { })).StatusCode);
        await Ok(coordinator.PostAsJsonAsync($"{requests}/{recent}/extension", new { motive = "Demande portant sur plusieurs années de suivi" }));
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"{requests}/{recent}/extension", new { motive = "Encore" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostAsJsonAsync($"{requests}/{Guid.NewGuid()}/answer", new { answeredOn = Day(Today) })).StatusCode);
        await Ok(coordinator.PostAsJsonAsync($"{requests}/{late}/answer", new { answeredOn = Day(Today) }));

        rights = await coordinator.GetFromJsonAsync<JsonElement>($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/rights");
        var recentRow = rights.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == recent);
        Assert.Equal(Day(Today.AddMonths(3)), recentRow.GetProperty("dueOn").GetString());
        Assert.True(recentRow.GetProperty("extended").GetBoolean());
        Assert.DoesNotContain("Demandes d'exercice des droits en retard", await s.Role(Coordinator).Pages.GetStringAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}"), StringComparison.Ordinal);
        var answered = await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.CaseRightsRequestAnswered && e.EntityId == s.SheetOnAgenda.ToString()).Select(e => e.Data).SingleAsync());
        Assert.Contains("\"late\":true", answered, StringComparison.Ordinal);
        Assert.Equal(2, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CaseRightsRequestReceived && e.EntityId == s.SheetOnAgenda.ToString())));
    }
}
