using System.Net;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class LockoutTests(VigieFactory factory)
{
    private const string LockedMessage = "Ce compte est temporairement verrouillé après trop d'échecs. Réessayez dans 15 minutes.";

    [Fact]
    public async Task Login_AfterFiveWrongPasswords_IsLockedEvenWithRightPassword()
    {
        var user = await factory.UserAsync();
        var client = PageClient.Create(factory);
        string last = "";
        for (var i = 1; i <= 5; i++)
        {
            var response = await client.PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = $"Mauvais-mot-{i}-de-passe" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = PageClient.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent;
            if (i < 5) Assert.DoesNotContain(LockedMessage, last);
        }
        Assert.Contains(LockedMessage, last);

        var withRightPassword = await client.PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains(LockedMessage, PageClient.Parse(await withRightPassword.Content.ReadAsStringAsync()).Body!.TextContent);
    }
}
