using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure.Pdf;

namespace Vigie.Tests.Reports;

/// <summary>
/// Every kind of PDF Vigie produces, read back with qpdf (Debian, installed by test.sh) — a parser nobody on the project
/// wrote: <c>qpdf --check</c> is clean (no damaged Flate stream), and its JSON dump of the final objects shows the PDF/UA
/// identifier in the XMP metadata, a /Scope on every table header cell of the structure tree, and the space kept at the
/// end of wrapped lines.
/// </summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
[Collection(AppCollection.Name)]
public sealed class PdfConformanceTests(VigieFactory factory)
{
    private const string LongName = "Taux de cambriolages de logement pour mille logements, moyenne des communes du département";

    private static byte[] Sample()
    {
        using var pdf = new PdfReport("Bilan du CLSPD", "Période du 01/01/2026 au 30/06/2026");
        pdf.Paragraph(string.Concat(Enumerable.Repeat("La médiation de nuit dans le quartier Belleville a réduit les regroupements bruyants. ", 6)))
            .KeyValues([("Pilote", "Ville de Lomme")])
            .ProgressBars("Avancement", [("Médiation", 40)])
            .Table("Indicateurs", ["Action", "Indicateur", "Valeur"], [["1.1", "Interventions", "87,5"]])
            .LineChart("Cambriolages", "Courbe de 2022 à 2024 : de 12 à 9 pour mille.", ["2022", "2023", "2024"],
                [new PdfChartSeries(LongName, [12, 10, 9]), new PdfChartSeries("France", [8, 8, 7])])
            .Source("Source : SSMSI, base communale.");
        return pdf.ToArray();
    }

    [Fact]
    public async Task TextRunningAcrossPageBreaks_IsWrittenAndStaysTagged()
    {
        // A paragraph, a source line and a list item each longer than a page: before the fix, turning the page inside
        // an open text element threw "Current renderer must be an XGraphicsPdfRenderer" (the diagnostic's version PDF).
        var sentence = "Les partenaires ont recensé les regroupements nocturnes aux abords des halls d'immeuble du quartier. ";
        byte[] bytes;
        using (var pdf = new PdfReport("Diagnostic local de sécurité", "Version 1"))
        {
            pdf.Paragraph(string.Concat(Enumerable.Repeat(sentence, 90)) + "Fin du constat.")
                .Source(string.Concat(Enumerable.Repeat("SSMSI, base communale, édition du 03/06/2025 ; ", 200)) + "fin des sources.")
                .Bullets([string.Concat(Enumerable.Repeat(sentence, 80)) + "Fin de la liste."]);
            bytes = pdf.ToArray();
        }
        var dump = await QpdfAsync(bytes);
        Assert.Equal("1", PdfUaPart(dump));
        var text = await PdfText.FlatAsync(bytes);
        Assert.Contains("Fin du constat.", text, StringComparison.Ordinal);
        Assert.Contains("fin des sources.", text, StringComparison.Ordinal);
        Assert.Contains("Fin de la liste.", text, StringComparison.Ordinal);
        Assert.True(Regex.Matches(text, "Page \\d+").Count >= 3, "the three long blocks should need at least three pages");
    }

