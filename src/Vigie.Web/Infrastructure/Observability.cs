using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace Vigie.Web.Infrastructure;

/// <summary>Settings of logs, probes and metrics (section <c>Observability</c>).</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>One JSON object per log line on standard output (for journald/a log shipper), request id in its scopes.</summary>
    public bool JsonLogs { get; set; }

    /// <summary>Networks (CIDR or addresses, ';'-separated) allowed to read <c>/metrics</c>; empty = no metrics endpoint.</summary>
    public string? MetricsNetworks { get; set; }

    /// <summary>
    /// Name of this instance when several run behind one proxy (docs/operations.md, "Two instances"): sent in an
    /// <c>X-Vigie-Instance</c> header on every answer, so an operator (and ./reliability.sh) sees which one served it. Empty = no header.
    /// </summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^[A-Za-z0-9._-]{0,40}$", ErrorMessage = "Observability:InstanceName must be 0 to 40 letters, digits, '.', '_' or '-'.")]
    public string? InstanceName { get; set; }
}

/// <summary>
/// Issue 16 item 6. Logs: the console, optionally as JSON lines whose scopes carry the request id (the hosting layer
/// opens a scope with <c>RequestId</c>/<c>RequestPath</c> around every request); Vigie logs ids, never personal data.
/// Probes: <c>/healthz</c> (liveness: the process answers) and <c>/readyz</c> (database reachable, no migration pending,
/// background workers running). Metrics: OpenTelemetry (ASP.NET Core request metrics, runtime, Vigie's own meter)
/// in the Prometheus text format on <c>/metrics</c>, only to the networks in <c>Observability:MetricsNetworks</c>.
/// </summary>
public static class Observability
{
    public const string MeterName = "Vigie";
    private const string ReadyTag = "ready";

    public static void AddVigieObservability(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ObservabilityOptions.Section);
        var options = section.Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        builder.Services.AddOptions<ObservabilityOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        if (options.JsonLogs)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
        }
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag])
            .AddCheck<WorkersAliveCheck>("workers", tags: [ReadyTag]);
        builder.Services.AddSingleton<VigieMeter>();
        if (ReverseProxy.ParseNetworks(options.MetricsNetworks).Count > 0)
            builder.Services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting",
                    "System.Runtime", "System.Net.Http", MeterName)
                .AddPrometheusExporter());
    }

    /// <summary>
    /// Every answer names its request id (<c>X-Request-Id</c>, the id in the log lines' scope), so a user's report can
    /// be matched with the logs; then the scraping endpoint, answered only to the configured networks (others fall
    /// through to a 404).
    /// </summary>
    public static IApplicationBuilder UseVigieObservability(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ObservabilityOptions>>().Value;
        var instance = string.IsNullOrEmpty(options.InstanceName) ? null : options.InstanceName;
        app.Use((context, next) =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            if (instance is not null) context.Response.Headers["X-Vigie-Instance"] = instance;
            return next(context);
        });
        var networks = ReverseProxy.ParseNetworks(options.MetricsNetworks);
        if (networks.Count == 0) return app;
        app.ApplicationServices.GetRequiredService<VigieMeter>(); // creates the instruments before the first scrape
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == "/metrics"
            && context.Connection.RemoteIpAddress is { } address
            && networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)));
    }

    public static void MapVigieProbes(this IEndpointRouteBuilder endpoints)
    {
        // Liveness runs no check: a slow database must not get the process restarted.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadinessAsync,
        }).AllowAnonymous();
    }

    /// <summary>Status per check, without exception texts (they may name hosts or users of the connection string).</summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new ReadinessReport(
            report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new ReadinessCheck(e.Value.Status.ToString(), e.Value.Description))));
    }

    /// <summary>The hosted background services of the app (imports, reminders, audit sealing…).</summary>
    internal static IEnumerable<BackgroundService> Workers(IServiceProvider services) =>
        services.GetServices<IHostedService>().OfType<BackgroundService>();
}

public sealed record ReadinessReport(string Status, Dictionary<string, ReadinessCheck> Checks);

public sealed record ReadinessCheck(string Status, string? Description);

/// <summary>The database answers and every migration of this build is applied (else the app is not ready for traffic).</summary>
public sealed class DatabaseReadyCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken)) return HealthCheckResult.Unhealthy("database unreachable");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0 ? HealthCheckResult.Healthy("reachable, migrations applied") : HealthCheckResult.Unhealthy($"{pending} migration(s) pending: run the migrate verb");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database error: " + e.GetType().Name);
        }
    }
}

/// <summary>No background worker has stopped on an error (a worker disabled by its settings ends normally and counts as fine).</summary>
public sealed class WorkersAliveCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dead = Observability.Workers(services).Where(w => w.ExecuteTask is { IsFaulted: true } or { IsCanceled: true }).Select(w => w.GetType().Name).ToList();
        return Task.FromResult(dead.Count == 0
            ? HealthCheckResult.Healthy($"{Observability.Workers(services).Count()} worker(s)")
            : HealthCheckResult.Unhealthy("stopped: " + string.Join(", ", dead)));
    }
}

/// <summary>Vigie's own instruments: background workers running, by worker.</summary>
public sealed class VigieMeter
{
    public VigieMeter(IMeterFactory meters, IServiceProvider services)
    {
        var meter = meters.Create(Observability.MeterName);
        meter.CreateObservableGauge("vigie.workers.running", () =>
            Observability.Workers(services).Select(w => new Measurement<int>(
                w.ExecuteTask is { IsCompleted: false } ? 1 : 0, new KeyValuePair<string, object?>("worker", w.GetType().Name))),
            description: "1 while the background worker runs, 0 once it stopped (or is disabled by its settings)");
    }
}
