using System.Text;
using Vigie.Web.Features.Governance;

namespace Vigie.Tests.Governance;

/// <summary>The small RFC 5545 writer: CRLF, folding at 75 octets, TEXT escaping, UTC times, stable UID.</summary>
public sealed class ICalendarTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);

    private static string Write(string summary, string? description = null) =>
        ICalendar.Write([new CalendarEvent("meeting-1@vigie", 2, Start, Start.AddHours(2), summary, "Salle 1, mairie", description,
            Organizer: new CalendarPerson("Coordinatrice", "coord@mairie.test"), Attendees: [new CalendarPerson("Membre, Bailleur", "m@bailleur.test")])],
            new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), "REQUEST");

    [Fact]
    public void Write_Event_UsesCrlfAndUtcAndMethod()
    {
        var ics = Write("Cellule de veille");
        Assert.DoesNotContain("\n", ics.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nMETHOD:REQUEST\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTART:20260310T170000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nDTEND:20260310T190000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nUID:meeting-1@vigie\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nSEQUENCE:2\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("ORGANIZER;CN=\"Coordinatrice\":mailto:coord@mairie.test", ics, StringComparison.Ordinal);
        Assert.Contains("ATTENDEE;CN=\"Membre, Bailleur\";", Unfold(ics), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SpecialCharacters_AreEscaped()
    {
        var ics = Unfold(Write("a,b;c\\d", "ligne 1\nligne 2"));
        Assert.Contains("SUMMARY:a\\,b\\;c\\\\d\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("DESCRIPTION:ligne 1\\nligne 2\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("LOCATION:Salle 1\\, mairie\r\n", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LongLines_AreFoldedAt75OctetsWithoutSplittingCharacters()
    {
        var summary = string.Concat(Enumerable.Repeat("Sécurité éàü € ", 20));
        var ics = Write(summary);
        foreach (var line in ics.Split("\r\n"))
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"ligne de {Encoding.UTF8.GetByteCount(line)} octets : {line}");
        Assert.DoesNotContain('\uFFFD', ics);
        Assert.Contains("SUMMARY:" + ICalendar.Text(summary) + "\r\n", Unfold(ics), StringComparison.Ordinal);
    }

    private static string Unfold(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal);
}
