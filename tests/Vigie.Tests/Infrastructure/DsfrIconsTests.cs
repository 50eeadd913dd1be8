using System.Net;
using System.Text.RegularExpressions;

namespace Vigie.Tests.Infrastructure;

/// <summary>
/// Issue 16, cold start: only the DSFR icons Vigie shows are copied into wwwroot (Frontend.targets). All 1 038 made
/// 6 234 of the 6 392 static-asset endpoints, each parsed from the manifest, mapped and compiled into the route table
/// at every start. These tests fail when a page uses an <c>fr-icon-*</c> class, or the shipped DSFR stylesheet points
/// at an icon, that the list leaves out (the icon would be a 404), and when the pruning is undone.
/// </summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
[Collection(AppCollection.Name)]
public sealed partial class DsfrIconsTests(VigieFactory factory)
{
    private static readonly string Web = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Vigie.Web");

    [GeneratedRegex(@"fr-icon-([a-z0-9]+(?:-[a-z0-9]+)*)")]
    private static partial Regex IconClass();

    [GeneratedRegex(@"url\(icons/([a-z0-9-]+/[a-z0-9-]+)\.svg\)")]
    private static partial Regex CssIcon();

    [GeneratedRegex(@"icons/\*\*/([a-z0-9-]+)\.svg")]
    private static partial Regex ListedIcon();

    private static HashSet<string> Listed() =>
        ListedIcon().Matches(File.ReadAllText(Path.Combine(Web, "Frontend.targets"))).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Sources() =>
        new[] { "*.cshtml", "*.cs", "*.js" }.SelectMany(p => Directory.EnumerateFiles(Web, p, SearchOption.AllDirectories))
            .Where(f => !new[] { "bin", "obj", "node_modules", "lib" }.Any(d => f.Contains($"{Path.DirectorySeparatorChar}{d}{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));

    [Fact]
    public void EveryIconClassUsedInSrc_AndEveryIconOfTheDsfrStylesheet_IsCopied()
    {
        var listed = Listed();
        var used = Sources().SelectMany(f => IconClass().Matches(File.ReadAllText(f)).Select(m => (Icon: m.Groups[1].Value, File: Path.GetRelativePath(Web, f))))
            .ToList();
        Assert.True(used.Count >= 10, $"Only {used.Count} fr-icon-* classes found in src/: the pattern no longer matches the sources.");
        var css = File.ReadAllText(Path.Combine(Web, "wwwroot", "lib", "dsfr", "dsfr.min.css"));
        var builtIn = CssIcon().Matches(css).Select(m => m.Groups[1].Value.Split('/')[1]).Distinct().ToList();
        Assert.True(builtIn.Count > 20, $"Only {builtIn.Count} icons referenced by dsfr.min.css: the pattern no longer matches.");

        var missing = used.Where(u => !listed.Contains(u.Icon)).Select(u => $"fr-icon-{u.Icon} ({u.File})")
            .Concat(builtIn.Where(i => !listed.Contains(i)).Select(i => $"{i} (dsfr.min.css)")).Distinct().ToList();
        Assert.True(missing.Count == 0,
            "Icônes DSFR utilisées mais non copiées : ajoutez « $(VigieDsfrDist)icons/**/NOM.svg » dans src/Vigie.Web/Frontend.targets :\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task ListedIconsAreServed_OthersAreNotStaticEndpoints()
    {
        var http = PageClient.Create(factory).Http;
        // Referenced by dsfr.min.css (url(icons/arrows/arrow-down-s-line.svg), relative to /lib/dsfr/).
        var listed = await http.GetAsync("/lib/dsfr/icons/arrows/arrow-down-s-line.svg");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("image/svg+xml", listed.Content.Headers.ContentType?.MediaType);
        // An icon no page uses: no longer one of the app's static endpoints.
        Assert.DoesNotContain("bug-line", Listed());
        var unused = await http.GetAsync("/lib/dsfr/icons/development/bug-line.svg");
        Assert.Equal(HttpStatusCode.NotFound, unused.StatusCode);
    }
}
