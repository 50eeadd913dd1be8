using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Web.Features.Territories;

/// <summary>One source file of the import, recognised by its name (folder file or uploaded file).</summary>
public sealed record GeographyFile(string Name, Func<Stream> Open);

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
/// </summary>
public sealed partial class GeographyImporter(AppDbContext db, Auditor auditor)
{
    public const string Communes = "communes.csv";
    public const string Departements = "departements.csv";
    public const string Regions = "regions.csv";
    public const string Populations = "donnees_communes.csv";
    public const string Epci = "epcicom.xlsx";
    public const string Ept = "ept.xlsx";
    public static readonly string[] KnownFiles = [Regions, Departements, Communes, Populations, Epci, Ept];
    public static readonly string[] RequiredFiles = [Regions, Departements, Communes];
    private const string NoEpt = "ZZZZZZZZZ";
    private const int BatchSize = 2000;

    static GeographyImporter()
    {
        // ExcelDataReader may ask for legacy code pages (xls); harmless for xlsx.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    [GeneratedRegex(@"^(\d{5}|2[AB]\d{3})$")] private static partial Regex CommuneCode();
    [GeneratedRegex(@"^(\d{2,3}|2[AB])$")] private static partial Regex DepartementCode();
    [GeneratedRegex(@"^\d{2}$")] private static partial Regex RegionCode();
    [GeneratedRegex(@"^\d{9}$")] private static partial Regex Siren();

    /// <summary>The default source folder: ../shared/data/insee from the current directory, when it exists.</summary>
    public static string? DefaultFolder() => SharedData.Find("insee");

    public static IReadOnlyList<GeographyFile> FilesInFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new UserInputException($"Le dossier « {folder} » est introuvable.");
        return KnownFiles.Select(n => Path.Combine(folder, n)).Where(File.Exists)
            .Select(p => new GeographyFile(Path.GetFileName(p), () => File.OpenRead(p))).ToList();
    }

    public Task<GeographyImportResult> ImportFolderAsync(string folder, IProgress<GeographyProgress>? progress = null, CancellationToken ct = default) =>
        ImportAsync(FilesInFolder(folder), progress, ct);

    public async Task<GeographyImportResult> ImportAsync(IReadOnlyList<GeographyFile> files, IProgress<GeographyProgress>? progress = null, CancellationToken ct = default)
    {
        var byName = new Dictionary<string, GeographyFile>(StringComparer.OrdinalIgnoreCase);
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

        var clock = Stopwatch.StartNew();
        var incoming = Read(byName, progress);
        var readTime = clock.Elapsed;

        clock.Restart();
        var result = await WriteAsync(incoming, byName, progress, ct);
        return result with { ReadTime = readTime, WriteTime = clock.Elapsed };
    }

    // ---------------------------------------------------------------- reading and validation

    private sealed class Incoming
    {
        public Dictionary<(TerritoryKind, string), Territory> Rows { get; } = [];
        public HashSet<TerritoryKind> Kinds { get; } = [];
        public bool HasPopulations { get; set; }
        public bool HasEpci { get; set; }
        public bool HasEpt { get; set; }
        public List<(string Step, TimeSpan Time)> StepTimes { get; } = [];
    }

