using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net.CalendarComponents;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Governance;

/// <summary>
/// RFC 5546 scheduling as invitees' calendars see it: the .ics attached to each mail is parsed with Ical.Net (an
/// independent parser) and its METHOD, UID, SEQUENCE and STATUS checked. Convocation → REQUEST; a moved meeting →
/// REQUEST, same UID, higher SEQUENCE; cancelling → CANCEL, same UID, higher SEQUENCE, STATUS:CANCELLED; the per-user
/// feed → PUBLISH with an ORGANIZER on every event.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CalendarSchedulingTests(VigieFactory factory)
{
    private static (string Method, CalendarEvent Event) Parse(string ics)
    {
        var calendar = Ical.Net.Calendar.Load(ics) ?? throw new InvalidOperationException("unparsable calendar");
        return (calendar.Method ?? "", Assert.Single(calendar.Events));
    }

    private (string Method, CalendarEvent Event, string ContentType) LastInvitation(string email)
    {
        var mail = factory.RawMailsTo(email).Last();
        var ics = Assert.Single(mail.Attachments, a => a.ContentType.StartsWith("text/calendar", StringComparison.OrdinalIgnoreCase));
        var (method, e) = Parse(ics.Text);
        return (method, e, ics.ContentType);
    }

    private static object Schedule(string date, string start, string end, string place) =>
        new { title = "Plénière", date, startTime = start, endTime = end, place };

    [Fact]
    public async Task ConvenedMeeting_MovedThenCancelled_SendsRequestThenCancelWithSameUidAndHigherSequence()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("plenary", "public");
        await s.SeatAsync(body, s.Partner.Id);
        var meeting = await s.MeetingAsync(body, "2026-06-16", "Plénière");
        var url = $"{s.Base}/meetings/{meeting}";

        Assert.Equal(HttpStatusCode.OK, (await s.CoordinatorApi.PostAsync($"{url}/convocation", null)).StatusCode);
        var (method, first, type) = LastInvitation(s.Partner.Email);
        Assert.Equal("REQUEST", method);
        Assert.Contains("method=REQUEST", type, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, first.Sequence);
        Assert.Equal("CONFIRMED", first.Status);
        Assert.NotNull(first.Organizer);
        Assert.Contains(first.Attendees, a => a.Value!.ToString().Contains(s.Partner.Email, StringComparison.OrdinalIgnoreCase));

        // Moved to another day and place: the same event is updated in calendars.
        var moved = await s.CoordinatorApi.PutAsJsonAsync(url, Schedule("2026-06-18", "14:30", "16:00", "Salle du conseil"));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(1, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        var (updateMethod, update, _) = LastInvitation(s.Partner.Email);
        Assert.Equal("REQUEST", updateMethod);
        Assert.Equal(first.Uid, update.Uid);
        Assert.True(update.Sequence > first.Sequence, "an update needs a higher SEQUENCE");
        Assert.Equal("Salle du conseil", update.Location);
        Assert.Equal(new DateTime(2026, 6, 18, 12, 30, 0, DateTimeKind.Utc), update.DtStart!.AsUtc); // 14:30 Paris, summer time

        // Saving the same schedule again changes nothing and sends nothing.
        var mails = factory.RawMailsTo(s.Partner.Email).Count;
        var same = await s.CoordinatorApi.PutAsJsonAsync(url, Schedule("2026-06-18", "14:30", "16:00", "Salle du conseil"));
        Assert.Equal(0, (await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        Assert.Equal(mails, factory.RawMailsTo(s.Partner.Email).Count);

        // Re-sending after the change is allowed and goes on with the sequence.
        Assert.Equal(HttpStatusCode.OK, (await s.CoordinatorApi.PostAsync($"{url}/convocation", null)).StatusCode);
        var (_, resent, _) = LastInvitation(s.Partner.Email);
        Assert.True(resent.Sequence > update.Sequence);

        var cancel = await s.CoordinatorApi.PostAsJsonAsync($"{url}/status", new { status = "cancelled" });
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        var (cancelMethod, cancelled, cancelType) = LastInvitation(s.Partner.Email);
        Assert.Equal("CANCEL", cancelMethod);
        Assert.Contains("method=CANCEL", cancelType, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(first.Uid, cancelled.Uid);
        Assert.True(cancelled.Sequence > resent.Sequence, "a cancellation needs a higher SEQUENCE");
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.NotNull(cancelled.Organizer);
        Assert.Contains(cancelled.Attendees, a => a.Value!.ToString().Contains(s.Partner.Email, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("Annulation", factory.RawMailsTo(s.Partner.Email).Last().Subject, StringComparison.Ordinal);

        // A cancelled meeting cannot be moved (French message naming the field).
        var refused = await s.CoordinatorApi.PutAsJsonAsync(url, Schedule("2026-06-19", "14:30", "16:00", "Salle du conseil"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("annulée", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelMeetingNeverConvened_SendsNothing_AndPartnerMayNotReschedule()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("plenary", "public");
        await s.SeatAsync(body, s.Partner.Id);
        var meeting = await s.MeetingAsync(body, "2026-06-16", "Plénière sans convocation");
        var url = $"{s.Base}/meetings/{meeting}";
        Assert.Equal(HttpStatusCode.Forbidden, (await s.PartnerApi.PutAsJsonAsync(url, Schedule("2026-06-18", "14:30", "16:00", "Ailleurs"))).StatusCode);
        var bad = await s.CoordinatorApi.PutAsJsonAsync(url, Schedule("2026-06-18", "16:30", "16:00", "Ailleurs"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("endTime", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PostAsJsonAsync($"{url}/status", new { status = "cancelled" })).StatusCode);
        Assert.Empty(factory.RawMailsTo(s.Partner.Email));
    }

    [Fact]
    public async Task PersonalFeed_IsPublishWithAnOrganizerOnEveryEvent()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("plenary", "public");
        await s.MeetingAsync(body, DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "Plénière du flux");
        var ics = await CalendarFeedTests.FeedAsync(factory, s.Coordinator);

        var calendar = Ical.Net.Calendar.Load(ics)!;
        Assert.Equal("PUBLISH", calendar.Method);
        var e = Assert.Single(calendar.Events, x => x.Summary == "Plénière du flux");
        Assert.NotNull(e.Organizer);
        Assert.All(calendar.Events, x => Assert.NotNull(x.Organizer));
        Assert.StartsWith("mailto:", e.Organizer!.Value!.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
