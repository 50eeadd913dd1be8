using Vigie.Web.Domain;
using Vigie.Web.Features.Governance;

namespace Vigie.Tests.Governance;

public sealed class RecurrenceTests
{
    [Fact]
    public void Dates_MonthlyFirstTuesday_GivesOneDatePerMonth()
    {
        var dates = Recurrence.Dates(RecurrenceFrequency.Monthly, DayOfWeek.Tuesday, 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 30)).ToList();
        Assert.Equal([new DateOnly(2026, 1, 6), new DateOnly(2026, 2, 3), new DateOnly(2026, 3, 3), new DateOnly(2026, 4, 7)], dates);
    }

    [Fact]
    public void Dates_MonthlyLastFriday_GivesTheLastOne()
    {
        var dates = Recurrence.Dates(RecurrenceFrequency.Monthly, DayOfWeek.Friday, 5, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28)).ToList();
        Assert.Equal([new DateOnly(2026, 1, 30), new DateOnly(2026, 2, 27)], dates);
    }

    [Fact]
    public void Dates_Weekly_StartsOnTheFirstMatchingDay()
    {
        var dates = Recurrence.Dates(RecurrenceFrequency.Weekly, DayOfWeek.Thursday, null, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 19)).ToList();
        Assert.Equal([new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 12), new DateOnly(2026, 3, 19)], dates);
    }

    [Fact]
    public void ParisToUtc_SummerAndWinter_UseTheRightOffset()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 17, 0, 0, TimeSpan.Zero), Recurrence.ParisToUtc(new DateOnly(2026, 1, 15), new TimeOnly(18, 0)));
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 16, 0, 0, TimeSpan.Zero), Recurrence.ParisToUtc(new DateOnly(2026, 7, 15), new TimeOnly(18, 0)));
    }
}
