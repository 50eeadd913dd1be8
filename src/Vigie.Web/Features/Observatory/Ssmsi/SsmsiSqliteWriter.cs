using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Vigie.Web.Features.Observatory.Ssmsi;

public sealed partial class SsmsiImporter
{
    /// <summary>
    /// SQLite: bind through the native statement by position (true, the default) rather than through
    /// <see cref="SqliteCommand"/> parameters (false, the reference the tests compare against).
    /// </summary>
    public bool SqliteRawBinding { get; set; } = true;

    /// <summary>
    /// SQLite, measured hot path (ADR 0021): one native prepared INSERT in the import transaction, bound by position
    /// (Microsoft.Data.Sqlite looks every parameter up by name and converts it to UTF-8 on each execution), the UTF-8
    /// bytes of the repeated texts (codes, labels, units) cached per string instance (the reader interns them), values
    /// stored exactly as Microsoft.Data.Sqlite stores them (decimals as invariant text, enums as their names).
    /// </summary>
    private sealed class SqliteRawWriter : IValueWriter
    {
        // Microsoft.Data.Sqlite's decimal text (SqliteValueBinder), so both writers store the same bytes.
        private const string DecimalFormat = "0.0###########################";
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _stmt;
        private readonly Dictionary<string, byte[]> _utf8 = new(ReferenceEqualityComparer.Instance);
        private readonly byte[] _number = new byte[64];
        private readonly char[] _chars = new char[64];

        public SqliteRawWriter(SqliteConnection connection, int editionId)
        {
            _db = connection.Handle ?? throw new InvalidOperationException("SQLite connection not open.");
            var sql = $"INSERT INTO \"StatValues\" ({string.Join(", ", ValueColumns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", ValueColumns.Select(_ => "?"))})";
            Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
            Check(raw.sqlite3_bind_int64(_stmt, 1, editionId)); // bindings survive sqlite3_reset
        }

        private void Check(int rc)
        {
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE)) SqliteException.ThrowExceptionForRC(rc, _db);
        }

        public void Write(in SsmsiRow r, int indicatorId)
        {
            Text(2, LevelName(r.Level));
            Text(3, r.GeoCode);
            Check(raw.sqlite3_bind_int64(_stmt, 4, r.Year));
            Check(raw.sqlite3_bind_int64(_stmt, 5, indicatorId));
            Text(6, r.PublishedLabel);
            Text(7, r.Unit);
            Text(8, DisclosureName(r.Disclosure));
            Integer(9, r.Count);
            Decimal(10, r.Rate);
            Integer(11, r.Population);
            Integer(12, r.PopulationYear);
            Decimal(13, r.Dwellings);
            Integer(14, r.DwellingsYear);
            Decimal(15, r.EstimateCount);
            Decimal(16, r.EstimateRate);
            var rc = raw.sqlite3_step(_stmt);
            if (rc != raw.SQLITE_DONE)
            {
                var error = SqliteExceptionFor(rc);
                raw.sqlite3_reset(_stmt);
                throw error;
            }
            Check(raw.sqlite3_reset(_stmt));
        }

        private SqliteException SqliteExceptionFor(int rc)
        {
            try { SqliteException.ThrowExceptionForRC(rc, _db); }
            catch (SqliteException e) { return e; }
            return new SqliteException($"SQLite error {rc}", rc);
        }

        private static string LevelName(StatLevel level) => level switch
        {
            StatLevel.Commune => nameof(StatLevel.Commune), StatLevel.Departement => nameof(StatLevel.Departement), _ => level.ToString(),
        };

        private static string DisclosureName(Disclosure d) => d switch
        {
            Disclosure.Published => nameof(Disclosure.Published), Disclosure.Zero => nameof(Disclosure.Zero),
            Disclosure.Withheld => nameof(Disclosure.Withheld), _ => d.ToString(),
        };

        private void Text(int index, string value)
        {
            if (!_utf8.TryGetValue(value, out var bytes))
            {
                bytes = Encoding.UTF8.GetBytes(value);
                if (_utf8.Count < 200_000) _utf8[value] = bytes;
            }
            Check(raw.sqlite3_bind_text(_stmt, index, bytes.AsSpan()));
        }

        private void Integer(int index, long? value) =>
            Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

        private void Decimal(int index, decimal? value)
        {
            if (value is not { } v) { Check(raw.sqlite3_bind_null(_stmt, index)); return; }
            if (!v.TryFormat(_chars, out var n, DecimalFormat, CultureInfo.InvariantCulture))
            {
                Check(raw.sqlite3_bind_text(_stmt, index, v.ToString(DecimalFormat, CultureInfo.InvariantCulture)));
                return;
            }
            var length = Encoding.UTF8.GetBytes(_chars.AsSpan(0, n), _number);
            // SQLITE_TRANSIENT: SQLite copies the bytes, so the buffer is reused for the next value.
            Check(raw.sqlite3_bind_text(_stmt, index, _number.AsSpan(0, length)));
        }

        public void Complete() { }

        public void Dispose() => _stmt.Dispose();
    }
}
