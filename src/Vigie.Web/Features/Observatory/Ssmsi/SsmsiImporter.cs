using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Vigie.Web.Features.Observatory.Ssmsi;

/// <summary>A file to import: its name (for the edition and messages) and a way to open it, possibly several times.</summary>
public sealed record SsmsiSource(string FileName, Func<Stream> Open);

public sealed record SsmsiProgress(long RowsRead, long RowsImported, long BytesRead, long TotalBytes);

public sealed record SsmsiImportResult(
    bool AlreadyImported,
    DateOnly Edition,
    string Schema,
    StatLevel Level,
    long Rows,
    int Indicators,
    int? FirstYear,
    int? LastYear,
    int Years,
    int Geographies,
    long Withheld,
    TimeSpan Duration,
    /// <summary>Time spent reading, parsing and writing the rows (without hashing, start-up and commit).</summary>
    TimeSpan RowsDuration = default,
    /// <summary>True when the PostgreSQL staging path loaded the file (COPY into a TEMP table, conversion in SQL).</summary>
    bool Staged = false);

/// <summary>
/// Imports one SSMSI file into an edition. Streaming (one line at a time, constant memory) and all-or-nothing:
/// one transaction; on PostgreSQL the file goes through COPY into a TEMP staging table converted in SQL
/// (<c>SsmsiPostgresStaging.cs</c>), else (or when the fast path cannot vouch for the file) row by row through Npgsql
/// binary COPY; on SQLite a prepared INSERT reused per row (no EF change tracking for values). The same file (SHA-256) in the same edition is a no-op.
/// </summary>
public sealed partial class SsmsiImporter(AppDbContext db, Auditor auditor, TimeProvider clock)
{
    private const int ProgressEvery = 5000;

    [GeneratedRegex(@"produit-le[-_]?(\d{4}-\d{2}-\d{2})", RegexOptions.IgnoreCase)] private static partial Regex ProducedOn();

