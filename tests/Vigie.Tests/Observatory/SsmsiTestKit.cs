using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Observatory;
using Vigie.Web.Features.Observatory.Ssmsi;

namespace Vigie.Tests.Observatory;

public sealed record DbCounts(int Values, int Files, int Editions);

/// <summary>The real SSMSI files, imported once per run, and helpers to build corrupted variants in a temp folder.</summary>
public static class SsmsiTestKit
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<VigieFactory> Imported = [];

    public static string Folder => Path.Combine(TestEnvironment.SharedData, "ssmsi");
    public static string Jan2025 => Path.Combine(Folder, "donnee-dep-data.gouv-2024-geographie2024-produit-le2025-01-26.csv");
    public static string Jun2025 => Path.Combine(Folder, "donnee-dep-data.gouv-2024-geographie2025-produit-le2025-06-04.csv");
    public static string Jul2023 => Path.Combine(Folder, "donnee-dep-data.gouv-2022-geographie2023-produit-le2023-07-17.csv");
    public static string Paris => Path.Combine(Folder, "communal_extract_paris", "delinquance_paris.csv");
    public static readonly DateOnly ParisEdition = new(2025, 6, 4);

    /// <summary>Results of the first import of each real file in this run (file path → result).</summary>
    public static Dictionary<string, SsmsiImportResult> FirstImports { get; } = [];

    public static async Task EnsureSsmsiAsync(this VigieFactory f)
    {
        await Gate.WaitAsync();
        try
        {
            if (Imported.Contains(f)) return;
            foreach (var path in new[] { Jul2023, Jan2025, Jun2025 })
                FirstImports[path] = await f.ImportSsmsiAsync(path);
            FirstImports[Paris] = await f.ImportSsmsiAsync(Paris, ParisEdition);
            Imported.Add(f);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<SsmsiImportResult> ImportSsmsiAsync(this VigieFactory f, string path, DateOnly? edition = null, string? fileName = null)
    {
        SsmsiImportResult? result = null;
        await f.WithScope(async sp => result = await sp.GetRequiredService<SsmsiImporter>()
            .ImportAsync(new SsmsiSource(fileName ?? Path.GetFileName(path), () => File.OpenRead(path)), edition));
        return result!;
    }

    public static Task<DbCounts> CountsAsync(this VigieFactory f) => f.WithDb(async db =>
        new DbCounts(await db.StatValues.CountAsync(), await db.StatFiles.CountAsync(), await db.StatEditions.CountAsync()));

    public static Task<StatValue?> ValueAsync(this VigieFactory f, DateOnly edition, StatLevel level, string geo, int year, string indicator) =>
        f.WithDb(db => (from v in db.StatValues.AsNoTracking()
                        join e in db.StatEditions on v.EditionId equals e.Id
                        join i in db.Indicators on v.IndicatorId equals i.Id
                        where e.Source == StatSource.Ssmsi && e.ProducedOn == edition && v.Level == level && v.GeoCode == geo && v.Year == year && i.Code == indicator
                        select v).SingleOrDefaultAsync());

    /// <summary>Sum of counts over département rows (national figure) for an edition, year and indicator.</summary>
    public static Task<long> FranceCountAsync(this VigieFactory f, DateOnly edition, int year, string indicator) =>
        f.WithDb(async db => (await (from v in db.StatValues.AsNoTracking()
                                     join e in db.StatEditions on v.EditionId equals e.Id
                                     join i in db.Indicators on v.IndicatorId equals i.Id
                                     where e.Source == StatSource.Ssmsi && e.ProducedOn == edition && v.Level == StatLevel.Departement && v.Year == year && i.Code == indicator
                                     select v.Count).ToListAsync()).Sum(c => c ?? 0));

    /// <summary>The first <paramref name="lines"/> lines (header included) of a real file, as raw bytes.</summary>
    public static byte[] Head(string path, int lines)
    {
        var bytes = File.ReadAllBytes(path);
        var count = 0;
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n' && ++count == lines) return bytes[..(i + 1)];
        return bytes;
    }

    public static string TempFile(string name, byte[] content)
    {
        var dir = Directory.CreateTempSubdirectory("vigie-ssmsi-").FullName;
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static string TempFile(string name, string content) => TempFile(name, new UTF8Encoding(false).GetBytes(content));
}
