using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Partners;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Tokens;

/// <summary>Issue 9 finding 7: scopes are applied by the Api policy, a token never mints tokens.</summary>
[Collection(AppCollection.Name)]
public sealed class TokenScopeTests(VigieFactory factory)
{
    [Fact]
    public async Task ReadOnlyToken_Reads_ButAnyOtherVerbGets403InFrench()
    {
        var user = await factory.UserAsync();
        var (otherId, _) = await factory.StoredTokenAsync(user);
        var (_, plain) = await factory.StoredTokenAsync(user, scopes: "read");
        var api = factory.Bearer(plain);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me/tokens")).StatusCode);
        var delete = await api.DeleteAsync($"/api/v1/me/tokens/{otherId}");

        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("application/problem+json", delete.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lecture seule", (await PartnerTestKit.JsonAsync(delete)).GetProperty("detail").GetString());
        Assert.Null(await factory.WithDb(db => db.AccessTokens.Where(t => t.Id == otherId).Select(t => t.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task WriteToken_CanChangeData()
    {
        var user = await factory.UserAsync();
        var (otherId, _) = await factory.StoredTokenAsync(user);
        var (_, plain) = await factory.StoredTokenAsync(user, scopes: "read write");

        Assert.Equal(HttpStatusCode.NoContent, (await factory.Bearer(plain).DeleteAsync($"/api/v1/me/tokens/{otherId}")).StatusCode);
    }

    [Fact]
    public async Task AdministratorToken_WithoutAdminScope_HasOnlyAUsersRights()
    {
        var admin = await factory.AdminAsync();
        var contract = await factory.ContractAsync((await factory.UserAsync(), ContractRole.Coordinator));
        var (_, plainUser) = await factory.StoredTokenAsync(admin, scopes: "read write");
        var (_, plainAdmin) = await factory.StoredTokenAsync(admin, scopes: "read write admin");

        // Without the scope: the contract is invisible (404), admin-only endpoints refuse, the administrator role is not claimed.
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Bearer(plainUser).GetAsync($"/api/v1/contracts/{contract.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Bearer(plainUser).GetAsync($"/api/v1/observatory/imports/{Guid.NewGuid()}")).StatusCode);

        // With the explicit "admin" scope the administrator's rights apply.
        Assert.Equal(HttpStatusCode.OK, (await factory.Bearer(plainAdmin).GetAsync($"/api/v1/contracts/{contract.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Bearer(plainAdmin).GetAsync($"/api/v1/observatory/imports/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Token_CannotMintAToken()
    {
        var user = await factory.UserAsync();
        var api = await factory.ApiClientAsync(user);

        var response = await api.PostAsync("/api/v1/me/tokens", System.Net.Http.Json.JsonContent.Create(new { name = "Enfant", expiresOn = TestDates.Today.AddDays(30) }));

        // The route no longer accepts POST at all (tokens are created on /compte/jetons only).
        Assert.False(response.IsSuccessStatusCode);
        Assert.InRange((int)response.StatusCode, 400, 405);
        Assert.Equal(1, await factory.WithDb(db => db.AccessTokens.CountAsync(t => t.UserId == user.Id)));
        Assert.False(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.TokenCreated && e.UserId == user.Id)));
    }
}
