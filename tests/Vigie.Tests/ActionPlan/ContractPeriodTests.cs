using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.ActionPlan;

/// <summary>
/// Historic and future contracts are held alike (issue 11 C): a 1998 contract takes 1998 budget lines, calendars open on
/// the contract's period, and a closed contract's unfinished due dates are "non réalisé", not "en retard".
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ContractPeriodTests(VigieFactory factory)
{
    private async Task<PlanFixture> ContractAsync(DateOnly start, DateOnly end, ContractStatus status)
    {
        var p = await factory.PlanFixtureAsync();
        await factory.WithDb(async db =>
        {
            var c = await db.Contracts.SingleAsync(x => x.Id == p.Contract.Id);
            (c.StartDate, c.EndDate, c.Status) = (start, end, status);
            await db.SaveChangesAsync();
            return 0;
        });
        return p;
    }

    [Fact]
    public async Task BudgetLine_In1998_IsAccepted_In1989_RefusedInFrench()
    {
        var p = await ContractAsync(new DateOnly(1998, 1, 1), new DateOnly(2001, 12, 31), ContractStatus.Ended);
        var action = await p.ItemAsync("action", "Îlotage 1998", await p.ItemAsync("priority", "Axe 1"));

        var ok = await p.CoordinatorApi.PostAsJsonAsync($"{p.Plan}/items/{action}/budget", new { funder = "fipd", year = 1998, planned = 12000 });
        var refused = await p.CoordinatorApi.PostAsJsonAsync($"{p.Plan}/items/{action}/budget", new { funder = "fipd", year = 1989, planned = 1 });

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("L'année doit être comprise entre 1990 et 2100.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1998, await factory.WithDb(db => db.BudgetLines.Where(l => l.PlanItemId == action).Select(l => l.Year).SingleAsync()));
    }

    [Theory]
    [InlineData(1998, 2001, ContractStatus.Ended, 2001)]
    [InlineData(2030, 2034, ContractStatus.Draft, 2030)]
    public async Task Calendar_OpensOnTheContractPeriod(int startYear, int endYear, ContractStatus status, int expectedYear)
    {
        var p = await ContractAsync(new DateOnly(startYear, 1, 1), new DateOnly(endYear, 12, 31), status);
        var page = await PageClient.SignedInAsync(factory, p.Coordinator);

        var doc = await page.GetDocumentAsync($"/contrats/{p.Contract.Id}/plan/calendrier");

        Assert.Contains($"Calendrier du plan d'action — {expectedYear}", doc.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastMilestone_IsLateOnARunningContract_NotDoneOnAClosedOne()
    {
        var running = await ContractAsync(new DateOnly(2024, 1, 1), new DateOnly(2030, 12, 31), ContractStatus.InForce);
        var closed = await ContractAsync(new DateOnly(1998, 1, 1), new DateOnly(2001, 12, 31), ContractStatus.Ended);
        var states = new List<(bool Overdue, int OverdueMilestones, string CalendarState)>();
        foreach (var p in new[] { running, closed })
        {
            var action = await p.ItemAsync("action", "Médiation", await p.ItemAsync("priority", "Axe 1"));
            await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/milestones", new { title = "Recrutement", dueOn = "2000-06-30" });
            var item = await PlanTestKit.JsonAsync(await p.CoordinatorApi.GetAsync($"{p.Plan}/items/{action}"));
            var row = PlanTestKit.Row(await p.PlanAsync(), action);
            var page = await PageClient.SignedInAsync(factory, p.Coordinator);
            var calendar = await page.GetDocumentAsync($"/contrats/{p.Contract.Id}/plan/calendrier?year=2000");
            var state = calendar.QuerySelectorAll("tr").Single(tr => tr.TextContent.Contains("Recrutement", StringComparison.Ordinal)).Children[^1].TextContent.Trim();
            states.Add((item.GetProperty("milestones")[0].GetProperty("overdue").GetBoolean(), row.GetProperty("overdueMilestones").GetInt32(), state));
        }

        Assert.Equal((true, 1, "en retard"), states[0]);
        Assert.Equal((false, 0, "non réalisé"), states[1]);
    }
}
