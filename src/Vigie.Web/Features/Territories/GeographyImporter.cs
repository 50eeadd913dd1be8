using System.Diagnostics;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Territories;

public sealed record GeographyProgress(string Step, double Percent);

public sealed record GeographyImportResult(
    IReadOnlyDictionary<TerritoryKind, int> FileCounts,
    IReadOnlyList<string> Files,
    int Inserted,
    int Updated,
    int Unchanged,
    int Absent,
    TimeSpan ReadTime,
    TimeSpan WriteTime,
    IReadOnlyList<(string Step, TimeSpan Time)> StepTimes);

/// <summary>
/// Imports the INSEE / DGCL geography: régions, départements, communes (with arrondissements and
/// communes associées/déléguées), populations légales, EPCI and EPT membership.
/// Everything is read and validated in memory first; then one transaction upserts by (Kind, Code),
/// so a bad file changes nothing and a second import of the same files changes nothing either.
/// Rows absent from the new files are kept (contracts may reference them) and only counted.
/// This class recognises the files and runs one reader per file kind (<see cref="RegionsReader"/>,
/// <see cref="DepartementsReader"/>, <see cref="CommunesReader"/>, <see cref="PopulationsReader"/>,
/// <see cref="EpciReader"/>, <see cref="EptReader"/>) in dependency order, then hands the result to <see cref="GeographyWriter"/>.
/// </summary>
public sealed class GeographyImporter(GeographyWriter writer)
{
    public const string Communes = "communes.csv";
    public const string Departements = "departements.csv";
    public const string Regions = "regions.csv";
    public const string Populations = "donnees_communes.csv";
    public const string Epci = "epcicom.xlsx";
    public const string Ept = "ept.xlsx";
    public static readonly string[] KnownFiles = [Regions, Departements, Communes, Populations, Epci, Ept];
    public static readonly string[] RequiredFiles = [Regions, Departements, Communes];

    /// <summary>The default source folder: ../shared/data/insee from the current directory, when it exists.</summary>
    public static string? DefaultFolder() => SharedData.Find("insee");

    /// <summary>The known files present in a folder (the source folder, the CLI's folder).</summary>
    public static IReadOnlyList<ImportFile> FilesInFolder(string folder) => ImportSource.LocalFolder(folder, KnownFiles).Files;

    public Task<GeographyImportResult> ImportFolderAsync(string folder, IProgress<GeographyProgress>? progress = null, CancellationToken ct = default) =>
        ImportAsync(FilesInFolder(folder), progress, ct);

    public async Task<GeographyImportResult> ImportAsync(IReadOnlyList<ImportFile> files, IProgress<GeographyProgress>? progress = null, CancellationToken ct = default, Guid? userId = null)
    {
        var byName = Recognise(files);
        var clock = Stopwatch.StartNew();
        var incoming = Read(byName, progress);
        var readTime = clock.Elapsed;

        clock.Restart();
        var result = await writer.WriteAsync(incoming, byName, progress, ct, userId);
        return result with { ReadTime = readTime, WriteTime = clock.Elapsed };
    }

    /// <summary>Recognises the files by name; refuses unknown or repeated names and missing required files (cheap: pages check before queueing).</summary>
    public static Dictionary<string, ImportFile> Recognise(IReadOnlyList<ImportFile> files)
    {
        var byName = new Dictionary<string, ImportFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in files)
        {
            var name = Path.GetFileName(f.Name);
            if (!KnownFiles.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new UserInputException($"Fichier non reconnu : « {name} ». Noms attendus : {string.Join(", ", KnownFiles)}.");
            if (!byName.TryAdd(name, f))
                throw new UserInputException($"Le fichier « {name} » a été fourni deux fois.");
        }
        var missing = RequiredFiles.Where(r => !byName.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            throw new UserInputException($"Fichier(s) obligatoire(s) manquant(s) : {string.Join(", ", missing)}.");
        return byName;
    }

    // ---------------------------------------------------------------- reading and validation (one reader per file kind)

    private static GeographyIncoming Read(Dictionary<string, ImportFile> files, IProgress<GeographyProgress>? outer)
    {
        var timer = Stopwatch.StartNew();
        var data0 = new List<(string, TimeSpan)>();
        IProgress<GeographyProgress> progress = new SyncProgress<GeographyProgress>(p =>
        {
            if (p.Percent == 0) timer.Restart();
            else if (p.Percent >= 100) data0.Add((p.Step, timer.Elapsed));
            outer?.Report(p);
        });
        var data = new GeographyIncoming();
        var rows = data.Rows;

        progress.Report(new(Regions, 0));
        RegionsReader.Read(files[Regions], rows);
        progress.Report(new(Regions, 100));

        progress.Report(new(Departements, 0));
        DepartementsReader.Read(files[Departements], rows);
        progress.Report(new(Departements, 100));

        progress.Report(new(Communes, 0));
        var children = CommunesReader.Read(files[Communes], rows);
        data.Kinds.UnionWith([TerritoryKind.Region, TerritoryKind.Departement, TerritoryKind.Commune, TerritoryKind.Arrondissement, TerritoryKind.AssociatedCommune, TerritoryKind.DelegatedCommune]);
        progress.Report(new(Communes, 100));

        if (files.TryGetValue(Populations, out var popFile))
        {
            progress.Report(new(Populations, 0));
            data.HasPopulations = true;
            PopulationsReader.Read(popFile, rows);
            progress.Report(new(Populations, 100));
        }

        if (files.TryGetValue(Epci, out var epciFile))
        {
            progress.Report(new(Epci, 0));
            data.HasEpci = true;
            data.Kinds.Add(TerritoryKind.Epci);
            EpciReader.Read(epciFile, rows);
            progress.Report(new(Epci, 100));
        }

        if (files.TryGetValue(Ept, out var eptFile))
        {
            progress.Report(new(Ept, 0));
            data.HasEpt = true;
            data.Kinds.Add(TerritoryKind.Ept);
            EptReader.Read(eptFile, rows);
            progress.Report(new(Ept, 100));
        }

        // Arrondissements and associated/delegated communes belong to their parent's EPCI and EPT.
        foreach (var (_, child) in children)
        {
            var parent = rows[(TerritoryKind.Commune, child.ParentCode!)];
            child.EpciCode = parent.EpciCode;
            child.EptCode = parent.EptCode;
        }
        data.StepTimes.AddRange(data0);
        return data;
    }
}
