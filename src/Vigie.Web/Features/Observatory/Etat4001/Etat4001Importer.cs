using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore.Storage;
using Vigie.Web.Infrastructure.Tables;

namespace Vigie.Web.Features.Observatory.Etat4001;

public sealed record Etat4001Progress(string Step, double Percent);

public sealed record Etat4001ImportResult(
    DateOnly Edition,
    bool AlreadyImported,
    int Sheets,
    int Services,
    int NewServices,
    int ServiceYears,
    long Cells,
    long NonZeroCounts,
    int Matched,
    int Unmatched);

/// <summary>
/// Imports the état 4001 workbook by service (police nationale and gendarmerie sheets, 2012–2020) as a
/// source separate from the SSMSI bases. The whole workbook is read and validated in memory first (4 MB),
/// then written in one transaction: a bad workbook changes nothing, and the same file (by SHA-256) twice
/// changes nothing either. Services are attached to a commune of their département by name when one matches.
/// </summary>
public sealed partial class Etat4001Importer(AppDbContext db, Auditor auditor, TimeProvider clock, ICurrentUser user)
{
    public const int IndexCount = 107;
    public const string Schema = "etat4001-services";
    private const int SqlBatch = 2000;

    [GeneratedRegex(@"^Services (PN|GN) (\d{4})$")] private static partial Regex SheetName();
    [GeneratedRegex(@"^(\d{1,3}|2[AB])$", RegexOptions.IgnoreCase)] private static partial Regex DepartementCode();

    // ---------------------------------------------------------------- parsed workbook

    internal sealed record Column(string Departement, string? Perimeter, string Name, long[] Counts);

    internal sealed record Sheet(string Name, PoliceForce Force, int Year, List<Column> Columns);

    internal sealed record Workbook(List<Sheet> Sheets, string[] Labels);

    // ---------------------------------------------------------------- import

    public async Task<Etat4001ImportResult> ImportAsync(string fileName, Stream content, DateOnly? edition,
        IProgress<Etat4001Progress>? progress = null, CancellationToken ct = default, Guid? importedById = null)
    {
        fileName = Path.GetFileName(fileName);
        byte[] bytes;
        try
        {
            bytes = await TableReader.ReadAllAsync(content, Limits, ct);
            TableReader.CheckZip(bytes, Limits); // before anything opens a part of the zip (core.xml below)
        }
        catch (TableException e) { throw new UserInputException($"{fileName} : {e.Message}"); }
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var producedOn = edition ?? ProductionDate(bytes)
            ?? throw new UserInputException($"{fileName} : la date de production du classeur est illisible ; indiquez la date d'édition (AAAA-MM-JJ).");

        progress?.Report(new("Lecture du classeur", 0));
        var workbook = Read(fileName, bytes, progress);
        progress?.Report(new("Lecture du classeur", 100));

        var cells = workbook.Sheets.Sum(s => (long)s.Columns.Count * IndexCount);
        var already = await db.StatFiles.AsNoTracking()
            .Where(f => f.Sha256 == sha && f.Edition!.Source == StatSource.Etat4001)
            .Select(f => f.Edition!.ProducedOn).ToListAsync(ct);
        if (already.Count > 0)
        {
            var (m, u) = await AttachmentCountsAsync(ct);
            return new Etat4001ImportResult(already[0], true, workbook.Sheets.Count, 0, 0, 0, cells, 0, m, u);
        }
        if (await db.StatEditions.AnyAsync(e => e.Source == StatSource.Etat4001 && e.ProducedOn == producedOn, ct))
            throw new UserInputException($"{fileName} : l'édition état 4001 du {Culture.Date(producedOn)} existe déjà avec un autre fichier ; indiquez une autre date d'édition.");

        return await WriteAsync(fileName, sha, producedOn, workbook, cells, progress, importedById ?? user.Id, ct);
    }

