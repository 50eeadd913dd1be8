namespace Vigie.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs against. test.sh runs the whole suite twice: VIGIE_TEST_PROVIDER=sqlite,
/// then postgres with VIGIE_TEST_PG pointing at the throwaway server it started. A missing server is a failure.
/// </summary>
public static class TestEnvironment
{
    public static string Provider =>
        (Environment.GetEnvironmentVariable("VIGIE_TEST_PROVIDER") ?? "sqlite").ToLowerInvariant();

    public static bool IsPostgres => Provider == "postgres";

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("VIGIE_TEST_PG")
        ?? throw new InvalidOperationException("VIGIE_TEST_PROVIDER=postgres needs VIGIE_TEST_PG (e.g. Host=127.0.0.1;Port=54329;Username=postgres). Run ./test.sh.");

    /// <summary>The repository root (the folder holding Vigie.slnx).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Vigie.slnx"))) return d.FullName;
            throw new DirectoryNotFoundException("Vigie.slnx introuvable au-dessus des binaires de test.");
        }
    }

    /// <summary>The shared data folder (../shared/data from the repository root).</summary>
    public static string SharedData
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "shared", "data");
                if (Directory.Exists(candidate)) return candidate;
                candidate = Path.Combine(d.FullName, "..", "shared", "data");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(d.FullName, "Vigie.slnx"))) return Path.GetFullPath(candidate);
            }
            throw new DirectoryNotFoundException("../shared/data introuvable à côté du dépôt.");
        }
    }
}
