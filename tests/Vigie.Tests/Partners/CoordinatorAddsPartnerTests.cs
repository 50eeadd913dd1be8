using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Partners;

/// <summary>
/// A contract's coordinator who is not a platform administrator adds a missing partner from the form that needs it
/// (issue 11 A): allowed while she coordinates a running contract, back on the form with the organisation chosen,
/// a known SIREN confirmed as another establishment, the creation audited.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CoordinatorAddsPartnerTests(VigieFactory factory)
{
    [Fact]
    public async Task CreatePage_FromTheSignatoryForm_AddsTheOrganisation_AndComesBackWithItChosen()
    {
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var page = await PageClient.SignedInAsync(factory, coordinator);
        var form = $"/contrats/{contract.Id}/signataires";
        var name = TestData.Unique("Police municipale");

        var created = await page.PostFormAsync($"/partenaires/nouveau?returnUrl={Uri.EscapeDataString(form)}",
            new() { ["Input.Name"] = name, ["Input.Type"] = "policeMunicipale", ["ReturnUrl"] = form });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.StartsWith(form + "?organisation=", location, StringComparison.Ordinal);
        var org = await factory.WithDb(db => db.Organisations.SingleAsync(o => o.Name == name));
        var select = (IHtmlSelectElement)(await page.GetDocumentAsync(location)).QuerySelector("#Input_OrganisationId")!;
        Assert.Equal(org.Id.ToString(), select.Value);
        var audit = await factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == AuditKinds.PartnerCreated && e.EntityId == org.Id.ToString()));
        Assert.Equal(coordinator.Id, audit.UserId);
        Assert.Contains("\"byCoordinator\":true", audit.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePage_WithoutCoordinatingAContract_IsForbidden_AndSavesNothing()
    {
        var reader = await factory.UserAsync();
        await factory.ContractAsync((reader, ContractRole.Reader));
        var page = await PageClient.SignedInAsync(factory, reader);
        var name = TestData.Unique("Refusée");

        var get = await page.Http.GetAsync("/partenaires/nouveau");

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.False(await factory.WithDb(db => db.Organisations.AnyAsync(o => o.Name == name)));
    }

    [Fact]
    public async Task CreatePage_WithAKnownSiren_AsksToConfirmAnotherEstablishment_ThenAddsIt()
    {
        var coordinator = await factory.UserAsync();
        await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var siren = PartnerTestKit.ValidSiren();
        var existing = await factory.OrganisationAsync(TestData.Unique("Préfecture"), PartnerType.Prefecture);
        await factory.WithDb(async db =>
        {
            (await db.Organisations.SingleAsync(o => o.Id == existing.Id)).Siren = siren;
            return await db.SaveChangesAsync();
        });
        var page = await PageClient.SignedInAsync(factory, coordinator);
        var name = TestData.Unique("Sous-préfecture");
        var fields = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Type"] = "prefecture", ["Input.Siren"] = siren };

        var refused = await page.PostFormAsync("/partenaires/nouveau", fields);
        var refusedText = PageClient.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("#resume-erreurs")!.TextContent;
        var confirmed = await page.PostFormAsync("/partenaires/nouveau", new(fields) { ["Input.OtherEstablishment"] = "true" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"L'organisation « {existing.Name} » porte déjà ce SIREN", refusedText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(1, await factory.WithDb(db => db.Organisations.CountAsync(o => o.Name == name)));
    }
}
