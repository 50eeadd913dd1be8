using System.Text.RegularExpressions;
using MimeKit;

namespace Vigie.Tests.Infrastructure;

public sealed record SentMail(string To, string Subject, string Body);

/// <summary>Reads the .eml files the app drops in the factory's pickup folder (parsed with MimeKit).</summary>
public static class Mailbox
{
    /// <summary>The mails sent to the address, after the outbox was sent (<see cref="VigieFactory.DrainOutbox"/>).</summary>
    public static IReadOnlyList<SentMail> MailsTo(this VigieFactory f, string address) =>
        [.. MailAttachments.Load(f.MailFolder, f)
            .Select(x => new SentMail(x.Message.To.ToString(), x.Message.Subject ?? "", x.Message.TextBody ?? x.Message.HtmlBody ?? ""))
            .Where(m => m.To.Contains(address, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The first link to the given path found in the body.</summary>
    public static string Link(this SentMail mail, string path)
    {
        var match = Regex.Match(mail.Body, "https?://[^\\s]+" + Regex.Escape(path) + "[^\\s]*");
        if (!match.Success) throw new InvalidOperationException($"Pas de lien vers {path} dans :\n{mail.Body}");
        return match.Value;
    }
}
