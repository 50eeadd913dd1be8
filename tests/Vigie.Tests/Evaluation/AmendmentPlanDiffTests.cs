using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>Issue 15 item 7: an avenant's diff lists the priorities and actions added, removed, renamed or moved to another priority since the contract's last signed state.</summary>
[Collection(AppCollection.Name)]
public sealed class AmendmentPlanDiffTests(VigieFactory factory)
{
    private static List<(string Field, string Before, string After)> Changes(JsonElement detail) =>
        [.. detail.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("field").GetString()!, c.GetProperty("before").GetString()!, c.GetProperty("after").GetString()!))];

    private static void AssertPlanDiff(List<(string Field, string Before, string After)> changes)
    {
        Assert.Contains(("Action renommée", "Tranquillité des halls", "Tranquillité résidentielle"), changes);
        Assert.Contains(("Action ajoutée", "—", "Prévention routière"), changes);
        Assert.Contains(("Action retirée", "Médiation de nuit", "—"), changes);
        Assert.DoesNotContain(changes, c => c.After == "Sécuriser les espaces publics" || c.Before == "Sécuriser les espaces publics");
    }

    [Fact]
    public async Task Avenant_ListsActionsAddedRemovedAndRenamed_DraftAndInForce()
    {
        var s = await factory.EvaluatedContractAsync();
        var kept = await factory.ActionAsync(s, "Tranquillité des halls", null, null);
        var dropped = await factory.ActionAsync(s, "Médiation de nuit", null, null);
        // A first avenant in force: the signed state the next one is compared with.
        Assert.Equal(HttpStatusCode.Created, (await s.Api.PostAsJsonAsync($"{s.Base}/amendments", new
        {
            title = "Avenant 1", effectiveDate = "2006-01-01", description = "Prolonge d'un an.", newEndDate = "2009-12-31", draft = false,
        })).StatusCode);

        await factory.WithDb(async db =>
        {
            (await db.PlanItems.SingleAsync(i => i.Id == kept)).Title = "Tranquillité résidentielle";
            db.PlanItems.Remove(await db.PlanItems.SingleAsync(i => i.Id == dropped));
            await db.SaveChangesAsync();
            return 0;
        });
        await factory.ActionAsync(s, "Prévention routière", null, null);

        var created = await s.Api.PostAsJsonAsync($"{s.Base}/amendments", new { title = "Avenant 2", effectiveDate = "2007-01-01", description = "Révise le plan d'action.", draft = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var amendment = await factory.WithDb(db => db.Amendments.Where(a => a.ContractId == s.Contract.Id && a.IsDraft).Select(a => a.Id).SingleAsync());
        AssertPlanDiff(Changes(await s.Api.GetFromJsonAsync<JsonElement>($"{s.Base}/amendments/{amendment}")));

        var signatory = await factory.WithDb(db => db.Signatories.Where(x => x.ContractId == s.Contract.Id).Select(x => x.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Created, (await s.Api.PostAsJsonAsync($"{s.Base}/amendments/{amendment}/signatures", new { signatoryId = signatory, signedOn = "2007-01-05" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.PostAsync($"{s.Base}/amendments/{amendment}/enactment", null)).StatusCode);
        AssertPlanDiff(Changes(await s.Api.GetFromJsonAsync<JsonElement>($"{s.Base}/amendments/{amendment}")));
    }

    [Fact]
    public async Task Avenant_ListsAnActionMovedToAnotherPriority()
    {
        var s = await factory.EvaluatedContractAsync();
        var moved = await factory.ActionAsync(s, "Vidéoprotection des parkings", null, null);
        await factory.ActionAsync(s, "Îlotage", null, null);
        var second = await factory.WithDb(async db =>
        {
            var p = new PlanItem { ContractId = s.Contract.Id, Kind = PlanItemKind.Priority, Position = 2, Reference = TestData.Unique("P"), Title = "Prévenir la délinquance des mineurs" };
            db.PlanItems.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        Assert.Equal(HttpStatusCode.Created, (await s.Api.PostAsJsonAsync($"{s.Base}/amendments", new
        {
            title = "Avenant 1", effectiveDate = "2006-01-01", description = "Prolonge d'un an.", newEndDate = "2009-12-31", draft = false,
        })).StatusCode);

        await factory.WithDb(async db =>
        {
            var item = await db.PlanItems.SingleAsync(i => i.Id == moved);
            item.ParentId = second;
            item.Position = 1;
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.Equal(HttpStatusCode.Created, (await s.Api.PostAsJsonAsync($"{s.Base}/amendments", new { title = "Avenant 2", effectiveDate = "2007-01-01", description = "Réorganise les axes.", draft = true })).StatusCode);
        var amendment = await factory.WithDb(db => db.Amendments.Where(a => a.ContractId == s.Contract.Id && a.IsDraft).Select(a => a.Id).SingleAsync());

        var changes = Changes(await s.Api.GetFromJsonAsync<JsonElement>($"{s.Base}/amendments/{amendment}"));
        Assert.Contains(("Action déplacée", "Vidéoprotection des parkings — axe « Sécuriser les espaces publics »",
            "Vidéoprotection des parkings — axe « Prévenir la délinquance des mineurs »"), changes);
        Assert.DoesNotContain(changes, c => c.Before.StartsWith("Îlotage", StringComparison.Ordinal) || c.After.StartsWith("Îlotage", StringComparison.Ordinal));
    }
}
