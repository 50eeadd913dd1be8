using System.Net;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Contracts;

[Collection(AppCollection.Name)]
public sealed class SignatoryTests(VigieFactory factory)
{
    [Fact]
    public async Task Coordinator_AddsSignatories_ThroughThePage()
    {
        var coordinator = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var mairie = await factory.OrganisationAsync(TestData.Unique("Mairie"));
        var prefecture = await factory.OrganisationAsync(TestData.Unique("Préfecture"), PartnerType.Prefecture);
        var client = await PageClient.SignedInAsync(factory, coordinator);

        foreach (var (org, name) in new[] { (mairie, "Camille Martin"), (prefecture, "Dominique Bernard") })
        {
            var r = await client.PostFormAsync($"/contrats/{c.Id}/signataires", new()
            {
                ["Input.OrganisationId"] = org.Id.ToString(), ["Input.RepresentativeName"] = name, ["Input.RepresentativePosition"] = "Maire", ["Input.SignedOn"] = "",
            });
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }
        var duplicate = await client.PostFormAsync($"/contrats/{c.Id}/signataires", new()
        {
            ["Input.OrganisationId"] = mairie.Id.ToString(), ["Input.RepresentativeName"] = "Autre",
        });
        Assert.Contains("déjà signataire", PageClient.Parse(await duplicate.Content.ReadAsStringAsync()).Body!.TextContent);

        var signatories = (await factory.ReloadAsync(c.Id)).Signatories.OrderBy(s => s.Order).ToList();
        Assert.Equal(["Camille Martin", "Dominique Bernard"], signatories.Select(s => s.RepresentativeName));
        var details = await client.GetDocumentAsync($"/contrats/{c.Id}");
        Assert.Contains("Dominique Bernard", details.QuerySelector("table")!.TextContent);
    }

    [Fact]
    public async Task PartnerMember_SignsForOwnOrganisation_ButNotForAnother()
    {
        var coordinator = await factory.UserAsync();
        var own = await factory.OrganisationAsync();
        var other = await factory.OrganisationAsync();
        var partner = await factory.UserAsync(own.Id);
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator), (partner, ContractRole.PartnerMember));
        var api = await factory.ApiClientAsync(coordinator);
        foreach (var org in new[] { own, other })
            (await api.PostAsync($"/api/v1/contracts/{c.Id}/signatories", System.Net.Http.Json.JsonContent.Create(new { organisationId = org.Id, representativeName = "Rep " + org.Name }))).EnsureSuccessStatusCode();
        var signatories = (await factory.ReloadAsync(c.Id)).Signatories;
        var mine = signatories.Single(s => s.OrganisationId == own.Id);
        var theirs = signatories.Single(s => s.OrganisationId == other.Id);
        var client = await PageClient.SignedInAsync(factory, partner);

        var ok = await client.PostFormAsync($"/contrats/{c.Id}/signataires/{mine.Id}", new()
        {
            ["Input.OrganisationId"] = own.Id.ToString(), ["Input.RepresentativeName"] = mine.RepresentativeName, ["Input.SignedOn"] = "2025-03-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(new DateOnly(2025, 3, 1), (await factory.ReloadAsync(c.Id)).Signatories.Single(s => s.Id == mine.Id).SignedOn);

        var refused = await client.Http.GetAsync($"/contrats/{c.Id}/signataires/{theirs.Id}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/compte/acces-refuse", refused.Headers.Location!.OriginalString);
        var partnerApi = await factory.ApiClientAsync(partner);
        var apiRefused = await partnerApi.PutAsync($"/api/v1/contracts/{c.Id}/signatories/{theirs.Id}",
            System.Net.Http.Json.JsonContent.Create(new { organisationId = other.Id, representativeName = "x", signedOn = "2025-03-01" }));
        Assert.Equal(HttpStatusCode.Forbidden, apiRefused.StatusCode);
        Assert.Null((await factory.ReloadAsync(c.Id)).Signatories.Single(s => s.Id == theirs.Id).SignedOn);
    }
}
