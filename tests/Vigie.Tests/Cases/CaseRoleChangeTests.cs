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
/// ROLE_CHANGED (shared/specs §1.4 A8, §1.5): a member's institution or function, the coordination handed over, a sheet's
/// référent — by the group's coordinator only, each change one <c>cases.role-changed</c> event with ids and field names,
/// never the free-text function; the new roles take effect at once.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseRoleChangeTests(VigieFactory factory)
{
    private Task<List<string>> RoleChangesAsync(Guid contractId) =>
        factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.CaseRoleChanged && e.ContractId == contractId).OrderBy(e => e.Id).Select(e => e.Data!).ToListAsync());

    [Fact]
    public async Task MemberRole_Coordination_AndReferent_Change_AreLogged_AndTakeEffect()
    {
        var coordinator = await factory.UserAsync();
        var member = await factory.UserAsync();
        var unsigned = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator), (member, ContractRole.PartnerMember), (unsigned, ContractRole.PartnerMember));
        var api = await factory.ApiClientAsync(coordinator);
        var memberApi = await factory.ApiClientAsync(member);
        var groups = $"/api/v1/contracts/{contract.Id}/case-groups";
        var groupId = await api.CreateAsync(groups, new { name = TestData.Unique("Cellule"), kind = "watchCell", coordinatorInstitution = "municipalService" });
        var g = $"{groups}/{groupId}";
        await Ok(api.PostAsJsonAsync($"{g}/charter/signature", new { acceptedClauses = AllClauses }));
        var memberRow = await api.CreateAsync($"{g}/members", new { userId = member.Id, institution = "school" });
        var unsignedRow = await api.CreateAsync($"{g}/members", new { userId = unsigned.Id, institution = "ccas" });
        await Ok(memberApi.PostAsJsonAsync($"{g}/charter/signature", new { acceptedClauses = AllClauses }));

        // Institution and function: one event naming the fields, with the closed-list institution, never the function's text.
        await Ok(api.PutAsJsonAsync($"{g}/members/{memberRow}", new { institution = "specialisedPrevention", function = "Educatrice specialisee" }));
        await Ok(api.PutAsJsonAsync($"{g}/members/{memberRow}", new { institution = "specialisedPrevention", function = "Educatrice specialisee" })); // unchanged: no event
        var changes = await RoleChangesAsync(contract.Id);
        var update = Assert.Single(changes);
        Assert.Contains("\"fields\":[\"institution\",\"function\"]", update, StringComparison.Ordinal);
        Assert.Contains("SpecialisedPrevention", update, StringComparison.Ordinal);
        Assert.DoesNotContain("Educatrice", update, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberApi.PutAsJsonAsync($"{g}/members/{memberRow}", new { institution = "school" })).StatusCode);
        var tooLong = await api.PutAsJsonAsync($"{g}/members/{memberRow}", new { institution = "school", function = new string('x', 201) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("200 caractères", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A sheet's référent: an active member of the group; the référent then reads the contact details (T2).
        var sheet = await api.CreateAsync($"{g}/sheets", SheetBody(UniqueName("Nom"), UniqueName("Prenom")));
        Assert.Equal(HttpStatusCode.NotFound, (await memberApi.GetAsync($"{g}/sheets/{sheet}/contact")).StatusCode);
        var stranger = await api.PutAsJsonAsync($"{g}/sheets/{sheet}/referent", new { userId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("membre actif du dispositif", await stranger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Ok(api.PutAsJsonAsync($"{g}/sheets/{sheet}/referent", new { userId = member.Id }));
        Assert.Equal(HttpStatusCode.OK, (await memberApi.GetAsync($"{g}/sheets/{sheet}/contact")).StatusCode);
        Assert.Contains("\"role\":\"referent\"", (await RoleChangesAsync(contract.Id))[^1], StringComparison.Ordinal);

        // The coordination goes only to an active member who signed the current charter.
        var refused = await api.PutAsJsonAsync($"{g}/coordinator", new { memberId = unsignedRow });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("signé la charte en vigueur", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Ok(api.PutAsJsonAsync($"{g}/coordinator", new { memberId = memberRow }));
        var handover = (await RoleChangesAsync(contract.Id))[^1];
        Assert.Contains("\"role\":\"coordinator\"", handover, StringComparison.Ordinal);
        Assert.Contains(member.Id.ToString(), handover, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await memberApi.GetAsync($"{g}/retention")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"{g}/retention")).StatusCode);
        Assert.Equal(3, (await RoleChangesAsync(contract.Id)).Count);
    }

    [Fact]
    public async Task GroupPage_MemberRoleForm_RecordsTheChange()
    {
        var coordinator = await factory.UserAsync();
        var member = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator), (member, ContractRole.PartnerMember));
        var api = await factory.ApiClientAsync(coordinator);
        var groups = $"/api/v1/contracts/{contract.Id}/case-groups";
        var groupId = await api.CreateAsync(groups, new { name = TestData.Unique("Cellule"), kind = "watchCell", coordinatorInstitution = "municipalService" });
        await Ok(api.PostAsJsonAsync($"{groups}/{groupId}/charter/signature", new { acceptedClauses = AllClauses }));
        var memberRow = await api.CreateAsync($"{groups}/{groupId}/members", new { userId = member.Id, institution = "school" });

        var pages = await PageClient.SignedInAsync(factory, coordinator);
        var url = $"/contrats/{contract.Id}/suivis/{groupId}";
        var posted = await pages.PostFormAsync($"{url}?handler=MemberRole&memberId={memberRow}",
            new() { ["MemberRole.Institution"] = nameof(CaseInstitution.Ccas), ["MemberRole.Function"] = "" }, formPageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(CaseInstitution.Ccas, await factory.WithDb(db => db.CaseGroupMembers.Where(m => m.Id == memberRow).Select(m => m.Institution).SingleAsync()));
        Assert.Contains("\"institution\"", Assert.Single(await RoleChangesAsync(contract.Id)), StringComparison.Ordinal);
    }
}
