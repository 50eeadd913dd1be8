using System.Net;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class ChangePasswordTests(VigieFactory factory)
{
    private const string Url = "/compte/mot-de-passe";

    [Fact]
    public async Task Change_WithWrongCurrentPassword_IsRefusedInFrench()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        var response = await client.PostFormAsync(Url, new() { ["Input.CurrentPassword"] = "Pas-le-bon-1234", ["Input.Password"] = "Tout-nouveau-5-mdp", ["Input.ConfirmPassword"] = "Tout-nouveau-5-mdp" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le mot de passe actuel est incorrect.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Change_WithRightPassword_NewOneWorksAndSessionStays()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        const string newPassword = "Tout-nouveau-5-mdp";
        var response = await client.PostFormAsync(Url, new() { ["Input.CurrentPassword"] = user.Password, ["Input.Password"] = newPassword, ["Input.ConfirmPassword"] = newPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/compte")).StatusCode);
        await PageClient.SignedInAsync(factory, user with { Password = newPassword });
    }
}
