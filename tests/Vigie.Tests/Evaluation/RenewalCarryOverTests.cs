using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>Issue 15 item 6: the renewal wizard's carry-over, lineage, recommendations as draft actions, and its refusals.</summary>
[Collection(AppCollection.Name)]
public sealed class RenewalCarryOverTests(VigieFactory factory)
{
    [Fact]
    public async Task Renewal_CarriesSelectedActionsWithLineageBaselinesAndRecommendations()
    {
        var s = await factory.EvaluatedContractAsync();
        var kept = await factory.ActionAsync(s, "Rencontres cadre de vie", 100, 80, 95, 78);
        var dropped = await factory.ActionAsync(s, "Action abandonnée", null, null);
        var body = await factory.WithDb(async db =>
        {
            var b = new Body { ContractId = s.Contract.Id, Name = "Cellule de veille", Kind = BodyKind.WatchCell };
            b.Memberships.Add(new BodyMembership { ContractId = s.Contract.Id, OrganisationId = s.Lead.Id, From = new DateOnly(2005, 1, 1) });
            db.Bodies.Add(b);
            await db.SaveChangesAsync();
            return b.Id;
        });
        var id = await s.EvaluationAsync();
        var rec = await s.Api.PostAsJsonAsync($"{s.Base}/evaluations/{id}/recommendations", new { text = "Prévenir les conduites addictives en milieu scolaire", ownerOrganisationId = s.Lead.Id, priority = "high" });
        Assert.Equal(HttpStatusCode.Created, rec.StatusCode);
        var recommendation = await factory.WithDb(db => db.EvaluationRecommendations.Where(r => r.EvaluationId == id).Select(r => r.Id).SingleAsync());
        // Only a final evaluation past its draft counts as "évalué" (issue 15): this one was validated by the restricted formation.
        await factory.WithDb(db => db.ContractEvaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Validated)));

        // Through the wizard page: the coordinator keeps one action (its priority comes with it), the bodies and the recommendation.
        var client = await PageClient.SignedInAsync(factory, s.Coordinator);
        var page = await client.GetDocumentAsync($"/contrats/{s.Contract.Id}/renouvellement");
        Assert.Contains("Rencontres cadre de vie", page.Body!.TextContent);
        var form = new List<KeyValuePair<string, string>>
        {
            new("Input.Title", "CLS de Lomme 2009"), new("Input.Signatories", "true"), new("Input.Members", "true"), new("Input.Areas", "true"), new("Input.Bodies", "true"),
            new("Input.PlanItemIds", kept.ToString()), new("Input.RecommendationIds", recommendation.ToString()),
        };
        var token = await client.AntiforgeryTokenAsync($"/contrats/{s.Contract.Id}/renouvellement");
        form.Add(new("__RequestVerificationToken", token));
        var posted = await client.Http.PostAsync($"/contrats/{s.Contract.Id}/renouvellement", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var next = await factory.WithDb(db => db.Contracts.AsNoTracking().SingleAsync(c => c.PredecessorId == s.Contract.Id));
        Assert.Equal("CLS de Lomme 2009", next.Title);
        Assert.Equal(2, next.Generation);
        var items = await factory.WithDb(db => db.PlanItems.AsNoTracking().Where(i => i.ContractId == next.Id).ToListAsync());
        var continued = Assert.Single(items, i => i.ContinuesItemId == kept);
        Assert.Contains(items, i => i.ContinuesItemId == s.Priority && i.Id == continued.ParentId);
        Assert.DoesNotContain(items, i => i.ContinuesItemId == dropped);
        var draft = Assert.Single(items, i => i.Title.StartsWith("Prévenir les conduites addictives"));
        Assert.Equal(s.Lead.Id, draft.LeadOrganisationId);
        Assert.Equal(draft.Id, await factory.WithDb(db => db.EvaluationRecommendations.Where(r => r.Id == recommendation).Select(r => r.DraftPlanItemId).SingleAsync()));
        var indicator = await factory.WithDb(db => db.PlanIndicators.AsNoTracking().SingleAsync(i => i.PlanItemId == continued.Id));
        Assert.Equal(78m, indicator.BaselineValue);
        Assert.Equal(new DateOnly(2006, 12, 31), indicator.BaselineDate);
        Assert.Null(indicator.TargetValue);
        Assert.Equal(1, await factory.WithDb(db => db.Bodies.CountAsync(b => b.ContractId == next.Id && b.Memberships.Count == 1)));

        // The chain of generations on the new contract's page; the predecessor was evaluated, so no flag.
        var details = await client.GetDocumentAsync($"/contrats/{next.Id}");
        var text = details.Body!.TextContent;
        Assert.Contains(s.Contract.Title, text);
        Assert.Contains("évalué", text);
        Assert.DoesNotContain("renouvelé sans évaluation", text);
        Assert.Contains(await factory.WithDb(db => db.AuditEvents.Select(e => e.Kind).ToListAsync()), k => k == "contract.renewed");

        // A contract that already has a successor is not renewed again (French message, nothing created).
        var again = await s.Api.PostAsJsonAsync($"{s.Base}/renewal", new { planItemIds = new[] { kept } });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("déjà un contrat successeur", await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDb(db => db.Contracts.CountAsync(c => c.PredecessorId == s.Contract.Id)));
    }

    [Fact]
    public async Task Renewal_WithoutEvaluationIsAllowedButFlagged_AndForeignItemsRefused()
    {
        var s = await factory.EvaluatedContractAsync();
        var other = await factory.EvaluatedContractAsync();
        var foreign = await factory.ActionAsync(other, "Action d'un autre contrat", null, null);

        var refused = await s.Api.PostAsJsonAsync($"{s.Base}/renewal", new { planItemIds = new[] { foreign } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("n'appartient pas au contrat renouvelé", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.WithDb(db => db.Contracts.CountAsync(c => c.PredecessorId == s.Contract.Id)));

        var renewed = await s.Api.PostAsJsonAsync($"{s.Base}/renewal", new { bodies = false });
        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
        var next = (await renewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var client = await PageClient.SignedInAsync(factory, s.Coordinator);
        var text = (await client.GetDocumentAsync($"/contrats/{next}")).Body!.TextContent;
        Assert.Contains("renouvelé sans évaluation", text);
    }

    [Fact]
    public async Task Renewal_AfterOnlyADraftEvaluation_IsFlaggedAsNotEvaluated()
    {
        var s = await factory.EvaluatedContractAsync();
        var draft = await s.EvaluationAsync();
        Assert.Equal(EvaluationStatus.Draft, await factory.WithDb(db => db.ContractEvaluations.Where(e => e.Id == draft).Select(e => e.Status).SingleAsync()));
        var client = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/renouvellement";
        var token = await client.AntiforgeryTokenAsync(url);

        var posted = await client.Http.PostAsync(url, new FormUrlEncodedContent([new("Input.Signatories", "true"), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var next = await factory.WithDb(db => db.Contracts.Where(c => c.PredecessorId == s.Contract.Id).Select(c => c.Id).SingleAsync());
        var text = (await client.GetDocumentAsync($"/contrats/{next}")).Body!.TextContent;
        Assert.Contains("renouvelé sans évaluation", text);
        var renewed = await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == "contract.renewed" && e.ContractId == next).Select(e => e.Data).SingleAsync());
        Assert.Contains("\"evaluated\":false", renewed!);
    }
}
