using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Contracts;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.ActionPlan;

namespace Vigie.Tests.ActionPlan;

/// <summary>The plan's default statuses are created with the contract (or at start-up for older ones); reading a plan never writes.</summary>
[Collection(AppCollection.Name)]
public sealed class PlanStatusSeedingTests(VigieFactory factory)
{
    private Task<int> StatusCountAsync(Guid contractId) => factory.WithDb(db => db.PlanStatuses.CountAsync(s => s.ContractId == contractId));

    private Task<int> PlanRowsAsync(Guid contractId) => factory.WithDb(async db =>
        await db.PlanStatuses.CountAsync(s => s.ContractId == contractId) + await db.PlanSettings.CountAsync(s => s.ContractId == contractId)
        + await db.PlanItems.CountAsync(s => s.ContractId == contractId) + await db.PlanChanges.CountAsync(s => s.ContractId == contractId));

    [Fact]
    public async Task Read_OfAPlanWithoutStatuses_ByItsCoordinator_WritesNothing()
    {
        // A contract inserted outside the contract commands has no status yet: the coordinator's reads used to seed them.
        var p = await factory.PlanFixtureAsync();
        var id = p.Contract.Id;
        var before = await PlanRowsAsync(id);
        Assert.Equal(0, await StatusCountAsync(id));

        var pages = await PageClient.SignedInAsync(factory, p.Coordinator);
        foreach (var url in new[] { $"/contrats/{id}/plan", $"/contrats/{id}/plan/saisie", $"/contrats/{id}/plan/calendrier", $"/contrats/{id}/plan/budget" })
            Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await p.CoordinatorApi.GetAsync(p.Plan)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await p.CoordinatorApi.GetAsync($"{p.Plan}/export?format=csv")).StatusCode);

        Assert.Equal(before, await PlanRowsAsync(id));
        Assert.Equal(0, await StatusCountAsync(id));
    }

    [Fact]
    public async Task CreateAndRenewContract_GiveThePlanTheDefaultStatuses_BeforeAnyRead()
    {
        var admin = await factory.AdminAsync();
        var commune = await factory.CommuneAsync();
        var client = await PageClient.SignedInAsync(factory, admin);
        var response = await client.PostFormAsync("/contrats/nouveau", new()
        {
            ["Input.Title"] = TestData.Unique("CLS"), ["Input.Kind"] = "Cls", ["Input.StartDate"] = "2025-01-01", ["Input.EndDate"] = "2028-12-31",
            ["Input.Territories"] = $"{commune.Name} ({commune.Code})", ["Input.Summary"] = "Présentation",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());

        var keys = await factory.WithDb(db => db.PlanStatuses.Where(s => s.ContractId == id).OrderBy(s => s.Order).Select(s => s.Key).ToListAsync());
        Assert.Equal(PlanLabels.DefaultStatuses.Select(s => s.Key), keys);

        var api = await factory.ApiClientAsync(admin);
        await factory.SignAsync(api, id);
        var renewed = await api.PostAsync($"/api/v1/contracts/{id}/renewal", null);
        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
        var next = (await renewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(PlanLabels.DefaultStatuses.Count, await StatusCountAsync(next));
    }

    [Fact]
    public async Task StartUpSeed_GivesDefaultsToContractsWithout_AndIsIdempotent()
    {
        var coordinator = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        Assert.Equal(0, await StatusCountAsync(c.Id));

        await factory.WithDb(async db => { await PlanCommandKit.SeedMissingStatusesAsync(db); return 0; });
        Assert.Equal(PlanLabels.DefaultStatuses.Count, await StatusCountAsync(c.Id));
        await factory.WithDb(async db => { await PlanCommandKit.SeedMissingStatusesAsync(db); return 0; });
        Assert.Equal(PlanLabels.DefaultStatuses.Count, await StatusCountAsync(c.Id));
    }
}
