using System.ComponentModel.DataAnnotations;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Vigie.Web.Infrastructure;

public sealed class MailOptions
{
    public const string Section = "Mail";

    [Required(ErrorMessage = "Mail:From must be set."), EmailAddress(ErrorMessage = "Mail:From must be an e-mail address.")]
    public string From { get; set; } = "vigie@localhost";
    public string FromName { get; set; } = "Vigie";
    /// <summary>When set, messages are written as .eml files in this folder instead of sent (development, tests).</summary>
    public string? PickupDirectory { get; set; }
    public string? SmtpHost { get; set; }
    [Range(1, 65535, ErrorMessage = "Mail:SmtpPort must be between {1} and {2}.")]
    public int SmtpPort { get; set; } = 587;
    /// <summary>TLS: implicit on port 465, STARTTLS (required) on any other port.</summary>
    public bool SmtpSsl { get; set; } = true;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>Start-up check beyond the data annotations: somewhere to deliver to, and a pickup folder that can be written.</summary>
    internal sealed class Validator(IHostEnvironment env) : IValidateOptions<MailOptions>
    {
        public ValidateOptionsResult Validate(string? name, MailOptions o)
        {
            if (string.IsNullOrWhiteSpace(o.PickupDirectory))
                return string.IsNullOrWhiteSpace(o.SmtpHost)
                    ? ValidateOptionsResult.Fail("Mail:SmtpHost or Mail:PickupDirectory must be set (nowhere to deliver mail).")
                    : ValidateOptionsResult.Success;
            var folder = Path.GetFullPath(o.PickupDirectory, env.ContentRootPath);
            try
            {
                Directory.CreateDirectory(folder);
                var probe = Path.Combine(folder, $".probe-{Guid.NewGuid():N}");
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                return ValidateOptionsResult.Fail($"Mail:PickupDirectory '{folder}' cannot be created or written: {e.Message}");
            }
            return ValidateOptionsResult.Success;
        }
    }
}

/// <summary>A file sent with a message (an iCalendar invitation, a meeting pack PDF).</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

public interface IMailer
{
    Task SendAsync(string to, string subject, string textBody, string? htmlBody = null, CancellationToken ct = default);
    Task SendAsync(string to, string subject, string textBody, IReadOnlyList<MailAttachment> attachments, CancellationToken ct = default);
}

/// <summary>
/// The transport behind the outbox (<c>OutboxSender</c>); <see cref="IMailer"/> itself is <c>OutboxMailer</c>.
/// Builds messages with MimeKit and sends them with MailKit's SMTP client, or drops .eml files in a pickup folder
/// (development, tests: the only outside part tests replace). Shape: text/plain alone; multipart/alternative when
/// there is an HTML body; multipart/mixed with base64 attachments (an invitation keeps its
/// <c>text/calendar; method=REQUEST</c> type, which calendar clients look for). Headers are RFC 2047-encoded by MimeKit.
/// </summary>
public sealed class SmtpMailer(IOptions<MailOptions> options, IHostEnvironment env) : IMailer
{
    public Task SendAsync(string to, string subject, string textBody, string? htmlBody = null, CancellationToken ct = default) =>
        SendCoreAsync(Build(to, subject, textBody, htmlBody, []), ct);

    private static readonly FormatOptions PickupFormat = new() { NewLineFormat = NewLineFormat.Dos };

    public Task SendAsync(string to, string subject, string textBody, IReadOnlyList<MailAttachment> attachments, CancellationToken ct = default) =>
        SendCoreAsync(Build(to, subject, textBody, null, attachments), ct);

    internal MimeMessage Build(string to, string subject, string textBody, string? htmlBody, IReadOnlyList<MailAttachment> attachments)
    {
        var o = options.Value;
        var message = new MimeMessage { Subject = subject };
        message.From.Add(new MailboxAddress(o.FromName, o.From));
        message.To.Add(MailboxAddress.Parse(to));

        MimeEntity body = Text("plain", textBody);
        if (htmlBody is not null) body = new MultipartAlternative { body, Text("html", htmlBody) };
        if (attachments.Count > 0)
        {
            var mixed = new Multipart("mixed") { body };
            foreach (var a in attachments)
            {
                var type = ContentType.Parse(a.ContentType);
                type.Name = a.FileName;
                mixed.Add(new MimePart(type)
                {
                    Content = new MimeContent(new MemoryStream(a.Content, writable: false)),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = a.FileName },
                    ContentTransferEncoding = ContentEncoding.Base64,
                });
            }
            body = mixed;
        }
        message.Body = body;
        return message;
    }

    private static TextPart Text(string subtype, string text)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(System.Text.Encoding.UTF8, text);
        return part;
    }

    /// <summary>Delivers a message composed earlier (the outbox's stored MIME bytes) to the pickup folder or the SMTP server.</summary>
    public Task DeliverAsync(byte[] mime, CancellationToken ct) => SendCoreAsync(MimeMessage.Load(new MemoryStream(mime, writable: false), ct), ct);

    /// <summary>The message as bytes, to be stored (outbox) and delivered later by <see cref="DeliverAsync"/>.</summary>
    internal static byte[] Serialize(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(PickupFormat, buffer);
        return buffer.ToArray();
    }

    private async Task SendCoreAsync(MimeMessage message, CancellationToken ct)
    {
        using (message)
        {
            var o = options.Value;
            if (!string.IsNullOrWhiteSpace(o.PickupDirectory))
            {
                var folder = Path.GetFullPath(o.PickupDirectory, env.ContentRootPath);
                Directory.CreateDirectory(folder);
                // Written under a temporary name then renamed, so a reader of the folder never sees half a message.
                var name = Guid.NewGuid().ToString("N");
                var temp = Path.Combine(folder, name + ".tmp");
                // CRLF line ends, as on the wire (RFC 5322) and as the pickup-folder readers (mail servers, clients) expect.
                await message.WriteToAsync(PickupFormat, temp, ct);
                File.Move(temp, Path.Combine(folder, name + ".eml"));
                return;
            }
            if (string.IsNullOrWhiteSpace(o.SmtpHost))
                throw new InvalidOperationException("Mail:SmtpHost or Mail:PickupDirectory must be set.");
            using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = 30_000 };
            var security = !o.SmtpSsl ? SecureSocketOptions.None : o.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(o.SmtpHost, o.SmtpPort, security, ct);
            if (!string.IsNullOrEmpty(o.SmtpUser)) await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
    }
}
