using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>
/// Issue 13 item 7 (shared/specs §1.7): the collective notice on the contract's public page — controller and DPO set by a
/// coordinator of the contract (with the version check of ADR 0019), then per group its purpose, legal basis, data,
/// recipients by institution of the active members, retention, rights and the CNIL — and nothing personal.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseNoticeTests(VigieFactory factory)
{
    private static string Settings(CaseScenario s) => $"/api/v1/contracts/{s.ContractId}/case-groups/notice-settings";

    [Fact]
    public async Task ThePublicPage_ShowsTheNoticePerGroup_WithoutAnyPersonMemberOrSheet()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator).Api;
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PutAsJsonAsync(Settings(s),
            new { controllerName = "Le maire de Testville", controllerAddress = "1 place de la Mairie, 59000 Testville", dpoName = "Service mutualisé", dpoContact = "dpo@testville.example" })).StatusCode);

        var anonymous = factory.CreateClient();
        var url = $"/public/contrats/{s.ContractId}/suivi-individuel";
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode); // not published yet
        await factory.WithDb(async db =>
        {
            (await db.Contracts.SingleAsync(c => c.Id == s.ContractId)).IsPublished = true;
            return await db.SaveChangesAsync();
        });
        var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = PageClient.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent;
        var groups = await factory.WithDb(db => db.CaseGroups.Where(g => g.ContractId == s.ContractId).Select(g => g.Name).ToListAsync());
        Assert.Equal(2, groups.Count);
        foreach (var expected in groups.Concat(["Le maire de Testville", "1 place de la Mairie", "dpo@testville.example", "Service mutualisé", "L132-5",
                     "Finalité", "Base légale", "Données traitées", "Destinataires", "Durée de conservation", "Vos droits", "CNIL",
                     "Prévention spécialisée", "Établissement scolaire", "Mission locale", "3 mois d'archive"]))
            Assert.True(text.Contains(expected, StringComparison.Ordinal), $"« {expected} » absent de la page publique");
        // Recipients are the institutions of the active members only (not the suspended CCAS member, not the excluded transport one).
        Assert.DoesNotContain("CCAS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Transporteur", text, StringComparison.Ordinal);
        // Nothing personal: no person, no member's name, no sheet code.
        var people = s.Roles.Where(r => r.User is not null).Select(r => r.User!.Id).ToList();
        var members = await factory.WithDb(db => db.Users.Where(u => people.Contains(u.Id)).Select(u => u.FullName).ToListAsync());
        var codes = await factory.WithDb(db => db.CaseSheets.Where(x => x.ContractId == s.ContractId).Select(x => x.Code).ToListAsync());
        foreach (var secret in members.Concat(codes).Append(s.Surname).Append(s.FirstName))
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);

        // The notice letter prints the same controller and DPO.
        var letter = await PdfText.FlatAsync(await (await coordinator.GetAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/notice-letter")).Content.ReadAsByteArrayAsync());
        Assert.Contains("dpo@testville.example", letter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSettings_AreTheContractCoordinators_AndAStaleVersionIsRefusedWithWhatChanged()
    {
        await using var s = await CreateAsync(factory);
        var api = s.Role(Coordinator).Api;
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Referent).Api.PutAsJsonAsync(Settings(s), new { controllerName = "X", dpoContact = "x@example.test" })).StatusCode);
        var empty = await api.PutAsJsonAsync(Settings(s), new { controllerName = " ", dpoContact = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("responsable du traitement", await empty.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var before = await api.GetFromJsonAsync<JsonElement>(Settings(s));
        Assert.False(before.GetProperty("saved").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsJsonAsync(Settings(s), new { controllerName = "Le maire", dpoContact = "dpo@ville.example" })).StatusCode);
        var version = (await api.GetFromJsonAsync<JsonElement>(Settings(s))).GetProperty("version").GetInt32();

        // Two writers from the same version through the page: the second is told what changed and keeps its input.
        var url = $"/contrats/{s.ContractId}/suivis/information";
        var a = await PageClient.SignedInAsync(factory, s.Role(Coordinator).User!);
        var b = await PageClient.SignedInAsync(factory, s.Role(ContractCoordinator).User!);
        var docA = await a.GetDocumentAsync(url);
        var docB = await b.GetDocumentAsync(url);
        string Field(AngleSharp.Html.Dom.IHtmlDocument d, string name) => d.QuerySelector($"[name='{name}']")?.GetAttribute("value") ?? "";
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), Field(docB, "Input.Version"));
        var formA = new Dictionary<string, string> { ["Input.Version"] = Field(docA, "Input.Version"), ["Input.ControllerName"] = "Le maire de Testville", ["Input.DpoContact"] = "dpo@ville.example" };
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostFormAsync(url, formA)).StatusCode);
        var formB = new Dictionary<string, string> { ["Input.Version"] = Field(docB, "Input.Version"), ["Input.ControllerName"] = "Le président de l'EPCI", ["Input.DpoContact"] = "dpo@epci.example" };
        var refused = await b.PostFormAsync(url, formB);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Responsable du traitement : « Le maire de Testville »", shown.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("dpo@epci.example", Field(shown, "Input.DpoContact"));
        Assert.Equal("Le maire de Testville", await factory.WithDb(db => db.CaseNoticeSettings.Where(x => x.ContractId == s.ContractId).Select(x => x.ControllerName).SingleAsync()));

        // The API: 409 with the current version and the fields.
        var stale = await api.PutAsJsonAsync(Settings(s), new { controllerName = "Autre", dpoContact = "dpo@ville.example", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await PlanTestKit.JsonAsync(stale);
        Assert.Equal(version + 1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Contains(problem.GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "Responsable du traitement");
    }
}
