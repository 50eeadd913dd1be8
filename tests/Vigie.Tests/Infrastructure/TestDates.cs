using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Infrastructure;

/// <summary>
/// "Today" as the app counts it (the calendar day in Paris, <see cref="Culture.ParisDate"/>), so a test run between
/// 22:00 and midnight UTC expects the same day as the app does.
/// </summary>
public static class TestDates
{
    public static DateOnly Today => Culture.ParisDate(DateTimeOffset.UtcNow);
}
