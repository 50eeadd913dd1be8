using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Contracts;

[Collection(AppCollection.Name)]
public sealed class ContractCreationTests(VigieFactory factory)
{
    private static Dictionary<string, string> Form(string title, string territories, string start = "2025-01-01", string end = "2028-12-31") => new()
    {
        ["Input.Title"] = title,
        ["Input.Kind"] = "Cls",
        ["Input.StartDate"] = start,
        ["Input.EndDate"] = end,
        ["Input.Territories"] = territories,
        ["Input.Summary"] = "Présentation",
    };

    [Fact]
    public async Task Create_WithValidForm_CreatesDraftWithCreatorAsCoordinatorAndFirstVersion()
    {
        var admin = await factory.AdminAsync();
        var commune = await factory.CommuneAsync();
        var client = await PageClient.SignedInAsync(factory, admin);
        var title = TestData.Unique("CLS");

        var response = await client.PostFormAsync("/contrats/nouveau", Form(title, $"{commune.Name} ({commune.Code})"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        var contract = await factory.ReloadAsync(id);
        Assert.Equal(title, contract.Title);
        Assert.Equal(ContractStatus.Draft, contract.Status);
        Assert.Equal(commune.Code, Assert.Single(contract.Territories).Territory!.Code);
        Assert.Equal(ContractRole.Coordinator, Assert.Single(contract.Memberships, m => m.UserId == admin.Id).Role);
        Assert.Equal(1, await factory.WithDb(db => db.ContractVersions.CountAsync(v => v.ContractId == id)));
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Create_WithEndBeforeStartAndUnknownTerritory_ShowsFrenchErrorsAndSavesNothing()
    {
        var admin = await factory.AdminAsync();
        var client = await PageClient.SignedInAsync(factory, admin);
        var before = await factory.CountContractsAsync();

        var response = await client.PostFormAsync("/contrats/nouveau", Form(TestData.Unique("CLS"), "Atlantide-sur-Mer", "2025-01-01", "2024-01-01"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = PageClient.Parse(await response.Content.ReadAsStringAsync());
        var summary = doc.QuerySelector("#resume-erreurs")!.TextContent;
        Assert.Contains("La date de fin doit être postérieure à la date de début.", summary);
        Assert.Contains("Aucun territoire ne s'appelle « Atlantide-sur-Mer »", summary);
        Assert.Equal(before, await factory.CountContractsAsync());
    }

    [Fact]
    public async Task Create_WithMissingTitle_NamesTheField()
    {
        var admin = await factory.AdminAsync();
        var commune = await factory.CommuneAsync();
        var client = await PageClient.SignedInAsync(factory, admin);
        var response = await client.PostFormAsync("/contrats/nouveau", Form("", commune.Code));
        var doc = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("L'intitulé est obligatoire.", doc.QuerySelector("#resume-erreurs")!.TextContent);
        Assert.NotNull(doc.QuerySelector("#Input_Title[aria-describedby]"));
    }

    [Fact]
    public async Task Create_ByUserWithoutCreatorRole_IsForbidden()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        var response = await client.Http.GetAsync("/contrats/nouveau");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/compte/acces-refuse", response.Headers.Location!.OriginalString);
    }
}
