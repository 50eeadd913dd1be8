using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Tokens;

/// <summary>Issue 9 finding 7: tokens and calendar feeds are revoked when the account's secrets or seats change.</summary>
[Collection(AppCollection.Name)]
public sealed class TokenRevocationTests(VigieFactory factory)
{
    private async Task<(HttpClient Api, string Feed)> CredentialsAsync(TestUser user)
    {
        var (_, plain) = await factory.StoredTokenAsync(user);
        var feed = await factory.StoredFeedAsync(user);
        var api = factory.Bearer(plain);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(feed)).StatusCode);
        return (api, feed);
    }

    private async Task AssertRevokedAsync(TestUser user, HttpClient api, string feed, string reason)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(feed)).StatusCode);
        Assert.Equal(0, await factory.WithDb(db => db.AccessTokens.CountAsync(t => t.UserId == user.Id && t.RevokedAt == null)));
        Assert.Equal(0, await factory.WithDb(db => db.CalendarFeeds.CountAsync(f => f.UserId == user.Id && f.RevokedAt == null)));
        var data = await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.CredentialsRevoked && e.EntityId == user.Id.ToString()).Select(e => e.Data).SingleAsync());
        Assert.Contains($"\"reason\":\"{reason}\"", data);
    }

    [Fact]
    public async Task PasswordChange_RevokesTokensAndFeeds()
    {
        var user = await factory.UserAsync();
        var (api, feed) = await CredentialsAsync(user);
        var client = await PageClient.SignedInAsync(factory, user);

        var changed = await client.PostFormAsync("/compte/mot-de-passe", new() { ["Input.CurrentPassword"] = user.Password, ["Input.Password"] = "Tout-nouveau-5-mdp", ["Input.ConfirmPassword"] = "Tout-nouveau-5-mdp" });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        await AssertRevokedAsync(user, api, feed, "password-changed");
    }

    [Fact]
    public async Task PasswordReset_RevokesTokensAndFeeds()
    {
        var user = await factory.UserAsync();
        var (api, feed) = await CredentialsAsync(user);
        await PageClient.Create(factory).PostFormAsync("/compte/mot-de-passe-oublie", new() { ["Input.Email"] = user.Email });
        var link = Assert.Single(factory.MailsTo(user.Email)).Link("/compte/reinitialiser");

        var reset = await PageClient.Create(factory).PostFormAsync(new Uri(link).PathAndQuery, new() { ["Input.Password"] = "Nouveau-mot-2-passe!", ["Input.ConfirmPassword"] = "Nouveau-mot-2-passe!" });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await AssertRevokedAsync(user, api, feed, "password-reset");
    }

    [Fact]
    public async Task AccountDisabled_RevokesTokensAndFeeds()
    {
        var user = await factory.UserAsync();
        var (api, feed) = await CredentialsAsync(user);
        var admin = await PageClient.SignedInAsync(factory, await factory.AdminAsync());
        var page = $"/admin/utilisateurs/{user.Id}";

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(page + "?handler=Disable", new(), page)).StatusCode);

        await AssertRevokedAsync(user, api, feed, "account-disabled");
    }

    [Fact]
    public async Task TwoFactorResetByAdministrator_RevokesTokensAndFeeds()
    {
        var user = await factory.UserAsync();
        await Vigie.Tests.Accounts.TwoFactorSteps.EnableAsync(await PageClient.SignedInAsync(factory, user));
        var (api, feed) = await CredentialsAsync(user);
        var admin = await PageClient.SignedInAsync(factory, await factory.AdminAsync());
        var page = $"/admin/utilisateurs/{user.Id}";

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(page + "?handler=ResetTwoFactor", new(), page)).StatusCode);

        await AssertRevokedAsync(user, api, feed, "2fa-reset");
    }

    [Fact]
    public async Task MembershipRemoved_RevokesTokensAndFeeds()
    {
        var coordinator = await factory.UserAsync();
        var member = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator), (member, ContractRole.PartnerMember));
        var (api, feed) = await CredentialsAsync(member);
        var membershipId = await factory.WithDb(db => db.Memberships.Where(m => m.ContractId == contract.Id && m.UserId == member.Id).Select(m => m.Id).SingleAsync());

        var removed = await (await factory.ApiClientAsync(coordinator)).DeleteAsync($"/api/v1/contracts/{contract.Id}/members/{membershipId}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await AssertRevokedAsync(member, api, feed, "membership-removed");
    }
}
