using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Review of issue 15: the baseline a renewal gives a live incivilités indicator — a members-only action counts the partners'
/// categories, a public action with only partner-only incidents gets no baseline (not 0), and a renewal while the contract
/// is still in force takes the last full year, not the current partial one.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RenewalBaselineTests(VigieFactory factory)
{
    private async Task<(EvaluationSetup Setup, Guid Action)> IncivilitiesAsync(MinutesVisibility actionVisibility, IncidentVisibility categoryVisibility,
        params DateOnly[] observed)
    {
        var s = await factory.EvaluatedContractAsync();
        var action = await factory.ActionAsync(s, "Propreté des espaces publics", null, null);
        await factory.WithDb(async db =>
        {
            (await db.PlanItems.SingleAsync(i => i.Id == action)).Visibility = actionVisibility;
            var indicator = new PlanIndicator
            {
                ContractId = s.Contract.Id, PlanItemId = action, Reference = TestData.Unique("I"), Name = "Dépôts sauvages", Unit = "faits", Kind = PlanIndicatorKind.Result,
                LiveSource = PlanIndicatorSourceKind.Incivilities, IncidentGroup = "proprete",
            };
            db.PlanIndicators.Add(indicator);
            var category = new IncidentCategory { ContractId = s.Contract.Id, Code = TestData.Unique("depots"), Name = "Dépôt sauvage", Group = "proprete", Visibility = categoryVisibility };
            db.IncidentCategories.Add(category);
            var number = 0;
            foreach (var day in observed)
            {
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                db.Incidents.Add(new Incident { ContractId = s.Contract.Id, Number = ++number, CategoryId = category.Id, Description = "Dépôt d'encombrants", ObservedAt = at, ReportedAt = at });
            }
            return await db.SaveChangesAsync();
        });
        return (s, action);
    }

    private async Task<PlanIndicator> RenewAsync(EvaluationSetup s, Guid action)
    {
        var renewed = await s.Api.PostAsJsonAsync($"{s.Base}/renewal", new { bodies = false, planItemIds = new[] { action } });
        Assert.True(renewed.StatusCode == HttpStatusCode.Created, await renewed.Content.ReadAsStringAsync());
        var next = await factory.WithDb(db => db.Contracts.Where(c => c.PredecessorId == s.Contract.Id).Select(c => c.Id).SingleAsync());
        return await factory.WithDb(db => db.PlanIndicators.AsNoTracking().SingleAsync(i => i.ContractId == next && i.Name == "Dépôts sauvages"));
    }

    [Fact]
    public async Task MembersOnlyAction_PartnerOnlyCategory_BaselineCountsThem()
    {
        var (s, action) = await IncivilitiesAsync(MinutesVisibility.Members, IncidentVisibility.Partners,
            new(2007, 5, 15), new(2008, 2, 15), new(2008, 6, 15), new(2008, 11, 15));

        var indicator = await RenewAsync(s, action);

        Assert.Equal((3m, new DateOnly(2008, 12, 31)), (indicator.BaselineValue, indicator.BaselineDate));
    }

    [Fact]
    public async Task PublicAction_OnlyPartnerOnlyIncidents_NoBaselineRatherThanZero()
    {
        var (s, action) = await IncivilitiesAsync(MinutesVisibility.Public, IncidentVisibility.Partners, new(2008, 2, 15), new(2008, 6, 15));

        var indicator = await RenewAsync(s, action);

        Assert.Null(indicator.BaselineValue);
        Assert.Null(indicator.BaselineDate);
    }

    [Fact]
    public async Task RenewalWhileInForce_BaselineIsTheLastFullYear_NotTheCurrentPartialOne()
    {
        var year = TestDates.Today.Year;
        var (s, action) = await IncivilitiesAsync(MinutesVisibility.Public, IncidentVisibility.Public,
            new(year - 1, 3, 15), new(year - 1, 9, 15), new(year, 1, 1));
        await factory.WithDb(async db =>
        {
            (await db.Contracts.SingleAsync(c => c.Id == s.Contract.Id)).EndDate = new DateOnly(year + 1, 6, 30);
            return await db.SaveChangesAsync();
        });

        var indicator = await RenewAsync(s, action);

        Assert.Equal((2m, new DateOnly(year - 1, 12, 31)), (indicator.BaselineValue, indicator.BaselineDate));
    }
}