    private static Incoming Read(Dictionary<string, GeographyFile> files, IProgress<GeographyProgress>? outer)
    {
        var timer = Stopwatch.StartNew();
        var data0 = new List<(string, TimeSpan)>();
        IProgress<GeographyProgress> progress = new ActionProgress(p =>
        {
            if (p.Percent == 0) timer.Restart();
            else if (p.Percent >= 100) data0.Add((p.Step, timer.Elapsed));
            outer?.Report(p);
        });
        var data = new Incoming();
        var rows = data.Rows;

        progress.Report(new(Regions, 0));
        foreach (var (line, get) in ReadCsv(files[Regions], ',', ["REG", "LIBELLE"]))
        {
            var code = Required(get, "REG", Regions, line);
            if (!RegionCode().IsMatch(code)) throw RowError(Regions, line, $"code région « {code} » invalide (deux chiffres attendus).");
            AddUnique(rows, new Territory { Kind = TerritoryKind.Region, Code = code, Name = Required(get, "LIBELLE", Regions, line), RegionCode = code }, Regions, line);
        }
        progress.Report(new(Regions, 100));

        progress.Report(new(Departements, 0));
        foreach (var (line, get) in ReadCsv(files[Departements], ',', ["DEP", "REG", "LIBELLE"]))
        {
            var code = Required(get, "DEP", Departements, line);
            if (!DepartementCode().IsMatch(code)) throw RowError(Departements, line, $"code département « {code} » invalide.");
            var reg = Required(get, "REG", Departements, line);
            if (!rows.ContainsKey((TerritoryKind.Region, reg))) throw RowError(Departements, line, $"région « {reg} » absente de {Regions}.");
            AddUnique(rows, new Territory { Kind = TerritoryKind.Departement, Code = code, Name = Required(get, "LIBELLE", Departements, line), DepartementCode = code, RegionCode = reg }, Departements, line);
        }
        progress.Report(new(Departements, 100));

        progress.Report(new(Communes, 0));
        var children = new List<(int Line, Territory Row)>();
        foreach (var (line, get) in ReadCsv(files[Communes], ',', ["TYPECOM", "COM", "REG", "DEP", "LIBELLE", "COMPARENT"]))
        {
            var type = Required(get, "TYPECOM", Communes, line);
            var kind = type switch
            {
                "COM" => TerritoryKind.Commune,
                "ARM" => TerritoryKind.Arrondissement,
                "COMA" => TerritoryKind.AssociatedCommune,
                "COMD" => TerritoryKind.DelegatedCommune,
                _ => throw RowError(Communes, line, $"type « {type} » inconnu (COM, ARM, COMA ou COMD attendu)."),
            };
            var code = Required(get, "COM", Communes, line);
            if (!CommuneCode().IsMatch(code)) throw RowError(Communes, line, $"code commune « {code} » invalide (5 caractères, ex. 01001 ou 2A004).");
            var t = new Territory { Kind = kind, Code = code, Name = Required(get, "LIBELLE", Communes, line) };
            if (kind == TerritoryKind.Commune)
            {
                t.DepartementCode = Required(get, "DEP", Communes, line);
                t.RegionCode = Required(get, "REG", Communes, line);
                if (!rows.ContainsKey((TerritoryKind.Departement, t.DepartementCode))) throw RowError(Communes, line, $"département « {t.DepartementCode} » absent de {Departements}.");
                if (!rows.ContainsKey((TerritoryKind.Region, t.RegionCode))) throw RowError(Communes, line, $"région « {t.RegionCode} » absente de {Regions}.");
            }
            else
            {
                t.ParentCode = Required(get, "COMPARENT", Communes, line);
                children.Add((line, t));
            }
            AddUnique(rows, t, Communes, line);
        }
        // Parents may come after their children in the file: resolved once every COM is known.
        foreach (var (line, child) in children)
        {
            if (!rows.TryGetValue((TerritoryKind.Commune, child.ParentCode!), out var parent))
                throw RowError(Communes, line, $"commune parente « {child.ParentCode} » absente du fichier.");
            child.DepartementCode = parent.DepartementCode;
            child.RegionCode = parent.RegionCode;
        }
        data.Kinds.UnionWith([TerritoryKind.Region, TerritoryKind.Departement, TerritoryKind.Commune, TerritoryKind.Arrondissement, TerritoryKind.AssociatedCommune, TerritoryKind.DelegatedCommune]);
        progress.Report(new(Communes, 100));

        if (files.TryGetValue(Populations, out var popFile))
        {
            progress.Report(new(Populations, 0));
            data.HasPopulations = true;
            foreach (var (line, get) in ReadCsv(popFile, ';', ["COM", "PMUN"]))
            {
                var code = Required(get, "COM", Populations, line);
                var pmun = ParseInt(Required(get, "PMUN", Populations, line), Populations, line, "PMUN");
                // Communes merged since the populations' vintage are simply not in the COG any more.
                if (rows.TryGetValue((TerritoryKind.Commune, code), out var com)) com.Population = pmun;
                if (rows.TryGetValue((TerritoryKind.Arrondissement, code), out var arm)) arm.Population = pmun;
            }
            // Paris, Lyon and Marseille are given only by arrondissement: the commune is their sum.
            foreach (var group in rows.Values.Where(t => t.Kind == TerritoryKind.Arrondissement && t.Population is not null).GroupBy(t => t.ParentCode!))
                if (rows.TryGetValue((TerritoryKind.Commune, group.Key), out var city) && city.Population is null)
                    city.Population = group.Sum(a => a.Population!.Value);
            progress.Report(new(Populations, 100));
        }

        if (files.TryGetValue(Epci, out var epciFile))
        {
            progress.Report(new(Epci, 0));
            data.HasEpci = true;
            data.Kinds.Add(TerritoryKind.Epci);
            ReadEpci(epciFile, rows);
            progress.Report(new(Epci, 100));
        }

        if (files.TryGetValue(Ept, out var eptFile))
        {
            progress.Report(new(Ept, 0));
            data.HasEpt = true;
            data.Kinds.Add(TerritoryKind.Ept);
            ReadEpt(eptFile, rows);
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

    private static void ReadEpci(GeographyFile file, Dictionary<(TerritoryKind, string), Territory> rows)
    {
        using var stream = OpenSeekable(file);
        using var reader = OpenExcel(stream, Epci);
        var columns = new[] { "dept", "siren", "raison_sociale", "nature_juridique", "total_pop_mun", "insee" };
        if (!reader.Read()) throw new UserInputException($"{Epci} : le fichier est vide.");
        var map = HeaderMap(ExcelRow(reader), columns, Epci);
        var line = 1;
        while (reader.Read())
        {
            line++;
            var cells = ExcelRow(reader);
            if (cells.All(string.IsNullOrWhiteSpace)) continue; // the DGCL file ends with an empty row
            string Get(string c) => map[c] < cells.Length ? cells[map[c]] : "";
            var siren = Get("siren");
            if (!Siren().IsMatch(siren)) throw RowError(Epci, line, $"SIREN « {siren} » invalide (9 chiffres attendus).");
            var insee = Get("insee");
            if (!rows.TryGetValue((TerritoryKind.Commune, insee), out var commune))
                throw RowError(Epci, line, $"commune « {insee} » absente de {Communes}.");
            if (!rows.TryGetValue((TerritoryKind.Epci, siren), out var epci))
            {
                var dept = Get("dept");
                if (!rows.TryGetValue((TerritoryKind.Departement, dept), out var dep))
                    throw RowError(Epci, line, $"département « {dept} » absent de {Departements}.");
                var name = Get("raison_sociale");
                if (name.Length == 0) throw RowError(Epci, line, "la colonne « raison_sociale » est vide.");
                var nature = Get("nature_juridique");
                epci = new Territory
                {
                    Kind = TerritoryKind.Epci, Code = siren, Name = name, Nature = nature.Length == 0 ? null : nature,
                    Population = ParseInt(Get("total_pop_mun"), Epci, line, "total_pop_mun"),
                    DepartementCode = dept, RegionCode = dep.RegionCode,
                };
                rows.Add((TerritoryKind.Epci, siren), epci);
            }
            if (commune.EpciCode is not null && commune.EpciCode != siren)
                throw RowError(Epci, line, $"la commune « {insee} » appartient déjà à l'EPCI {commune.EpciCode}.");
            commune.EpciCode = siren;
        }
    }

    private static void ReadEpt(GeographyFile file, Dictionary<(TerritoryKind, string), Territory> rows)
    {
        const string sheet = "Composition_communale";
        using var stream = OpenSeekable(file);
        using var reader = OpenExcel(stream, Ept);
        // Sheets are found by name: the workbook order differs from its internal numbering.
        while (reader.Name != sheet)
            if (!reader.NextResult()) throw new UserInputException($"{Ept} : feuille « {sheet} » introuvable.");
        var columns = new[] { "CODGEO", "EPT", "LIBEPT", "DEP" };
        Dictionary<string, int>? map = null;
        var line = 0;
        var members = new Dictionary<string, List<Territory>>();
        while (reader.Read())
        {
            line++;
            var cells = ExcelRow(reader);
            if (map is null)
            {
                // Title rows then French labels come first; the header is the row of variable codes.
                if (cells.Contains("CODGEO") && cells.Contains("EPT")) map = HeaderMap(cells, columns, Ept);
                else if (line > 20) break;
                continue;
            }
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            string Get(string c) => map[c] < cells.Length ? cells[map[c]] : "";
            var code = Get("CODGEO");
            if (!rows.TryGetValue((TerritoryKind.Commune, code), out var commune))
                throw RowError(Ept, line, $"commune « {code} » absente de {Communes}.");
            var ept = Get("EPT");
            if (ept == NoEpt) { commune.EptCode = null; continue; }
            if (!Siren().IsMatch(ept)) throw RowError(Ept, line, $"code EPT « {ept} » invalide (SIREN à 9 chiffres ou {NoEpt} attendu).");
            if (!rows.ContainsKey((TerritoryKind.Ept, ept)))
            {
                var name = Get("LIBEPT");
                if (name.Length == 0) throw RowError(Ept, line, "la colonne « LIBEPT » est vide.");
                rows.Add((TerritoryKind.Ept, ept), new Territory { Kind = TerritoryKind.Ept, Code = ept, Name = name, Nature = "EPT" });
                members[ept] = [];
            }
            commune.EptCode = ept;
            members[ept].Add(commune);
        }
        if (map is null) throw new UserInputException($"{Ept} : feuille « {sheet} » sans ligne d'en-tête (colonnes CODGEO, EPT, LIBEPT, DEP).");
        foreach (var (code, list) in members)
        {
            var ept = rows[(TerritoryKind.Ept, code)];
            ept.DepartementCode = list.GroupBy(c => c.DepartementCode).OrderByDescending(g => g.Count()).First().Key;
            ept.RegionCode = list[0].RegionCode;
            ept.Population = list.All(c => c.Population is not null) ? list.Sum(c => c.Population!.Value) : null;
        }
    }

    private static IEnumerable<(int Line, Func<string, string> Get)> ReadCsv(GeographyFile file, char delimiter, string[] columns)
    {
        using var stream = file.Open();
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            HasHeaderRecord = true,
            MissingFieldFound = null,
            BadDataFound = null,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader())
            throw new UserInputException($"{file.Name} : le fichier est vide.");
        var map = HeaderMap(csv.HeaderRecord ?? [], columns, file.Name);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var record = csv.Parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            if (record.Length < map.Values.Max() + 1)
                throw RowError(file.Name, line, $"{record.Length} colonne(s) au lieu de {csv.HeaderRecord!.Length}.");
            yield return (line, c => record[map[c]].Trim());
        }
    }

