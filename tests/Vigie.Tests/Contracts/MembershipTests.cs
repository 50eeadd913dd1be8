using System.Net;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Contracts;

[Collection(AppCollection.Name)]
public sealed class MembershipTests(VigieFactory factory)
{
    [Fact]
    public async Task Coordinator_AddsMemberByEmail_WhoThenSeesTheContract()
    {
        var coordinator = await factory.UserAsync();
        var newcomer = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var client = await PageClient.SignedInAsync(factory, coordinator);

        var response = await client.PostFormAsync($"/contrats/{c.Id}/membres", new() { ["Input.Email"] = newcomer.Email, ["Input.Role"] = "Reader" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var other = await PageClient.SignedInAsync(factory, newcomer);
        Assert.Equal(HttpStatusCode.OK, (await other.Http.GetAsync($"/contrats/{c.Id}")).StatusCode);
        var unknown = await client.PostFormAsync($"/contrats/{c.Id}/membres", new() { ["Input.Email"] = "personne@example.test", ["Input.Role"] = "Reader" });
        Assert.Contains("Aucun compte actif n'utilise cette adresse", PageClient.Parse(await unknown.Content.ReadAsStringAsync()).Body!.TextContent);
    }

    [Fact]
    public async Task LastCoordinator_CannotBeDemoted()
    {
        var coordinator = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var membership = (await factory.ReloadAsync(c.Id)).Memberships.Single();
        var client = await PageClient.SignedInAsync(factory, coordinator);

        await client.PostFormAsync($"/contrats/{c.Id}/membres?handler=Role", new() { ["membershipId"] = membership.Id.ToString(), ["role"] = "Reader" }, $"/contrats/{c.Id}/membres");

        Assert.Equal(ContractRole.Coordinator, (await factory.ReloadAsync(c.Id)).Memberships.Single().Role);
        Assert.Contains("au moins un coordinateur", (await client.GetDocumentAsync($"/contrats/{c.Id}/membres")).Body!.TextContent);
    }
}
