using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Admin;

namespace Vigie.Tests.Partners;

/// <summary>
/// Partner lists of a contract's forms (issue 11 B): the contract's partners first, other organisations of the directory
/// only when searched, never the platform's own organisation, never the demonstration's fictitious ones.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PartnerPickerTests(VigieFactory factory)
{
    private static List<string> Options(IDocument doc) =>
        [.. doc.QuerySelectorAll("#Input_OrganisationId option").Select(o => o.TextContent.Trim())];

    [Fact]
    public async Task SignatoryForm_ListsTheContractsPartners_AndOtherOrganisationsOnlyWhenSearched()
    {
        var partnerOrg = await factory.OrganisationAsync(TestData.Unique("Bailleur du contrat"), PartnerType.BailleurSocial);
        var coordinator = await factory.UserAsync();
        var partner = await factory.UserAsync(partnerOrg.Id);
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator), (partner, ContractRole.PartnerMember));
        var elsewhere = await factory.OrganisationAsync(TestData.Unique("Mairie ailleurs"));
        var demo = await factory.OrganisationAsync($"{TestData.Unique("Mairie ailleurs")} ({DemoSeed.Label})");
        await factory.WithDb(async db => { await Bootstrap.PlatformOrganisationAsync(db); return 0; });
        var page = await PageClient.SignedInAsync(factory, coordinator);
        var form = $"/contrats/{contract.Id}/signataires";

        var first = Options(await page.GetDocumentAsync(form));
        var searched = Options(await page.GetDocumentAsync($"{form}?annuaire={Uri.EscapeDataString(elsewhere.Name)}"));
        var demoSearched = Options(await page.GetDocumentAsync($"{form}?annuaire={Uri.EscapeDataString("Mairie ailleurs")}"));
        var platformSearched = Options(await page.GetDocumentAsync($"{form}?annuaire={Uri.EscapeDataString("plateforme")}"));

        Assert.Contains(partnerOrg.Name, first);
        Assert.DoesNotContain(elsewhere.Name, first);
        Assert.DoesNotContain(first, o => o.Contains("plateforme", StringComparison.Ordinal));
        Assert.Contains(elsewhere.Name, searched);
        Assert.Contains(partnerOrg.Name, searched);
        Assert.Contains(elsewhere.Name, demoSearched);
        Assert.DoesNotContain(demo.Name, demoSearched);
        Assert.DoesNotContain(platformSearched, o => o.Contains("plateforme", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignatoryForm_SearchResults_AreGroupedApartFromTheContractsPartners()
    {
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var other = await factory.OrganisationAsync(TestData.Unique("Parquet voisin"), PartnerType.Parquet);
        var page = await PageClient.SignedInAsync(factory, coordinator);

        var doc = await page.GetDocumentAsync($"/contrats/{contract.Id}/signataires?annuaire={Uri.EscapeDataString(other.Name)}");

        var groups = doc.QuerySelectorAll("#Input_OrganisationId optgroup").Select(g => g.GetAttribute("label")).ToList();
        Assert.Contains("Partenaires du contrat", groups);
        Assert.Contains(groups, g => g!.StartsWith("Annuaire : 1 résultat(s)", StringComparison.Ordinal));
        Assert.NotNull(doc.QuerySelector("form[role=search] input[name=annuaire]"));
        Assert.Contains(doc.QuerySelectorAll("a"), a => a.TextContent.Contains("Ajouter une organisation à l'annuaire", StringComparison.Ordinal)
            && a.GetAttribute("href")!.Contains("returnUrl=", StringComparison.Ordinal));
        Assert.Equal(1, await factory.WithDb(db => db.Organisations.CountAsync(o => o.Name == other.Name)));
    }
}
