using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Partners;
using Vigie.Web.Domain;

namespace Vigie.Tests.Tokens;

[Collection(AppCollection.Name)]
public sealed class MeApiTests(VigieFactory factory)
{
    [Fact]
    public async Task Me_ReturnsIdentityOrganisationRolesAndMemberships()
    {
        var user = await factory.UserAsync(null, Roles.ContractCreator);
        var contract = await factory.ContractAsync((user, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(user);

        var me = await PartnerTestKit.JsonAsync(await api.GetAsync("/api/v1/me"));

        Assert.Equal(user.Id, me.GetProperty("id").GetGuid());
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal(user.OrganisationId, me.GetProperty("organisation").GetProperty("id").GetGuid());
        Assert.Equal([Roles.ContractCreator], me.GetProperty("platformRoles").EnumerateArray().Select(r => r.GetString()));
        var membership = Assert.Single(me.GetProperty("contracts").EnumerateArray());
        Assert.Equal(contract.Id, membership.GetProperty("contractId").GetGuid());
        Assert.Equal("coordinator", membership.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Tokens_ListAndRevoke_ThroughApi()
    {
        var user = await factory.UserAsync();
        var api = await factory.ApiClientAsync(user);
        var (id, plain) = await factory.StoredTokenAsync(user, scopes: "read");

        var listed = await PartnerTestKit.JsonAsync(await factory.Bearer(plain).GetAsync("/api/v1/me/tokens"));
        var entries = listed.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.False(e.TryGetProperty("token", out _)));
        var entry = Assert.Single(entries, e => e.GetProperty("id").GetGuid() == id);
        Assert.Equal("active", entry.GetProperty("status").GetString());
        Assert.Equal(["read"], entry.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/me/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Bearer(plain).GetAsync("/api/v1/me")).StatusCode);
        Assert.NotNull(await factory.WithDb(db => db.AccessTokens.Where(t => t.Id == id).Select(t => t.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task Tokens_RevokeSomeoneElses_Returns404()
    {
        var (id, _) = await factory.StoredTokenAsync(await factory.UserAsync());
        var api = await factory.ApiClientAsync(await factory.UserAsync());
        var response = await api.DeleteAsync($"/api/v1/me/tokens/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await factory.WithDb(db => db.AccessTokens.Where(t => t.Id == id).Select(t => t.RevokedAt).SingleAsync()));
    }
}
