using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    public VigieFactory()
    {
        ConnectionString = TestEnvironment.IsPostgres
            ? $"{TestEnvironment.PostgresServer};Database=vigie_test_{Guid.NewGuid():N}"
            : $"Data Source={Path.Combine(_workDir, "vigie.db")}";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestEnvironment.IsPostgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Vigie", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true"); // Program runs PrepareAsync under the factory too
        builder.UseSetting("Demo:SeedOnFirstRun", "false");
        builder.UseSetting("Mail:PickupDirectory", MailFolder);
        builder.UseSetting("RateLimits:LoginPerMinute", "10000");
        builder.UseSetting("RateLimits:ApiPerMinute", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>Starting the host runs Program's PrepareAsync: migrations and roles.</summary>
    public Task InitializeAsync()
    {
        _ = Services;
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (TestEnvironment.IsPostgres)
        {
            using var scope = Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureDeletedAsync();
        }
        await DisposeAsync();
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { }
    }

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
