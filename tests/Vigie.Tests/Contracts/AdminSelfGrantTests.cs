using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Partners;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Contracts;

/// <summary>
/// Issue 9 finding 4: an administrator manages accounts but never grants themselves content access, and every
/// membership change is e-mailed to the contract's coordinators and audited.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AdminSelfGrantTests(VigieFactory factory)
{
    [Fact]
    public async Task Administrator_MakingThemselvesCoordinatorThroughApi_Gets403AndNothingChanges()
    {
        var admin = await factory.AdminAsync();
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(admin);

        var response = await api.PostAsJsonAsync($"/api/v1/contracts/{contract.Id}/members", new { email = admin.Email, role = "coordinator" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ne peut pas se donner lui-même un rôle", (await PartnerTestKit.JsonAsync(response)).GetProperty("detail").GetString());
        Assert.False(await factory.WithDb(db => db.Memberships.AnyAsync(m => m.ContractId == contract.Id && m.UserId == admin.Id)));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.MembershipSelfGrantRefused && e.ContractId == contract.Id && e.UserId == admin.Id)));
    }

    [Fact]
    public async Task Administrator_MakingThemselvesMemberOnPage_IsRefusedInFrench()
    {
        var admin = await factory.AdminAsync();
        var contract = await factory.ContractAsync((await factory.UserAsync(), ContractRole.Coordinator));
        var client = await PageClient.SignedInAsync(factory, admin);

        var response = await client.PostFormAsync($"/contrats/{contract.Id}/membres", new() { ["Input.Email"] = admin.Email, ["Input.Role"] = "Reader" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("ne peut pas se donner lui-même un rôle", PageClient.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.False(await factory.WithDb(db => db.Memberships.AnyAsync(m => m.ContractId == contract.Id && m.UserId == admin.Id)));
    }

    [Fact]
    public async Task Administrator_ReaderOfAContract_CannotPromoteThemselves()
    {
        var admin = await factory.AdminAsync();
        var contract = await factory.ContractAsync((await factory.UserAsync(), ContractRole.Coordinator), (admin, ContractRole.Reader));
        var membershipId = await factory.WithDb(db => db.Memberships.Where(m => m.ContractId == contract.Id && m.UserId == admin.Id).Select(m => m.Id).SingleAsync());
        var client = await PageClient.SignedInAsync(factory, admin);

        await client.PostFormAsync($"/contrats/{contract.Id}/membres?handler=Role", new() { ["membershipId"] = membershipId.ToString(), ["role"] = "Coordinator" }, $"/contrats/{contract.Id}/membres");

        Assert.Equal(ContractRole.Reader, await factory.WithDb(db => db.Memberships.Where(m => m.Id == membershipId).Select(m => m.Role).SingleAsync()));
        Assert.Contains("ne peut pas se donner lui-même un rôle", (await client.GetDocumentAsync($"/contrats/{contract.Id}/membres")).Body!.TextContent);
    }

    [Fact]
    public async Task Administrator_AddingSomeoneElse_IsAllowed_AndCoordinatorsAreMailedAndItIsAudited()
    {
        var admin = await factory.AdminAsync();
        var coordinator = await factory.UserAsync();
        var newcomer = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(admin);

        var response = await api.PostAsJsonAsync($"/api/v1/contracts/{contract.Id}/members", new { email = newcomer.Email, role = "coordinator" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mail = Assert.Single(factory.MailsTo(coordinator.Email));
        Assert.Contains("membres du contrat", mail.Subject);
        Assert.Contains("administrateur de la plateforme, non coordinateur du contrat", mail.Body);
        Assert.Contains("« Coordinateur »", mail.Body);
        var audit = await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.MembershipGranted && e.ContractId == contract.Id && e.EntityId == newcomer.Id.ToString()).Select(e => e.Data).SingleAsync());
        Assert.Contains("\"byAdministrator\":true", audit);
    }

    [Fact]
    public async Task Coordinator_RemovingAMember_MailsEveryCoordinator()
    {
        var first = await factory.UserAsync();
        var second = await factory.UserAsync();
        var reader = await factory.UserAsync();
        var contract = await factory.ContractAsync((first, ContractRole.Coordinator), (second, ContractRole.Coordinator), (reader, ContractRole.Reader));
        var membershipId = await factory.WithDb(db => db.Memberships.Where(m => m.ContractId == contract.Id && m.UserId == reader.Id).Select(m => m.Id).SingleAsync());
        var client = await PageClient.SignedInAsync(factory, first);

        var removed = await client.PostFormAsync($"/contrats/{contract.Id}/membres?handler=Role", new() { ["membershipId"] = membershipId.ToString(), ["remove"] = "true" }, $"/contrats/{contract.Id}/membres");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("des membres", Assert.Single(factory.MailsTo(first.Email)).Body);
        Assert.Contains("des membres", Assert.Single(factory.MailsTo(second.Email)).Body);
        Assert.Empty(factory.MailsTo(reader.Email));
    }
}
