using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15 item 4: a recommendation becomes a draft fiche action on its own (outside the renewal wizard): in the next
/// generation when there is one, in this contract when the coordinator chooses; once only, the link kept.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RecommendationDraftTests(VigieFactory factory)
{
    private async Task<Guid> RecommendAsync(EvaluationSetup s, Guid evaluation, string text)
    {
        var rec = await s.Api.PostAsJsonAsync($"{s.Base}/evaluations/{evaluation}/recommendations", new { text, ownerOrganisationId = s.Lead.Id, priority = "high" });
        Assert.Equal(HttpStatusCode.Created, rec.StatusCode);
        return await factory.WithDb(db => db.EvaluationRecommendations.Where(r => r.EvaluationId == evaluation && r.Text == text).Select(r => r.Id).SingleAsync());
    }

    [Fact]
    public async Task Recommendation_BecomesADraftActionOfTheNextGeneration_Once()
    {
        var s = await factory.EvaluatedContractAsync();
        var evaluation = await s.EvaluationAsync();
        var text = TestData.Unique("Prévenir les conduites addictives");
        var recommendation = await RecommendAsync(s, evaluation, text);
        var next = await factory.ContractAsync((s.Coordinator, ContractRole.Coordinator));
        await factory.WithDb(async db =>
        {
            (await db.Contracts.FindAsync(next.Id))!.PredecessorId = s.Contract.Id;
            db.PlanStatuses.AddRange(Vigie.Web.Features.ActionPlan.PlanCommandKit.DefaultStatuses(next.Id));
            return await db.SaveChangesAsync();
        });
        var url = $"{s.Base}/evaluations/{evaluation}/recommendations/{recommendation}/draft-action";

        var first = await s.Api.PostAsJsonAsync(url, new { });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(next.Id, created.GetProperty("contractId").GetGuid());
        Assert.True(created.GetProperty("created").GetBoolean());
        var itemId = created.GetProperty("planItemId").GetGuid();
        var item = await factory.WithDb(db => db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == itemId));
        Assert.Equal(next.Id, item.ContractId);
        Assert.Equal(PlanItemKind.Action, item.Kind);
        Assert.Equal(text, item.Title);
        Assert.Equal(s.Lead.Id, item.LeadOrganisationId);
        Assert.Equal("Orientations issues de l'évaluation", await factory.WithDb(db => db.PlanItems.Where(i => i.Id == item.ParentId).Select(i => i.Title).SingleAsync()));
        Assert.Equal(itemId, await factory.WithDb(db => db.EvaluationRecommendations.Where(r => r.Id == recommendation).Select(r => r.DraftPlanItemId).SingleAsync()));

        // Again: the same action back, nothing new.
        var again = await (await s.Api.PostAsJsonAsync(url, new { intoThisContract = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(itemId, again.GetProperty("planItemId").GetGuid());
        Assert.False(again.GetProperty("created").GetBoolean());
        Assert.Equal(1, await factory.WithDb(db => db.PlanItems.CountAsync(i => i.Title == text)));
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "evaluation.draft-action-created" && e.EntityId == recommendation.ToString())));

        // The coordinator may choose this contract instead; a second recommendation joins the same priority of the plan it goes to.
        var other = await RecommendAsync(s, evaluation, TestData.Unique("Renforcer la médiation"));
        var here = await (await s.Api.PostAsJsonAsync($"{s.Base}/evaluations/{evaluation}/recommendations/{other}/draft-action", new { intoThisContract = true }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(s.Contract.Id, here.GetProperty("contractId").GetGuid());

        // The report links each recommendation to its draft action.
        var client = await PageClient.SignedInAsync(factory, s.Coordinator);
        var page = await client.GetDocumentAsync($"/contrats/{s.Contract.Id}/evaluations/{evaluation}");
        var links = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/contrats/{next.Id}/plan/elements/{itemId}", links);
    }

    [Fact]
    public async Task DraftAction_FromThePage_WithoutSuccessor_GoesIntoThisContract()
    {
        var s = await factory.EvaluatedContractAsync();
        var evaluation = await s.EvaluationAsync();
        var recommendation = await RecommendAsync(s, evaluation, TestData.Unique("Associer les bailleurs"));
        var client = await PageClient.SignedInAsync(factory, s.Coordinator);
        var reportUrl = $"/contrats/{s.Contract.Id}/evaluations/{evaluation}";
        var posted = await client.PostFormAsync(reportUrl + "?handler=DraftAction", new() { ["recommendationId"] = recommendation.ToString() }, reportUrl);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var itemId = await factory.WithDb(db => db.EvaluationRecommendations.Where(r => r.Id == recommendation).Select(r => r.DraftPlanItemId).SingleAsync());
        Assert.NotNull(itemId);
        Assert.Equal(s.Contract.Id, await factory.WithDb(db => db.PlanItems.Where(i => i.Id == itemId).Select(i => i.ContractId).SingleAsync()));
        Assert.EndsWith($"/plan/elements/{itemId}", posted.Headers.Location!.OriginalString);

        // A reader of the contract may not create it.
        var reader = await factory.UserAsync();
        await factory.WithDb(db => { db.Memberships.Add(new ContractMembership { ContractId = s.Contract.Id, UserId = reader.Id, Role = ContractRole.Reader }); return db.SaveChangesAsync(); });
        var readerApi = await factory.ApiClientAsync(reader);
        Assert.Equal(HttpStatusCode.Forbidden, (await readerApi.PostAsJsonAsync($"{s.Base}/evaluations/{evaluation}/recommendations/{recommendation}/draft-action", new { })).StatusCode);
    }
}
