using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Governance;

[Collection(AppCollection.Name)]
public sealed class ConvocationTests(VigieFactory factory)
{
    [Fact]
    public async Task Convene_SendsEachMemberAnEmailWithAnIcsInvitation_AndRecordsIt()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("plenary", "public");
        await s.SeatAsync(body, s.Partner.Id);
        await s.SeatAsync(body, s.Reader.Id);
        var meeting = await s.MeetingAsync(body, "2026-06-16", "Plénière, bilan semestriel");
        await s.AgendaItemAsync(meeting, "Bilan; perspectives");

        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/reunions/{meeting}";
        var post = await page.PostFormAsync(url + "?handler=Convene", [], formPageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);

        var mail = Assert.Single(factory.RawMailsTo(s.Partner.Email));
        Assert.Single(factory.RawMailsTo(s.Reader.Email));
        Assert.Contains("Plénière, bilan semestriel", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("1. Bilan; perspectives", mail.TextBody, StringComparison.Ordinal);
        var ics = Assert.Single(mail.Attachments, a => a.FileName == "invitation.ics");
        Assert.StartsWith("text/calendar", ics.ContentType, StringComparison.OrdinalIgnoreCase);
        var text = ics.Text;
        Assert.Contains("METHOD:REQUEST\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20260616T160000Z\r\n", text, StringComparison.Ordinal); // 18:00 Paris, summer time
        Assert.Contains($"UID:meeting-{meeting:N}@vigie\r\n", text, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:0\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"mailto:{s.Partner.Email}", text.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Plénière\\, bilan semestriel", text, StringComparison.Ordinal);

        var detail = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/meetings/{meeting}");
        Assert.Equal("convened", detail.GetProperty("meeting").GetProperty("status").GetString());
        var html = await page.Http.GetStringAsync(url);
        Assert.Contains("Renvoyer la convocation", html, StringComparison.Ordinal);

        // A second convocation updates the same event: same UID, next SEQUENCE.
        await s.CoordinatorApi.PostAsync($"{s.Base}/meetings/{meeting}/convocation", null);
        var second = factory.RawMailsTo(s.Partner.Email).Last().Attachments.Single().Text;
        Assert.Contains("SEQUENCE:1\r\n", second, StringComparison.Ordinal);
        Assert.Contains($"UID:meeting-{meeting:N}@vigie\r\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convene_BodyWithoutMembers_ExplainsWhyInFrench()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync();
        var meeting = await s.MeetingAsync(body);
        var response = await s.CoordinatorApi.PostAsync($"{s.Base}/meetings/{meeting}/convocation", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Aucun membre actuel", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