    [Fact]
    public async Task Report_PassesQpdfCheck_WithPdfUaIdentifierScopesAndSpacesAtWraps()
    {
        var bytes = Sample();
        var dump = await QpdfAsync(bytes);

        Assert.Equal("1", PdfUaPart(dump));
        var headers = HeaderCells(dump);
        Assert.True(headers.Count >= 5, $"{headers.Count} header cells"); // 3 column headers, 1 key-value row header, 1 progress row header
        Assert.All(headers, scope => Assert.Contains(scope, new[] { "/Column", "/Row" }));
        Assert.Contains("/Column", headers);
        Assert.Contains("/Row", headers);
        Assert.True(LinesEndingWithSpace(dump) >= 2, "the wrapped paragraph's lines should end with the space the wrap replaced");

        var text = await PdfText.FlatAsync(bytes);
        Assert.Contains("Source : SSMSI", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Source : Source", text, StringComparison.Ordinal);
        Assert.Contains(LongName, text, StringComparison.Ordinal); // the chart legend is not cut
        Assert.Contains("quartier Belleville", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPdfKind_PassesQpdfCheck_AndIsPdfUaTagged()
    {
        var p = await factory.PlanFixtureAsync();
        var priority = await p.ItemAsync("priority", "Sécuriser l'espace public");
        var action = await p.ItemAsync("action", "Médiation de nuit", priority, new { problemObserved = "Regroupements nocturnes", progressOverride = 40 });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/commitments", new { organisationId = p.PartnerX.OrganisationId, what = "Deux médiateurs", progress = 40 });
        var reader = await PageClient.SignedInAsync(factory, p.Reader);

        var s = await factory.SetupAsync();
        await factory.WithDb(async db =>
        {
            (await db.Contracts.FindAsync(s.Contract.Id))!.IsPublished = true;
            return await db.SaveChangesAsync();
        });
        var plenary = await s.BodyAsync("plenary", "public");
        var meeting = await s.MeetingAsync(plenary, "2026-03-17", "Plénière de printemps", "public");
        var item = await s.AgendaItemAsync(meeting, "Bilan");
        await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes", new { agendaItemId = item, kind = "decision", text = "Créer une cellule de veille" });
        await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/status", new { status = "held" });

        var files = new Dictionary<string, Func<Task<HttpResponseMessage>>>
        {
            ["fiche action"] = () => reader.Http.GetAsync($"/contrats/{p.Contract.Id}/plan/elements/{action}?handler=pdf"),
            ["plan d'action"] = () => reader.Http.GetAsync($"/contrats/{p.Contract.Id}/plan?handler=pdf"),
            ["dossier préparatoire"] = () => s.CoordinatorApi.GetAsync($"{s.Base}/meetings/{meeting}/packs/before"),
            ["relevé des engagements"] = () => s.CoordinatorApi.GetAsync($"{s.Base}/meetings/{meeting}/packs/after"),
            ["bilan public"] = () => factory.CreateClient().GetAsync($"/public/contrats/{s.Contract.Id}/bilan?handler=Pdf&du=2026-01-01&au=2026-06-30"),
        };
        foreach (var (kind, get) in files)
        {
            var response = await get();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind}: {response.StatusCode}");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var dump = await QpdfAsync(bytes, kind);
            Assert.True(PdfUaPart(dump) == "1", $"{kind}: no PDF/UA identifier");
            Assert.All(HeaderCells(dump), scope => Assert.True(scope is "/Column" or "/Row", $"{kind}: header cell without /Scope"));
            Assert.DoesNotContain("Source : Source", await PdfText.FlatAsync(bytes), StringComparison.Ordinal);
        }
    }

    // ------------------------------------------------------------------ qpdf

    /// <summary>qpdf --check must succeed without warnings; returns qpdf's JSON dump (v2) of the objects, stream data inline.</summary>
    private static async Task<JsonElement> QpdfAsync(byte[] pdf, string kind = "sample")
    {
        var file = Path.Combine(Path.GetTempPath(), $"vigie-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var (checkCode, check) = await RunAsync("--check", file);
            Assert.True(checkCode == 0 && !check.Contains("WARNING", StringComparison.Ordinal), $"{kind}: qpdf --check: {check}");
            var (jsonCode, json) = await RunAsync("--json=2", "--json-stream-data=inline", "--decode-level=generalized", file);
            Assert.True(jsonCode == 0, $"{kind}: qpdf --json: {json}");
            return JsonDocument.Parse(json).RootElement;
        }
        finally { File.Delete(file); }
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("qpdf") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException("qpdf is required by this test: run ./test.sh, which installs it.", e); }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
    }

    private static JsonElement Objects(JsonElement dump) => dump.GetProperty("qpdf")[1];

    private static JsonElement Resolve(JsonElement dump, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || !Regex.IsMatch(value.GetString()!, @"^\d+ \d+ R$")) return value;
        var o = Objects(dump).GetProperty("obj:" + value.GetString()!);
        return o.TryGetProperty("value", out var v) ? v : o.GetProperty("stream").GetProperty("dict");
    }

    private static JsonElement Catalog(JsonElement dump) =>
        Resolve(dump, Objects(dump).GetProperty("trailer").GetProperty("value").GetProperty("/Root"));

    /// <summary>The pdfuaid:part of the catalog's XMP packet, parsed as XML.</summary>
    private static string? PdfUaPart(JsonElement dump)
    {
        var reference = Catalog(dump).GetProperty("/Metadata").GetString()!;
        var data = Objects(dump).GetProperty("obj:" + reference).GetProperty("stream").GetProperty("data").GetString()!;
        var xmp = XDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(data)).TrimStart('\uFEFF'));
        return xmp.Descendants(XName.Get("part", "http://www.aiim.org/pdfua/ns/id/")).SingleOrDefault()?.Value;
    }

    /// <summary>The /Scope of every TH element of the structure tree (null when absent).</summary>
    private static List<string?> HeaderCells(JsonElement dump)
    {
        var result = new List<string?>();
        var seen = new HashSet<string>();
        void Walk(JsonElement node)
        {
            if (node.ValueKind == JsonValueKind.String && node.GetString() is { } r && Regex.IsMatch(r, @"^\d+ \d+ R$"))
            {
                if (!seen.Add(r)) return;
                node = Resolve(dump, node);
            }
            if (node.ValueKind == JsonValueKind.Array) { foreach (var k in node.EnumerateArray()) Walk(k); return; }
            if (node.ValueKind != JsonValueKind.Object) return;
            if (node.TryGetProperty("/S", out var s) && s.GetString() == "/TH")
                result.Add(node.TryGetProperty("/A", out var a) ? Scope(Resolve(dump, a)) : null);
            if (node.TryGetProperty("/K", out var kids)) Walk(kids);
        }
        string? Scope(JsonElement a) => a.ValueKind switch
        {
            JsonValueKind.Object => a.TryGetProperty("/Scope", out var scope) ? scope.GetString() : null,
            JsonValueKind.Array => a.EnumerateArray().Select(x => Scope(Resolve(dump, x))).FirstOrDefault(x => x is not null),
            _ => null,
        };
        Walk(Catalog(dump).GetProperty("/StructTreeRoot"));
        return result;
    }

    /// <summary>
    /// How many shown strings (Tj) of the page content streams end with a space. The fonts are simple TrueType fonts in
    /// WinAnsiEncoding, so a shown string is a literal « (…) Tj » whose bytes are the characters.
    /// </summary>
    private static int LinesEndingWithSpace(JsonElement dump)
    {
        var count = 0;
        foreach (var o in Objects(dump).EnumerateObject().Where(o => o.Name.StartsWith("obj:", StringComparison.Ordinal)))
        {
            if (!o.Value.TryGetProperty("stream", out var stream) || !stream.TryGetProperty("data", out var data)) continue;
            var text = Encoding.Latin1.GetString(Convert.FromBase64String(data.GetString()!));
            count += Regex.Matches(text, @"\(((?:\\.|[^\\)])*)\)\s*Tj").Count(m => m.Groups[1].Value.EndsWith(' '));
        }
        return count;
    }
}
