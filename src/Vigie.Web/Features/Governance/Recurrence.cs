namespace Vigie.Web.Features.Governance;

/// <summary>Dates of a recurring series, and local (Paris) times turned into UTC instants.</summary>
public static class Recurrence
{
    /// <summary>More occurrences than this is a typing error (a weekly meeting for 10 years), not a plan.</summary>
    public const int MaxOccurrences = 120;

    /// <param name="intervalMonths">Every-N-months series: months between two meetings (counted from <paramref name="first"/>'s month).</param>
    public static IEnumerable<DateOnly> Dates(RecurrenceFrequency frequency, DayOfWeek day, int? weekOfMonth, DateOnly first, DateOnly until, int? intervalMonths = null)
    {
        if (frequency == RecurrenceFrequency.Weekly)
        {
            var d = first.AddDays(((int)day - (int)first.DayOfWeek + 7) % 7);
            for (; d <= until; d = d.AddDays(7)) yield return d;
            yield break;
        }
        var n = weekOfMonth ?? 1;
        var step = frequency == RecurrenceFrequency.EveryNMonths ? Math.Clamp(intervalMonths ?? 6, 1, 12) : 1;
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= until; month = month.AddMonths(step))
        {
            var d = NthWeekday(month.Year, month.Month, day, n);
            if (d >= first && d <= until) yield return d;
        }
    }

    /// <summary>The n-th given weekday of a month; n = 5 means the last one.</summary>
    public static DateOnly NthWeekday(int year, int month, DayOfWeek day, int n)
    {
        if (n >= 5)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
        }
        var firstOfMonth = new DateOnly(year, month, 1);
        var firstMatch = firstOfMonth.AddDays(((int)day - (int)firstOfMonth.DayOfWeek + 7) % 7);
        return firstMatch.AddDays(7 * (n - 1));
    }

    public static DateTimeOffset ParisToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        // A time skipped by the spring change does not exist: move it forward by an hour.
        if (Culture.Paris.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, Culture.Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTimeOffset ToParis(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Culture.Paris);
}
