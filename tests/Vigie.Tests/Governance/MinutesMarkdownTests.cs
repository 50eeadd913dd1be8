using AngleSharp.Html.Parser;
using Vigie.Web.Features.Governance;

namespace Vigie.Tests.Governance;

/// <summary>Minutes are Markdown rendered without raw HTML and without unsafe URL schemes: injection attempts come out inert.</summary>
public sealed class MinutesMarkdownTests
{
    private static readonly HtmlParser Parser = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Texte <img src=x onerror=alert(1)> suite")]
    [InlineData("<a href=\"javascript:alert(1)\">clic</a>")]
    [InlineData("[clic](javascript:alert(1))")]
    [InlineData("[clic](JaVaScRiPt:alert(1))")]
    [InlineData("[clic](java\tscript:alert(1))")]
    [InlineData("[clic](javascript&#58;alert(1))")]
    [InlineData("[clic][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("![image](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[lien](data:text/html,<script>alert(1)</script>)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<vbscript:msgbox(1)>")]
    [InlineData("<div onmouseover=\"alert(1)\">survol</div>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<iframe src=\"https://exemple.fr\"></iframe>")]
    public void Render_InjectionAttempt_ProducesNoActiveContent(string markdown)
    {
        var html = MinutesMarkdown.ToHtml(markdown);
        var doc = Parser.ParseDocument("<body>" + html + "</body>");

        Assert.Empty(doc.QuerySelectorAll("script, iframe, svg, object, embed, style, img[onerror], [onload], [onmouseover], [onerror]"));
        foreach (var element in doc.QuerySelectorAll("*"))
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"attribut {attribute.Name} dans {html}");
                if (attribute.Name is "href" or "src")
                    Assert.True(MinutesMarkdown.IsSafeUrl(attribute.Value), $"URL dangereuse {attribute.Value} dans {html}");
            }
        Assert.DoesNotContain("javascript:", string.Concat(doc.QuerySelectorAll("[href],[src]").Select(e => e.GetAttribute("href") + e.GetAttribute("src"))), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_RawHtml_IsShownAsText()
    {
        var html = MinutesMarkdown.ToHtml("<script>alert(1)</script>");
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnsafeLink_KeepsItsTextWithoutTheLink()
    {
        var doc = Parser.ParseDocument(MinutesMarkdown.ToHtml("Voir [le compte rendu](javascript:alert(1)) ici."));
        Assert.Empty(doc.QuerySelectorAll("a"));
        Assert.Contains("le compte rendu", doc.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SafeLinks_AreKept()
    {
        var doc = Parser.ParseDocument(MinutesMarkdown.ToHtml("[site](https://www.interieur.gouv.fr) [écrire](mailto:cls@mairie.fr) [page](/contrats) <https://exemple.fr>"));
        var hrefs = doc.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["https://www.interieur.gouv.fr", "mailto:cls@mairie.fr", "/contrats", "https://exemple.fr"], hrefs);
    }

    [Fact]
    public void Render_Headings_AreShiftedUnderThePageHeadings()
    {
        var doc = Parser.ParseDocument(MinutesMarkdown.ToHtml("# Décisions\n\n## Détail"));
        Assert.NotNull(doc.QuerySelector("h3"));
        Assert.NotNull(doc.QuerySelector("h4"));
        Assert.Null(doc.QuerySelector("h1"));
    }
}
