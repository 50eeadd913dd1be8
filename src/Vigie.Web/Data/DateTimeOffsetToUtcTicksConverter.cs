using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Vigie.Web.Data;

/// <summary>
/// SQLite has no native timestamp type and EF cannot translate ORDER BY / comparisons on
/// DateTimeOffset stored as text. Storing UTC ticks as INTEGER keeps them sortable and comparable.
/// </summary>
public sealed class DateTimeOffsetToUtcTicksConverter()
    : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
