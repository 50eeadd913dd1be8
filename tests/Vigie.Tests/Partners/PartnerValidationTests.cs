using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Partners;

[Collection(AppCollection.Name)]
public sealed class PartnerValidationTests(VigieFactory factory)
{
    private async Task<(HttpResponseMessage Response, string Errors)> PostPageAsync(Dictionary<string, string> form, PageClient? client = null)
    {
        client ??= await PageClient.SignedInAsync(factory, await factory.AdminAsync());
        var response = await client.PostFormAsync("/partenaires/nouveau", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, await PartnerTestKit.ErrorSummaryAsync(response));
    }

    [Fact]
    public async Task CreatePage_WithEmptyName_ShowsFrenchMessage()
    {
        var client = await PageClient.SignedInAsync(factory, await factory.AdminAsync());
        var before = await factory.WithDb(db => Task.FromResult(db.Organisations.Count()));
        var (_, errors) = await PostPageAsync(PartnerTestKit.Form("   "), client);
        Assert.Contains("Le nom est obligatoire.", errors);
        Assert.Equal(before, await factory.WithDb(db => Task.FromResult(db.Organisations.Count())));
    }

    [Fact]
    public async Task CreatePage_WithSirenOfWrongLength_ShowsNineDigitsMessage()
    {
        var name = TestData.Unique("Siren court");
        var (_, errors) = await PostPageAsync(PartnerTestKit.Form(name, siren: "12345"));
        Assert.Contains("Le SIREN doit comporter 9 chiffres", errors);
        Assert.Equal(0, await factory.CountNamedAsync(name));
    }

    [Fact]
    public async Task CreatePage_WithSirenOfWrongKey_ShowsChecksumMessage()
    {
        var name = TestData.Unique("Siren faux");
        var (_, errors) = await PostPageAsync(PartnerTestKit.Form(name, siren: PartnerTestKit.BadKey(PartnerTestKit.ValidSiren())));
        Assert.Contains("clé de contrôle", errors);
        Assert.Equal(0, await factory.CountNamedAsync(name));
    }

    [Fact]
    public async Task CreatePage_WithBadEmailAndWebsite_ShowsBothMessages()
    {
        var name = TestData.Unique("Mauvais courriel");
        var form = PartnerTestKit.Form(name, email: "mairie@");
        form["Input.Website"] = "javascript:alert(1)";
        var (_, errors) = await PostPageAsync(form);
        Assert.Contains("L'adresse électronique n'est pas valide", errors);
        Assert.Contains("Le site internet doit être une adresse complète", errors);
        Assert.Equal(0, await factory.CountNamedAsync(name));
    }

    [Fact]
    public async Task CreatePage_WithDuplicateNameInOtherCase_IsRefused()
    {
        var existing = await factory.OrganisationAsync(TestData.Unique("Commune de Doublon"));
        var (_, errors) = await PostPageAsync(PartnerTestKit.Form("  " + existing.Name.ToUpperInvariant() + " "));
        Assert.Contains("Une organisation porte déjà ce nom", errors);
        Assert.Equal(1, await factory.CountNamedAsync(existing.Name));
    }

    [Fact]
    public async Task EditPage_RenamingToAnotherExistingName_IsRefusedAndKeepsOldName()
    {
        var first = await factory.OrganisationAsync();
        var second = await factory.OrganisationAsync();
        var client = await PageClient.SignedInAsync(factory, await factory.AdminAsync());

        var response = await client.PostFormAsync($"/partenaires/{second.Id}/modifier", PartnerTestKit.Form(first.Name));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Une organisation porte déjà ce nom", await PartnerTestKit.ErrorSummaryAsync(response));
        Assert.Equal(second.Name, (await factory.FindAsync(second.Id))!.Name);
    }

    [Fact]
    public async Task Api_WithUnknownType_Returns400NamingType()
    {
        var api = await factory.ApiClientAsync(await factory.AdminAsync());
        var name = TestData.Unique("Type inconnu");

        var response = await api.PostAsJsonAsync("/api/v1/partners", new { name, type = "licorne" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Le type de partenaire « licorne » est inconnu", await PartnerTestKit.ProblemFieldAsync(response, "type"));
        Assert.Equal(0, await factory.CountNamedAsync(name));
    }

    [Fact]
    public async Task Api_WithBadSirenEmailAndEmptyName_ListsEachField()
    {
        var api = await factory.ApiClientAsync(await factory.AdminAsync());

        var response = await api.PostAsJsonAsync("/api/v1/partners", new { name = "", type = "commune", siren = "123456789", email = "non" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Le nom est obligatoire.", await PartnerTestKit.ProblemFieldAsync(response, "name"));
        Assert.Contains("clé de contrôle", await PartnerTestKit.ProblemFieldAsync(response, "siren"));
        Assert.Contains("L'adresse électronique n'est pas valide", await PartnerTestKit.ProblemFieldAsync(response, "email"));
    }

    [Fact]
    public async Task Api_WithDuplicateName_Returns400NamingName()
    {
        var existing = await factory.OrganisationAsync(TestData.Unique("Bailleur"), PartnerType.BailleurSocial);
        var api = await factory.ApiClientAsync(await factory.AdminAsync());

        var response = await api.PostAsJsonAsync("/api/v1/partners", new { name = existing.Name.ToLowerInvariant(), type = "bailleurSocial" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Une organisation porte déjà ce nom", await PartnerTestKit.ProblemFieldAsync(response, "name"));
        Assert.Equal(1, await factory.CountNamedAsync(existing.Name));
    }

    [Fact]
    public async Task Api_WithUnknownTerritoryCode_Returns400NamingTerritoryCode()
    {
        var api = await factory.ApiClientAsync(await factory.AdminAsync());
        var response = await api.PostAsJsonAsync("/api/v1/partners", new { name = TestData.Unique("Sans territoire"), type = "commune", territoryCode = "00000" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("aucun territoire connu", await PartnerTestKit.ProblemFieldAsync(response, "territoryCode"));
    }

    [Fact]
    public async Task Api_WithMalformedJson_Returns400ProblemDetailsInFrench()
    {
        var api = await factory.ApiClientAsync(await factory.AdminAsync());

        var response = await api.PostAsync("/api/v1/partners", new StringContent("{\"name\": \"x\", ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await PartnerTestKit.JsonAsync(response);
        Assert.Contains("JSON", json.GetProperty("detail").GetString());
        Assert.StartsWith("Requête invalide", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task List_WithUnknownTypeFilter_Returns400NamingType()
    {
        var api = await factory.ApiClientAsync(await factory.UserAsync());
        var response = await api.GetAsync("/api/v1/partners?type=inconnu");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("inconnu", await PartnerTestKit.ProblemFieldAsync(response, "type"));
    }

    [Theory]
    [InlineData("356000000", true)]   // La Poste
    [InlineData("552100554", true)]
    [InlineData("552100555", false)]
    public void SirenChecksum_KnownNumbers_AreRecognised(string siren, bool valid) =>
        Assert.Equal(valid, Vigie.Web.Features.Partners.PartnerRules.IsValidSirenChecksum(siren));
}
