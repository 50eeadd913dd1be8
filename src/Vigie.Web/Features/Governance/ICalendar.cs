using System.Globalization;
using System.Text;

namespace Vigie.Web.Features.Governance;

public sealed record CalendarPerson(string Name, string Email);

public sealed record CalendarEvent(
    string Uid, int Sequence, DateTimeOffset Start, DateTimeOffset End, string Summary,
    string? Location = null, string? Description = null, bool Cancelled = false, string? Url = null,
    CalendarPerson? Organizer = null, IReadOnlyList<CalendarPerson>? Attendees = null);

/// <summary>
/// A small RFC 5545 writer: CRLF line ends, lines folded at 75 octets
/// without splitting a UTF-8 sequence, TEXT values escaped (backslash, semicolon, comma, newline),
/// times in UTC ("Z"), a stable UID per meeting so calendars update the event instead of duplicating it.
/// Ical.Net is in the package registry; this writer is kept because Vigie only writes events (never parses
/// calendars), the writer is short, and <c>ICalendarTests</c> pin its exact output (folding, escaping, METHOD,
/// SEQUENCE) that calendar clients were checked against. Move to Ical.Net if Vigie ever needs to read calendars
/// or recurrence rules.
/// </summary>
public static class ICalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(IEnumerable<CalendarEvent> events, DateTimeOffset stamp, string? method = null, string calendarName = "Vigie")
    {
        var sb = new StringBuilder();
        Line(sb, "BEGIN:VCALENDAR");
        Line(sb, "VERSION:2.0");
        Line(sb, "PRODID:-//Vigie//Gouvernance CLS//FR");
        Line(sb, "CALSCALE:GREGORIAN");
        if (method is not null) Line(sb, "METHOD:" + method);
        Line(sb, "X-WR-CALNAME:" + Text(calendarName));
        foreach (var e in events)
        {
            Line(sb, "BEGIN:VEVENT");
            Line(sb, "UID:" + e.Uid);
            Line(sb, "SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
            Line(sb, "DTSTAMP:" + Utc(stamp));
            Line(sb, "DTSTART:" + Utc(e.Start));
            Line(sb, "DTEND:" + Utc(e.End));
            Line(sb, "SUMMARY:" + Text(e.Summary));
            if (!string.IsNullOrWhiteSpace(e.Location)) Line(sb, "LOCATION:" + Text(e.Location));
            if (!string.IsNullOrWhiteSpace(e.Description)) Line(sb, "DESCRIPTION:" + Text(e.Description));
            if (e.Url is not null) Line(sb, "URL:" + e.Url);
            Line(sb, "STATUS:" + (e.Cancelled ? "CANCELLED" : "CONFIRMED"));
            if (e.Organizer is { } o) Line(sb, $"ORGANIZER;CN={Param(o.Name)}:mailto:{o.Email}");
            foreach (var a in e.Attendees ?? [])
                Line(sb, $"ATTENDEE;CN={Param(a.Name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{a.Email}");
            Line(sb, "END:VEVENT");
        }
        Line(sb, "END:VCALENDAR");
        return sb.ToString();
    }

    /// <summary>UTC date-time in the basic format (yyyyMMddTHHmmssZ).</summary>
    public static string Utc(DateTimeOffset d) => d.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping (RFC 5545 §3.3.11).</summary>
    public static string Text(string value)
    {
        var sb = new StringBuilder(value.Length);
        var normalised = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var c in normalised)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case ';': sb.Append("\\;"); break;
                case ',': sb.Append("\\,"); break;
                case '\n': sb.Append("\\n"); break;
                default:
                    if (!char.IsControl(c) || c == '\t') sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A parameter value: quoted, since names hold commas and colons; DQUOTE cannot appear inside.</summary>
    private static string Param(string value) => "\"" + new string([.. value.Where(c => c != '"' && !char.IsControl(c))]) + "\"";

    /// <summary>Appends one content line folded at 75 octets (continuation lines start with a space, which counts).</summary>
    public static void Line(StringBuilder sb, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 1;
            }
            sb.Append(rune.ToString());
            octets += size;
        }
        sb.Append("\r\n");
    }

    public static string Fold(string line)
    {
        var sb = new StringBuilder();
        Line(sb, line);
        return sb.ToString();
    }
}
