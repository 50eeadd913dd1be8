using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Incidents;

namespace Vigie.Tests.Incidents;

/// <summary>
/// Specs §3.4: a resolved incident is closed as treated 7 days after its resolution without objection, once even when
/// two instances run the job at once; it can still be reopened within 30 days. Its own app: the test moves time.
/// </summary>
public sealed class IncidentAutoClosureTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();
    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    private async Task<int> RunAsync()
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IncidentAutoClosure>().RunOnceAsync();
    }

    private static async Task MoveAsync(HttpClient api, string url, string status, string? note = null)
    {
        var r = await api.PostAsJsonAsync($"{url}/status", new { status, note });
        Assert.True(r.StatusCode == HttpStatusCode.NoContent, await r.Content.ReadAsStringAsync());
    }

    private async Task<(IncidentSetup S, Guid Id, string Url)> ResolvedAsync()
    {
        await _factory.EnsureGeographyAsync();
        var s = await _factory.IncidentSetupAsync();
        var id = (await s.ReportAsync("ECL-PC")).GetProperty("id").GetGuid();
        var url = $"{s.Base}/incidents/{id}";
        await MoveAsync(s.LandlordApi, url, "PrisEnCharge");
        await MoveAsync(s.LandlordApi, url, "Resolu");
        return (s, id, url);
    }

    private Task<Incident> IncidentAsync(Guid id) => _factory.WithDb(db => db.Incidents.AsNoTracking().FirstAsync(i => i.Id == id));

    [Fact]
    public async Task Resolved_IsClosedAsTreated_SevenDaysLater_Once_WithAPublicHistoryLine()
    {
        var (s, id, _) = await ResolvedAsync();

        _factory.Clock.Advance(TimeSpan.FromDays(6));
        await RunAsync();
        Assert.Equal(IncidentStatus.Resolu, (await IncidentAsync(id)).Status);

        _factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var runs = await Task.WhenAll(RunAsync(), RunAsync());
        var closed = await IncidentAsync(id);
        Assert.Equal(IncidentStatus.Cloture, closed.Status);
        Assert.Equal(IncidentCloseReason.Traite, closed.CloseReason);
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(0, await RunAsync());

        var events = await _factory.WithDb(db => db.IncidentEvents.Where(e => e.IncidentId == id && e.Note == IncidentAutoClosure.Note).CountAsync());
        Assert.Equal(1, events);
        var audits = await _factory.WithDb(db => db.AuditEvents.CountAsync(a => a.Kind == "incident.auto-closed" && a.EntityId == id.ToString()));
        Assert.Equal(1, audits);
        Assert.Equal(1, runs.Sum());

        var detail = await s.DetailAsync(id);
        Assert.Equal("Cloture", detail.GetProperty("incident").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reopened_BeforeSevenDays_IsNotClosed_AndAnAutoClosedOne_ReopensWithinThirtyDays_NotAfter()
    {
        var (s, id, url) = await ResolvedAsync();
        _factory.Clock.Advance(TimeSpan.FromDays(3));
        await MoveAsync(s.LandlordApi, url, "Reouvert", "Le tag est revenu");
        _factory.Clock.Advance(TimeSpan.FromDays(10));
        await RunAsync();
        Assert.Equal(IncidentStatus.Reouvert, (await IncidentAsync(id)).Status);

        await MoveAsync(s.LandlordApi, url, "Resolu");
        _factory.Clock.Advance(TimeSpan.FromDays(8));
        await RunAsync();
        Assert.Equal(IncidentStatus.Cloture, (await IncidentAsync(id)).Status);

        _factory.Clock.Advance(TimeSpan.FromDays(20));
        var landlord = await _factory.ApiClientAsync(s.Landlord); // the set-up's token has expired (30 days)
        await MoveAsync(landlord, url, "Reouvert", "Toujours présent");
        Assert.Equal(IncidentStatus.Reouvert, (await IncidentAsync(id)).Status);

        await MoveAsync(landlord, url, "Resolu");
        _factory.Clock.Advance(TimeSpan.FromDays(8));
        await RunAsync();
        _factory.Clock.Advance(TimeSpan.FromDays(31));
        var late = await (await _factory.ApiClientAsync(s.Landlord)).PostAsJsonAsync($"{url}/status", new { status = "Reouvert", note = "Encore" });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("30 jours", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("status")[0].GetString());
    }
}
