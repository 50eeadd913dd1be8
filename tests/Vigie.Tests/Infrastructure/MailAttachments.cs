using System.Text;
using System.Text.RegularExpressions;

namespace Vigie.Tests.Infrastructure;

public sealed record MailPart(string ContentType, string? FileName, byte[] Content)
{
    public string Text => Encoding.UTF8.GetString(Content);
}

public sealed record RawMail(string File, string Headers, IReadOnlyList<MailPart> Parts)
{
    public IEnumerable<MailPart> Attachments => Parts.Where(p => p.FileName is not null);
    public string TextBody => Parts.FirstOrDefault(p => p.FileName is null && p.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))?.Text ?? "";
    /// <summary>A header's value (unfolded), e.g. "To"; the subject with its RFC 2047 encoded words decoded.</summary>
    public string Header(string name) => MailAttachments.HeaderValue(Headers, name);
    public string Subject => Mailbox.DecodeWords(Header("Subject"));
}

/// <summary>Reads multipart .eml files of the pickup folder with their attachments (the .ics of a convocation, a PDF pack).</summary>
public static partial class MailAttachments
{
    public static IReadOnlyList<RawMail> RawMailsTo(this VigieFactory f, string address)
    {
        if (!Directory.Exists(f.MailFolder)) return [];
        return new DirectoryInfo(f.MailFolder).GetFiles("*.eml").OrderBy(file => file.LastWriteTimeUtc)
            .Select(file => (file, raw: File.ReadAllText(file.FullName)))
            .Where(x => Headers(x.raw).TryGetValue("To", out var to) && to.Contains(address, StringComparison.OrdinalIgnoreCase))
            .Select(x => Parse(x.file.FullName, x.raw)).ToList();
    }

    /// <summary>Every mail of the pickup folder, whoever it is addressed to.</summary>
    public static IReadOnlyList<RawMail> AllRawMails(this VigieFactory f) =>
        !Directory.Exists(f.MailFolder) ? [] : [.. new DirectoryInfo(f.MailFolder).GetFiles("*.eml").OrderBy(file => file.LastWriteTimeUtc)
            .Select(file => Parse(file.FullName, File.ReadAllText(file.FullName)))];

    internal static string HeaderValue(string headers, string name) => ParseHeaders(headers).GetValueOrDefault(name, "");

    public static RawMail Parse(string file, string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = Headers(raw);
        var body = raw[(split + 4)..];
        return new RawMail(file, raw[..split], Parts(headers, body));
    }

    private static List<MailPart> Parts(Dictionary<string, string> headers, string body)
    {
        var contentType = headers.GetValueOrDefault("Content-Type", "text/plain");
        var boundary = BoundaryRegex().Match(contentType);
        if (!contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) || !boundary.Success)
            return [new MailPart(contentType, FileName(headers), Decode(headers, body))];
        var marker = "--" + boundary.Groups[1].Value;
        var result = new List<MailPart>();
        foreach (var chunk in body.Split(marker).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal)) break;
            var part = chunk.TrimStart('\r', '\n');
            var end = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) continue;
            var partHeaders = ParseHeaders(part[..end]);
            result.AddRange(Parts(partHeaders, part[(end + 4)..]));
        }
        return result;
    }

    private static string? FileName(Dictionary<string, string> headers)
    {
        foreach (var key in new[] { "Content-Disposition", "Content-Type" })
            if (headers.TryGetValue(key, out var v) && NameRegex().Match(v) is { Success: true } m) return m.Groups[1].Value.Trim('"');
        return null;
    }

    private static byte[] Decode(Dictionary<string, string> headers, string body)
    {
        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit").ToLowerInvariant();
        var trimmed = body.TrimEnd('\r', '\n');
        return encoding switch
        {
            "base64" => Convert.FromBase64String(string.Concat(trimmed.Split("\r\n")).Trim()),
            "quoted-printable" => QuotedPrintable(trimmed),
            _ => Encoding.UTF8.GetBytes(trimmed),
        };
    }

    /// <summary>Quoted-printable (soft line breaks, =XX escapes) to bytes; also used by <see cref="Mailbox"/>.</summary>
    internal static byte[] QuotedPrintable(string text)
    {
        var joined = text.Replace("=\r\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
        }
        return [.. bytes];
    }

    private static Dictionary<string, string> Headers(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return ParseHeaders(split < 0 ? raw : raw[..split]);
    }

    private static Dictionary<string, string> ParseHeaders(string text) =>
        UnfoldRegex().Replace(text, " ").Split("\r\n")
            .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("\r\n[ \t]+")]
    private static partial Regex UnfoldRegex();

    [GeneratedRegex("boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryRegex();

    [GeneratedRegex("name=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex NameRegex();
}
