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
/// Issue 13, shared/specs §1.2 "programme (enum, configured per CLSPD)": the contract's programmes kept by its
/// coordinators, the sheet's optional programme chosen from that closed list and changed with the sheet's version
/// (ADR 0019), never deleted once used, kept on the anonymous stub at the purge and counted in the aggregates with the
/// small-cell suppression.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseProgrammeTests(VigieFactory factory)
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private DateOnly Today => Culture.ParisDate(factory.Clock.GetUtcNow());
    private static string Code() => "P" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task Programmes_AreKeptByTheContractsCoordinators_ListedToItsMembers_AndBadInputNamesTheField()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator).Api;
        var programmes = $"/api/v1/contracts/{s.ContractId}/case-groups/programmes";
        var code = Code();
        var id = await coordinator.CreateAsync(programmes, new { code = code.ToLowerInvariant(), label = "Prévention de la récidive" });
        Assert.Equal(code, await factory.WithDb(db => db.CaseProgrammes.Where(p => p.Id == id).Select(p => p.Code).SingleAsync()));

        var duplicate = await coordinator.PostAsJsonAsync(programmes, new { code, label = "Autre intitulé" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("\"code\"", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badCode = await coordinator.PostAsJsonAsync(programmes, new { code = "É T", label = "Réussite éducative" });
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        Assert.Contains("Le code du programme", await badCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Member).Api.PostAsJsonAsync(programmes, new { code = Code(), label = "Réussite éducative" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Referent).Api.DeleteAsync($"{programmes}/{id}")).StatusCode);

        // Members read the list (without knowing whether a sheet names a programme); coordinators see it.
        var asMember = await s.Role(Member).Api.GetFromJsonAsync<JsonElement>(programmes);
        var row = asMember.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id);
        Assert.Equal("Prévention de la récidive", row.GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("used").ValueKind);
        var asCoordinator = await coordinator.GetFromJsonAsync<JsonElement>(programmes);
        var version = asCoordinator.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id).GetProperty("version").GetInt32();
        Assert.False(asCoordinator.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id).GetProperty("used").GetBoolean());

        // ADR 0019: a stale version is a conflict naming the stored label; the current one saves.
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PutAsJsonAsync($"{programmes}/{id}", new { code, label = "Prévention de la réitération", version })).StatusCode);
        var stale = await coordinator.PutAsJsonAsync($"{programmes}/{id}", new { code, label = "Autre chose", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Prévention de la réitération", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PutAsJsonAsync($"{programmes}/{Guid.NewGuid()}", new { code, label = "X" })).StatusCode);

        // The page: the list for every member, the forms for the coordinators.
        var memberPage = PageClient.Parse(await s.Role(Member).Pages.GetStringAsync($"/contrats/{s.ContractId}/suivis/programmes"));
        Assert.Contains("Prévention de la réitération", memberPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(memberPage.QuerySelectorAll("form[method=post] input[name='Input.Code']"));
        var page = new PageClient(s.Role(Coordinator).Pages);
        var url = $"/contrats/{s.ContractId}/suivis/programmes";
        var created = await page.PostFormAsync(url, new() { ["Input.Code"] = Code(), ["Input.Label"] = "Lutte contre les violences intrafamiliales" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var invalid = await page.PostFormAsync(url, new() { ["Input.Code"] = Code(), ["Input.Label"] = "Appeler le 06 12 34 56 78" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("L'intitulé du programme ne doit contenir", PageClient.Parse(await invalid.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);
        var kinds = await factory.WithDb(db => db.AuditEvents.Where(e => e.ContractId == s.ContractId && e.EntityType == "CaseProgramme").Select(e => e.Kind).ToListAsync());
        Assert.Equal(2, kinds.Count(k => k == AuditKinds.CaseProgrammeCreated));
        Assert.Single(kinds, k => k == AuditKinds.CaseProgrammeUpdated);
    }

    [Fact]
    public async Task TheSheetsProgramme_IsChosenFromTheList_ChangedWithTheSheetsVersion_ByTheCoordinatorOrTheReferent_AndNeverDeletedOnceUsed()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator).Api;
        var programmes = $"/api/v1/contracts/{s.ContractId}/case-groups/programmes";
        var a = await coordinator.CreateAsync(programmes, new { code = Code(), label = "Réussite éducative" });
        var b = await coordinator.CreateAsync(programmes, new { code = Code(), label = "Prévention de la récidive" });
        var unused = await coordinator.CreateAsync(programmes, new { code = Code(), label = "Programme jamais utilisé" });

        var unknown = await coordinator.PostAsJsonAsync($"{s.GroupApi}/sheets", SheetBody(UniqueName("Nom"), UniqueName("Prenom"), extra: new { programmeId = Guid.NewGuid() }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("programmeId", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var withA = await coordinator.CreateAsync($"{s.GroupApi}/sheets", SheetBody(UniqueName("Nom"), UniqueName("Prenom"), s.Role(Referent).User!.Id, extra: new { programmeId = a }));
        var view = await coordinator.GetFromJsonAsync<JsonElement>($"{s.GroupApi}/sheets/{withA}");
        Assert.Equal("Réussite éducative", view.GetProperty("programme").GetString());

        // The sheet on the agenda: the member reads it (T1) but may not change it; the référent may, with the version read.
        var sheet = $"{s.GroupApi}/sheets/{s.SheetOnAgenda}";
        var read = await s.Role(Referent).Api.GetFromJsonAsync<JsonElement>(sheet);
        var version = read.GetProperty("version").GetInt32();
        Assert.Equal(JsonValueKind.Null, read.GetProperty("programmeId").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Member).Api.PutAsJsonAsync($"{sheet}/programme", new { programmeId = b, version })).StatusCode);
        var changed = await s.Role(Referent).Api.PutAsJsonAsync($"{sheet}/programme", new { programmeId = b, version });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True((await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32() > version);
        // The coordinator, from the version read before: a conflict naming the stored programme, nothing changed.
        var stale = await coordinator.PutAsJsonAsync($"{sheet}/programme", new { programmeId = a, version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Prévention de la récidive", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(b, await factory.WithDb(db => db.CaseSheets.Where(x => x.Id == s.SheetOnAgenda).Select(x => x.ProgrammeId).SingleAsync()));
        var member = await s.Role(Member).Api.GetFromJsonAsync<JsonElement>(sheet);
        Assert.Equal("Prévention de la récidive", member.GetProperty("programme").GetString());
        var audit = await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.CaseSheetUpdated && e.EntityId == s.SheetOnAgenda.ToString()).Select(e => e.Data!).ToListAsync());
        Assert.Single(audit, d => d.Contains("\"change\":\"programme\"", StringComparison.Ordinal) && d.Contains("\"fields\":[\"programmeId\"]", StringComparison.Ordinal));
        // The log its readers (the DPO, the group's coordinator) get names the field changed, never a programme's code.
        var codes = await factory.WithDb(db => db.CaseProgrammes.Where(p => p.Id == a || p.Id == b).Select(p => p.Code).ToListAsync());
        var log = await coordinator.GetStringAsync($"/api/v1/contracts/{s.ContractId}/case-groups/audit-log?group={s.GroupA}");
        Assert.Contains("programmeId", log, StringComparison.Ordinal);
        Assert.All(codes, code => Assert.DoesNotContain(code, log, StringComparison.Ordinal));

        // Archived: kept by the sheet naming it, refused to any other; a used programme is not deleted, an unused one is.
        var stored = await coordinator.GetFromJsonAsync<JsonElement>(programmes);
        var bRow = stored.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == b);
        Assert.True(bRow.GetProperty("used").GetBoolean());
        await Ok(coordinator.PutAsJsonAsync($"{programmes}/{b}", new { code = bRow.GetProperty("code").GetString(), label = "Prévention de la récidive", archived = true, version = bRow.GetProperty("version").GetInt32() }));
        var current = (await coordinator.GetFromJsonAsync<JsonElement>($"{s.GroupApi}/sheets/{withA}")).GetProperty("version").GetInt32();
        var archived = await coordinator.PutAsJsonAsync($"{s.GroupApi}/sheets/{withA}/programme", new { programmeId = b, version = current });
        Assert.Equal(HttpStatusCode.BadRequest, archived.StatusCode);
        Assert.Contains("archivé", await archived.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var deleteUsed = await coordinator.DeleteAsync($"{programmes}/{a}");
        Assert.Equal(HttpStatusCode.BadRequest, deleteUsed.StatusCode);
        Assert.Contains("archivez-le", await deleteUsed.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"{programmes}/{unused}")).StatusCode);
        Assert.Equal(2, await factory.WithDb(db => db.CaseProgrammes.CountAsync(p => p.ContractId == s.ContractId)));

        // The page: the sheet shows its programme; a stale form comes back with the conflict and the current version.
        var pages = new PageClient(s.Role(Coordinator).Pages);
        var sheetPage = $"/contrats/{s.ContractId}/suivis/{s.GroupA}/fiches/{withA}";
        var doc = await pages.GetDocumentAsync(sheetPage);
        Assert.Contains("Réussite éducative", doc.Body!.TextContent, StringComparison.Ordinal);
        var formVersion = doc.QuerySelector("input[name='ProgrammeChoice.Version']")!.GetAttribute("value")!;
        var ok = await pages.PostFormAsync($"{sheetPage}?handler=Programme", new() { ["ProgrammeChoice.ProgrammeId"] = "", ["ProgrammeChoice.Version"] = formVersion }, sheetPage);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Null(await factory.WithDb(db => db.CaseSheets.Where(x => x.Id == withA).Select(x => x.ProgrammeId).SingleAsync()));
        var conflict = await pages.PostFormAsync($"{sheetPage}?handler=Programme", new() { ["ProgrammeChoice.ProgrammeId"] = a.ToString(), ["ProgrammeChoice.Version"] = formVersion }, sheetPage);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var conflictDoc = PageClient.Parse(await conflict.Content.ReadAsStringAsync());
        Assert.Contains("pendant votre saisie", conflictDoc.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(formVersion, conflictDoc.QuerySelector("input[name='ProgrammeChoice.Version']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task AnErasedSheetsProgramme_StaysOnTheStub_AndTheAggregatesCountItWithCellsUnderFiveSuppressed()
    {
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);
        var groups = $"/api/v1/contracts/{contract.Id}/case-groups";
        var groupId = await api.CreateAsync(groups, new { name = TestData.Unique("Cellule programmes"), kind = "watchCell", coordinatorInstitution = "municipalService" });
        await Ok(api.PostAsJsonAsync($"{groups}/{groupId}/charter/signature", new { acceptedClauses = AllClauses }));
        var programme = await api.CreateAsync($"{groups}/programmes", new { code = Code(), label = "Réussite éducative" });
        var sheets = new List<Guid>();
        for (var i = 0; i < 7; i++)
            sheets.Add(await api.CreateAsync($"{groups}/{groupId}/sheets", SheetBody(UniqueName("Prog"), UniqueName("Prenom"), extra: i < 6 ? new { programmeId = programme } : null)));

        // The erasure of one sheet of the programme: its stub keeps the programme, and the count does not change.
        var sheet = $"{groups}/{groupId}/sheets/{sheets[0]}";
        var request = await api.CreateAsync($"{sheet}/rights-requests", new { kind = "erasure", receivedOn = Day(Today) });
        var erased = await api.PostAsync($"{sheet}/rights-requests/{request}/erasure", null);
        Assert.True((await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erased").GetBoolean());
        var stub = await factory.WithDb(db => db.CaseStatsStubs.SingleAsync(x => x.GroupId == groupId));
        Assert.Equal(programme, stub.ProgrammeId);

        var register = await api.GetFromJsonAsync<JsonElement>($"{groups}/register");
        var block = Assert.Single(register.GetProperty("aggregates").EnumerateArray().ToList());
        var cells = block.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("dimension").GetString() == "Programme").GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(6, cells.Single(c => c.GetProperty("label").GetString() == "Réussite éducative").GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, cells.Single(c => c.GetProperty("label").GetString() == "Sans programme").GetProperty("count").ValueKind);
        // 7 − 6 = 1: the total is masked.
        Assert.Equal(JsonValueKind.Null, block.GetProperty("total").ValueKind);
        var page = await (await PageClient.SignedInAsync(factory, coordinator)).GetDocumentAsync($"/contrats/{contract.Id}/suivis/registre");
        var rows = page.QuerySelectorAll("table tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        var year = Today.Year.ToString(CultureInfo.InvariantCulture);
        Assert.Contains(rows, r => r.Count == 4 && r[1] == year && r[2] == "Réussite éducative" && r[3] == "6");
        Assert.Contains(rows, r => r.Count == 4 && r[1] == year && r[2] == "Sans programme" && r[3] == "< 5");
    }
}
