using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Partners;

[Collection(AppCollection.Name)]
public sealed class PartnerArchiveTests(VigieFactory factory)
{
    [Fact]
    public async Task Archive_ThenUnarchive_HidesAndShowsInList()
    {
        var org = await factory.OrganisationAsync();
        var client = await PageClient.SignedInAsync(factory, await factory.AdminAsync());

        var archived = await client.PostFormAsync($"/partenaires/{org.Id}?handler=Archive", [], formPageUrl: $"/partenaires/{org.Id}");
        Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        Assert.True((await factory.FindAsync(org.Id))!.IsArchived);
        var list = await client.GetDocumentAsync($"/partenaires?q={org.Name}");
        Assert.Empty(list.QuerySelectorAll("table tbody tr"));

        var restored = await client.PostFormAsync($"/partenaires/{org.Id}?handler=Unarchive", [], formPageUrl: $"/partenaires/{org.Id}");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.False((await factory.FindAsync(org.Id))!.IsArchived);
    }

    [Fact]
    public async Task Delete_UnreferencedOrganisation_RemovesItWithContacts()
    {
        var org = await factory.OrganisationAsync();
        await factory.WithDb(async db => { db.Contacts.Add(new Contact { OrganisationId = org.Id, FullName = "À supprimer" }); return await db.SaveChangesAsync(); });
        var client = await PageClient.SignedInAsync(factory, await factory.AdminAsync());

        var response = await client.PostFormAsync($"/partenaires/{org.Id}/supprimer", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await factory.FindAsync(org.Id));
        Assert.Equal(0, await factory.WithDb(db => db.Contacts.CountAsync(c => c.OrganisationId == org.Id)));
    }

    [Fact]
    public async Task Delete_OrganisationWithUsers_IsRefusedAndOffersArchive()
    {
        var org = await factory.OrganisationAsync();
        var member = await factory.UserAsync(org.Id);
        var client = await PageClient.SignedInAsync(factory, member);

        var page = await client.GetDocumentAsync($"/partenaires/{org.Id}/supprimer");
        Assert.Contains("Suppression impossible", page.Body!.TextContent);

        var response = await client.PostFormAsync($"/partenaires/{org.Id}/supprimer", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(await factory.FindAsync(org.Id));
        var detail = await client.GetDocumentAsync($"/partenaires/{org.Id}");
        Assert.Contains("Archivez-la plutôt", detail.QuerySelector(".fr-alert--error")!.TextContent);
    }

    [Fact]
    public async Task ApiDelete_OrganisationThatSignedAContract_Returns409AndArchiveWorks()
    {
        var org = await factory.OrganisationAsync();
        var contract = await factory.ContractAsync();
        await factory.WithDb(async db =>
        {
            db.Signatories.Add(new Signatory { ContractId = contract.Id, OrganisationId = org.Id, RepresentativeName = "Le maire" });
            return await db.SaveChangesAsync();
        });
        var api = await factory.ApiClientAsync(await factory.AdminAsync());

        var delete = await api.DeleteAsync($"/api/v1/partners/{org.Id}");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("archivez-la", (await PartnerTestKit.JsonAsync(delete)).GetProperty("detail").GetString());
        Assert.NotNull(await factory.FindAsync(org.Id));

        var archive = await api.PostAsync($"/api/v1/partners/{org.Id}/archive", null);
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.True((await PartnerTestKit.JsonAsync(archive)).GetProperty("isArchived").GetBoolean());
        Assert.True((await factory.FindAsync(org.Id))!.IsArchived);
    }
}
