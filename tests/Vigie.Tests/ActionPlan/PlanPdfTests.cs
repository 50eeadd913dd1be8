using System.Net;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.ActionPlan;

[Collection(AppCollection.Name)]
public sealed class PlanPdfTests(VigieFactory factory)
{
    [Fact]
    public async Task FicheAndPlanPdf_ContainTheFieldsAndProgress()
    {
        var p = await factory.PlanFixtureAsync();
        var priority = await p.ItemAsync("priority", "Sécuriser l'espace public");
        var action = await p.ItemAsync("action", "Médiation de nuit", priority, new { problemObserved = "Regroupements nocturnes", progressOverride = 40 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/commitments", new { organisationId = p.PartnerX.OrganisationId, what = "Deux médiateurs", progress = 40 });
        var client = await PageClient.SignedInAsync(factory, p.Reader);

        var fiche = await client.Http.GetAsync($"/contrats/{p.Contract.Id}/plan/elements/{action}?handler=pdf");
        Assert.Equal(HttpStatusCode.OK, fiche.StatusCode);
        Assert.Equal("application/pdf", fiche.Content.Headers.ContentType!.MediaType);
        var text = await PdfText.FlatAsync(await fiche.Content.ReadAsByteArrayAsync());
        Assert.Contains("Médiation de nuit", text, StringComparison.Ordinal);
        Assert.Contains("Regroupements nocturnes", text, StringComparison.Ordinal);
        Assert.Contains("Deux médiateurs", text, StringComparison.Ordinal);

        var whole = await client.Http.GetAsync($"/contrats/{p.Contract.Id}/plan?handler=pdf");
        var all = await PdfText.FlatAsync(await whole.Content.ReadAsByteArrayAsync());
        Assert.Contains("Plan d'action", all, StringComparison.Ordinal);
        Assert.Contains("40 %", all, StringComparison.Ordinal);
        Assert.Contains("Médiation de nuit", all, StringComparison.Ordinal);
    }
}
