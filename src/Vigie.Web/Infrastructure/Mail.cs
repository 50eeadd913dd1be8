using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Infrastructure;

public sealed class MailOptions
{
    public const string Section = "Mail";

    [Required, EmailAddress]
    public string From { get; set; } = "vigie@localhost";
    public string FromName { get; set; } = "Vigie";
    /// <summary>When set, messages are written as .eml files in this folder instead of sent (development, tests).</summary>
    public string? PickupDirectory { get; set; }
    public string? SmtpHost { get; set; }
    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;
    public bool SmtpSsl { get; set; } = true;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
}

/// <summary>A file sent with a message (an iCalendar invitation, a meeting pack PDF).</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

public interface IMailer
{
    Task SendAsync(string to, string subject, string textBody, string? htmlBody = null, CancellationToken ct = default);
    Task SendAsync(string to, string subject, string textBody, IReadOnlyList<MailAttachment> attachments, CancellationToken ct = default);
}

/// <summary>Sends through SMTP, or drops .eml files in a pickup folder (the only outside part tests replace).</summary>
public sealed class SmtpMailer(IOptions<MailOptions> options, IHostEnvironment env) : IMailer
{
    public Task SendAsync(string to, string subject, string textBody, string? htmlBody = null, CancellationToken ct = default) =>
        SendCoreAsync(to, subject, textBody, htmlBody, [], ct);

    public Task SendAsync(string to, string subject, string textBody, IReadOnlyList<MailAttachment> attachments, CancellationToken ct = default) =>
        SendCoreAsync(to, subject, textBody, null, attachments, ct);

    private async Task SendCoreAsync(string to, string subject, string textBody, string? htmlBody, IReadOnlyList<MailAttachment> attachments, CancellationToken ct)
    {
        var o = options.Value;
        using var message = new MailMessage { From = new MailAddress(o.From, o.FromName), Subject = subject, Body = textBody, BodyEncoding = System.Text.Encoding.UTF8, SubjectEncoding = System.Text.Encoding.UTF8 };
        message.To.Add(to);
        if (htmlBody is not null)
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(htmlBody, System.Text.Encoding.UTF8, "text/html"));
        foreach (var a in attachments)
        {
            // The stream is owned by the attachment, itself disposed with the message.
            var attachment = new Attachment(new MemoryStream(a.Content), a.FileName, a.ContentType);
            message.Attachments.Add(attachment);
        }

        using var client = new SmtpClient();
        if (!string.IsNullOrWhiteSpace(o.PickupDirectory))
        {
            var folder = Path.GetFullPath(o.PickupDirectory, env.ContentRootPath);
            Directory.CreateDirectory(folder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = folder;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(o.SmtpHost))
                throw new InvalidOperationException("Mail:SmtpHost ou Mail:PickupDirectory doit être configuré.");
            client.Host = o.SmtpHost;
            client.Port = o.SmtpPort;
            client.EnableSsl = o.SmtpSsl;
            if (!string.IsNullOrEmpty(o.SmtpUser)) client.Credentials = new NetworkCredential(o.SmtpUser, o.SmtpPassword);
        }
        await client.SendMailAsync(message, ct);
    }
}
