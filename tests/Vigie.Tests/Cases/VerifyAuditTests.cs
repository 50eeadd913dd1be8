using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Features.Audit;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Cases;

/// <summary>
/// Issue 13, "Done when": altering or deleting one audit row is detected by <c>verify-audit</c> (the CLI verb's work, and
/// its button on the journal page). Its own app and database: the test breaks the chain on purpose.
/// </summary>
public sealed class VerifyAuditTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();
    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task VerifyAudit_DetectsAnAlteredRow_AndADeletedRow()
    {
        await using var s = await CaseScenario.CreateAsync(_factory);
        var chain = _factory.Services.GetRequiredService<AuditChain>();
        var (ok, message) = await VerifyAudit.RunAsync(chain);
        Assert.True(ok == 0, message);

        // A sheet's read event is altered (as someone hiding who read it would): detected at its sequence.
        var read = await _factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.CaseSheetCreated && e.EntityId == s.SheetOnAgenda.ToString())
            .Select(e => new { e.Id, e.Sequence }).SingleAsync());
        await _factory.WithDb(db => db.AuditEvents.Where(e => e.Id == read.Id).ExecuteUpdateAsync(x => x.SetProperty(e => e.UserId, Guid.NewGuid())));
        var (altered, alteredMessage) = await VerifyAudit.RunAsync(chain);
        Assert.Equal(Vigie.Web.Cli.ExitCodes.IntegrityFailure, altered);
        Assert.Contains($"n° {read.Sequence}", alteredMessage, StringComparison.Ordinal);
        Assert.Contains("modifié", alteredMessage, StringComparison.Ordinal);

        // A row deleted further on: still reported (the first break wins), and once the altered row is gone too, the gap is.
        await _factory.WithDb(db => db.AuditEvents.Where(e => e.Id == read.Id).ExecuteDeleteAsync());
        var (deleted, deletedMessage) = await VerifyAudit.RunAsync(chain);
        Assert.Equal(Vigie.Web.Cli.ExitCodes.IntegrityFailure, deleted);
        Assert.Contains($"n° {read.Sequence}", deletedMessage, StringComparison.Ordinal);
        Assert.Contains("manquant", deletedMessage, StringComparison.Ordinal);

        // The journal page (DPO) runs the same check.
        var dpo = await _factory.UserAsync(null, Vigie.Web.Domain.Roles.DataProtectionOfficer);
        var page = await PageClient.SignedInAsync(_factory, dpo);
        var response = await page.PostFormAsync("/journal-audit?handler=Verify", [], formPageUrl: "/journal-audit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Journal d'audit altéré", PageClient.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);
    }
}
