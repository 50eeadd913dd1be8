using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Governance;

/// <summary>A decision can create an action of the plan or amend one; the plan's change history records it.</summary>
[Collection(AppCollection.Name)]
public sealed class DecisionToPlanTests(VigieFactory factory)
{
    [Fact]
    public async Task Decision_CreatesAnActionUnderAnObjective_AndAmendsAnother()
    {
        var s = await factory.SetupAsync();
        var (objective, existing) = await factory.WithDb(async db =>
        {
            var o = new PlanItem { Id = Guid.NewGuid(), ContractId = s.Contract.Id, Kind = PlanItemKind.Objective, Position = 1, Reference = TestData.Unique("O"), Title = "Prévenir la délinquance des mineurs" };
            var a = new PlanItem { ContractId = s.Contract.Id, Kind = PlanItemKind.Action, Position = 1, ParentId = o.Id, Reference = TestData.Unique("A"), Title = "Médiation de nuit", Description = "Deux médiateurs." };
            db.PlanItems.AddRange(o, a);
            await db.SaveChangesAsync();
            return (o.Id, a.Id);
        });
        var body = await s.BodyAsync();
        var meeting = await s.MeetingAsync(body, "2026-03-10", "Plénière de mars");
        var item = await s.AgendaItemAsync(meeting);

        var created = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes",
            new { agendaItemId = item, kind = "decision", text = "Ouvrir un accueil de jour pour les 12-16 ans", planItemId = objective, createPlanAction = true });
        var outcomeId = await created.CreatedIdAsync();
        var amended = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes",
            new { agendaItemId = item, kind = "decision", text = "Porter à quatre le nombre de médiateurs", planItemId = existing });
        Assert.Equal(HttpStatusCode.Created, amended.StatusCode);

        await factory.WithDb(async db =>
        {
            var outcome = await db.Outcomes.SingleAsync(o => o.Id == outcomeId);
            var action = await db.PlanItems.SingleAsync(p => p.Id == outcome.PlanItemId);
            Assert.Equal("Ouvrir un accueil de jour pour les 12-16 ans", action.Title);
            Assert.Equal(objective, action.ParentId);
            Assert.Equal(PlanItemKind.Action, action.Kind);
            Assert.Contains("Plénière de mars", action.Description, StringComparison.Ordinal);
            var old = await db.PlanItems.SingleAsync(p => p.Id == existing);
            Assert.StartsWith("Deux médiateurs.", old.Description, StringComparison.Ordinal);
            Assert.Contains("10/03/2026 : Porter à quatre le nombre de médiateurs", old.Description, StringComparison.Ordinal);
            Assert.True(await db.PlanChanges.AnyAsync(c => c.PlanItemId == existing && c.Field == "Description" && c.Before == "Deux médiateurs."));
            Assert.True(await db.PlanChanges.AnyAsync(c => c.PlanItemId == action.Id && c.Operation == "created"));
            return 0;
        });
    }

    [Fact]
    public async Task PlanLink_OnATaskOrAcrossContracts_Returns400()
    {
        var s = await factory.SetupAsync();
        var other = await factory.ContractAsync((s.Coordinator, ContractRole.Coordinator));
        var foreign = await factory.WithDb(async db =>
        {
            var a = new PlanItem { ContractId = other.Id, Kind = PlanItemKind.Action, Position = 1, Reference = TestData.Unique("A"), Title = "Action d'un autre contrat" };
            db.PlanItems.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
        var body = await s.BodyAsync();
        var meeting = await s.MeetingAsync(body);
        var item = await s.AgendaItemAsync(meeting);
        var onTask = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes",
            new { agendaItemId = item, kind = "task", text = "x", ownerOrganisationId = s.PartnerOrganisation.Id, createPlanAction = true });
        Assert.Equal(HttpStatusCode.BadRequest, onTask.StatusCode);
        Assert.Contains("Seule une décision", await onTask.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var crossed = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes", new { agendaItemId = item, kind = "decision", text = "x", planItemId = foreign });
        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
        var agenda = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/agenda", new { title = "x", planItemId = foreign });
        Assert.Equal(HttpStatusCode.BadRequest, agenda.StatusCode);
        Assert.False(await factory.WithDb(db => db.Outcomes.AnyAsync(o => o.MeetingId == meeting)));
    }
}
