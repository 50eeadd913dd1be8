using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>Issue 13: the sheet's rules — encryption at rest, closed lists and guarded free text, the charter, exclusion, agenda by code, read audit.</summary>
[Collection(AppCollection.Name)]
public sealed class CaseSheetTests(VigieFactory factory)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task CreateSheet_StoresNoNameInClear_AndTheAgendaCarriesTheCodeOnly()
    {
        await using var s = await CreateAsync(factory);
        // Every text column of the sheet, its actions, the agenda and the audit events: no name, no telephone number, no address.
        var texts = await factory.WithDb(async db =>
        {
            var sheet = await db.CaseSheets.AsNoTracking().SingleAsync(x => x.Id == s.SheetOnAgenda);
            var agenda = await db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == s.Meeting).Select(a => a.Title).ToListAsync();
            var audit = await db.AuditEvents.AsNoTracking().Where(e => e.ContractId == s.ContractId).Select(e => e.Data ?? "").ToListAsync();
            return (Sheet: sheet, Agenda: agenda, Audit: audit);
        });
        var stored = string.Join("\n", texts.Sheet.IdentityCipher, texts.Sheet.ContactCipher, texts.Sheet.DuplicateKey, texts.Sheet.Code, string.Join("\n", texts.Audit), string.Join("\n", texts.Agenda));
        foreach (var secret in new[] { s.Surname, s.FirstName, "Lilas", "06 12 34 56 78", "famille@example.test", "Claire" })
            Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("v1.", texts.Sheet.IdentityCipher, StringComparison.Ordinal);
        Assert.Equal([$"Situation {texts.Sheet.Code}"], texts.Agenda);

        // Decrypted for those entitled: the coordinator reads the full identity and the contact details, a member the first name and initial.
        var coordinator = s.Role(Coordinator).Api;
        var sheet = await coordinator.GetFromJsonAsync<JsonElement>($"{s.GroupApi}/sheets/{s.SheetOnAgenda}");
        Assert.Equal($"{s.FirstName} {s.Surname}", sheet.GetProperty("displayName").GetString());
        Assert.Equal(14, sheet.GetProperty("age").GetInt32());
        var contact = await coordinator.GetFromJsonAsync<JsonElement>($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/contact");
        Assert.Equal("06 12 34 56 78", contact.GetProperty("phone").GetString());
        Assert.Equal("Claire", contact.GetProperty("representatives")[0].GetProperty("firstName").GetString());
        var member = await s.Role(Member).Api.GetFromJsonAsync<JsonElement>($"{s.GroupApi}/sheets/{s.SheetOnAgenda}");
        Assert.Equal($"{s.FirstName} {s.Surname[0]}.", member.GetProperty("displayName").GetString());
        Assert.Equal(JsonValueKind.Null, member.GetProperty("birthDate").ValueKind);
    }

    [Fact]
    public async Task BadInput_FreeTextWithContactDetails_AnOffenceWithoutJustification_OrAPersonOf25_IsRefused_AndNothingIsSaved()
    {
        await using var s = await CreateAsync(factory);
        var api = s.Role(Coordinator).Api;
        var before = await factory.WithDb(db => db.CaseSheets.CountAsync(x => x.GroupId == s.GroupA));
        var today = TestDates.Today;

        async Task Refused(HttpResponseMessage r, string field)
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var errors = (await JsonAsync(r)).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"{field} absent de {errors}");
            Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Length > 10);
        }
        var name = UniqueName("Nom");
        await Refused(await api.PostAsJsonAsync($"{s.GroupApi}/sheets", SheetBody(name, "Lea", extra: new { sensitiveData = true, justification = "Voir avec la mère au 06 11 22 33 44" })), "justification");
        await Refused(await api.PostAsJsonAsync($"{s.GroupApi}/sheets", SheetBody(name, "Lea", extra: new { sensitiveData = true, justification = "Écrire à lea.durand@example.test" })), "justification");
        await Refused(await api.PostAsJsonAsync($"{s.GroupApi}/sheets", SheetBody(name, "Lea", extra: new { problems = new[] { "firstOffence" } })), "justification");
        await Refused(await api.PostAsJsonAsync($"{s.GroupApi}/sheets", SheetBody(name, "Lea", birth: today.AddYears(-25).AddDays(1))), "birthDate");
        await Refused(await api.PostAsJsonAsync($"{s.GroupApi}/sheets", SheetBody(name, "Lea", extra: new { problems = new[] { "schoolExclusion", "reoffending", "firstOffence", "addictiveBehaviour" }, justification = "Nécessaire au suivi éducatif." })), "problems");
        await Refused(await api.PostAsJsonAsync($"{s.GroupApi}/sheets", SheetBody("Dupont3", "Lea")), "surname");
        await Refused(await api.PostAsJsonAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/actions", new { type = "schoolSupport", startedOn = "2026-01-05", result = "inProgress", note = "Rappeler le 01 23 45 67 89" }), "note");
        Assert.Equal(before, await factory.WithDb(db => db.CaseSheets.CountAsync(x => x.GroupId == s.GroupA)));
        Assert.Equal(0, await factory.WithDb(db => db.CaseActions.CountAsync(a => a.SheetId == s.SheetOnAgenda)));

        // The day before the 25th birthday is already too late; one more day of margin is accepted.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"{s.GroupApi}/sheets", SheetBody(name, "Lea", birth: today.AddYears(-25).AddDays(2)))).StatusCode);
        // The page names the field in French and keeps the form.
        var page = await PageClient.SignedInAsync(factory, s.Role(Coordinator).User!);
        var url = $"/contrats/{s.ContractId}/suivis/{s.GroupA}/fiches/nouvelle";
        var response = await page.PostFormAsync(url, new()
        {
            ["Input.Surname"] = name, ["Input.FirstName"] = "Lea", ["Input.Sex"] = "Female", ["Input.BirthDate"] = today.AddYears(-12).ToString("yyyy-MM-dd"),
            ["Input.Origin"] = "PartnerReferral", ["Input.ReferralSource"] = "School", ["Input.Problems"] = "AbsenteeismDropout",
            ["Input.SensitiveData"] = "true", ["Input.Justification"] = "contact : lea@example.test",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La justification ne doit contenir ni adresse électronique ni numéro de téléphone.", PageClient.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent);
    }

    [Fact]
    public async Task ANewCharterVersion_SuspendsEveryonesAccess_UntilSignedAgain_AndExclusionRevokesAnOpenSessionAtOnce()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator).Api;
        var member = s.Role(Member);
        var sheetPage = $"/contrats/{s.ContractId}/suivis/{s.GroupA}/fiches/{s.SheetOnAgenda}";
        Assert.Equal(HttpStatusCode.OK, (await member.Pages.GetAsync(sheetPage)).StatusCode);

        await Ok(coordinator.PostAsync($"{s.GroupApi}/charter/versions", null));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Pages.GetAsync(sheetPage)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}")).StatusCode);
        var refused = await member.Pages.GetStringAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}");
        Assert.Contains("Signez la charte déontologique (version 2)", refused, StringComparison.Ordinal);

        // Signing on the page: every clause is required.
        var page = await PageClient.SignedInAsync(factory, member.User!);
        var charter = $"/contrats/{s.ContractId}/suivis/{s.GroupA}/charte";
        var partial = await page.Http.PostAsync(charter, new FormUrlEncodedContent([new("AcceptedClauses", "1"), new("__RequestVerificationToken", await page.AntiforgeryTokenAsync(charter))]));
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Contains("Cochez chacun des engagements", await partial.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var fields = AllClauses.Select(n => new KeyValuePair<string, string>("AcceptedClauses", n.ToString())).Append(new("__RequestVerificationToken", await page.AntiforgeryTokenAsync(charter)));
        Assert.Equal(HttpStatusCode.Redirect, (await page.Http.PostAsync(charter, new FormUrlEncodedContent(fields))).StatusCode);
        await Ok(coordinator.PostAsJsonAsync($"{s.GroupApi}/charter/signature", new { acceptedClauses = AllClauses }));
        Assert.Equal(HttpStatusCode.OK, (await member.Pages.GetAsync(sheetPage)).StatusCode);
        var signature = await factory.WithDb(db => db.CaseGroupMembers.SingleAsync(m => m.GroupId == s.GroupA && m.UserId == member.User!.Id));
        Assert.Equal(2, signature.SignedCharterVersion);
        Assert.Equal(CaseInstitution.School, signature.Institution);

        // Exclusion: the member's open session loses access at the next request.
        await Ok(coordinator.PostAsJsonAsync($"{s.GroupApi}/members/{signature.Id}/status", new { status = "excluded" }));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Pages.GetAsync(sheetPage)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Api.GetAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}")).StatusCode);
        var back = await coordinator.PostAsJsonAsync($"{s.GroupApi}/members/{signature.Id}/status", new { status = "active" });
        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode); // an excluded member is not reinstated
        // The scenario excluded one member already; this is the second.
        Assert.Equal(2, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CaseMemberExcluded && e.EntityId == s.GroupA.ToString())));
    }

    [Fact]
    public async Task EveryRead_AndEveryRefusal_IsAudited_AndTheCoordinatorSeesWhoSawTheSheet()
    {
        await using var s = await CreateAsync(factory);
        var sheet = $"{s.GroupApi}/sheets/{s.SheetOnAgenda}";
        Assert.Equal(HttpStatusCode.OK, (await s.Role(Member).Api.GetAsync(sheet)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Role(Referent).Api.GetAsync($"{sheet}/contact")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Role(Referent).Pages.GetAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}/fiches/{s.SheetOnAgenda}?voir=judiciaire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Unsigned).Api.GetAsync(sheet)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Member).Api.GetAsync($"{sheet}/judicial")).StatusCode);

        var rows = await s.Role(Coordinator).Api.GetFromJsonAsync<JsonElement>($"{sheet}/accesses");
        bool Has(string kind, TestUser user, string tier, string outcome) => rows.EnumerateArray().Any(r => r.GetProperty("kind").GetString() == kind
            && r.GetProperty("userId").GetGuid() == user.Id && r.GetProperty("tier").GetString() == tier && r.GetProperty("outcome").GetString() == outcome);
        Assert.True(Has(AuditKinds.CaseSheetViewed, s.Role(Member).User!, "T1", "success"), rows.ToString());
        Assert.True(Has(AuditKinds.CaseContactViewed, s.Role(Referent).User!, "T2", "success"));
        Assert.True(Has(AuditKinds.CaseJudicialViewed, s.Role(Referent).User!, "T3", "success"));
        Assert.True(Has(AuditKinds.CasePermissionDenied, s.Role(Member).User!, "T3", "denied"));
        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("kind").GetString() == AuditKinds.CasePermissionDenied && r.GetProperty("userId").GetGuid() == s.Role(Unsigned).User!.Id);
        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("kind").GetString() == AuditKinds.CaseSheetCreated);
        // The page shows the same trail, with the reader's name.
        var page = await s.Role(Coordinator).Pages.GetStringAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}/fiches/{s.SheetOnAgenda}?voir=acces");
        Assert.Contains("coordonnées consultées", PageClient.Parse(page).Body!.TextContent, StringComparison.Ordinal);
        // The events chain like every other one.
        var (code, message) = await Vigie.Web.Features.Audit.VerifyAudit.RunAsync(factory.Services.GetRequiredService<AuditChain>());
        Assert.True(code == 0, message);
    }

    [Fact]
    public async Task DuplicateCheck_AnswersOnlyWhetherAndInWhichGroup()
    {
        await using var s = await CreateAsync(factory);
        var api = s.Role(Coordinator).Api;
        var birth = TestDates.Today.AddYears(-14).ToString("yyyy-MM-dd");
        // Same person typed differently (case, accents): found, with the group's name only.
        var found = await JsonAsync(await api.PostAsJsonAsync($"{s.GroupApi}/duplicate-check", new { surname = s.Surname.ToLowerInvariant(), firstName = s.FirstName.ToUpperInvariant(), birthDate = birth }));
        Assert.True(found.GetProperty("exists").GetBoolean());
        var group = await api.GetFromJsonAsync<JsonElement>(s.GroupApi);
        Assert.Equal([group.GetProperty("name").GetString()], found.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.DoesNotContain(s.SheetOnAgenda.ToString(), found.ToString(), StringComparison.Ordinal);
        var none = await JsonAsync(await api.PostAsJsonAsync($"{s.GroupApi}/duplicate-check", new { surname = s.Surname, firstName = s.FirstName, birthDate = "2001-01-01" }));
        Assert.False(none.GetProperty("exists").GetBoolean());
        // A member cannot run it; the check is audited without the name.
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Member).Api.PostAsJsonAsync($"{s.GroupApi}/duplicate-check", new { surname = s.Surname, firstName = s.FirstName, birthDate = birth })).StatusCode);
        var events = await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.CaseDuplicateCheck && e.ContractId == s.ContractId).Select(e => e.Data!).ToListAsync());
        Assert.Equal(2, events.Count);
        Assert.All(events, d => Assert.DoesNotContain(s.Surname, d, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task StatusMachine_OpensFollowUpAtTheMeeting_SchedulesTheReview_AndClosingNeedsAReason()
    {
        await using var s = await CreateAsync(factory);
        var api = s.Role(Coordinator).Api;
        var sheet = $"{s.GroupApi}/sheets/{s.SheetOnAgenda}";
        Assert.Equal("underReview", (await api.GetFromJsonAsync<JsonElement>(sheet)).GetProperty("status").GetString());
        await api.CreateAsync($"{sheet}/decisions", new { meetingId = s.Meeting, decision = "openFollowUp" });
        var followed = await api.GetFromJsonAsync<JsonElement>(sheet);
        Assert.Equal("followed", followed.GetProperty("status").GetString());
        Assert.Equal(TestDates.Today.AddMonths(6), DateOnly.Parse(followed.GetProperty("reviewDueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"{sheet}/review", null)).StatusCode);
        var noReason = await api.PostAsJsonAsync($"{sheet}/status", new { status = "closed" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await JsonAsync(noReason)).GetProperty("errors").TryGetProperty("closureReason", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"{sheet}/status", new { status = "closed", closureReason = "goalsReached" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"{sheet}/status", new { status = "followed" })).StatusCode);
        var kinds = await factory.WithDb(db => db.AuditEvents.Where(e => e.EntityId == s.SheetOnAgenda.ToString()).Select(e => e.Kind).ToListAsync());
        Assert.Contains(AuditKinds.CaseExamined, kinds);
        Assert.Contains(AuditKinds.CaseReviewConfirmed, kinds);
        Assert.Equal(3, kinds.Count(k => k == AuditKinds.CaseStatusChanged)); // en examen, en suivi, clôturée
    }
}