    /// <summary>The edition: the explicit date, else the production date in the file name; neither → French error.</summary>
    public static DateOnly ResolveEdition(string fileName, DateOnly? explicitEdition)
    {
        if (explicitEdition is { } e) return e;
        var m = ProducedOn().Match(Path.GetFileName(fileName));
        if (m.Success && DateOnly.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        throw new UserInputException(
            $"Édition inconnue pour « {Path.GetFileName(fileName)} » : le nom du fichier ne contient pas « produit-leAAAA-MM-JJ ». Indiquez la date de production de l'édition (AAAA-MM-JJ).");
    }

    /// <summary>Parses an edition typed by a user (AAAA-MM-JJ); null for an empty value.</summary>
    public static bool TryParseEdition(string? text, out DateOnly? edition)
    {
        edition = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        edition = d;
        return true;
    }

    public const string EditionFormatMessage = "L'édition doit être une date au format AAAA-MM-JJ (date de production du fichier SSMSI, par exemple 2025-06-04).";

    public async Task<SsmsiImportResult> ImportAsync(SsmsiSource source, DateOnly? explicitEdition = null, IProgress<SsmsiProgress>? progress = null,
        CancellationToken ct = default, Guid? userId = null)
    {
        var clockStart = Stopwatch.StartNew();
        var fileName = Path.GetFileName(source.FileName);
        var edition = ResolveEdition(fileName, explicitEdition);
        var sha = await HashAsync(source, ct);
        var indicatorIds = await IndicatorCatalog.EnsureAsync(db, ct);

        var editionRow = await db.StatEditions.AsNoTracking().FirstOrDefaultAsync(e => e.Source == StatSource.Ssmsi && e.ProducedOn == edition, ct);
        if (editionRow is not null && await db.StatFiles.AnyAsync(f => f.EditionId == editionRow.Id && f.Sha256 == sha, ct))
        {
            var file = await db.StatFiles.AsNoTracking().FirstAsync(f => f.EditionId == editionRow.Id && f.Sha256 == sha, ct);
            return new SsmsiImportResult(true, edition, file.Schema, file.Level, 0, 0, null, null, 0, 0, 0, clockStart.Elapsed);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var now = clock.GetUtcNow();
                var ed = await db.StatEditions.FirstOrDefaultAsync(e => e.Source == StatSource.Ssmsi && e.ProducedOn == edition, ct);
                if (ed is null)
                {
                    ed = new StatEdition { Source = StatSource.Ssmsi, ProducedOn = edition, CreatedAt = now };
                    db.StatEditions.Add(ed);
                    await db.SaveChangesAsync(ct);
                }
                var rowsClock = Stopwatch.StartNew();
                var stats = await Task.Run(() => WriteValues(source, fileName, ed.Id, indicatorIds, tx, progress, ct), ct);
                var rowsDuration = rowsClock.Elapsed;

                var file = new StatFile
                {
                    EditionId = ed.Id, FileName = Truncate(fileName, 400), Sha256 = sha, Level = stats.Level, Schema = stats.Schema,
                    Rows = stats.Rows, ImportedAt = now, ImportedById = userId,
                };
                db.StatFiles.Add(file);
                await db.SaveChangesAsync(ct);
                auditor.Record(AuditKinds.SsmsiImported, nameof(StatFile), file.Id, data: new
                {
                    edition = edition.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), schema = stats.Schema, level = stats.Level.ToString(), rows = stats.Rows,
                }, userId: userId);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new SsmsiImportResult(false, edition, stats.Schema, stats.Level, stats.Rows, stats.Indicators.Count,
                    stats.Years.Count == 0 ? null : stats.Years.Min(), stats.Years.Count == 0 ? null : stats.Years.Max(), stats.Years.Count,
                    stats.Geographies.Count, stats.Withheld, clockStart.Elapsed, rowsDuration, stats.Staged);
            }
            catch
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                throw;
            }
        });
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private static async Task<string> HashAsync(SsmsiSource source, CancellationToken ct)
    {
        await using var stream = source.Open();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private sealed class Stats
    {
        public string Schema = "";
        public StatLevel Level;
        public long Rows;
        public long Withheld;
        public bool Staged;
        public HashSet<string> Indicators { get; } = [];
        public HashSet<int> Years { get; } = [];
        // Bounded by the number of geographies (≈35,000 communes), not by the number of rows.
        public HashSet<string> Geographies { get; } = [];
    }

    private Stats WriteValues(SsmsiSource source, string fileName, int editionId, Dictionary<string, int> indicatorIds,
        IDbContextTransaction tx, IProgress<SsmsiProgress>? progress, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();
        if (PostgresStaging && connection is NpgsqlConnection staging
            && TryStage(source, fileName, editionId, indicatorIds, tx, staging, progress, ct) is { } staged)
        {
            progress?.Report(new SsmsiProgress(staged.Rows, staged.Rows, 0, 0));
            return staged;
        }
        using var stream = source.Open();
        var total = stream.CanSeek ? stream.Length : 0;
        using var reader = new SsmsiReader(stream, fileName);
        var stats = new Stats { Schema = reader.Layout.Generation, Level = reader.Layout.Level };
        using IValueWriter writer = connection is NpgsqlConnection pg ? new PostgresWriter(pg, editionId)
            : SqliteRawBinding ? new SqliteRawWriter((SqliteConnection)connection, editionId)
            : new SqliteWriter((SqliteConnection)connection, (SqliteTransaction)transaction, editionId);
        long lastLine = 0;
        string? lastIndicator = null, lastGeo = null;
        var lastYear = 0;
        try
        {
            while (reader.Read(out var row))
            {
                lastLine = row.Line;
                var indicatorId = indicatorIds[row.IndicatorCode];
                writer.Write(row, indicatorId);
                stats.Rows++;
                if (row.Disclosure == Disclosure.Withheld) stats.Withheld++;
                // Rows come grouped by geography: skip the set lookups while the value repeats.
                if (!ReferenceEquals(row.IndicatorCode, lastIndicator)) stats.Indicators.Add(lastIndicator = row.IndicatorCode);
                if (row.Year != lastYear) stats.Years.Add(lastYear = row.Year);
                if (row.GeoCode != lastGeo) stats.Geographies.Add(lastGeo = row.GeoCode);
                if (stats.Rows % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(new SsmsiProgress(stats.Rows, stats.Rows, stream.CanSeek ? stream.Position : 0, total));
                }
            }
            writer.Complete();
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            // The database saw the same cell twice: find the two lines in the file (error path only).
            var failedLine = writer is SqliteWriter or SqliteRawWriter ? lastLine : (long?)null;
            throw DuplicateError(source, fileName, indicatorIds, failedLine);
        }
        progress?.Report(new SsmsiProgress(stats.Rows, stats.Rows, total, total));
        return stats;
    }

    private static UserInputException DuplicateError(SsmsiSource source, string fileName, Dictionary<string, int> indicatorIds, long? failedLine)
    {
        if (failedLine is { } f)
        {
            // SQLite names the failing row: find its key, then the first earlier line with that key (constant memory).
            SsmsiRow? target = null;
            using (var stream = source.Open())
            using (var reader = new SsmsiReader(stream, fileName))
                while (reader.Read(out var row))
                    if (row.Line == f) { target = row; break; }
            if (target is { } t)
            {
                var key = t.Key(indicatorIds[t.IndicatorCode]);
                using var again = source.Open();
                using var rescan = new SsmsiReader(again, fileName);
                while (rescan.Read(out var row) && row.Line < t.Line)
                    if (row.Key(indicatorIds[row.IndicatorCode]) == key) return Duplicate(fileName, row.Line, t);
                return new UserInputException($"Fichier « {fileName} », ligne {t.Line} : {Describe(t)} existe déjà dans cette édition (importée depuis un autre fichier). Import annulé.");
            }
        }
        else
        {
            // COPY reports the violation for the whole batch: one pass with the packed keys (error path only).
            using var stream = source.Open();
            using var reader = new SsmsiReader(stream, fileName);
            var seen = new Dictionary<long, long>();
            while (reader.Read(out var row))
            {
                var key = row.Key(indicatorIds[row.IndicatorCode]);
                if (seen.TryGetValue(key, out var first)) return Duplicate(fileName, first, row);
                seen[key] = row.Line;
            }
        }
        return new UserInputException($"Fichier « {fileName} » : des valeurs de ce fichier existent déjà dans cette édition (importées depuis un autre fichier). Import annulé.");
    }

    private static UserInputException Duplicate(string fileName, long first, SsmsiRow row) =>
        new($"Fichier « {fileName} », lignes {first} et {row.Line} : ligne en double — {Describe(row)} apparaît deux fois. Import annulé.");

    private static string Describe(SsmsiRow row)
    {
        var level = row.Level switch { StatLevel.Commune => "commune", StatLevel.Departement => "département", _ => "région" };
        return $"la valeur ({level} {row.GeoCode}, année {row.Year}, indicateur « {row.PublishedLabel} »)";
    }

    // ------------------------------------------------------------------ provider writers

    private interface IValueWriter : IDisposable
    {
        void Write(in SsmsiRow row, int indicatorId);
        void Complete();
    }

    private static readonly string[] ValueColumns =
    [
        "EditionId", "Level", "GeoCode", "Year", "IndicatorId", "PublishedLabel", "Unit", "Disclosure", "Count", "Rate",
        "Population", "PopulationYear", "Dwellings", "DwellingsYear", "EstimateCount", "EstimateRate",
    ];

    /// <summary>
    /// SQLite: one prepared INSERT, parameters rebound per row, inside the import transaction. (Multi-row INSERTs of
    /// 64 rows were tried and measured slower in one loaded run, ADR 0021; the likely cause is that Microsoft.Data.Sqlite
    /// binds each parameter by name on every execution, a lookup linear in the statement's 1 024 parameters.)
    /// </summary>
    private sealed class SqliteWriter : IValueWriter
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _p;

        public SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, int editionId)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = $"INSERT INTO \"StatValues\" ({string.Join(", ", ValueColumns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", ValueColumns.Select((_, i) => $"$p{i}"))})";
            _p = ValueColumns.Select((_, i) => _command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            _p[0].Value = editionId;
            _command.Prepare();
        }

        public void Write(in SsmsiRow r, int indicatorId)
        {
            _p[1].Value = r.Level.ToString();
            _p[2].Value = r.GeoCode;
            _p[3].Value = r.Year;
            _p[4].Value = indicatorId;
            _p[5].Value = r.PublishedLabel;
            _p[6].Value = r.Unit;
            _p[7].Value = r.Disclosure.ToString();
            _p[8].Value = (object?)r.Count ?? DBNull.Value;
            _p[9].Value = (object?)r.Rate ?? DBNull.Value;
            _p[10].Value = (object?)r.Population ?? DBNull.Value;
            _p[11].Value = (object?)r.PopulationYear ?? DBNull.Value;
            _p[12].Value = (object?)r.Dwellings ?? DBNull.Value;
            _p[13].Value = (object?)r.DwellingsYear ?? DBNull.Value;
            _p[14].Value = (object?)r.EstimateCount ?? DBNull.Value;
            _p[15].Value = (object?)r.EstimateRate ?? DBNull.Value;
            _command.ExecuteNonQuery();
        }

        public void Complete() { }

        public void Dispose() => _command.Dispose();
    }

    /// <summary>PostgreSQL: binary COPY straight into StatValues inside the import transaction.</summary>
    private sealed class PostgresWriter : IValueWriter
    {
        private readonly NpgsqlBinaryImporter _copy;
        private readonly int _editionId;

        public PostgresWriter(NpgsqlConnection connection, int editionId)
        {
            _editionId = editionId;
            _copy = connection.BeginBinaryImport($"COPY \"StatValues\" ({string.Join(", ", ValueColumns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
            // No command timeout: the server runs the foreign-key checks of every copied row when the COPY ends, which
            // takes more than the default 30 s for a national communal base (≈5 M rows; bench/observatory).
            _copy.Timeout = TimeSpan.Zero;
        }

        public void Write(in SsmsiRow r, int indicatorId)
        {
            _copy.StartRow();
            _copy.Write(_editionId, NpgsqlDbType.Integer);
            _copy.Write(r.Level.ToString(), NpgsqlDbType.Varchar);
            _copy.Write(r.GeoCode, NpgsqlDbType.Varchar);
            _copy.Write(r.Year, NpgsqlDbType.Integer);
            _copy.Write(indicatorId, NpgsqlDbType.Integer);
            _copy.Write(r.PublishedLabel, NpgsqlDbType.Varchar);
            _copy.Write(r.Unit, NpgsqlDbType.Varchar);
            _copy.Write(r.Disclosure.ToString(), NpgsqlDbType.Varchar);
            Nullable(r.Count, NpgsqlDbType.Bigint);
            Nullable(r.Rate, NpgsqlDbType.Numeric);
            Nullable(r.Population, NpgsqlDbType.Bigint);
            Nullable(r.PopulationYear, NpgsqlDbType.Integer);
            Nullable(r.Dwellings, NpgsqlDbType.Numeric);
            Nullable(r.DwellingsYear, NpgsqlDbType.Integer);
            Nullable(r.EstimateCount, NpgsqlDbType.Numeric);
            Nullable(r.EstimateRate, NpgsqlDbType.Numeric);
        }

        private void Nullable<T>(T? value, NpgsqlDbType type) where T : struct
        {
            if (value is { } v) _copy.Write(v, type);
            else _copy.WriteNull();
        }

        public void Complete() => _copy.Complete();

        public void Dispose() => _copy.Dispose();
    }
}
