using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigie.Web.Data;
using Vigie.Web.Features.Admin;

namespace Vigie.Tests.Infrastructure;

/// <summary>
/// The app in memory on a real database: a fresh SQLite file, or a fresh PostgreSQL database on the
/// throwaway server test.sh started. The schema comes from the migrations, as in production.
/// </summary>
public sealed class VigieFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("vigie-tests-").FullName;
    public string ConnectionString { get; }
    public string MailFolder => Path.Combine(_workDir, "mail");
    public Dictionary<string, string?> Settings { get; } = new();
    /// <summary>"Testing" unless a test needs production behaviour (HSTS, secure cookies).</summary>
    public string EnvironmentName { get; init; } = "Testing";
    /// <summary>The app's clock: system time unless a test moves it (<see cref="TestClock.Advance"/>).</summary>
    public TestClock Clock { get; } = new();
    /// <summary>Extra services for one test's own app (e.g. a start-up filter standing in for the network).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }
    /// <summary>False when this factory borrows another one's database: then it must not drop it.</summary>
    private readonly bool _ownsDatabase = true;

    public VigieFactory()
    {
        ConnectionString = TestEnvironment.IsPostgres
            ? $"{TestEnvironment.PostgresServer};Database=vigie_test_{Guid.NewGuid():N}"
            : $"Data Source={Path.Combine(_workDir, "vigie.db")}";
    }

    private VigieFactory(string existingConnectionString)
    {
        ConnectionString = existingConnectionString;
        _ownsDatabase = false;
    }

    /// <summary>A second app instance on the same database, as two servers behind a load balancer (only for scale-out tests).</summary>
    public static VigieFactory SharingDatabase(string connectionString) => new(connectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", TestEnvironment.IsPostgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Vigie", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true"); // Program runs PrepareAsync under the factory too
        builder.UseSetting("Demo:SeedOnFirstRun", "false");
        builder.UseSetting("Mail:PickupDirectory", MailFolder);
        builder.UseSetting("Mail:Outbox:BackgroundEnabled", "false"); // tests send the outbox themselves (DrainOutbox, called by the mailbox readers)
        builder.UseSetting("Audit:BackgroundEnabled", "false"); // tests seal the audit chain themselves (AuditChain.SealAsync)
        builder.UseSetting("Cases:Retention:Enabled", "false"); // tests run the daily retention job themselves (CaseRetention.RunOnceAsync)
        builder.UseSetting("VideoProtection:DailyJob:Enabled", "false"); // tests run the video daily check themselves (VideoDailyJob.RunOnceAsync)
        builder.UseSetting("Incidents:PublicForm:ReportsPerHour", "10000");
        builder.UseSetting("Incidents:AutoClosure:Enabled", "false"); // tests run the closure job themselves (IncidentAutoClosure.RunOnceAsync)
        builder.UseSetting("Cases:RequireTwoFactor", "false"); // rule A9 is tested by CaseSessionGuardTests on an app of its own (Settings)
        builder.UseSetting("RateLimits:LoginPerMinute", "10000");
        builder.UseSetting("RateLimits:ApiPerMinute", "100000");
        builder.UseSetting("RateLimits:LoginPerAccountPerMinute", "10000");
        builder.UseSetting("Observatory:GeoFolder", Path.Combine(TestEnvironment.SharedData, "geo"));
        // Static assets come from the build manifest here, which ASP.NET Core serves "no-cache" unless told otherwise;
        // a published app has the manifest's own headers (fingerprinted files: one year, immutable), as tested.
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
        // Loopback (appsettings.json) plus the non-loopback name the HSTS tests need (UseHsts skips localhost).
        builder.UseSetting("AllowedHosts", "localhost;vigie.example.test");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
        if (TestServices is not null) builder.ConfigureServices(TestServices);
    }

    /// <summary>Starting the host runs Program's PrepareAsync: migrations and roles.</summary>
    public Task InitializeAsync()
    {
        _ = Services;
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (TestEnvironment.IsPostgres && _ownsDatabase)
        {
            using var scope = Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureDeletedAsync();
        }
        await DisposeAsync();
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Sends every mail of the outbox that is due now to the pickup folder, as the background sender would; returns how many.</summary>
    public int DrainOutbox() =>
        Task.Run(() => Services.GetRequiredService<Vigie.Web.Infrastructure.OutboxSender>().RunOnceAsync()).GetAwaiter().GetResult();

    public async Task<T> WithDb<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithScope(Func<IServiceProvider, Task> work)
    {
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider);
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<VigieFactory>
{
    public const string Name = "app";
}
