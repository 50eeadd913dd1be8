using System.ComponentModel.DataAnnotations;

namespace Vigie.Web.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (default, embedded file) or "Postgres".</summary>
    [Required, RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Database:Provider doit valoir Sqlite ou Postgres.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Apply pending migrations at start-up (default for the embedded SQLite file).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public static class DatabaseRegistration
{
    public static IServiceCollection AddVigieDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Vigie");
        services.AddScoped<AuditStampInterceptor>();
        services.AddSingleton<AccessTokenCache>();
        services.AddSingleton<ObservatoryDataStamp>();
        services.AddSingleton<HotPathCacheInterceptor>();

        // The model: EF Core takes each context's compiled model (Data/CompiledModels/<Provider>, scripts/compiled-model.sh)
        // through the [assembly: DbContextModel] attribute generated with it, so a start does not build the model from
        // OnModelCreating (a quarter of a cold start, docs/benchmarks.md). Design-time work (migrations, the pending-model
        // check) still builds it from OnModelCreating; Documentation/CompiledModelTests fails when the two differ.
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("ConnectionStrings:Vigie est obligatoire avec Database:Provider=Postgres.");
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o
                .UseNpgsql(connectionString, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(sp.GetRequiredService<AuditStampInterceptor>(), sp.GetRequiredService<HotPathCacheInterceptor>()));
        }
        else
        {
            connectionString = string.IsNullOrWhiteSpace(connectionString)
                ? $"Data Source={Path.Combine(contentRoot, "data", "vigie.db")}"
                : connectionString;
            EnsureSqliteFolder(connectionString);
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o
                .UseSqlite(connectionString, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(sp.GetRequiredService<AuditStampInterceptor>(), sp.GetRequiredService<HotPathCacheInterceptor>()));
        }
        return services;
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
