using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Incidents;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.ActionPlan;
using Vigie.Web.Features.Incidents;
using Vigie.Web.Features.Shared;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Operations;

/// <summary>
/// Reads that used to send one query per row (N+1) or read the same row twice, counted with EF Core's command events
/// (<see cref="QueryCounter"/>) on an app of their own, with the results they must still give.
/// </summary>
public sealed partial class QueryCountTests(QueryCountApp app) : IClassFixture<QueryCountApp>
{
    private VigieFactory Factory => app.Factory;

    private async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Factory.Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    [Fact]
    public async Task PlanIndicators_SourceNamesOfLiveIndicators_ReadInOneQueryEach_WhateverTheirNumber()
    {
        var p = await Factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Tranquillité");
        var c = p.Contract.Id;
        var (surveys, areas) = await Factory.WithDb(async db =>
        {
            var surveys = Enumerable.Range(1, 2).Select(n => new Vigie.Web.Domain.Survey { ContractId = c, Title = $"Enquête {n}" }).ToList();
            var areas = Enumerable.Range(1, 3).Select(n => new Area { ContractId = c, Kind = AreaKind.Quartier, Name = $"Quartier {n}" }).ToList();
            db.AddRange(surveys);
            db.AddRange(areas);
            var n = 0;
            foreach (var s in surveys)
                db.PlanIndicators.Add(new PlanIndicator { ContractId = c, PlanItemId = item, Reference = $"IQ{++n}", Name = $"Indicateur {n}", Unit = "%",
                    LiveSource = PlanIndicatorSourceKind.Survey, SurveyId = s.Id, SurveyItem = "B1", SurveyAnswer = "Souvent" });
            foreach (var a in areas)
                db.PlanIndicators.Add(new PlanIndicator { ContractId = c, PlanItemId = item, Reference = $"IQ{++n}", Name = $"Indicateur {n}", Unit = "signalements",
                    LiveSource = PlanIndicatorSourceKind.Incivilities, IncidentGroup = "proprete", IncidentAreaId = a.Id });
            await db.SaveChangesAsync();
            return (surveys, areas);
        });

        using var counter = QueryCounter.Start();
        var views = await InScope(sp => sp.GetRequiredService<PlanQueries>().IndicatorsAsync(c, [item], withObservatory: false, membersView: true));

        // The indicators, their typed values, the survey titles, the area names: 4 commands (2 + one per indicator before).
        Assert.True(counter.Count == 4, counter.ToString());
        Assert.Equal(5, views.Count);
        foreach (var s in surveys) Assert.Contains(views, v => v.SourceDetail == $"enquête « {s.Title} », item B1 : Souvent (part pondérée, en %)");
        foreach (var a in areas) Assert.Contains(views, v => v.SourceDetail == $"incivilités signalées (Propreté, {a.Name}, nombre par an)");
    }

    [GeneratedRegex("\"PlanItemId\" (IN|= ANY|= @)")]
    private static partial Regex FiltersOnItems();

