using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Partners;

/// <summary>
/// Finding 5 of issue 9 (a shared organisation record redirected another contract's mail) and the contacts part of
/// finding 11 (every signed-in user could read every organisation's contacts).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PartnerContactAddressTests(VigieFactory factory)
{
    /// <summary>An organisation seated in a body of contract B, and one of its members who only belongs to contract A.</summary>
    private async Task<(Organisation Org, TestUser OrgMember, GovernanceSetup B, string ContactName)> SetupAsync()
    {
        var org = await factory.OrganisationAsync(type: PartnerType.BailleurSocial);
        var contactName = TestData.Unique("Camille Martin");
        await factory.WithDb(async db =>
        {
            (await db.Organisations.FindAsync(org.Id))!.Email = $"{TestData.Unique("accueil")}@bailleur.test";
            db.Contacts.Add(new Contact { OrganisationId = org.Id, FullName = contactName, Email = $"{TestData.Unique("camille")}@bailleur.test" });
            return await db.SaveChangesAsync();
        });
        var orgMember = await factory.UserAsync(org.Id);
        await factory.ContractAsync((orgMember, ContractRole.Coordinator));
        var b = await factory.SetupAsync();
        var body = await b.BodyAsync();
        await (await b.CoordinatorApi.PostAsJsonAsync($"{b.Base}/bodies/{body}/members", new { organisationId = org.Id, from = "2020-01-01" })).CreatedIdAsync();
        return (org, orgMember, b, contactName);
    }

    private static object Input(Organisation org, string email) => new { name = org.Name, type = "bailleurSocial", email };

    [Fact]
    public async Task EmailChange_ByAMemberOfTheOrganisationOrAContractCreator_IsRefusedInFrench()
    {
        var (org, orgMember, _, _) = await SetupAsync();
        var before = await factory.WithDb(async db => (await db.Organisations.FindAsync(org.Id))!.Email);
        var creator = await factory.UserAsync(null, Roles.ContractCreator);
        foreach (var user in new[] { orgMember, creator })
        {
            var api = await factory.ApiClientAsync(user);
            var r = await api.PutAsJsonAsync($"/api/v1/partners/{org.Id}", Input(org, "pirate@attaquant.test"));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("Seuls les administrateurs de la plateforme", problem.GetProperty("errors").GetProperty("email")[0].GetString(), StringComparison.Ordinal);
        }
        var page = await PageClient.SignedInAsync(factory, orgMember);
        var form = PartnerTestKit.Form(org.Name, "bailleurSocial", email: "pirate@attaquant.test");
        var response = await page.PostFormAsync($"/partenaires/{org.Id}/modifier", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Seuls les administrateurs de la plateforme", await PartnerTestKit.ErrorSummaryAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDb(async db => (await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == org.Id)).Email));

        // The member may still edit the other fields.
        var ok = await (await factory.ApiClientAsync(orgMember)).PutAsJsonAsync($"/api/v1/partners/{org.Id}", new { name = org.Name, type = "bailleurSocial", email = before, phone = "01 23 45 67 89" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task EmailChange_ByAnAdministrator_IsAudited_AndNotifiesTheCoordinatorsOfContractsUsingIt()
    {
        var (org, _, b, _) = await SetupAsync();
        var admin = await factory.ApiClientAsync(await factory.AdminAsync());
        var address = $"{TestData.Unique("nouvelle")}@bailleur.test";
        var r = await admin.PutAsJsonAsync($"/api/v1/partners/{org.Id}", Input(org, address));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        var mail = Assert.Single(factory.MailsTo(b.Coordinator.Email), m => m.Subject.Contains(org.Name, StringComparison.Ordinal));
        Assert.Contains(address, mail.Body, StringComparison.Ordinal);
        Assert.Contains(b.Contract.Title, mail.Body, StringComparison.Ordinal);
        Assert.Empty(factory.MailsTo(b.Reader.Email));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == "partner.email-changed" && e.EntityId == org.Id.ToString())));
    }

    [Fact]
    public async Task Contacts_AreHiddenFromAnUnrelatedUser_OnThePageAndTheApi()
    {
        var (org, orgMember, b, contactName) = await SetupAsync();
        var stranger = await factory.UserAsync();
        await factory.ContractAsync((stranger, ContractRole.Coordinator));
        var strangerApi = await factory.ApiClientAsync(stranger);

        var detail = await strangerApi.GetFromJsonAsync<JsonElement>($"/api/v1/partners/{org.Id}");
        Assert.Equal(org.Name, detail.GetProperty("name").GetString());
        Assert.Empty(detail.GetProperty("contacts").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await strangerApi.GetAsync($"/api/v1/partners/{org.Id}/contacts")).StatusCode);
        var html = await (await PageClient.SignedInAsync(factory, stranger)).Http.GetStringAsync($"/partenaires/{org.Id}");
        Assert.Contains(org.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(contactName, html, StringComparison.Ordinal);

        // A member of a contract the organisation takes part in, and a member of the organisation, read them.
        Assert.Contains(contactName, await b.ReaderApi.GetStringAsync($"/api/v1/partners/{org.Id}/contacts"), StringComparison.Ordinal);
        Assert.Contains(contactName, await (await PageClient.SignedInAsync(factory, b.Reader)).Http.GetStringAsync($"/partenaires/{org.Id}"), StringComparison.Ordinal);
        Assert.Contains(contactName, await (await factory.ApiClientAsync(orgMember)).GetStringAsync($"/api/v1/partners/{org.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactEditForms_AreRefusedToAnUnrelatedContractCreator_WhoWouldReadTheContact()
    {
        var (org, _, _, contactName) = await SetupAsync();
        var contactId = await factory.WithDb(db => db.Contacts.Where(c => c.OrganisationId == org.Id).Select(c => c.Id).SingleAsync());
        var creator = await factory.UserAsync(null, Roles.ContractCreator);
        var page = await PageClient.SignedInAsync(factory, creator);
        foreach (var url in new[] { $"/partenaires/{org.Id}/contacts/{contactId}/modifier", $"/partenaires/{org.Id}/contacts/{contactId}/supprimer" })
        {
            var response = await page.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain(contactName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var api = await factory.ApiClientAsync(creator);
        var update = await api.PutAsJsonAsync($"/api/v1/partners/{org.Id}/contacts/{contactId}", new { fullName = "Écrasé" });
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.DoesNotContain(contactName, await update.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync($"/api/v1/partners/{org.Id}/contacts/{contactId}")).StatusCode);
        Assert.Equal(contactName, await factory.WithDb(db => db.Contacts.Where(c => c.Id == contactId).Select(c => c.FullName).SingleAsync()));
    }
}
