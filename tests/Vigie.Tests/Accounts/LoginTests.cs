using System.Net;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class LoginTests(VigieFactory factory)
{
    [Fact]
    public async Task Login_WithRightPassword_RedirectsAndShowsDashboard()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        var doc = await client.GetDocumentAsync("/");
        Assert.Equal("Tableau de bord", doc.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Login_WithWrongPassword_ShowsFrenchErrorAndStaysAnonymous()
    {
        var user = await factory.UserAsync();
        var client = PageClient.Create(factory);
        var response = await client.PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = "faux" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", await response.Content.ReadAsStringAsync());
        var home = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/compte/connexion", home.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRejected()
    {
        var client = PageClient.Create(factory);
        var response = await client.Http.PostAsync("/compte/connexion",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "a@b.test", ["Input.Password"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
