using System.Net;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Governance;

/// <summary>
/// Moving a convened meeting from its page (issue 11, item 9): the members get the same event again (same UID) with a
/// higher SEQUENCE and the new time and place; an end before the start is refused in French and nothing changes.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MeetingSchedulePageTests(VigieFactory factory)
{
    [Fact]
    public async Task MoveFromThePage_SendsUpdatedInvitation_AndBadTimesAreRefusedInFrench()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("plenary", "public");
        await s.SeatAsync(body, s.Partner.Id);
        var meeting = await s.MeetingAsync(body, "2026-06-16", "Plénière de juin");
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/reunions/{meeting}";
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url + "?handler=Convene", [], formPageUrl: url)).StatusCode);
        var first = factory.RawMailsTo(s.Partner.Email).Last();
        Assert.Contains("SEQUENCE:0\r\n", Assert.Single(first.Attachments, a => a.FileName == "invitation.ics").Text, StringComparison.Ordinal);

        var form = await page.GetDocumentAsync(url);
        Assert.Contains("Déplacer la réunion ou changer son lieu", form.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Plénière de juin", form.QuerySelector("input[name='Schedule.Title']")?.GetAttribute("value"));
        Assert.Equal("2026-06-16", form.QuerySelector("input[name='Schedule.Date']")?.GetAttribute("value"));

        var bad = await page.PostFormAsync(url + "?handler=Schedule", new()
        {
            ["Schedule.Title"] = "Plénière de juin", ["Schedule.Date"] = "2026-06-18", ["Schedule.StartTime"] = "16:00",
            ["Schedule.EndTime"] = "15:00", ["Schedule.Place"] = "Salle du conseil",
        }, formPageUrl: url);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("L'heure de fin doit être postérieure à l'heure de début.", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Single(factory.RawMailsTo(s.Partner.Email));

        var moved = await page.PostFormAsync(url + "?handler=Schedule", new()
        {
            ["Schedule.Title"] = "Plénière de juin", ["Schedule.Date"] = "2026-06-18", ["Schedule.StartTime"] = "14:30",
            ["Schedule.EndTime"] = "16:00", ["Schedule.Place"] = "Salle du conseil",
        }, formPageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var update = factory.RawMailsTo(s.Partner.Email).Last();
        var ics = Assert.Single(update.Attachments, a => a.FileName == "invitation.ics").Text;
        Assert.Contains("METHOD:REQUEST\r\n", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:meeting-{meeting:N}@vigie\r\n", ics, StringComparison.Ordinal);
        var sequence = System.Text.RegularExpressions.Regex.Match(ics, @"SEQUENCE:(\d+)\r\n");
        Assert.True(sequence.Success && int.Parse(sequence.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, "an update needs a higher SEQUENCE");
        Assert.Contains("DTSTART:20260618T123000Z\r\n", ics, StringComparison.Ordinal); // 14:30 Paris, summer time
        Assert.Contains("Salle du conseil", ics.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
