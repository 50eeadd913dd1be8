using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Partners;

[Collection(AppCollection.Name)]
public sealed class PartnerPermissionTests(VigieFactory factory)
{
    [Fact]
    public async Task EditPage_ByUserOfAnotherOrganisation_Returns403AndChangesNothing()
    {
        var org = await factory.OrganisationAsync();
        var outsider = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, outsider);

        var get = await client.Http.GetAsync($"/partenaires/{org.Id}/modifier");
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);

        // Any form gives the user's antiforgery token; the POST itself must be refused.
        var post = await client.PostFormAsync($"/partenaires/{org.Id}/modifier", PartnerTestKit.Form(TestData.Unique("Pirate")), formPageUrl: "/compte/jetons");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(org.Name, (await factory.FindAsync(org.Id))!.Name);

        var archive = await client.PostFormAsync($"/partenaires/{org.Id}?handler=Archive", [], formPageUrl: "/compte/jetons");
        Assert.Equal(HttpStatusCode.Forbidden, archive.StatusCode);
        Assert.False((await factory.FindAsync(org.Id))!.IsArchived);
    }

    [Fact]
    public async Task CreatePage_ByPlainUser_Returns403()
    {
        var client = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var response = await client.Http.GetAsync("/partenaires/nouveau");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task EditPage_ByContractCreatorOfAnotherOrganisation_IsAllowed()
    {
        var org = await factory.OrganisationAsync();
        var creator = await factory.UserAsync(null, Roles.ContractCreator);
        var client = await PageClient.SignedInAsync(factory, creator);
        var response = await client.Http.GetAsync($"/partenaires/{org.Id}/modifier");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Api_PutByUserOfAnotherOrganisation_Returns403ProblemAndOwnOrganisationSucceeds()
    {
        var org = await factory.OrganisationAsync();
        var outsider = await factory.ApiClientAsync(await factory.UserAsync());
        var member = await factory.ApiClientAsync(await factory.UserAsync(org.Id));
        var newName = TestData.Unique("Renommée");

        var refused = await outsider.PutAsJsonAsync($"/api/v1/partners/{org.Id}", new { name = newName, type = "commune" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(org.Name, (await factory.FindAsync(org.Id))!.Name);

        var contact = await outsider.PostAsJsonAsync($"/api/v1/partners/{org.Id}/contacts", new { fullName = "Intrus" });
        Assert.Equal(HttpStatusCode.Forbidden, contact.StatusCode);

        var accepted = await member.PutAsJsonAsync($"/api/v1/partners/{org.Id}", new { name = newName, type = "commune" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(newName, (await factory.FindAsync(org.Id))!.Name);
    }

    [Fact]
    public async Task Api_CreateByPlainUser_Returns403AndSavesNothing()
    {
        var api = await factory.ApiClientAsync(await factory.UserAsync());
        var name = TestData.Unique("Interdite");
        var response = await api.PostAsJsonAsync("/api/v1/partners", new { name, type = "association" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await factory.CountNamedAsync(name));
    }
}
