using System.Net;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class AccountPageTests(VigieFactory factory)
{
    [Theory]
    [InlineData("/compte")]
    [InlineData("/compte/double-authentification")]
    [InlineData("/compte/mot-de-passe")]
    public async Task Get_Anonymous_RedirectsToLogin(string url)
    {
        var client = PageClient.Create(factory);
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/connexion", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Get_SignedIn_ShowsOwnProfileAndOnlyOwnMemberships()
    {
        var org = await factory.OrganisationAsync();
        var user = await factory.UserAsync(org.Id, Roles.ContractCreator);
        var other = await factory.UserAsync();
        var mine = await factory.ContractAsync((user, ContractRole.Coordinator));
        var notMine = await factory.ContractAsync((other, ContractRole.Coordinator));
        var client = await PageClient.SignedInAsync(factory, user);

        var doc = await client.GetDocumentAsync("/compte");

        Assert.Equal("Mon compte", doc.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal(user.Email, doc.QuerySelector("#courriel")?.TextContent.Trim());
        Assert.Equal(org.Name, doc.QuerySelector("#organisation")?.TextContent.Trim());
        Assert.Contains("Créateur de contrats", doc.QuerySelector("#roles")?.TextContent);
        var table = doc.QuerySelector("table")!.TextContent;
        Assert.Contains(mine.Title, table);
        Assert.Contains("Coordinateur", table);
        Assert.DoesNotContain(notMine.Title, doc.Body!.TextContent);
        Assert.NotNull(doc.QuerySelector("a[href='/compte/jetons']"));
    }
}
