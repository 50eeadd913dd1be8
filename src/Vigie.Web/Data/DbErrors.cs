using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vigie.Web.Data;

/// <summary>Provider-neutral reading of database errors (SQLite and PostgreSQL), shared by every caller that relies on a unique key.</summary>
public static class DbErrors
{
    /// <summary>A unique-key violation on either provider (SQLite 19/2067 or 1555, PostgreSQL 23505), possibly wrapped.</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => e.InnerException is not null && IsUniqueViolation(e.InnerException),
    };
}