    [Fact]
    public async Task ItemPage_ReadsTheIndicatorsOfItsItemOnly_NotTheContractsWholeIndicatorMap()
    {
        var p = await Factory.PlanFixtureAsync();
        var shown = await p.ItemAsync("priority", "Tranquillité des halls");
        var other = await p.ItemAsync("priority", "Prévention routière");
        var c = p.Contract.Id;
        await Factory.WithDb(async db =>
        {
            db.PlanIndicators.Add(new PlanIndicator { ContractId = c, PlanItemId = shown, Reference = "IH1", Name = "Halls occupés", Unit = "halls" });
            for (var n = 1; n <= 30; n++)
                db.PlanIndicators.Add(new PlanIndicator { ContractId = c, PlanItemId = other, Reference = $"IR{n}", Name = $"Accidents {n}", Unit = "accidents" });
            return await db.SaveChangesAsync();
        });
        var page = await PageClient.SignedInAsync(Factory, p.Coordinator);

        string text;
        IReadOnlyList<string> commands;
        using (var counter = QueryCounter.Start())
        {
            text = (await page.GetDocumentAsync($"/contrats/{c}/plan/elements/{shown}")).Body!.TextContent;
            commands = counter.Commands;
        }

        // Row by row reads of the indicators (the plan's per-item counts are one aggregate): one, filtered on the page's item.
        var indicatorReads = commands.Where(x => x.Contains("FROM \"PlanIndicators\"", StringComparison.Ordinal) && !x.Contains("GROUP BY", StringComparison.Ordinal)).ToList();
        Assert.True(indicatorReads.Count == 1, string.Join("\n\n", indicatorReads));
        Assert.True(FiltersOnItems().IsMatch(indicatorReads[0]), indicatorReads[0]);
        Assert.Contains("Halls occupés", text);
        Assert.DoesNotContain("Accidents 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncivilityIndicator_CountsEachParisYearInTheDatabase_WithoutMergedDuplicates()
    {
        var s = await Factory.IncidentSetupAsync();
        var year = TimeZoneInfo.ConvertTime(Factory.Clock.GetUtcNow(), Culture.Paris).Year;
        var ids = new List<Guid>();
        for (var n = 0; n < 5; n++) ids.Add((await s.ReportAsync(n == 4 ? "TAG-HAINE" : "TAG-STD")).GetProperty("id").GetGuid());
        // 31/12 23:30 and 01/01 00:30 in Paris: the year of the report is the Paris one, not the UTC one.
        var lastEvening = IncidentQueries.StartOfDay(new DateOnly(year, 1, 1)).AddMinutes(-30);
        var firstMorning = IncidentQueries.StartOfDay(new DateOnly(year, 1, 1)).AddMinutes(30);
        await Factory.WithDb(async db =>
        {
            await db.Contracts.Where(x => x.Id == s.Contract.Id).ExecuteUpdateAsync(x => x.SetProperty(k => k.StartDate, new DateOnly(year - 2, 1, 1)));
            await db.Incidents.Where(i => i.Id == ids[0]).ExecuteUpdateAsync(x => x.SetProperty(i => i.ReportedAt, lastEvening));
            await db.Incidents.Where(i => i.Id == ids[1]).ExecuteUpdateAsync(x => x.SetProperty(i => i.ReportedAt, firstMorning));
            return await db.Incidents.Where(i => i.Id == ids[2]).ExecuteUpdateAsync(x => x.SetProperty(i => i.CloseReason, IncidentCloseReason.Doublon));
        });

        using var counter = QueryCounter.Start();
        var members = await InScope(sp => sp.GetRequiredService<IIncivilityIndicatorSource>().YearlyAsync(s.Contract.Id, "proprete", null, membersView: true));
        var counted = counter.Commands;
        var anyone = await InScope(sp => sp.GetRequiredService<IIncivilityIndicatorSource>().YearlyAsync(s.Contract.Id, "proprete", null, membersView: false));

        Assert.Equal([year - 2, year - 1, year], members.Select(m => int.Parse(m.Period, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([0m, 1m, 3m], members.Select(m => m.Value));
        Assert.Equal([0m, 1m, 2m], anyone.Select(m => m.Value));
        // The contract's start, then the counts grouped by year in the database (no incident row is read).
        Assert.True(counted.Count == 2 && GroupByCount().IsMatch(counted[1]), string.Join("\n\n", counted));
    }

    [Fact]
    public async Task PartnerInbox_CountsAndOrdersTheOverdueWithOneCondition()
    {
        var s = await Factory.IncidentSetupAsync();
        var now = Factory.Clock.GetUtcNow();
        var ids = new List<Guid>();
        for (var n = 0; n < 4; n++) ids.Add((await s.ReportAsync("TAG-STD")).GetProperty("id").GetGuid());
        // Two past their deadline (one of them already taken up, so not overdue), one due later, one without a deadline.
        (IncidentStatus Status, DateTimeOffset? Due)[] states =
            [(IncidentStatus.EnCours, now.AddDays(-2)), (IncidentStatus.Transmis, null), (IncidentStatus.Transmis, now.AddDays(3)), (IncidentStatus.Transmis, now.AddDays(-1))];
        await Factory.WithDb(async db =>
        {
            for (var n = 0; n < ids.Count; n++)
            {
                var (status, due) = states[n];
                var id = ids[n];
                await db.Incidents.Where(i => i.Id == id).ExecuteUpdateAsync(x => x
                    .SetProperty(i => i.PilotOrganisationId, s.LandlordOrg.Id).SetProperty(i => i.Status, status).SetProperty(i => i.DueAt, due));
            }
            return 0;
        });

        using var counter = QueryCounter.Start();
        var box = await InScope(sp => sp.GetRequiredService<IncidentQueries>().InboxAsync(s.Contract.Id, s.LandlordOrg.Id, now));

        Assert.True(counter.Count == 3, counter.ToString());
        Assert.Equal(4, box.Total);
        Assert.Equal(1, box.Overdue);
        Assert.Equal([ids[3], ids[0], ids[2], ids[1]], box.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task CoordinatorForm_ReadsTheContractOnce()
    {
        var coordinator = await Factory.UserAsync();
        var contract = await Factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var client = await PageClient.SignedInAsync(Factory, coordinator);

        using var counter = QueryCounter.Start();
        var form = await client.GetDocumentAsync($"/contrats/{contract.Id}/modifier");

        Assert.Equal(contract.Title, form.QuerySelector("input[name='Input.Title']")?.GetAttribute("value"));
        var titleReads = counter.Commands.Where(c => ContractTitleById().IsMatch(c)).ToList();
        Assert.True(titleReads.Count == 1, counter.ToString());
    }

    [GeneratedRegex(@"GROUP BY[\s\S]*COUNT\(\*\)|COUNT\(\*\)[\s\S]*GROUP BY", RegexOptions.IgnoreCase)]
    private static partial Regex GroupByCount();

    /// <summary>A read of a contract's row by its id (the contract is the outer FROM) that takes its title (SQLite quotes the alias, Npgsql does not).</summary>
    [GeneratedRegex(@"^SELECT [^\n]*""Title""[^\n]*\nFROM ""Contracts"" AS ""?(\w+)""?\s[\s\S]*\b\1""?\.""Id"" = @")]
    private static partial Regex ContractTitleById();
}
