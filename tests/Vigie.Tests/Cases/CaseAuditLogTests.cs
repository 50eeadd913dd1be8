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
/// Issue 13 follow-up (shared/specs §1.5): the contract's DPO, designated by a coordinator of the contract, reads and exports
/// the module's audit log by code — never a name or a value — and still gets 404 on every sheet; a group's coordinator reads
/// the log of their groups; designations are ROLE_CHANGED events; the audit retention's bounds (§1.6: 6–36 months).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseAuditLogTests(VigieFactory factory)
{
    private async Task<TestUser> ContractMemberAsync(Guid contractId)
    {
        var user = await factory.UserAsync();
        await factory.WithDb(async db =>
        {
            db.Memberships.Add(new ContractMembership { ContractId = contractId, UserId = user.Id, Role = ContractRole.Reader });
            return await db.SaveChangesAsync();
        });
        return user;
    }

    private Task<int> RoleChangesAsync(Guid contractId, Guid user, string change) =>
        factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CaseRoleChanged && e.ContractId == contractId && e.EntityId == user.ToString()
            && e.Data!.Contains($"\"change\":\"{change}\"")));

    [Fact]
    public async Task Dpo_ReadsAndExportsTheLogByCode_NeverANameOrValue_AndGets404OnTheSheets()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator);
        var dpo = await ContractMemberAsync(s.ContractId);
        var dpoApi = await factory.ApiClientAsync(dpo);
        var c = $"/api/v1/contracts/{s.ContractId}/case-groups";
        var log = $"{c}/audit-log";

        // Not designated yet: a member of the contract reads nothing of it.
        Assert.Equal(HttpStatusCode.Forbidden, (await dpoApi.GetAsync(log)).StatusCode);

        // The contract's coordinator designates a member of the contract (not anyone, and nobody else designates).
        var stranger = await factory.UserAsync();
        var refused = await coordinator.Api.PutAsJsonAsync($"{c}/dpos", new { userIds = new[] { stranger.Id } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("membre du contrat", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Referent).Api.PutAsJsonAsync($"{c}/dpos", new { userIds = new[] { dpo.Id } })).StatusCode);
        await Ok(coordinator.Api.PutAsJsonAsync($"{c}/dpos", new { userIds = new[] { dpo.Id } }));
        var designated = await coordinator.Api.GetFromJsonAsync<JsonElement>($"{c}/dpos");
        Assert.Equal(dpo.Id, designated.EnumerateArray().Single().GetProperty("userId").GetGuid());
        Assert.Equal(1, await RoleChangesAsync(s.ContractId, dpo.Id, "designated"));

        // The log: the sheets by code, never the person's names nor the problématiques (tier 3 values).
        var code = await factory.WithDb(db => db.CaseSheets.Where(x => x.Id == s.SheetOnAgenda).Select(x => x.Code).SingleAsync());
        var page = await dpoApi.GetFromJsonAsync<JsonElement>(log);
        var text = page.GetRawText();
        Assert.Contains(code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Surname, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(s.FirstName, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("absenteeismDropout", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(page.GetProperty("total").GetInt32() > 5);
        Assert.All(page.GetProperty("events").EnumerateArray(), e => Assert.StartsWith("cases.", e.GetProperty("kind").GetString(), StringComparison.Ordinal));

        // Filters: kind and group; a bad one is refused in French, naming the field.
        var created = await dpoApi.GetFromJsonAsync<JsonElement>($"{log}?kind={AuditKinds.CaseSheetCreated}&group={s.GroupA}");
        Assert.Equal(2, created.GetProperty("total").GetInt32());
        Assert.All(created.GetProperty("events").EnumerateArray(), e => Assert.Equal(s.GroupA, e.GetProperty("groupId").GetGuid()));
        var badKind = await dpoApi.GetAsync($"{log}?kind=inconnu");
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("Type d'événement inconnu", await badKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badPeriod = await dpoApi.GetAsync($"{log}?from=2026-02-01&to=2026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("from", await badPeriod.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // No access to content: the group and its sheets do not exist for the DPO (page and API).
        Assert.Equal(HttpStatusCode.NotFound, (await dpoApi.GetAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dpoApi.GetAsync(s.GroupApi)).StatusCode);
        var pages = await PageClient.SignedInAsync(factory, dpo);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}/fiches/{s.SheetOnAgenda}")).StatusCode);

        // The page and the CSV export (page and API), by code.
        var html = (await pages.GetDocumentAsync($"/contrats/{s.ContractId}/suivis/journal")).Body!.TextContent;
        Assert.Contains(code, html, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Surname, html, StringComparison.OrdinalIgnoreCase);
        var csv = await pages.Http.GetAsync($"/contrats/{s.ContractId}/suivis/journal?handler=Csv&groupe={s.GroupA}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.Contains(code, csvText, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Surname, csvText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await dpoApi.GetAsync($"{log}/csv")).StatusCode);
        Assert.Equal(2, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CaseAuditLogExported && e.UserId == dpo.Id)));
        Assert.True(await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CaseAuditLogViewed && e.UserId == dpo.Id)) >= 3);

        // A group's coordinator reads their group's log; a member who coordinates nothing reads none.
        var groupLog = await coordinator.Api.GetFromJsonAsync<JsonElement>($"{log}?group={s.GroupB}");
        Assert.All(groupLog.GetProperty("events").EnumerateArray(), e => Assert.Equal(s.GroupB, e.GetProperty("groupId").GetGuid()));
        var memberPage = await s.Role(Member).Pages.GetAsync($"/contrats/{s.ContractId}/suivis/journal");
        Assert.Equal(HttpStatusCode.Forbidden, memberPage.StatusCode);
        Assert.Contains("délégué à la protection des données", PageClient.Parse(await memberPage.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);

        // Designation removed: the log is closed to them again.
        await Ok(coordinator.Api.PutAsJsonAsync($"{c}/dpos", new { userIds = Array.Empty<Guid>() }));
        Assert.Equal(HttpStatusCode.Forbidden, (await dpoApi.GetAsync(log)).StatusCode);
        Assert.Equal(1, await RoleChangesAsync(s.ContractId, dpo.Id, "removed"));
    }

    [Fact]
    public async Task DpoDesignationPage_DesignatesAndRemoves_ForTheContractsCoordinatorOnly()
    {
        var coordinator = await factory.UserAsync();
        var member = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator), (member, ContractRole.PartnerMember));
        var url = $"/contrats/{contract.Id}/suivis/delegues";
        var pages = await PageClient.SignedInAsync(factory, coordinator);
        var added = await pages.PostFormAsync($"{url}?handler=Add", new() { ["UserId"] = member.Id.ToString() }, formPageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(await factory.WithDb(db => db.CaseDpoDesignations.AnyAsync(d => d.ContractId == contract.Id && d.UserId == member.Id)));
        var empty = await pages.PostFormAsync($"{url}?handler=Add", [], formPageUrl: url);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Choisissez un membre du contrat", PageClient.Parse(await empty.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);

        // The designated member reads the log page (no group yet: empty) but cannot designate.
        var memberPages = await PageClient.SignedInAsync(factory, member);
        Assert.Equal(HttpStatusCode.OK, (await memberPages.Http.GetAsync($"/contrats/{contract.Id}/suivis/journal")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberPages.Http.GetAsync(url)).StatusCode);

        var removed = await pages.PostFormAsync($"{url}?handler=Remove", new() { ["UserId"] = member.Id.ToString() }, formPageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await factory.WithDb(db => db.CaseDpoDesignations.AnyAsync(d => d.ContractId == contract.Id)));
        Assert.Equal(HttpStatusCode.Forbidden, (await memberPages.Http.GetAsync($"/contrats/{contract.Id}/suivis/journal")).StatusCode);
    }

    [Fact]
    public async Task AuditRetention_OutsideSixToThirtySixMonths_IsRefusedInFrench_AndTheValueIsInTheRegister()
    {
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);
        var groups = $"/api/v1/contracts/{contract.Id}/case-groups";
        var groupId = await api.CreateAsync(groups, new { name = TestData.Unique("Cellule"), kind = "watchCell", coordinatorInstitution = "municipalService" });
        await Ok(api.PostAsJsonAsync($"{groups}/{groupId}/charter/signature", new { acceptedClauses = AllClauses }));
        var retention = $"{groups}/{groupId}/retention";

        foreach (var months in new[] { 5, 37, 0 })
        {
            var r = await api.PutAsJsonAsync(retention, new { archiveMonths = 3, notRetainedMonths = 3, auditMonths = months });
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var body = await r.Content.ReadAsStringAsync();
            Assert.Contains("auditMonths", body, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("de 6 à 36 mois", body, StringComparison.Ordinal);
        }
        Assert.Equal(12, await factory.WithDb(db => db.CaseGroups.Where(g => g.Id == groupId).Select(g => g.AuditMonths).SingleAsync()));

        await Ok(api.PutAsJsonAsync(retention, new { archiveMonths = 3, notRetainedMonths = 3, auditMonths = 24 }));
        Assert.Equal(24, (await api.GetFromJsonAsync<JsonElement>(retention)).GetProperty("auditMonths").GetInt32());
        // Without the field, the value stays (older clients).
        await Ok(api.PutAsJsonAsync(retention, new { archiveMonths = 3, notRetainedMonths = 3 }));
        var pages = await PageClient.SignedInAsync(factory, coordinator);
        var register = (await pages.GetDocumentAsync($"/contrats/{contract.Id}/suivis/registre")).Body!.TextContent;
        Assert.Contains("24 mois", register, StringComparison.Ordinal);

        // The page refuses the same way, nothing saved.
        var pageUrl = $"/contrats/{contract.Id}/suivis/{groupId}/conservation";
        var posted = await pages.PostFormAsync($"{pageUrl}?handler=Settings",
            new() { ["Settings.ArchiveMonths"] = "3", ["Settings.NotRetainedMonths"] = "3", ["Settings.AuditMonths"] = "48" }, formPageUrl: pageUrl);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("de 6 à 36 mois", PageClient.Parse(await posted.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(24, await factory.WithDb(db => db.CaseGroups.Where(g => g.Id == groupId).Select(g => g.AuditMonths).SingleAsync()));
    }
}
