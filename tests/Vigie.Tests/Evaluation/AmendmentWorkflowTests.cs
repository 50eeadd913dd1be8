using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>Issue 15 item 7: draft avenant → signatures by the signatories only → in force, with its diff; attaching Lomme to Lille.</summary>
[Collection(AppCollection.Name)]
public sealed class AmendmentWorkflowTests(VigieFactory factory)
{
    [Fact]
    public async Task DraftAvenant_SignedByAllSignatories_GoesInForceWithItsDiff()
    {
        var lille = await factory.EvaluatedContractAsync();
        var lomme = await factory.ContractAsync((lille.Coordinator, ContractRole.Coordinator));
        var commune = await factory.CommuneAsync();
        var second = await factory.OrganisationAsync();
        var secondSignatory = await factory.WithDb(async db =>
        {
            var sg = new Signatory { ContractId = lille.Contract.Id, OrganisationId = second.Id, RepresentativeName = "Dominique Petit", SignedOn = new DateOnly(2005, 1, 12), Order = 2 };
            db.Signatories.Add(sg);
            await db.SaveChangesAsync();
            return sg.Id;
        });
        var firstSignatory = await factory.WithDb(db => db.Signatories.Where(x => x.ContractId == lille.Contract.Id && x.Order == 1).Select(x => x.Id).SingleAsync());
        var neighbour = await factory.EvaluatedContractAsync();
        var outsider = await factory.WithDb(db => db.Signatories.Where(x => x.ContractId == neighbour.Contract.Id).Select(x => x.Id).SingleAsync());

        var created = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments", new
        {
            title = "Avenant lommois", effectiveDate = "2006-01-01", description = "Rattache le CLS de Lomme et prolonge d'un an.", newEndDate = "2009-12-31",
            addedTerritories = commune.Code, attachesContractId = lomme.Id, addedPriorities = "Adapter les réponses judiciaires", draft = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var amendment = await factory.WithDb(db => db.Amendments.Where(a => a.ContractId == lille.Contract.Id).Select(a => a.Id).SingleAsync());
        var unchanged = await factory.WithDb(db => db.Contracts.AsNoTracking().SingleAsync(c => c.Id == lille.Contract.Id));
        Assert.Equal(new DateOnly(2008, 12, 31), unchanged.EndDate);

        // The draft's diff says what it will change.
        var detail = await lille.Api.GetFromJsonAsync<JsonElement>($"{lille.Base}/amendments/{amendment}");
        var changes = detail.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!, c => c.GetProperty("after").GetString()!);
        Assert.Contains("31/12/2009", changes["Période"]);
        Assert.Contains(commune.Code, changes["Territoire"]);
        Assert.Contains("Adapter les réponses judiciaires", changes["Axes du plan d'action"]);
        Assert.Equal(lomme.Title, changes["Contrats rattachés"]);

        // Not a signatory of this contract: refused, nothing saved.
        var stranger = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments/{amendment}/signatures", new { signatoryId = outsider, signedOn = "2006-01-05" });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("n'est pas signataire du contrat", await stranger.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, (await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments/{amendment}/signatures", new { signatoryId = firstSignatory, signedOn = "2006-01-05" })).StatusCode);
        var early = await lille.Api.PostAsync($"{lille.Base}/amendments/{amendment}/enactment", null);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains(second.Name, await early.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments/{amendment}/signatures", new { signatoryId = secondSignatory, signedOn = "2006-01-06" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await lille.Api.PostAsync($"{lille.Base}/amendments/{amendment}/enactment", null)).StatusCode);

        var contract = await factory.WithDb(db => db.Contracts.AsNoTracking().Include(c => c.Territories).SingleAsync(c => c.Id == lille.Contract.Id));
        Assert.Equal(new DateOnly(2009, 12, 31), contract.EndDate);
        Assert.Contains(contract.Territories, t => t.TerritoryId == commune.Id);
        Assert.Equal(lille.Contract.Id, await factory.WithDb(db => db.Contracts.Where(c => c.Id == lomme.Id).Select(c => c.AmendsContractId).SingleAsync()));
        Assert.True(await factory.WithDb(db => db.PlanItems.AnyAsync(i => i.ContractId == lille.Contract.Id && i.Title == "Adapter les réponses judiciaires")));
        var inForce = await lille.Api.GetFromJsonAsync<JsonElement>($"{lille.Base}/amendments/{amendment}");
        Assert.False(inForce.GetProperty("amendment").GetProperty("isDraft").GetBoolean());
        Assert.Contains(inForce.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "Fin" && c.GetProperty("after").GetString() == "31/12/2009");

        // Lomme's contract page shows it as an avenant of Lille's.
        var client = await PageClient.SignedInAsync(factory, lille.Coordinator);
        var lommePage = (await client.GetDocumentAsync($"/contrats/{lomme.Id}")).Body!.TextContent;
        Assert.Contains("Avenant au contrat", lommePage);
        Assert.Contains(lille.Contract.Title, lommePage);
        var page = (await client.GetDocumentAsync($"/contrats/{lille.Contract.Id}/avenants/{amendment}")).Body!.TextContent;
        Assert.Contains("en vigueur", page);
    }
}
