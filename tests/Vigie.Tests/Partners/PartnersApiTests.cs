using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Partners;

[Collection(AppCollection.Name)]
public sealed class PartnersApiTests(VigieFactory factory)
{
    [Fact]
    public async Task Crud_ThroughApi_CreatesReadsUpdatesAndDeletes()
    {
        var territory = await factory.CommuneAsync();
        var api = await factory.ApiClientAsync(await factory.UserAsync(null, Roles.ContractCreator));
        var name = TestData.Unique("Police nationale");
        var siren = PartnerTestKit.ValidSiren();

        var created = await api.PostAsJsonAsync("/api/v1/partners", new
        {
            name, type = "policeNationale", siren, email = "dsp@interieur.gouv.fr", phone = "04 72 00 00 00",
            website = "https://www.police-nationale.interieur.gouv.fr", territoryCode = territory.Code,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await PartnerTestKit.JsonAsync(created);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal("policeNationale", body.GetProperty("type").GetString());
        Assert.Equal("Police nationale", body.GetProperty("typeLabel").GetString());
        Assert.Equal($"/api/v1/partners/{id}", created.Headers.Location!.OriginalString);

        var list = await api.GetFromJsonAsync<List<Vigie.Web.Features.Partners.PartnersApi.PartnerSummaryDto>>($"/api/v1/partners?type=policeNationale&q={name}");
        Assert.Equal(id, Assert.Single(list!).Id);

        var updated = await api.PutAsJsonAsync($"/api/v1/partners/{id}", new { name = name + " Lyon", type = "policeNationale", siren });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var saved = await factory.FindAsync(id);
        Assert.Equal(name + " Lyon", saved!.Name);
        Assert.Null(saved.Email); // PUT replaces the whole record

        var contact = await api.PostAsJsonAsync($"/api/v1/partners/{id}/contacts", new { fullName = "Commissaire Dupont", position = "Directeur départemental", isRepresentative = true });
        Assert.Equal(HttpStatusCode.Created, contact.StatusCode);
        var contactId = (await PartnerTestKit.JsonAsync(contact)).GetProperty("id").GetGuid();

        // Contacts are personal data (issue 9): the creator, unrelated to the organisation, no longer reads them; an administrator does.
        var admin = await factory.ApiClientAsync(await factory.AdminAsync());
        Assert.Empty((await PartnerTestKit.JsonAsync(await api.GetAsync($"/api/v1/partners/{id}"))).GetProperty("contacts").EnumerateArray());
        var detail = await PartnerTestKit.JsonAsync(await admin.GetAsync($"/api/v1/partners/{id}"));
        var contacts = detail.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal("Commissaire Dupont", Assert.Single(contacts).GetProperty("fullName").GetString());

        var contactUpdate = await api.PutAsJsonAsync($"/api/v1/partners/{id}/contacts/{contactId}", new { fullName = "Commissaire Dupont", email = "dupont@interieur.gouv.fr" });
        Assert.Equal(HttpStatusCode.OK, contactUpdate.StatusCode);
        var listed = await admin.GetFromJsonAsync<List<Vigie.Web.Features.Partners.PartnersApi.ContactDto>>($"/api/v1/partners/{id}/contacts");
        Assert.Equal("dupont@interieur.gouv.fr", Assert.Single(listed!).Email);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/partners/{id}/contacts/{contactId}")).StatusCode);
        Assert.Empty((await factory.FindAsync(id))!.Contacts);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/partners/{id}")).StatusCode);
        Assert.Null(await factory.FindAsync(id));
    }

    [Fact]
    public async Task Get_UnknownId_Returns404ProblemDetails()
    {
        var api = await factory.ApiClientAsync(await factory.UserAsync());
        var response = await api.GetAsync($"/api/v1/partners/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Aucune organisation", (await PartnerTestKit.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PartnerTypes_ListsEveryTypeWithFrenchLabel()
    {
        var api = await factory.ApiClientAsync(await factory.UserAsync());
        var types = await api.GetFromJsonAsync<List<Vigie.Web.Features.Partners.PartnersApi.PartnerTypeDto>>("/api/v1/partner-types");
        Assert.Equal(Enum.GetValues<PartnerType>().Length, types!.Count);
        Assert.Contains(types, t => t.Code == "maisonJusticeDroit" && t.Label == "Maison de justice et du droit");
    }

    [Fact]
    public async Task List_WithoutIncludeArchived_HidesArchived()
    {
        var tag = TestData.Unique("arch");
        var active = await factory.OrganisationAsync($"Active {tag}");
        var archived = await factory.OrganisationAsync($"Archivée {tag}");
        var admin = await factory.ApiClientAsync(await factory.AdminAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/partners/{archived.Id}/archive", null)).StatusCode);

        var visible = await admin.GetFromJsonAsync<List<Vigie.Web.Features.Partners.PartnersApi.PartnerSummaryDto>>($"/api/v1/partners?q={tag}");
        Assert.Equal([active.Id], visible!.Select(p => p.Id));
        var all = await admin.GetFromJsonAsync<List<Vigie.Web.Features.Partners.PartnersApi.PartnerSummaryDto>>($"/api/v1/partners?q={tag}&includeArchived=true");
        Assert.Equal(2, all!.Count);
    }
}
