using System.Net;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Tokens;
using Vigie.Web.Features.Account;

namespace Vigie.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class LockoutTests(VigieFactory factory)
{
    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        PageClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".fr-alert--error")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Login_AfterFiveWrongPasswords_IsLockedEvenWithRightPassword_WithoutSayingSo()
    {
        var user = await factory.UserAsync();
        var client = PageClient.Create(factory);
        for (var i = 1; i <= 5; i++)
        {
            var response = await client.PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = $"Mauvais-mot-{i}-de-passe" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var withRightPassword = await client.PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        var unknown = await PageClient.Create(factory).PostFormAsync("/compte/connexion", new() { ["Input.Email"] = TestData.Unique("inconnu") + "@example.test", ["Input.Password"] = user.Password });

        // Locked: not signed in, and the answer is word for word the one for an account that does not exist.
        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains(LoginModel.Failed, await ErrorAsync(withRightPassword));
        Assert.Equal(await ErrorAsync(unknown), await ErrorAsync(withRightPassword));
        Assert.DoesNotContain("verrouillé après trop d'échecs. Réessayez", await withRightPassword.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task Lockout_DoesNotStopTheUsersApiTokens()
    {
        var user = await factory.UserAsync();
        var (_, plain) = await factory.StoredTokenAsync(user);
        var client = PageClient.Create(factory);
        for (var i = 1; i <= 5; i++)
            await client.PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = $"Mauvais-mot-{i}-de-passe" });
        var lockoutEnd = await factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd)));
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.OK, (await factory.Bearer(plain).GetAsync("/api/v1/me")).StatusCode);
    }
}
