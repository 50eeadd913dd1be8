using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Governance;

namespace Vigie.Tests.Governance;

/// <summary>
/// A plenary twice a year is a recurring series (issue 11 D): "every N months" besides weekly and monthly, on the same
/// week and day of the month; the interval is required and bounded, in French.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EveryNMonthsSeriesTests(VigieFactory factory)
{
    [Fact]
    public void Dates_EverySixMonths_FirstThursday_GivesTwoDatesAYear()
    {
        var dates = Recurrence.Dates(RecurrenceFrequency.EveryNMonths, DayOfWeek.Thursday, 1, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), 6).ToList();

        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 7, 2), new DateOnly(2027, 1, 7), new DateOnly(2027, 7, 1)], dates);
    }

    [Fact]
    public async Task Series_EverySixMonths_CreatesTwoPlenariesAYear()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("plenary");

        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/series", new
        {
            bodyId = body, title = "Plénière semestrielle", frequency = "everyNMonths", intervalMonths = 6, dayOfWeek = "thursday", weekOfMonth = 1,
            startTime = "18:00", durationMinutes = 120, firstDate = "2026-01-01", until = "2027-12-31",
        })).CreatedIdAsync();

        var meetings = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/meetings?bodyId={body}");
        var days = meetings.EnumerateArray().Select(m => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.GetProperty("startsAt").GetDateTimeOffset(), Vigie.Web.Infrastructure.Culture.Paris).DateTime)).Order().ToList();
        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 7, 2), new DateOnly(2027, 1, 7), new DateOnly(2027, 7, 1)], days);
    }

    [Theory]
    [InlineData(null, "Indiquez l'intervalle en mois")]
    [InlineData(13, "entre 2 et 12 mois")]
    public async Task Series_EveryNMonths_WithoutAValidInterval_IsRefusedInFrench_AndCreatesNothing(int? interval, string message)
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("plenary");

        var response = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/series", new
        {
            bodyId = body, title = "Plénière", frequency = "everyNMonths", intervalMonths = interval, dayOfWeek = "thursday", weekOfMonth = 1,
            startTime = "18:00", firstDate = "2026-01-01", until = "2027-12-31",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty("intervalMonths")[0].GetString(), StringComparison.Ordinal);
        var meetings = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/meetings?bodyId={body}");
        Assert.Empty(meetings.EnumerateArray());
    }

    [Fact]
    public void PlenaryTables_GiveEachColumnRoomForItsLongestWord()
    {
        IReadOnlyList<string> headers = ["Partenaire", "Présent", "Représenté", "Excusé", "Absent"];
        IReadOnlyList<IReadOnlyList<string>> rows = [["Gendarmerie nationale", "1", "0", "2", "0"], ["Police municipale de Villeurbanne", "3", "1", "0", "0"]];

        var widths = PlenaryReport.WordSafeWidths(headers, rows, [6, 2, 2, 2, 2]);

        // Each column is at least as wide as its longest word (bold header counted wider) plus the cell padding.
        Assert.True(widths[2] >= Math.Ceiling("Représenté".Length * 1.15) + 3, $"Représenté : {widths[2]}");
        Assert.True(widths[0] >= "Villeurbanne".Length + 3, $"Partenaire : {widths[0]}");
        Assert.All(widths, w => Assert.True(w > 0));
    }
}
