using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Vigie.Web.Features.Governance;

/// <summary>
/// Minutes are written in Markdown and shown as HTML. Safety comes from the renderer itself: raw HTML is
/// disabled (tags are shown as text), and every link, image and autolink whose URL is not http, https, mailto
/// or relative is dropped (its text kept) — no javascript:, data:, vbscript: or other scheme ever reaches an
/// href or a src; the Content-Security-Policy (no inline script) is the second layer. HtmlSanitizer is in the
/// package registry now; it is not added because no raw HTML ever reaches the output (MinutesMarkdownTests
/// cover the attack strings): add it as an extra pass if raw HTML is ever allowed in minutes.
/// </summary>
public static class MinutesMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    /// <summary>Renders minutes to HTML; headings are shifted by <paramref name="headingOffset"/> to fit under the page's own headings.</summary>
    public static string ToHtml(string? markdown, int headingOffset = 2)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
            heading.Level = Math.Min(6, heading.Level + headingOffset);
        Neutralise(document);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Plain text of the minutes (e-mails, iCalendar, PDF): no markup at all.</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, Pipeline).Trim();

    private static void Neutralise(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
            if (IsSafeUrl(url)) continue;
            if (link.IsImage)
            {
                link.ReplaceBy(new LiteralInline(AltText(link)));
                continue;
            }
            // Keep the link's text, drop the link.
            var container = new ContainerInline();
            while (link.FirstChild is { } child)
            {
                child.Remove();
                container.AppendChild(child);
            }
            link.ReplaceBy(container);
        }
        foreach (var auto in document.Descendants<AutolinkInline>().ToList())
            if (!IsSafeUrl(auto.Url)) auto.ReplaceBy(new LiteralInline(auto.Url));
    }

    private static string AltText(LinkInline image)
    {
        var parts = image.Descendants<LiteralInline>().Select(l => l.Content.ToString());
        return string.Concat(parts);
    }

    /// <summary>http, https, mailto or a relative URL; everything else (javascript:, data:, file:…) is unsafe.</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
        var compact = new string([.. url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return true;
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        if (firstDelimiter >= 0 && firstDelimiter < colon) return true; // "a/b:c" is a relative path
        var scheme = compact[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}