    /// <summary>The workbook's last-modified property (docProps/core.xml), the edition's production date.</summary>
    public static DateOnly? ProductionDate(byte[] xlsx)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
            var entry = zip.GetEntry("docProps/core.xml");
            if (entry is null) return null;
            using var s = entry.Open();
            var doc = XDocument.Load(s);
            XNamespace dcterms = "http://purl.org/dc/terms/";
            var modified = doc.Root?.Element(dcterms + "modified")?.Value;
            return DateTimeOffset.TryParse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
                ? DateOnly.FromDateTime(d.UtcDateTime) : null;
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException)
        {
            return null;
        }
    }

    // ---------------------------------------------------------------- reading and validation

    /// <summary>Caps of the état 4001 workbook: today 4 MB, 32 MB inflated, 18 sheets of ~110 rows and a few thousand columns.</summary>
    public static readonly TableLimits Limits = new(MaxFileBytes: 64 * 1024 * 1024, MaxDecompressedBytes: 256 * 1024 * 1024, MaxRows: 20_000, MaxColumns: 16_384, MaxCellLength: 1_000);

    internal static Workbook Read(string file, byte[] bytes, IProgress<Etat4001Progress>? progress = null)
    {
        var sheets = new List<Sheet>();
        string[]? labels = null;
        try
        {
            var sheetCount = SheetCount(bytes);
            var n = 0;
            foreach (var (sheetName, sheetRows) in TableReader.XlsxSheets(bytes, Limits))
            {
                n++;
                var match = SheetName().Match(sheetName);
                if (!match.Success) continue;
                var force = match.Groups[1].Value == "PN" ? PoliceForce.PoliceNationale : PoliceForce.Gendarmerie;
                var year = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                if (sheets.Any(s => s.Force == force && s.Year == year))
                    throw new UserInputException($"{file} : la feuille « {sheetName} » apparaît deux fois.");
                var rows = sheetRows.Select(r => r.Values).ToList();
                var (sheet, sheetLabels) = ParseSheet(file, sheetName, force, year, rows);
                // Labels are the same in every sheet; the first sheet's wording is kept as published.
                labels ??= sheetLabels;
                sheets.Add(sheet);
                progress?.Report(new("Lecture du classeur", 100.0 * n / Math.Max(1, sheetCount)));
            }
        }
        catch (TableException e)
        {
            throw new UserInputException($"{file} : {e.Message}");
        }
        if (sheets.Count == 0 || labels is null)
            throw new UserInputException($"{file} : aucune feuille « Services PN AAAA » ou « Services GN AAAA » n'a été trouvée ; ce n'est pas le classeur état 4001 par service.");
        return new Workbook(sheets, labels);
    }

    /// <summary>Number of worksheets (for progress only): the worksheet parts of the zip.</summary>
    private static int SheetCount(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return zip.Entries.Count(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        }
        catch (InvalidDataException) { return 1; }
    }

    /// <summary>
    /// PN sheets: row 1 départements, row 2 périmètres, row 3 service names, rows 4–110 indexes.
    /// GN sheets: row 1 départements, row 2 service names, rows 3–109 indexes.
    /// </summary>
    internal static (Sheet Sheet, string[] Labels) ParseSheet(string file, string name, PoliceForce force, int year, List<object?[]> rows)
    {
        var police = force == PoliceForce.PoliceNationale;
        var nameRow = police ? 2 : 1; // zero-based
        var firstIndexRow = nameRow + 1;
        UserInputException Error(int row, int col, string message) =>
            new($"{file}, feuille « {name} », ligne {row + 1}, colonne {ColumnLetter(col)} : {message}");
        string Cell(int row, int col) => row < rows.Count && col < rows[row].Length ? Text(rows[row][col]) : "";

        if (rows.Count < firstIndexRow + IndexCount)
            throw new UserInputException($"{file}, feuille « {name} » : {rows.Count} ligne(s) au lieu des {firstIndexRow + IndexCount} attendues ({firstIndexRow} ligne(s) d'en-tête et {IndexCount} index).");
        var title = Cell(0, 0);
        if (!title.StartsWith($"Année {year}", StringComparison.Ordinal))
            throw Error(0, 0, $"« Année {year} … » attendu, « {title} » trouvé.");
        if (Cell(0, 1) != "Départements")
            throw Error(0, 1, $"« Départements » attendu, « {Cell(0, 1)} » trouvé.");
        if (police && Cell(1, 1) != "Périmètres")
            throw Error(1, 1, $"« Périmètres » attendu, « {Cell(1, 1)} » trouvé (les feuilles de la police ont trois lignes d'en-tête).");
        if (Cell(nameRow, 0) != "Code index")
            throw Error(nameRow, 0, $"« Code index » attendu, « {Cell(nameRow, 0)} » trouvé.");
        if (!Cell(nameRow, 1).StartsWith("Libellé index", StringComparison.Ordinal))
            throw Error(nameRow, 1, $"« Libellé index » attendu, « {Cell(nameRow, 1)} » trouvé.");

        var labels = new string[IndexCount];
        for (var i = 0; i < IndexCount; i++)
        {
            var r = firstIndexRow + i;
            var code = Cell(r, 0);
            if (code != (i + 1).ToString(CultureInfo.InvariantCulture))
                throw Error(r, 0, $"code index {i + 1} attendu, « {code} » trouvé.");
            labels[i] = Cell(r, 1);
            if (labels[i].Length == 0) throw Error(r, 1, "le libellé de l'index est vide.");
        }

        var width = rows.Take(firstIndexRow + IndexCount).Max(r => r.Length);
        var columns = new List<Column>();
        var seen = new HashSet<(string, string)>();
        for (var col = 2; col < width; col++)
        {
            var serviceName = Cell(nameRow, col);
            var dept = Cell(0, col);
            if (serviceName.Length == 0)
            {
                // Excel leaves formatted but empty columns at the right of some sheets.
                var anyValue = dept.Length > 0 || Enumerable.Range(firstIndexRow, IndexCount).Any(r => Cell(r, col).Length > 0);
                if (anyValue) throw Error(nameRow, col, "le nom du service est vide alors que la colonne contient des valeurs.");
                continue;
            }
            var normalisedDept = NormaliseDepartement(dept) ?? throw Error(0, col, $"code département « {dept} » invalide.");
            if (!seen.Add((normalisedDept, serviceName)))
                throw Error(nameRow, col, $"le service « {serviceName} » du département {normalisedDept} apparaît deux fois.");
            var counts = new long[IndexCount];
            for (var i = 0; i < IndexCount; i++)
            {
                var r = firstIndexRow + i;
                var value = r < rows.Count && col < rows[r].Length ? rows[r][col] : null;
                counts[i] = value switch
                {
                    null => 0,
                    double d when d >= 0 && d == Math.Floor(d) && d < long.MaxValue => (long)d,
                    string s when s.Trim().Length == 0 => 0,
                    string s when long.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
                    _ => throw Error(r, col, $"« {Text(value)} » n'est pas un nombre entier positif."),
                };
            }
            var perimeter = police ? Cell(1, col) : "";
            columns.Add(new Column(normalisedDept, perimeter.Length == 0 ? null : perimeter, serviceName, counts));
        }
        if (columns.Count == 0) throw new UserInputException($"{file}, feuille « {name} » : aucune colonne de service.");
        return (new Sheet(name, force, year, columns), labels);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() ?? "",
    };

    /// <summary>"1" → "01", "2a" → "2A", "971" stays; anything else is invalid.</summary>
    public static string? NormaliseDepartement(string raw)
    {
        var v = raw.Trim();
        if (!DepartementCode().IsMatch(v)) return null;
        v = v.ToUpperInvariant();
        return v.Length == 1 ? "0" + v : v;
    }

    public static string ColumnLetter(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    // ---------------------------------------------------------------- writing

    private async Task<Etat4001ImportResult> WriteAsync(string fileName, string sha, DateOnly producedOn, Workbook workbook, long cells,
        IProgress<Etat4001Progress>? progress, Guid? importedById, CancellationToken ct)
    {
        const string step = "Enregistrement";
        progress?.Report(new(step, 0));
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);

            // Index catalogue: labels as published.
            var indexes = await db.Etat4001Indexes.ToDictionaryAsync(i => i.Number, ct);
            for (var i = 0; i < IndexCount; i++)
            {
                if (!indexes.TryGetValue(i + 1, out var index))
                    db.Etat4001Indexes.Add(new Etat4001Index { Number = i + 1, Label = workbook.Labels[i] });
                else if (index.Label != workbook.Labels[i])
                    index.Label = workbook.Labels[i];
            }

            // Services: one per (force, département, name); the périmètre of the latest year is kept.
            var services = await db.Etat4001Services.ToDictionaryAsync(s => (s.Force, s.DepartementCode, s.Name), ct);
            var matcher = await CommuneMatcher.LoadAsync(db, workbook.Sheets.SelectMany(s => s.Columns.Select(c => c.Departement)).Distinct().ToList(), ct);
            var newServices = 0;
            foreach (var sheet in workbook.Sheets.OrderBy(s => s.Year))
                foreach (var column in sheet.Columns)
                {
                    var key = (sheet.Force, column.Departement, column.Name);
                    if (!services.TryGetValue(key, out var service))
                    {
                        service = new Etat4001Service { Force = sheet.Force, DepartementCode = column.Departement, Name = column.Name };
                        db.Etat4001Services.Add(service);
                        services[key] = service;
                        newServices++;
                    }
                    if (column.Perimeter is not null && service.Perimeter != column.Perimeter) service.Perimeter = column.Perimeter;
                    service.CommuneCode ??= matcher.Match(column.Departement, column.Name);
                }

            var edition = new StatEdition { Source = StatSource.Etat4001, ProducedOn = producedOn, CreatedAt = clock.GetUtcNow() };
            edition.Files.Add(new StatFile
            {
                FileName = fileName, Sha256 = sha, Level = StatLevel.Commune, Schema = Schema, Rows = cells,
                ImportedAt = clock.GetUtcNow(), ImportedById = importedById,
            });
            db.StatEditions.Add(edition);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            progress?.Report(new(step, 5));

            // Service-years and non-zero counts: plain multi-row INSERTs of integers (about 450,000 rows),
            // inside the same transaction; EF change tracking would cost minutes here.
            var connection = db.Database.GetDbConnection();
            var transaction = tx.GetDbTransaction();
            var yearRows = new List<string>();
            var countRows = new List<string>();
            foreach (var sheet in workbook.Sheets)
                foreach (var column in sheet.Columns)
                {
                    var serviceId = services[(sheet.Force, column.Departement, column.Name)].Id;
                    yearRows.Add(string.Create(CultureInfo.InvariantCulture, $"({edition.Id},{serviceId},{sheet.Year},{column.Counts.Sum()})"));
                    for (var i = 0; i < IndexCount; i++)
                        if (column.Counts[i] != 0)
                            countRows.Add(string.Create(CultureInfo.InvariantCulture, $"({edition.Id},{serviceId},{sheet.Year},{i + 1},{column.Counts[i]})"));
                }
            var total = yearRows.Count + countRows.Count;
            var done = 0;
            foreach (var chunk in yearRows.Chunk(SqlBatch))
            {
                await ExecuteAsync(connection, transaction, """INSERT INTO "Etat4001ServiceYears" ("EditionId", "ServiceId", "Year", "Total") VALUES """ + string.Join(',', chunk), ct);
                done += chunk.Length;
                progress?.Report(new(step, 5 + 95.0 * done / total));
            }
            foreach (var chunk in countRows.Chunk(SqlBatch))
            {
                await ExecuteAsync(connection, transaction, """INSERT INTO "Etat4001Counts" ("EditionId", "ServiceId", "Year", "IndexNumber", "Count") VALUES """ + string.Join(',', chunk), ct);
                done += chunk.Length;
                progress?.Report(new(step, 5 + 95.0 * done / total));
            }

            var matched = services.Values.Count(s => s.CommuneCode is not null);
            var unmatched = services.Count - matched;
            auditor.Record(AuditKinds.Etat4001Imported, "StatEdition", edition.Id, data: new
            {
                edition = producedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                sheets = workbook.Sheets.Count,
                services = services.Count,
                newServices,
                serviceYears = yearRows.Count,
                counts = countRows.Count,
                matched,
                unmatched,
            }, userId: importedById);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            progress?.Report(new(step, 100));
            return new Etat4001ImportResult(producedOn, false, workbook.Sheets.Count, services.Count, newServices, yearRows.Count, cells, countRows.Count, matched, unmatched);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<(int Matched, int Unmatched)> AttachmentCountsAsync(CancellationToken ct)
    {
        var matched = await db.Etat4001Services.CountAsync(s => s.CommuneCode != null, ct);
        var all = await db.Etat4001Services.CountAsync(ct);
        return (matched, all - matched);
    }
}
