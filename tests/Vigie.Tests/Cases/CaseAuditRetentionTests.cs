using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Cli;
using Vigie.Web.Domain;
using Vigie.Web.Features.Audit;
using Vigie.Web.Features.Cases;
using Vigie.Web.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>
/// Retention of the follow-up's audit events per group (§1.6, docs/adr/0022-case-audit-retention.md), with the app's clock
/// moved forward: the daily job deletes a group's events past its retention out of the middle of the hash chain, declaring
/// the gaps, so <c>verify-audit</c> still passes — while a row deleted or altered by hand is still reported; two purges at
/// once declare each event once; a group keeping its log longer holds the platform's prefix purge back. Its own app and
/// database: the test moves time and breaks the chain on purpose.
/// </summary>
public sealed class CaseAuditRetentionTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();
    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    private AuditChain Chain => _factory.Services.GetRequiredService<AuditChain>();

    private sealed record Setup(TestUser Coordinator, Guid ContractId, Guid GroupId, string Group, Guid Sheet);

    /// <summary>A group with a sheet, the given audit retention, and an event of another module of the same contract; everything sealed.</summary>
    private async Task<Setup> GroupAsync(int auditMonths)
    {
        await OtherModuleEventAsync();
        var coordinator = await _factory.UserAsync();
        var contract = await _factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await _factory.ApiClientAsync(coordinator);
        var groups = $"/api/v1/contracts/{contract.Id}/case-groups";
        var groupId = await api.CreateAsync(groups, new { name = TestData.Unique("Cellule"), kind = "watchCell", coordinatorInstitution = "municipalService" });
        var g = $"{groups}/{groupId}";
        await Ok(api.PostAsJsonAsync($"{g}/charter/signature", new { acceptedClauses = AllClauses }));
        var sheet = await api.CreateAsync($"{g}/sheets", SheetBody(UniqueName("Nom"), UniqueName("Prenom")));
        await Ok(api.PutAsJsonAsync($"{g}/retention", new { archiveMonths = 3, notRetainedMonths = 3, auditMonths }));
        await OtherModuleEventAsync(); // between the group's events: the chain interleaves modules
        await Ok(api.GetAsync($"{g}/sheets/{sheet}"));
        await Chain.SealAsync();
        return new Setup(coordinator, contract.Id, groupId, g, sheet);
    }

    private Task<int> OtherModuleEventAsync() => _factory.WithDb(db =>
    {
        db.AuditEvents.Add(new AuditEvent { Kind = AuditKinds.GeographyImported, OccurredAt = _factory.Clock.GetUtcNow() });
        return db.SaveChangesAsync();
    });

    private Task<List<long>> GroupEventsAsync(Setup s) =>
        _factory.WithDb(db => CaseAuditLog.OfGroup(db.AuditEvents, s.ContractId, s.GroupId).Where(e => e.Kind != AuditKinds.AuditPurged).Select(e => e.Id).ToListAsync());

    private async Task<(int Code, string Message)> VerifyAsync() => await VerifyAudit.RunAsync(Chain);

    [Fact]
    public async Task GroupPurge_DeletesOnlyItsOldEvents_TheChainStillVerifies_ButAHandDeletionOrAlterationIsReported()
    {
        var s = await GroupAsync(auditMonths: 6);
        var old = await GroupEventsAsync(s);
        Assert.True(old.Count >= 4, $"{old.Count} événements");
        // Events of the platform and of other modules, interleaved with the group's: they stay.
        var others = await _factory.WithDb(db => db.AuditEvents.Where(e => e.Sequence != null && !old.Contains(e.Id)).Select(e => e.Id).ToListAsync());
        Assert.NotEmpty(others);

        // Seven months later, the group is read again; the daily job runs.
        _factory.Clock.Advance(TimeSpan.FromDays(214));
        var api = await _factory.ApiClientAsync(s.Coordinator);
        await Ok(api.GetAsync($"{s.Group}/sheets/{s.Sheet}"));
        await Chain.SealAsync();
        var report = await _factory.Services.GetRequiredService<CaseRetention>().RunOnceAsync();
        Assert.Equal(old.Count, report!.AuditPurged);

        var left = await GroupEventsAsync(s);
        Assert.Empty(left.Intersect(old));
        Assert.NotEmpty(left); // the recent read, kept
        Assert.Equal(others.Count, await _factory.WithDb(db => db.AuditEvents.CountAsync(e => others.Contains(e.Id))));
        var declaration = await _factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == AuditKinds.AuditPurged && e.ContractId == s.ContractId));
        Assert.Contains("\"gaps\":[[", declaration.Data, StringComparison.Ordinal);
        Assert.Contains($"\"deleted\":{old.Count}", declaration.Data, StringComparison.Ordinal);
        var (code, message) = await VerifyAsync();
        Assert.True(code == ExitCodes.Success, message);

        // A row altered by hand: reported at its sequence; put back, the chain verifies again.
        var kept = await _factory.WithDb(db => db.AuditEvents.Where(e => others.Contains(e.Id)).OrderByDescending(e => e.Sequence).Select(e => new { e.Id, e.Sequence, e.Outcome }).FirstAsync());
        await _factory.WithDb(db => db.AuditEvents.Where(e => e.Id == kept.Id).ExecuteUpdateAsync(x => x.SetProperty(e => e.Outcome, AuditOutcomes.Denied)));
        var (altered, alteredMessage) = await VerifyAsync();
        Assert.Equal(ExitCodes.IntegrityFailure, altered);
        Assert.Contains($"n° {kept.Sequence}", alteredMessage, StringComparison.Ordinal);
        Assert.Contains("modifié", alteredMessage, StringComparison.Ordinal);
        await _factory.WithDb(db => db.AuditEvents.Where(e => e.Id == kept.Id).ExecuteUpdateAsync(x => x.SetProperty(e => e.Outcome, kept.Outcome)));
        Assert.Equal(ExitCodes.Success, (await VerifyAsync()).Code);

        // A row deleted by hand, even one of the group's, is not a declared gap: reported missing at its sequence.
        var recent = await _factory.WithDb(db => db.AuditEvents.Where(e => left.Contains(e.Id) && e.Sequence != null).OrderBy(e => e.Sequence).Select(e => new { e.Id, e.Sequence }).FirstAsync());
        await _factory.WithDb(db => db.AuditEvents.Where(e => e.Id == recent.Id).ExecuteDeleteAsync());
        var (deleted, deletedMessage) = await VerifyAsync();
        Assert.Equal(ExitCodes.IntegrityFailure, deleted);
        Assert.Contains($"n° {recent.Sequence}", deletedMessage, StringComparison.Ordinal);
        Assert.Contains("manquant", deletedMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARowAlteredIntoAnOldCaseEvent_IsNotPurged_AndVerificationStillReportsIt()
    {
        var s = await GroupAsync(auditMonths: 6);
        var old = await GroupEventsAsync(s);
        _factory.Clock.Advance(TimeSpan.FromDays(214));
        // Another module's event, rewritten by hand into one of the group's old case events, its hash left alone.
        var model = await _factory.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => old.Contains(e.Id)).OrderBy(e => e.Sequence).FirstAsync());
        var victim = await _factory.WithDb(db => db.AuditEvents.Where(e => e.Sequence != null && e.Kind == AuditKinds.GeographyImported)
            .OrderByDescending(e => e.Sequence).Select(e => new { e.Id, e.Sequence }).FirstAsync());
        await _factory.WithDb(db => db.AuditEvents.Where(e => e.Id == victim.Id).ExecuteUpdateAsync(x => x
            .SetProperty(e => e.Kind, model.Kind).SetProperty(e => e.ContractId, model.ContractId).SetProperty(e => e.EntityType, model.EntityType)
            .SetProperty(e => e.EntityId, model.EntityId).SetProperty(e => e.Data, model.Data).SetProperty(e => e.OccurredAt, model.OccurredAt)));
        Assert.Contains(victim.Id, await GroupEventsAsync(s)); // the purge would pick it

        var report = await _factory.Services.GetRequiredService<CaseRetention>().RunOnceAsync();
        Assert.Equal(0, report!.AuditPurged);
        Assert.True(await _factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Id == victim.Id)), "la ligne modifiée a été purgée");
        Assert.False(await _factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.AuditPurged && e.ContractId == s.ContractId)));
        var (code, message) = await VerifyAsync();
        Assert.Equal(ExitCodes.IntegrityFailure, code);
        Assert.Contains($"n° {victim.Sequence}", message, StringComparison.Ordinal);
        Assert.Contains("empreinte incorrecte", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoPurgesAtOnce_DeleteAndDeclareEachEventOnce()
    {
        var s = await GroupAsync(auditMonths: 6);
        var old = await GroupEventsAsync(s);
        _factory.Clock.Advance(TimeSpan.FromDays(214));
        var groups = await _factory.WithDb(db => db.CaseGroups.AsNoTracking().Where(g => g.Id == s.GroupId).ToListAsync());
        var scopes = _factory.Services.GetRequiredService<IServiceScopeFactory>();
        var now = _factory.Clock.GetUtcNow();
        var counts = await Task.WhenAll(Task.Run(() => CaseAuditRetention.PurgeAsync(scopes, groups, now, default)),
            Task.Run(() => CaseAuditRetention.PurgeAsync(scopes, groups, now, default)));
        Assert.Equal(old.Count, counts.Sum());
        var declared = await _factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.AuditPurged && e.ContractId == s.ContractId).Select(e => e.Data!).ToListAsync());
        Assert.Equal(old.Count, declared.Sum(d => AuditChain.ParseGaps(d).Sum(g => (int)(g.Through - g.From + 1))));
        Assert.Empty((await GroupEventsAsync(s)).Intersect(old));
        var (code, message) = await VerifyAsync();
        Assert.True(code == ExitCodes.Success, message);
        // The daily job, claimed once per day: a second run the same day does nothing.
        var retention = _factory.Services.GetRequiredService<CaseRetention>();
        var runs = await Task.WhenAll(retention.RunOnceAsync(), retention.RunOnceAsync());
        Assert.Single(runs, r => r is not null);
    }

    [Fact]
    public async Task LongerGroupRetention_HoldsThePlatformPrefixPurgeBack_AndTheChainVerifies()
    {
        // GroupAsync records an event of another module before the group's: the prefix purge takes it.
        var s = await GroupAsync(auditMonths: 36);
        var kept = await GroupEventsAsync(s);
        // Thirteen months later the platform purges its prefix (Audit:RetentionDays = 365), but not the group's events.
        _factory.Clock.Advance(TimeSpan.FromDays(396));
        await _factory.Services.GetRequiredService<CaseRetention>().RunOnceAsync();
        await Chain.SealAsync();
        await Chain.PurgeAsync();
        Assert.Equal(kept.Count, (await GroupEventsAsync(s)).Intersect(kept).Count());
        var firstKept = await _factory.WithDb(db => db.AuditEvents.Where(e => kept.Contains(e.Id)).MinAsync(e => e.Sequence));
        var anchor = await _factory.WithDb(db => db.AuditChainHeads.Select(h => h.PurgedThroughSequence).SingleAsync());
        Assert.True(anchor > 0 && anchor < firstKept, $"ancre {anchor}, premier événement gardé {firstKept}");
        var (code, message) = await VerifyAsync();
        Assert.True(code == ExitCodes.Success, message);
    }
}
