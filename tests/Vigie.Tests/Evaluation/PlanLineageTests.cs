using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15 item 6: the plan item page shows what an action continues ("continue l'action X du CLS 2005") and what continues
/// it, with links — naming the other generation's action only to a reader who may read it there.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PlanLineageTests(VigieFactory factory)
{
    [Fact]
    public async Task ItemPage_ShowsLineageBothWays_AndHidesWhatTheReaderMayNotRead()
    {
        var s = await factory.EvaluatedContractAsync();
        var title = TestData.Unique("Rencontres cadre de vie");
        var kept = await factory.ActionAsync(s, title, 100, 80, 78);
        var renewed = await s.Api.PostAsJsonAsync($"{s.Base}/renewal", new { title = "CLS de Lomme 2009", planItemIds = new[] { kept } });
        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
        var next = (await renewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var continued = await factory.WithDb(db => db.PlanItems.Where(i => i.ContinuesItemId == kept).Select(i => i.Id).SingleAsync());

        var coordinator = await PageClient.SignedInAsync(factory, s.Coordinator);
        var successorPage = await coordinator.GetDocumentAsync($"/contrats/{next}/plan/elements/{continued}");
        var lineage = successorPage.QuerySelector("#lineage")!;
        Assert.Contains("Continue l'action", lineage.TextContent);
        Assert.Contains(s.Contract.Title, lineage.TextContent);
        Assert.Contains(lineage.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/contrats/{s.Contract.Id}/plan/elements/{kept}");
        var predecessorPage = await coordinator.GetDocumentAsync($"/contrats/{s.Contract.Id}/plan/elements/{kept}");
        Assert.Contains("Continuée par l'action", predecessorPage.QuerySelector("#lineage")!.TextContent);
        Assert.Contains(predecessorPage.QuerySelectorAll("#lineage a"), a => a.GetAttribute("href") == $"/contrats/{next}/plan/elements/{continued}");

        // A reader of the new contract only: the old contract is not theirs, its action is not named.
        var outsider = await factory.UserAsync();
        await factory.WithDb(db => { db.Memberships.Add(new ContractMembership { ContractId = next, UserId = outsider.Id, Role = ContractRole.Reader }); return db.SaveChangesAsync(); });
        var outsiderPage = await (await PageClient.SignedInAsync(factory, outsider)).GetDocumentAsync($"/contrats/{next}/plan/elements/{continued}");
        Assert.Contains(title, outsiderPage.QuerySelector("h1")!.TextContent);
        Assert.Null(outsiderPage.QuerySelector("#lineage"));
        Assert.DoesNotContain(s.Contract.Title, outsiderPage.Body!.TextContent);

        // A reader of both contracts, once the old action is restricted: not named either.
        var reader = await factory.UserAsync();
        await factory.WithDb(async db =>
        {
            db.Memberships.Add(new ContractMembership { ContractId = next, UserId = reader.Id, Role = ContractRole.Reader });
            db.Memberships.Add(new ContractMembership { ContractId = s.Contract.Id, UserId = reader.Id, Role = ContractRole.Reader });
            (await db.PlanItems.FindAsync(kept))!.Visibility = MinutesVisibility.Restricted;
            (await db.PlanItems.FindAsync(continued))!.Visibility = MinutesVisibility.Public;
            return await db.SaveChangesAsync();
        });
        var readerPage = await (await PageClient.SignedInAsync(factory, reader)).GetDocumentAsync($"/contrats/{next}/plan/elements/{continued}");
        Assert.Null(readerPage.QuerySelector("#lineage"));
    }
}
