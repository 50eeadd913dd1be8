using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>
/// Issue 13, shared/specs §1.7: the rights requests are logged and kept. Erasing a sheet no longer deletes its requests:
/// they stay in the group's register (dates, kind, deadline, answer, outcome) without anything pointing to the person,
/// and the coordinator reads them there with the late ones flagged.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseRightsRegisterTests(VigieFactory factory)
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private DateOnly Today => Culture.ParisDate(factory.Clock.GetUtcNow());

    [Fact]
    public async Task Erasure_DeletesTheSheet_KeepsItsRequestsDetachedInTheRegister_WithTheLateOnesFlagged()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator).Api;
        var sheet = $"{s.GroupApi}/sheets/{s.SheetOnAgenda}";
        var code = await factory.WithDb(db => db.CaseSheets.Where(x => x.Id == s.SheetOnAgenda).Select(x => x.Code).SingleAsync());
        var late = await coordinator.CreateAsync($"{sheet}/rights-requests", new { kind = "access", receivedOn = Day(Today.AddDays(-40)) });
        var extended = await coordinator.CreateAsync($"{sheet}/rights-requests", new { kind = "rectification", receivedOn = Day(Today) });
        await Ok(coordinator.PostAsJsonAsync($"{sheet}/rights-requests/{extended}/extension", new { motive = "Demande portant sur plusieurs années de suivi" }));
        var other = await coordinator.CreateAsync($"{s.GroupApi}/sheets/{s.SheetOffAgenda}/rights-requests", new { kind = "opposition", receivedOn = Day(Today) });
        var erasure = await coordinator.CreateAsync($"{sheet}/rights-requests", new { kind = "erasure", receivedOn = Day(Today) });

        var erased = await coordinator.PostAsync($"{sheet}/rights-requests/{erasure}/erasure", null);
        Assert.True((await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erased").GetBoolean());
        Assert.False(await factory.WithDb(db => db.CaseSheets.AnyAsync(x => x.Id == s.SheetOnAgenda)));

        // The rows are still there: group, kind, dates and outcome; no sheet, no motive (the only free text).
        var rows = await factory.WithDb(db => db.CaseRightsRequests.AsNoTracking().Where(r => r.Id == late || r.Id == extended || r.Id == erasure).ToListAsync());
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Null(r.SheetId));
        Assert.All(rows, r => Assert.Null(r.ExtensionMotiveCipher));
        Assert.All(rows, r => Assert.Equal(s.GroupA, r.GroupId));
        var granted = rows.Single(r => r.Id == erasure);
        Assert.Equal(CaseRightsOutcome.Granted, granted.Outcome);
        Assert.Equal(Today, granted.AnsweredOn);
        Assert.Equal(s.SheetOffAgenda, await factory.WithDb(db => db.CaseRightsRequests.Where(r => r.Id == other).Select(r => r.SheetId).SingleAsync()));

        // The register: every request, the erased sheet's without a link, the late one flagged; no name, no code of the erased sheet.
        var registerJson = await coordinator.GetStringAsync($"{s.GroupApi}/rights-requests");
        var register = JsonDocument.Parse(registerJson).RootElement;
        var lines = register.GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(4, lines.Count);
        var lateLine = lines.Single(l => l.GetProperty("id").GetGuid() == late);
        Assert.True(lateLine.GetProperty("overdue").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lateLine.GetProperty("sheetId").ValueKind);
        Assert.True(lines.Single(l => l.GetProperty("id").GetGuid() == extended).GetProperty("extended").GetBoolean());
        Assert.Equal("granted", lines.Single(l => l.GetProperty("id").GetGuid() == erasure).GetProperty("outcome").GetString());
        Assert.Equal(s.SheetOffAgenda, lines.Single(l => l.GetProperty("id").GetGuid() == other).GetProperty("sheetId").GetGuid());
        Assert.Equal(3, register.GetProperty("open").GetInt32());
        Assert.Equal(1, register.GetProperty("overdue").GetInt32());
        foreach (var secret in new[] { s.Surname, s.FirstName, code, s.SheetOnAgenda.ToString() })
            Assert.DoesNotContain(secret, registerJson, StringComparison.OrdinalIgnoreCase);

        var pageHtml = await s.Role(Coordinator).Pages.GetStringAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}/droits");
        var page = PageClient.Parse(pageHtml);
        var cells = page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Contains(cells, r => r[0] == Culture.Date(Today.AddDays(-40)) && r[1] == "Accès" && r[2].Contains("en retard", StringComparison.Ordinal) && r[5] == "fiche effacée");
        Assert.Contains(cells, r => r[1] == "Effacement" && r[4] == "effacement appliqué" && r[5] == "fiche effacée");
        Assert.Contains("3 demande(s) en attente de réponse, dont 1 en retard", page.Body!.TextContent, StringComparison.Ordinal);
        foreach (var secret in new[] { s.Surname, s.FirstName, code })
            Assert.DoesNotContain(secret, pageHtml, StringComparison.OrdinalIgnoreCase);
        // The detached request still open is answered from the register, late: flagged so.
        var pages = new PageClient(s.Role(Coordinator).Pages);
        var registerPage = $"/contrats/{s.ContractId}/suivis/{s.GroupA}/droits";
        var bad = await pages.PostFormAsync($"{registerPage}?handler=Answer", new() { ["requestId"] = late.ToString(), ["answeredOn"] = Day(Today.AddDays(1)) }, registerPage);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("entre la réception de la demande et aujourd'hui", PageClient.Parse(await bad.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await pages.PostFormAsync($"{registerPage}?handler=Answer", new() { ["requestId"] = late.ToString(), ["answeredOn"] = Day(Today) }, registerPage)).StatusCode);
        var answered = JsonDocument.Parse(await coordinator.GetStringAsync($"{s.GroupApi}/rights-requests")).RootElement.GetProperty("requests").EnumerateArray()
            .Single(l => l.GetProperty("id").GetGuid() == late);
        Assert.True(answered.GetProperty("answeredLate").GetBoolean());
        Assert.False(answered.GetProperty("overdue").GetBoolean());
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CaseRightsRequestAnswered && e.EntityId == s.GroupA.ToString())));
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Referent).Api.PostAsJsonAsync($"{s.GroupApi}/rights-requests/{other}/answer", new { answeredOn = Day(Today) })).StatusCode);

        // The group page links the coordinator to it; members are refused it.
        Assert.Contains(PageClient.Parse(await s.Role(Coordinator).Pages.GetStringAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}")).QuerySelectorAll("a"),
            a => (a.GetAttribute("href") ?? "").EndsWith($"/suivis/{s.GroupA}/droits", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Referent).Api.GetAsync($"{s.GroupApi}/rights-requests")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Member).Pages.GetAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}/droits")).StatusCode);
    }
}
