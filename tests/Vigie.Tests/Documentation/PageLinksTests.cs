using System.Text.RegularExpressions;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Documentation;

/// <summary>
/// Links to our own pages name the page (<c>asp-page="/Governance/Meeting"</c>, <c>RedirectToPage</c>, <c>Url.Page</c>,
/// <c>LinkGenerator.GetPathByPage</c>, <c>PublicLinks.ToPage</c>) instead of repeating its French URL, so that the URL
/// lives only in the page's <c>@page</c> directive. These tests read the sources: a page name that does not exist, or a
/// literal URL of one of our pages, fails here rather than as a broken link in production.
/// </summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed partial class PageLinksTests
{
    private static readonly string Web = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Vigie.Web");
    private static readonly string Features = Path.Combine(Web, "Features");

    /// <summary>Page name ("/Governance/Meeting") → route template, from every .cshtml with an @page directive.</summary>
    internal static Dictionary<string, string> Pages() =>
        Directory.EnumerateFiles(Features, "*.cshtml", SearchOption.AllDirectories)
            .Select(f => (File: f, Match: PageDirective().Match(File.ReadLines(f).FirstOrDefault() ?? "")))
            .Where(x => x.Match.Success)
            .ToDictionary(x => "/" + Path.GetRelativePath(Features, x.File)[..^".cshtml".Length].Replace('\\', '/'), x => x.Match.Groups[1].Value, StringComparer.Ordinal);

    private static IEnumerable<string> Sources(params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Web, p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Where(string file, string text, int index) =>
        $"{Path.GetRelativePath(Web, file)}:{text[..index].Count(c => c == '\n') + 1}";

    [Fact]
    public void EveryPageNameUsedInALink_IsAnExistingRazorPage()
    {
        var pages = Pages();
        Assert.Contains("/Governance/Meeting", pages.Keys);
        var used = new List<(string Name, string Where)>();
        foreach (var file in Sources("*.cshtml", "*.cs"))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in AspPage().Matches(text)) used.Add((m.Groups[1].Value, Where(file, text, m.Index)));
            foreach (Match m in PageNameArgument().Matches(text)) used.Add((m.Groups[1].Value, Where(file, text, m.Index)));
        }
        // The scan must see the links this rule is about, or it proves nothing.
        Assert.True(used.Count > 200, $"Only {used.Count} page links found: the patterns no longer match the sources.");
        var wrong = used.Where(u => !pages.ContainsKey(u.Name)).Select(u => $"{u.Where} : « {u.Name} »").ToList();
        Assert.True(wrong.Count == 0,
            "Noms de pages inconnus (un nom de page est absolu, « /Dossier/Page », et désigne un .cshtml avec @page) :\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void NoLiteralUrlOfOurPages_InRazorOrRedirects()
    {
        // The first literal segment of every page route: "contrats", "partenaires", "compte", "api"…, plus "/" itself.
        var firstSegments = Pages().Values.Select(t => t.TrimStart('/').Split('/')[0]).Where(s => s.Length > 0 && !s.StartsWith('{')).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("contrats", firstSegments);
        var found = new List<string>();
        foreach (var file in Sources("*.cshtml"))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LiteralHref().Matches(text))
            {
                var path = m.Groups[2].Value;
                if (path.StartsWith("/api/", StringComparison.Ordinal)) continue; // API endpoints, not pages
                var first = path.TrimStart('/').Split('/', '?', '#', '"')[0];
                if (path == "/" || path.StartsWith("/\"", StringComparison.Ordinal) || firstSegments.Contains(first))
                    found.Add($"{Where(file, text, m.Index)} : {m.Value}");
            }
            // C# inside Razor (breadcrumbs, back links): "/contrats/…" or $"/contrats/{id}" string literals.
            foreach (Match m in LiteralPath().Matches(text))
                if (firstSegments.Contains(m.Groups[1].Value) && !text[..m.Index].EndsWith("@page ", StringComparison.Ordinal))
                    found.Add($"{Where(file, text, m.Index)} : {m.Value}");
        }
        foreach (var file in Sources("*.cs"))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LiteralRedirect().Matches(text)) found.Add($"{Where(file, text, m.Index)} : {m.Value}");
        }
        Assert.True(found.Count == 0,
            "URL de nos pages écrites en dur : en Razor utilisez asp-page/asp-route-*, en C# RedirectToPage/Url.Page/PublicLinks.ToPage :\n" + string.Join("\n", found));
    }

    [Fact]
    public void TheLiteralUrlScan_RecognisesWhatItForbids()
    {
        Assert.Matches(LiteralHref(), "<a href=\"/contrats/@c.Id\">");
        Assert.Matches(LiteralHref(), "<form action=\"/partenaires\" method=\"get\">");
        Assert.DoesNotMatch(LiteralHref(), "<a asp-page=\"/Contracts/Details\" asp-route-id=\"@c.Id\">");
        Assert.Matches(LiteralRedirect(), "return Redirect($\"/contrats/{id}\");");
        Assert.Matches(LiteralRedirect(), "return Redirect(\"/compte/jetons\");");
        Assert.Equal("contrats", LiteralPath().Match("new Crumb(\"Contrats\", $\"/contrats/{c.Id}\")").Groups[1].Value);
        Assert.DoesNotMatch(LiteralPath(), "<partial name=\"/Features/ActionPlan/_Progress.cshtml\" />");
        Assert.Matches(PageNameArgument(), "RedirectToPage(\"/Contracts/Details\", new { id })");
        Assert.Matches(PageNameArgument(), "paths.GetPathByPage(\"/Governance/Meeting\", values: x)");
        Assert.Matches(PageNameArgument(), "links.ToPage(\"/Audit/Journal\")");
    }

    [GeneratedRegex("""^@page\s+"([^"]*)"\s*$""")]
    private static partial Regex PageDirective();

    [GeneratedRegex(@"\basp-page=""([^""]*)""")]
    private static partial Regex AspPage();

    /// <summary>A page name passed as a string literal to the page-link APIs (optionally after an HttpContext argument).</summary>
    [GeneratedRegex(@"\b(?:RedirectToPage|RedirectToPagePermanent|Url\.Page|GetPathByPage|GetUriByPage|ToPage|PagePath)\(\s*(?:\w+,\s*)?""([^""]*)""")]
    private static partial Regex PageNameArgument();

    [GeneratedRegex(@"\b(href|action|formaction)=""(/[^""]*)""")]
    private static partial Regex LiteralHref();

    [GeneratedRegex(@"(?<![=\w])\$?@?""/([a-z][\w-]*)")]
    private static partial Regex LiteralPath();

    [GeneratedRegex("""\bRedirect(?:Permanent)?\(\$?@?"/""")]
    private static partial Regex LiteralRedirect();
}
