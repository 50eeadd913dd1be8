using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Partners;

[Collection(AppCollection.Name)]
public sealed class PartnerPagesTests(VigieFactory factory)
{
    [Fact]
    public async Task Create_ByContractCreator_SavesRedirectsAndShowsFlash()
    {
        var creator = await factory.UserAsync(null, Roles.ContractCreator);
        var client = await PageClient.SignedInAsync(factory, creator);
        var name = TestData.Unique("Préfecture");
        var siren = PartnerTestKit.ValidSiren();

        var response = await client.PostFormAsync("/partenaires/nouveau",
            PartnerTestKit.Form("  " + name + "  ", "prefecture", siren[..3] + " " + siren[3..6] + " " + siren[6..], "contact@prefecture.gouv.fr"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var org = await factory.WithDb(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Name == name));
        Assert.Equal(PartnerType.Prefecture, org.Type);
        Assert.Equal(siren, org.Siren);
        Assert.Equal($"/partenaires/{org.Id}", response.Headers.Location!.OriginalString);
        var detail = await client.GetDocumentAsync($"/partenaires/{org.Id}");
        Assert.Equal(name, detail.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("a été ajoutée", detail.QuerySelector(".fr-alert--success")!.TextContent);
        Assert.Contains("Préfecture", detail.Body!.TextContent);
    }

    [Fact]
    public async Task List_WithTypeAndText_ShowsOnlyMatchingActiveRows()
    {
        var user = await factory.UserAsync();
        var tag = TestData.Unique("filtre");
        var gendarmerie = await factory.OrganisationAsync($"Gendarmerie {tag}", PartnerType.Gendarmerie);
        var commune = await factory.OrganisationAsync($"Commune {tag}", PartnerType.Commune);
        var archived = await factory.OrganisationAsync($"Brigade {tag}", PartnerType.Gendarmerie);
        await factory.WithDb(db => db.Organisations.Where(o => o.Id == archived.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.IsArchived, true)));
        var client = await PageClient.SignedInAsync(factory, user);

        var doc = await client.GetDocumentAsync($"/partenaires?type=gendarmerie&q={tag.ToUpperInvariant()}");
        var names = doc.QuerySelectorAll("table tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal([gendarmerie.Name], names);
        Assert.NotNull(doc.QuerySelector("table caption"));

        var withArchived = await client.GetDocumentAsync($"/partenaires?q={tag}&archives=true");
        var all = withArchived.QuerySelectorAll("table tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToHashSet();
        Assert.Equal(new HashSet<string> { gendarmerie.Name, commune.Name, archived.Name }, all);
    }

    [Fact]
    public async Task Detail_WithContacts_ListsThemWithRepresentativeMarkedAndUserCount()
    {
        var org = await factory.OrganisationAsync();
        // Contacts are personal data (issue 9): read here by a member of the organisation, no longer by any signed-in user.
        var member = await factory.UserAsync(org.Id);
        await factory.WithDb(async db =>
        {
            db.Contacts.Add(new Contact { OrganisationId = org.Id, FullName = "Marie Maire", Position = "Maire", IsRepresentative = true });
            db.Contacts.Add(new Contact { OrganisationId = org.Id, FullName = "Paul Police", Position = "Chef de service" });
            return await db.SaveChangesAsync();
        });
        var client = await PageClient.SignedInAsync(factory, member);

        var doc = await client.GetDocumentAsync($"/partenaires/{org.Id}");

        var rows = doc.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Marie Maire", rows[0]);
        Assert.Contains("Représentant", rows[0]);
        Assert.DoesNotContain("Représentant", rows[1]);
        Assert.Contains("UtilisateursdeVigie1", string.Concat(doc.QuerySelector("dl")!.TextContent.Where(c => !char.IsWhiteSpace(c))));
        // A reader of another organisation sees no edit actions, and no contacts.
        var other = await (await PageClient.SignedInAsync(factory, await factory.UserAsync())).GetDocumentAsync($"/partenaires/{org.Id}");
        Assert.Null(other.QuerySelector($"a[href='/partenaires/{org.Id}/modifier']"));
        Assert.DoesNotContain("Marie Maire", other.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_OwnOrganisation_SavesChanges()
    {
        var org = await factory.OrganisationAsync();
        var member = await factory.UserAsync(org.Id);
        var client = await PageClient.SignedInAsync(factory, member);
        var newName = TestData.Unique("Ville");

        var response = await client.PostFormAsync($"/partenaires/{org.Id}/modifier", PartnerTestKit.Form(newName, "commune", email: "accueil@ville.fr"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.FindAsync(org.Id);
        Assert.Equal(newName, saved!.Name);
        Assert.Equal("accueil@ville.fr", saved.Email);
    }

    [Fact]
    public async Task Contacts_AddEditRemove_ThroughPages()
    {
        var org = await factory.OrganisationAsync();
        var member = await factory.UserAsync(org.Id);
        var client = await PageClient.SignedInAsync(factory, member);

        var added = await client.PostFormAsync($"/partenaires/{org.Id}/contacts/nouveau", new()
        {
            ["Input.FullName"] = "Jeanne Préfète", ["Input.Position"] = "Préfète", ["Input.Email"] = "jeanne@interieur.gouv.fr",
            ["Input.Phone"] = "+33 4 72 00 00 00", ["Input.IsRepresentative"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var contact = Assert.Single((await factory.FindAsync(org.Id))!.Contacts);
        Assert.True(contact.IsRepresentative);

        var edited = await client.PostFormAsync($"/partenaires/{org.Id}/contacts/{contact.Id}/modifier", new()
        {
            ["Input.FullName"] = "Jeanne Préfète", ["Input.Position"] = "Sous-préfète", ["Input.Email"] = "", ["Input.Phone"] = "", ["Input.IsRepresentative"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var updated = Assert.Single((await factory.FindAsync(org.Id))!.Contacts);
        Assert.Equal("Sous-préfète", updated.Position);
        Assert.Null(updated.Email);
        Assert.False(updated.IsRepresentative);

        var confirm = await client.GetDocumentAsync($"/partenaires/{org.Id}/contacts/{contact.Id}/supprimer");
        Assert.Contains("Jeanne Préfète", confirm.QuerySelector("h1")!.TextContent);
        var removed = await client.PostFormAsync($"/partenaires/{org.Id}/contacts/{contact.Id}/supprimer", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty((await factory.FindAsync(org.Id))!.Contacts);
    }

    [Fact]
    public async Task AddContact_WithBadEmail_ShowsFrenchErrorAndSavesNothing()
    {
        var org = await factory.OrganisationAsync();
        var member = await factory.UserAsync(org.Id);
        var client = await PageClient.SignedInAsync(factory, member);

        var response = await client.PostFormAsync($"/partenaires/{org.Id}/contacts/nouveau", new()
        {
            ["Input.FullName"] = "Sans Courriel", ["Input.Email"] = "pas-une-adresse", ["Input.Phone"] = "abc",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = await PartnerTestKit.ErrorSummaryAsync(response);
        Assert.Contains("L'adresse électronique n'est pas valide", errors);
        Assert.Contains("Le numéro de téléphone n'est pas valide", errors);
        Assert.Empty((await factory.FindAsync(org.Id))!.Contacts);
    }
}
