using System.Text;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using MimeKit;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Infrastructure;

/// <summary>The shape of the .eml files the mailer writes: 7-bit safe, French headers RFC 2047-encoded, invitations as calendar clients expect.</summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class MailFormatTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigie-mail-").FullName;

    private SmtpMailer Mailer() => new(Options.Create(new MailOptions { From = "vigie@example.org", FromName = "Vigie — Ville", PickupDirectory = _folder }),
        new HostingEnvironment { ContentRootPath = _folder });

    private string OnlyFile() => Assert.Single(Directory.GetFiles(_folder, "*.eml"));

    [Fact]
    public async Task Invitation_IsMultipartMixed_WithATextCalendarRequestPart_AndEncodedFrenchHeaders()
    {
        const string ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Plénière\r\nEND:VCALENDAR\r\n";
        await Mailer().SendAsync("elu@example.org", "Convocation : Plénière — 16/06/2026", "Bonjour,\nordre du jour : sécurité.",
            [new MailAttachment("invitation.ics", "text/calendar; method=REQUEST; charset=utf-8", Encoding.UTF8.GetBytes(ics))]);

        var raw = await File.ReadAllBytesAsync(OnlyFile());
        Assert.All(raw, b => Assert.True(b < 128, "the message must be 7-bit (encoded words, quoted-printable, base64)"));
        // CRLF line ends as on the wire (RFC 5322): every LF is preceded by CR.
        Assert.All(Enumerable.Range(0, raw.Length).Where(i => raw[i] == (byte)'\n'), i => Assert.True(i > 0 && raw[i - 1] == (byte)'\r', $"bare LF at byte {i}"));
        var text = Encoding.ASCII.GetString(raw);
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"^Subject: [^\r\n]*=\?utf-8\?[bq]\?", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.IgnoreCase), text);
        Assert.Contains("multipart/mixed", text, StringComparison.Ordinal);

        using var message = MimeMessage.Load(OnlyFile());
        Assert.Equal("Convocation : Plénière — 16/06/2026", message.Subject);
        Assert.Equal("Vigie — Ville", message.From.Mailboxes.Single().Name);
        Assert.Contains("ordre du jour : sécurité.", message.TextBody, StringComparison.Ordinal);
        var invitation = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("text/calendar", invitation.ContentType.MimeType);
        Assert.Equal("REQUEST", invitation.ContentType.Parameters["method"]);
        Assert.Equal("invitation.ics", invitation.FileName);
        using var content = new MemoryStream();
        invitation.Content!.DecodeTo(content);
        Assert.Equal(ics, Encoding.UTF8.GetString(content.ToArray()));
    }

    [Fact]
    public async Task HtmlBody_IsAnAlternativeToTheText()
    {
        await Mailer().SendAsync("a@example.org", "Réinitialisation", "Texte é", "<p>HTML é</p>");
        using var message = MimeMessage.Load(OnlyFile());
        Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal("Texte é", message.TextBody);
        Assert.Equal("<p>HTML é</p>", message.HtmlBody);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
