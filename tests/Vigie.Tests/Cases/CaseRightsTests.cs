using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Cases;
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

    [Fact]
    public async Task AGrantedRectification_IsAppliedToTheSheetFromItsRequest_ByTheCoordinatorOnly_AndTheHistoryNamesTheRequest()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator).Api;
        var sheet = $"{s.GroupApi}/sheets/{s.SheetOffAgenda}";
        var quartier = await AreaAsync(s.ContractId, AreaKind.Quartier, "Quartier des Tilleuls");
        var site = await AreaAsync(s.ContractId, AreaKind.Site, "Gare routière");
        var access = await coordinator.CreateAsync($"{sheet}/rights-requests", new { kind = "access", receivedOn = Day(Today) });
        var request = await coordinator.CreateAsync($"{sheet}/rights-requests", new { kind = "rectification", receivedOn = Day(Today) });
        var newSurname = UniqueName("Rectifie");
        var birth = Today.AddYears(-15);
        object Body(Guid? area) => new { surname = newSurname, firstName = s.FirstName, sex = "female", birthDate = Day(birth), address = "3 place du Marché", schoolLevel = "highSchool", areaId = area };
        var before = await factory.WithDb(db => db.CaseSheets.AsNoTracking().SingleAsync(x => x.Id == s.SheetOffAgenda));

        // Not the référent, not a member; not an access request; not a site, a quartier of the contract.
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Referent).Api.PostAsJsonAsync($"{sheet}/rights-requests/{request}/rectification", Body(quartier))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Role(Member).Api.PostAsJsonAsync($"{sheet}/rights-requests/{request}/rectification", Body(quartier))).StatusCode);
        var wrongKind = await coordinator.PostAsJsonAsync($"{sheet}/rights-requests/{access}/rectification", Body(quartier));
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        var wrongArea = await coordinator.PostAsJsonAsync($"{sheet}/rights-requests/{request}/rectification", Body(site));
        Assert.Equal(HttpStatusCode.BadRequest, wrongArea.StatusCode);
        Assert.Contains("areaId", await wrongArea.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unchanged = await factory.WithDb(db => db.CaseSheets.AsNoTracking().SingleAsync(x => x.Id == s.SheetOffAgenda));
        Assert.Equal(before.IdentityCipher, unchanged.IdentityCipher);

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsJsonAsync($"{sheet}/rights-requests/{request}/rectification", Body(quartier))).StatusCode);
        var view = await coordinator.GetFromJsonAsync<JsonElement>(sheet);
        Assert.Equal($"{s.FirstName} {newSurname}", view.GetProperty("displayName").GetString());
        Assert.Equal("Quartier des Tilleuls", view.GetProperty("quartier").GetString());
        Assert.Equal("highSchool", view.GetProperty("schoolLevel").GetString());
        var contact = await coordinator.GetFromJsonAsync<JsonElement>($"{sheet}/contact");
        Assert.Equal("3 place du Marché", contact.GetProperty("address").GetString());
        Assert.Equal(1, contact.GetProperty("representatives").GetArrayLength()); // kept
        var after = await factory.WithDb(db => db.CaseSheets.AsNoTracking().SingleAsync(x => x.Id == s.SheetOffAgenda));
        Assert.NotEqual(before.DuplicateKey, after.DuplicateKey);
        Assert.DoesNotContain(newSurname, after.IdentityCipher, StringComparison.OrdinalIgnoreCase);
        var stored = await factory.WithDb(db => db.CaseRightsRequests.AsNoTracking().SingleAsync(r => r.Id == request));
        Assert.Equal(CaseRightsOutcome.Granted, stored.Outcome);
        Assert.Equal(Today, stored.AnsweredOn);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"{sheet}/rights-requests/{request}/rectification", Body(null))).StatusCode);

        // The sheet's history: the rectification, its request, the fields changed, never a value; the page links to the request.
        var rectified = await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.CaseSheetRectified && e.EntityId == s.SheetOffAgenda.ToString()).Select(e => e.Data!).SingleAsync());
        Assert.Contains(request.ToString(), rectified, StringComparison.Ordinal);
        Assert.Contains("\"surname\"", rectified, StringComparison.Ordinal);
        Assert.Contains("\"areaId\"", rectified, StringComparison.Ordinal);
        Assert.DoesNotContain(newSurname, rectified, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Marché", rectified, StringComparison.Ordinal);
        var history = PageClient.Parse(await s.Role(Coordinator).Pages.GetStringAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}/fiches/{s.SheetOffAgenda}?voir=acces"));
        Assert.Contains(history.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").EndsWith($"voir=droits#demande-{request}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGrantedErasure_DeletesTheSheetByThePurgePath_UnlessAFreezeHoldsIt_AndTheMeetingNoLongerShowsItsCode()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator).Api;
        var sheet = $"{s.GroupApi}/sheets/{s.SheetOnAgenda}";
        var code = await factory.WithDb(db => db.CaseSheets.Where(x => x.Id == s.SheetOnAgenda).Select(x => x.Code).SingleAsync());
        var meeting = $"/api/v1/contracts/{s.ContractId}/meetings/{s.Meeting}";
        await Ok(coordinator.PutAsJsonAsync($"{meeting}/minutes", new { minutes = $"Situation {code} examinée : suivi ouvert.", visibility = "restricted" }));
        Assert.Contains(code, await coordinator.GetStringAsync(meeting), StringComparison.Ordinal);

        // A freeze for litigation is a legal obligation to keep: the erasure is refused, the reason stored, the sheet kept.
        await Ok(coordinator.PostAsJsonAsync($"{sheet}/freeze", new { reason = "litigation", until = Day(Today.AddMonths(2)) }));
        var first = await coordinator.CreateAsync($"{sheet}/rights-requests", new { kind = "erasure", receivedOn = Day(Today) });
        var refused = await coordinator.PostAsync($"{sheet}/rights-requests/{first}/erasure", null);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var answer = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("erased").GetBoolean());
        Assert.Contains("gelée", answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var stored = await factory.WithDb(db => db.CaseRightsRequests.AsNoTracking().SingleAsync(r => r.Id == first));
        Assert.Equal(CaseRightsOutcome.Refused, stored.Outcome);
        Assert.Contains("contentieux", stored.OutcomeReason, StringComparison.Ordinal);
        Assert.True(await factory.WithDb(db => db.CaseSheets.AnyAsync(x => x.Id == s.SheetOnAgenda)));
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CaseErasureRefused && e.EntityId == s.SheetOnAgenda.ToString())));

        // The freeze lifted, a new request: the référent cannot erase; the coordinator does, from the page.
        await Ok(coordinator.PostAsJsonAsync($"{sheet}/freeze", new { }));
        var second = await coordinator.CreateAsync($"{sheet}/rights-requests", new { kind = "erasure", receivedOn = Day(Today) });
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Referent).Api.PostAsync($"{sheet}/rights-requests/{second}/erasure", null)).StatusCode);
        var page = new PageClient(s.Role(Coordinator).Pages);
        var sheetPage = $"/contrats/{s.ContractId}/suivis/{s.GroupA}/fiches/{s.SheetOnAgenda}";
        var form = new Dictionary<string, string> { ["requestId"] = second.ToString() };
        var referentPage = await new PageClient(s.Role(Referent).Pages).PostFormAsync($"{sheetPage}?handler=Erase", form, $"{sheetPage}?voir=droits");
        Assert.Equal(HttpStatusCode.Forbidden, referentPage.StatusCode);
        Assert.True(await factory.WithDb(db => db.CaseSheets.AnyAsync(x => x.Id == s.SheetOnAgenda)));
        var erased = await page.PostFormAsync($"{sheetPage}?handler=Erase", form, $"{sheetPage}?voir=droits");
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.EndsWith($"/suivis/{s.GroupA}", erased.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var groupPage = PageClient.Parse(await s.Role(Coordinator).Pages.GetStringAsync(erased.Headers.Location!.OriginalString)).Body!.TextContent;
        Assert.Contains("effacée définitivement", groupPage, StringComparison.Ordinal);

        Assert.False(await factory.WithDb(db => db.CaseSheets.AnyAsync(x => x.Id == s.SheetOnAgenda)));
        Assert.Equal(0, await factory.WithDb(db => db.CaseRightsRequests.CountAsync(r => r.SheetId == s.SheetOnAgenda)));
        Assert.Equal(1, await factory.WithDb(db => db.CaseStatsStubs.CountAsync(x => x.GroupId == s.GroupA)));
        Assert.Equal(1, await factory.WithDb(db => db.CasePurgeSlips.Where(x => x.GroupId == s.GroupA).SumAsync(x => x.SheetCount)));
        var purge = await factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == AuditKinds.CasePurgeExecuted && e.EntityId == s.GroupA.ToString()));
        Assert.Contains("\"cause\":\"erasure\"", purge.Data!, StringComparison.Ordinal);
        var applied = await factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == AuditKinds.CaseErasureApplied && e.EntityId == s.GroupA.ToString()));
        Assert.Contains(second.ToString(), applied.Data!, StringComparison.Ordinal);
        Assert.Equal(s.Role(Coordinator).User!.Id, applied.UserId);

        // The meeting, its minutes and the PDF of its commitments no longer show the code.
        var meetingJson = await coordinator.GetStringAsync(meeting);
        Assert.DoesNotContain(code, meetingJson, StringComparison.Ordinal);
        var texts = Strings(JsonDocument.Parse(meetingJson).RootElement).ToList();
        Assert.Contains(CaseRetention.DeletedAgendaTitle, texts);
        Assert.Contains(texts, t => t.Contains($"Situation {CaseRetention.DeletedSheet} examinée", StringComparison.Ordinal));
        var meetingPage = await s.Role(Coordinator).Pages.GetStringAsync($"/contrats/{s.ContractId}/reunions/{s.Meeting}");
        Assert.DoesNotContain(code, meetingPage, StringComparison.Ordinal);
        Assert.Contains(CaseRetention.DeletedSheet, PageClient.Parse(meetingPage).Body!.TextContent, StringComparison.Ordinal);
        foreach (var kind in new[] { "before", "after" })
        {
            var pdf = await PdfText.FlatAsync(await coordinator.GetByteArrayAsync($"{meeting}/packs/{kind}"));
            Assert.DoesNotContain(code, pdf, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private Task<Guid> AreaAsync(Guid contractId, AreaKind kind, string name) => factory.WithDb(async db =>
    {
        var area = new Area { ContractId = contractId, Kind = kind, Name = name };
        db.Areas.Add(area);
        await db.SaveChangesAsync();
        return area.Id;
    });
}
