using System.Text;
using MimeKit;

namespace Vigie.Tests.Infrastructure;

/// <summary>One leaf part of a mail: its content type (media type and parameters), file name if an attachment, decoded bytes.</summary>
public sealed record MailPart(string ContentType, string? FileName, byte[] Content)
{
    public string Text => Encoding.UTF8.GetString(Content);
}

public sealed record RawMail(string File, string Headers, IReadOnlyList<MailPart> Parts, string Subject, IReadOnlyDictionary<string, string> HeaderValues)
{
    public IEnumerable<MailPart> Attachments => Parts.Where(p => p.FileName is not null);
    public string TextBody => Parts.FirstOrDefault(p => p.FileName is null && p.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))?.Text ?? "";
    /// <summary>A header's decoded value, e.g. "To"; empty when absent.</summary>
    public string Header(string name) => HeaderValues.GetValueOrDefault(name, "");
}

/// <summary>Reads multipart .eml files of the pickup folder with their attachments (the .ics of a convocation, a PDF pack), with MimeKit's parser.</summary>
public static class MailAttachments
{
    public static IReadOnlyList<RawMail> RawMailsTo(this VigieFactory f, string address) =>
        [.. Load(f.MailFolder, f).Where(x => x.Message.To.ToString().Contains(address, StringComparison.OrdinalIgnoreCase)).Select(x => ToRaw(x.File, x.Message))];

    /// <summary>Every mail of the pickup folder, whoever it is addressed to.</summary>
    public static IReadOnlyList<RawMail> AllRawMails(this VigieFactory f) => [.. Load(f.MailFolder, f).Select(x => ToRaw(x.File, x.Message))];

    /// <summary>The messages of the factory's pickup folder once its outbox is sent, oldest first.</summary>
    internal static IEnumerable<(string File, MimeMessage Message)> Load(string folder, VigieFactory f)
    {
        f.DrainOutbox();
        return Load(folder);
    }

    /// <summary>The messages of a pickup folder, oldest first.</summary>
    internal static IEnumerable<(string File, MimeMessage Message)> Load(string folder) =>
        !Directory.Exists(folder) ? [] : new DirectoryInfo(folder).GetFiles("*.eml").OrderBy(file => file.LastWriteTimeUtc).ThenBy(file => file.Name)
            .Select(file => (file.FullName, MimeMessage.Load(file.FullName)));

    private static RawMail ToRaw(string file, MimeMessage message)
    {
        var parts = message.BodyParts.OfType<MimePart>().Select(p => new MailPart(TypeOf(p.ContentType), p.FileName, Decode(p))).ToList();
        var values = message.Headers.GroupBy(h => h.Field, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value.Trim(), StringComparer.OrdinalIgnoreCase);
        var headers = string.Join("\r\n", message.Headers.Select(h => $"{h.Field}: {h.Value.Trim()}"));
        return new RawMail(file, headers, parts, message.Subject ?? "", values);
    }

    private static string TypeOf(ContentType type) =>
        string.Join("; ", [type.MimeType, .. type.Parameters.Select(p => $"{p.Name}={p.Value}")]);

    private static byte[] Decode(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content?.DecodeTo(stream);
        return stream.ToArray();
    }
}