    private static Dictionary<string, int> HeaderMap(IReadOnlyList<string> header, string[] columns, string file)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
            map.TryAdd((header[i] ?? "").Trim().TrimStart('\uFEFF'), i);
        var missing = columns.Where(c => !map.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new UserInputException(missing.Count == 1
                ? $"{file} : la colonne « {missing[0]} » est manquante dans l'en-tête."
                : $"{file} : les colonnes {string.Join(", ", missing.Select(m => $"« {m} »"))} sont manquantes dans l'en-tête.");
        return map;
    }

    private static Stream OpenSeekable(GeographyFile file)
    {
        var s = file.Open();
        if (s.CanSeek) return s;
        var copy = new MemoryStream();
        using (s) s.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private static IExcelDataReader OpenExcel(Stream stream, string name)
    {
        try
        {
            return ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception e) when (e is ExcelDataReader.Exceptions.HeaderException or InvalidDataException or IOException)
        {
            throw new UserInputException($"{name} : ce n'est pas un classeur Excel (.xlsx) lisible.");
        }
    }

    private static string[] ExcelRow(IExcelDataReader reader)
    {
        var cells = new string[reader.FieldCount];
        for (var i = 0; i < cells.Length; i++)
            cells[i] = reader.GetValue(i) switch
            {
                null => "",
                string s => s.Trim(),
                double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() ?? "",
            };
        return cells;
    }

    private static string Required(Func<string, string> get, string column, string file, int line)
    {
        var v = get(column);
        return v.Length > 0 ? v : throw RowError(file, line, $"la colonne « {column} » est vide.");
    }

    private static int ParseInt(string value, string file, int line, string column) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw RowError(file, line, $"« {value} » n'est pas un nombre entier positif (colonne « {column} »).");

    private static void AddUnique(Dictionary<(TerritoryKind, string), Territory> rows, Territory t, string file, int line)
    {
        if (!rows.TryAdd((t.Kind, t.Code), t))
            throw RowError(file, line, $"le code « {t.Code} » apparaît deux fois.");
    }

    private static UserInputException RowError(string file, int line, string message) =>
        new($"{file}, ligne {line} : {message}");

    // ---------------------------------------------------------------- writing

    private async Task<GeographyImportResult> WriteAsync(Incoming data, Dictionary<string, GeographyFile> files, IProgress<GeographyProgress>? progress, CancellationToken ct)
    {
        const string step = "Enregistrement";
        progress?.Report(new(step, 0));
        var existing = await db.Territories.AsNoTracking().ToDictionaryAsync(t => (t.Kind, t.Code), ct);
        var inserts = new List<Territory>();
        var updates = new List<Territory>();
        var unchanged = 0;
        foreach (var (key, row) in data.Rows)
        {
            if (!existing.TryGetValue(key, out var current))
            {
                inserts.Add(row);
                continue;
            }
            // An optional file left out keeps what a previous import stored.
            if (!data.HasPopulations && row.Kind != TerritoryKind.Epci) row.Population = current.Population;
            if (!data.HasEpci) row.EpciCode = current.EpciCode;
            if (!data.HasEpt) row.EptCode = current.EptCode;
            if (Same(current, row)) { unchanged++; continue; }
            Copy(row, current);
            updates.Add(current);
        }
        var absent = existing.Count(e => data.Kinds.Contains(e.Key.Kind) && !data.Rows.ContainsKey(e.Key));

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var done = 0;
            var total = Math.Max(1, inserts.Count + updates.Count);
            foreach (var chunk in inserts.Chunk(BatchSize))
            {
                db.Territories.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                done += chunk.Length;
                progress?.Report(new(step, 100.0 * done / total));
            }
            foreach (var chunk in updates.Chunk(BatchSize))
            {
                db.Territories.UpdateRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                done += chunk.Length;
                progress?.Report(new(step, 100.0 * done / total));
            }
            var counts = data.Rows.Values.GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.Count());
            auditor.Record(AuditKinds.GeographyImported, "Territory", data: new
            {
                inserted = inserts.Count,
                updated = updates.Count,
                unchanged,
                absent,
                counts = counts.ToDictionary(c => TerritoryKinds.Slug(c.Key), c => c.Value),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            progress?.Report(new(step, 100));
            return new GeographyImportResult(counts, files.Keys.Order().ToList(), inserts.Count, updates.Count, unchanged, absent, TimeSpan.Zero, TimeSpan.Zero, data.StepTimes);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static bool Same(Territory a, Territory b) =>
        a.Name == b.Name && a.DepartementCode == b.DepartementCode && a.RegionCode == b.RegionCode
        && a.ParentCode == b.ParentCode && a.EpciCode == b.EpciCode && a.EptCode == b.EptCode
        && a.Nature == b.Nature && a.Population == b.Population && !a.IsFictitious;

    private static void Copy(Territory from, Territory to)
    {
        to.Name = from.Name;
        to.DepartementCode = from.DepartementCode;
        to.RegionCode = from.RegionCode;
        to.ParentCode = from.ParentCode;
        to.EpciCode = from.EpciCode;
        to.EptCode = from.EptCode;
        to.Nature = from.Nature;
        to.Population = from.Population;
        to.IsFictitious = false;
    }

    // ---------------------------------------------------------------- command line

    public static Command Command()
    {
        var folder = new Option<string?>("--folder") { Description = "Dossier des fichiers INSEE/DGCL (défaut : ../shared/data/insee s'il existe)." };
        var cmd = new Command("geo", "Importe la géographie officielle (INSEE, DGCL).") { folder };
        cmd.SetAction(async (parse, ct) => await Cli.WithServices(async sp =>
        {
            var path = parse.GetValue(folder) ?? DefaultFolder()
                ?? throw new UserInputException("Aucun dossier indiqué (--folder) et ../shared/data/insee est introuvable.");
            var files = FilesInFolder(path);
            var importer = sp.GetRequiredService<GeographyImporter>();
            GeographyImportResult? result = null;
            await AnsiConsole.Progress().AutoClear(false).StartAsync(async ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new ActionProgress(p =>
                {
                    if (!tasks.TryGetValue(p.Step, out var task)) tasks[p.Step] = task = ctx.AddTask(Markup.Escape(p.Step));
                    task.Value = p.Percent;
                });
                result = await importer.ImportAsync(files, progress, ct);
            });
            Print(result!);
            return 0;
        }));
        return cmd;
    }

    private static void Print(GeographyImportResult r)
    {
        var table = new Table().AddColumn("Type").AddColumn(new TableColumn("Nombre").RightAligned());
        foreach (var (kind, count) in r.FileCounts.OrderBy(c => c.Key))
            table.AddRow(Markup.Escape(Shared.Labels.TerritoryKind(kind)), count.ToString("N0", Culture.French));
        table.AddEmptyRow();
        table.AddRow("[green]Ajoutés[/]", r.Inserted.ToString("N0", Culture.French));
        table.AddRow("[yellow]Modifiés[/]", r.Updated.ToString("N0", Culture.French));
        table.AddRow("Inchangés", r.Unchanged.ToString("N0", Culture.French));
        table.AddRow("Absents des fichiers (conservés)", r.Absent.ToString("N0", Culture.French));
        AnsiConsole.Write(table);
        foreach (var (stepName, time) in r.StepTimes)
            AnsiConsole.MarkupLine($"  {Markup.Escape(stepName)} : {time.TotalSeconds.ToString("0.00", Culture.French)} s");
        AnsiConsole.MarkupLine($"Lecture : {r.ReadTime.TotalSeconds.ToString("0.00", Culture.French)} s, enregistrement : {r.WriteTime.TotalSeconds.ToString("0.00", Culture.French)} s.");
    }

    /// <summary>Progress&lt;T&gt; would post updates to the thread pool; the console wants them in order, at once.</summary>
    private sealed class ActionProgress(Action<GeographyProgress> report) : IProgress<GeographyProgress>
    {
        public void Report(GeographyProgress value) => report(value);
    }
}
