using System.Data.Common;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Cases;
using Vigie.Web.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Reliability;

/// <summary>
/// Issue 16, "Faults", in process: the case retention purge cut short between two of its batches (the database refuses the
/// second batch's DELETE, as a server dying mid-purge would leave it; <c>./reliability.sh</c> does the real <c>kill -9</c>).
/// Every batch is committed whole or not at all, the day's <see cref="JobRun"/> row says the run failed and stays
/// unfinished, a run right after does not steal it, and once it has been silent for the resume delay the next run resumes it:
/// the final counts are those of an uninterrupted purge (one stub per sheet, one slip counting every sheet once), and a
/// further run changes nothing. Its own app: the test moves time and breaks a command.
/// </summary>
public sealed class PurgeInterruptionTests : IAsyncLifetime
{
    private const int Sheets = 6;
    private readonly SecondDeleteFails _fault = new();
    private readonly VigieFactory _factory;

    public PurgeInterruptionTests()
    {
        _factory = new VigieFactory
        {
            Settings = { ["Cases:Retention:PurgeBatch"] = "2", ["Cases:Retention:ResumeAfterSeconds"] = "60" },
            TestServices = services =>
            {
                services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(_fault));
                services.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(_fault));
            },
        };
    }

    public Task InitializeAsync() => _factory.InitializeAsync();
    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    /// <summary>Fails the second purge DELETE of case sheets once armed: the batch's transaction is rolled back, the run stops.</summary>
    private sealed class SecondDeleteFails : DbCommandInterceptor
    {
        private int _deletes;
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            if (Armed && command.CommandText.StartsWith("DELETE FROM \"CaseSheets\"", StringComparison.Ordinal) && Interlocked.Increment(ref _deletes) == 2)
            {
                Armed = false;
                throw new InvalidOperationException("Simulated end of the server in the middle of the purge.");
            }
            return base.NonQueryExecutingAsync(command, eventData, result, ct);
        }
    }

    private Task<CaseRetentionReport?> RunAsync() => _factory.Services.GetRequiredService<CaseRetention>().RunOnceAsync();

    [Fact]
    public async Task PurgeCutBetweenBatches_IsReportedFailed_ThenResumed_WithTheCountsOfAnUninterruptedPurge()
    {
        // Noon in Paris, a day of its own: the resume below stays on the same day (one slip per group and day).
        var paris = TimeZoneInfo.ConvertTime(_factory.Clock.GetUtcNow(), Culture.Paris);
        _factory.Clock.Advance(TimeSpan.FromDays(500) + (paris.Date.AddHours(12) - paris.DateTime));
        var coordinator = await _factory.UserAsync();
        var contract = await _factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await _factory.ApiClientAsync(coordinator);
        var groups = $"/api/v1/contracts/{contract.Id}/case-groups";
        var groupId = await api.CreateAsync(groups, new { name = TestData.Unique("Cellule"), kind = "watchCell", coordinatorInstitution = "municipalService" });
        await Ok(api.PostAsJsonAsync($"{groups}/{groupId}/charter/signature", new { acceptedClauses = AllClauses }));
        for (var i = 0; i < Sheets; i++)
        {
            var sheet = await api.CreateAsync($"{groups}/{groupId}/sheets", SheetBody(UniqueName("Nom"), UniqueName("Prenom")));
            await Ok(api.PostAsJsonAsync($"{groups}/{groupId}/sheets/{sheet}/status", new { status = "notRetained" }));
        }
        _factory.Clock.Advance(TimeSpan.FromDays(100));
        Assert.Equal(Sheets, (await RunAsync())!.Previewed);
        _factory.Clock.Advance(TimeSpan.FromDays(7));
        var day = JobRuns.DayKey(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_factory.Clock.GetUtcNow(), Culture.Paris).DateTime));
        Task<(int Sheets, int Stubs, int Slipped, int Slips, int Events)> CountsAsync() => _factory.WithDb(async db => (
            await db.CaseSheets.CountAsync(s => s.GroupId == groupId), await db.CaseStatsStubs.CountAsync(s => s.GroupId == groupId),
            await db.CasePurgeSlips.Where(s => s.GroupId == groupId).SumAsync(s => s.SheetCount), await db.CasePurgeSlips.CountAsync(s => s.GroupId == groupId),
            await db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CasePurgeExecuted && e.EntityId == groupId.ToString())));
        Task<JobRun> RunRowAsync() => _factory.WithDb(db => db.JobRuns.AsNoTracking().SingleAsync(r => r.Name == CaseRetention.JobName && r.PeriodKey == day));

        // The purge stops after its first batch of two: those two are gone with their stubs, the other four are untouched.
        _fault.Armed = true;
        await Assert.ThrowsAsync<InvalidOperationException>(RunAsync);
        Assert.Equal((Sheets - 2, 2, 2, 1, 1), await CountsAsync());
        var failed = await RunRowAsync();
        Assert.Null(failed.FinishedAt);
        Assert.Equal("failed: InvalidOperationException", failed.Outcome);

        // A run right after (the day's run is still fresh) leaves it alone; once silent for the resume delay, the next run resumes it.
        Assert.Null(await RunAsync());
        Assert.Equal((Sheets - 2, 2, 2, 1, 1), await CountsAsync());
        _factory.Clock.Advance(TimeSpan.FromSeconds(61));
        var resumed = await RunAsync();
        Assert.Equal(Sheets - 2, resumed!.Purged);
        Assert.Equal((0, Sheets, Sheets, 1, 3), await CountsAsync());
        var finished = await RunRowAsync();
        Assert.NotNull(finished.FinishedAt);
        Assert.StartsWith("resumed; ", finished.Outcome, StringComparison.Ordinal);
        Assert.Contains($"purged={Sheets - 2}", finished.Outcome, StringComparison.Ordinal);

        // Run again, later the same day and the next day: the same final counts.
        _factory.Clock.Advance(TimeSpan.FromSeconds(120));
        Assert.Null(await RunAsync());
        _factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await RunAsync())!.Purged);
        Assert.Equal((0, Sheets, Sheets, 1, 3), await CountsAsync());
    }
}
