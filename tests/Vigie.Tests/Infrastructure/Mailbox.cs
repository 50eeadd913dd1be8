using System.Text;
using System.Text.RegularExpressions;

namespace Vigie.Tests.Infrastructure;

public sealed record SentMail(string To, string Subject, string Body);

/// <summary>Reads the .eml files the app drops in the factory's pickup folder (SmtpClient pickup format).</summary>
public static partial class Mailbox
{
    public static IReadOnlyList<SentMail> MailsTo(this VigieFactory f, string address)
    {
        if (!Directory.Exists(f.MailFolder)) return [];
        return new DirectoryInfo(f.MailFolder).GetFiles("*.eml")
            .OrderBy(file => file.LastWriteTimeUtc)
            .Select(file => Parse(File.ReadAllText(file.FullName)))
            .Where(m => m.To.Contains(address, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>The first link to the given path found in the body.</summary>
    public static string Link(this SentMail mail, string path)
    {
        var match = Regex.Match(mail.Body, "https?://[^\\s]+" + Regex.Escape(path) + "[^\\s]*");
        if (!match.Success) throw new InvalidOperationException($"Pas de lien vers {path} dans :\n{mail.Body}");
        return match.Value;
    }

    private static SentMail Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerText = raw[..split];
        var body = raw[(split + 4)..];
        var headers = UnfoldRegex().Replace(headerText, " ").Split("\r\n")
            .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit").ToLowerInvariant();
        var decoded = encoding switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n")).Trim())),
            "quoted-printable" => QuotedPrintable(body),
            _ => body,
        };
        return new SentMail(headers.GetValueOrDefault("To", ""), DecodeWords(headers.GetValueOrDefault("Subject", "")), decoded);
    }

    private static string QuotedPrintable(string text) => Encoding.UTF8.GetString(MailAttachments.QuotedPrintable(text));

    // RFC 2047 §6.2: whitespace between two adjacent encoded words is not part of the text (long subjects are split).
    internal static string DecodeWords(string header) =>
        EncodedWordRegex().Replace(AdjacentEncodedWordsRegex().Replace(header, "?==?"), m => m.Groups[1].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[2].Value))
            : QuotedPrintable(m.Groups[2].Value.Replace('_', ' ')));

    [GeneratedRegex("\r\n[ \t]+")]
    private static partial Regex UnfoldRegex();

    [GeneratedRegex("\\?=[ \t]+=\\?")]
    private static partial Regex AdjacentEncodedWordsRegex();

    [GeneratedRegex("=\\?utf-8\\?([BQ])\\?([^?]*)\\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWordRegex();
}
