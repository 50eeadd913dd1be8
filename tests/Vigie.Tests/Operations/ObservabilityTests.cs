using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Operations;

/// <summary>Issue 16 item 6: readiness probe, Prometheus metrics restricted to the configured networks.</summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class ObservabilityTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new() { TestServices = s => s.AddSingleton<IStartupFilter, ProductionApp.PeerFilter>() };

    public ObservabilityTests() => _factory.Settings["Observability:MetricsNetworks"] = "10.0.0.0/8;127.0.0.1";

    public Task InitializeAsync() => _factory.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string url, string peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(ProductionApp.PeerHeader, peer);
        return await _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SendAsync(request);
    }

    [Fact]
    public async Task Readyz_OnAMigratedDatabase_ReportsDatabaseAndWorkersHealthy()
    {
        var response = await GetAsync("/readyz", "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("workers").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_WithAMigrationNotApplied_Answers503ButHealthzStaysUp()
    {
        var factory = new VigieFactory();
        await factory.InitializeAsync();
        try
        {
        await factory.WithDb(async db =>
        {
            var last = (await db.Database.GetAppliedMigrationsAsync()).Last();
            return await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}");
        });
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/readyz");
        var live = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("migrate", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    [Fact]
    public async Task Metrics_FromAConfiguredNetwork_ExposeRequestAndWorkerCounters()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/compte/connexion", "203.0.113.9")).StatusCode);

        var response = await GetAsync("/metrics", "10.20.30.40");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Contains("vigie_workers_running", text);
        Assert.Contains("worker=\"ImportJobWorker\"", text);
    }

    [Fact]
    public async Task Metrics_FromAnotherAddress_AreNotFound()
    {
        var response = await GetAsync("/metrics", "203.0.113.9");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("vigie_workers_running", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryAnswer_CarriesItsRequestId()
    {
        var response = await GetAsync("/compte/connexion", "203.0.113.9");

        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(response.Headers.GetValues("X-Request-Id"))));
    }
}
