namespace Vigie.Web.Infrastructure;

/// <summary>
/// Locates the public data folder shipped beside the repository (../shared/data/…). `dotnet run` starts the
/// app in src/Vigie.Web, tests start it in their bin folder: so the search walks up from the current directory.
/// </summary>
public static class SharedData
{
    public static string? Find(string subfolder)
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "..", "shared", "data", subfolder);
            if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
