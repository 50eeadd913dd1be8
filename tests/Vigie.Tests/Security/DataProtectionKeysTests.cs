using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Accounts;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Security;

[Collection(AppCollection.Name)]
public sealed class DataProtectionKeysTests(VigieFactory factory)
{
    [Fact]
    public async Task SecondInstanceOnSameDatabase_AcceptsFirstInstancesAuthCookie()
    {
        var user = await factory.UserAsync();
        var signIn = await TwoFactorSteps.PasswordStepAsync(PageClient.Create(factory), user);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = CookieHeaders.Pair(signIn, "vigie.auth");
        Assert.True(await factory.WithDb(db => db.DataProtectionKeys.CountAsync()) >= 1);

        var second = VigieFactory.SharingDatabase(factory.ConnectionString);
        try
        {
            await second.InitializeAsync();
            await AssertSecondInstanceAcceptsAsync(second, cookie, user);
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }

    private static async Task AssertSecondInstanceAcceptsAsync(VigieFactory second, string cookie, TestUser user)
    {
        var client = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);

        var response = await client.GetAsync("/compte");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(user.Email, doc.QuerySelector("#courriel")?.TextContent);
        // Control: a forged cookie is not accepted, so the 200 above came from the shared key ring.
        var forged = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        forged.DefaultRequestHeaders.Add("Cookie", "vigie.auth=CfDJ8" + new string('A', 200));
        Assert.Equal(HttpStatusCode.Redirect, (await forged.GetAsync("/compte")).StatusCode);
    }
}
