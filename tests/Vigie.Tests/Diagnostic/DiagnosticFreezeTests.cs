using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Observatory;
using Vigie.Web.Domain;

namespace Vigie.Tests.Diagnostic;

/// <summary>
/// Freezing (issue 12 §5): a frozen version keeps its figures when a newer SSMSI edition is imported, while the live document
/// reads the new edition; the version's SHA-256 is the hash of what it stores; its PDF reads back with its own edition.
/// The editions are built from the real Paris extract (Paris 13e's rows, under a fictitious commune's code), dated before
/// the real editions so that no other test's "latest edition" changes.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DiagnosticFreezeTests(VigieFactory factory)
{
    private static readonly Lazy<string[]> Paris13Rows = new(() =>
        [.. File.ReadLines(SsmsiTestKit.Paris).Where(l => l.StartsWith("75113,", StringComparison.Ordinal))]);

    /// <summary>The real 75113 rows under <paramref name="code"/>, counts multiplied by <paramref name="factor"/>.</summary>
    internal static string Extract(string code, int factor)
    {
        var header = File.ReadLines(SsmsiTestKit.Paris).First();
        var sb = new StringBuilder(header).Append('\n');
        foreach (var line in Paris13Rows.Value)
        {
            var cells = line.Split(',');
            cells[0] = code;
            if (double.TryParse(cells[4], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n))
                cells[4] = (n * factor).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            sb.Append(string.Join(',', cells)).Append('\n');
        }
        return sb.ToString();
    }

    private static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonElement FirstRow(JsonElement figures) => figures[0].GetProperty("rows")[0];

    [Fact]
    public async Task FrozenVersion_KeepsItsFigures_WhenANewerEditionIsImported_AndTheLiveDocumentMovesOn()
    {
        var s = await factory.DiagnosticSetupAsync();
        var code = await factory.WithDb(db => db.ContractTerritories.Where(t => t.ContractId == s.Contract.Id).Select(t => t.Territory!.Code).SingleAsync());
        var older = new DateOnly(2019, 1, 10).AddDays(int.Parse(code[2..], System.Globalization.CultureInfo.InvariantCulture) % 300);
        var newer = older.AddDays(30);
        await factory.ImportSsmsiAsync(SsmsiTestKit.TempFile("older.csv", Extract(code, 1)), older);
        var id = await s.CreateDiagnosticAsync();
        var live = await s.DiagnosticAsync(id);
        var before = FirstRow(live.GetProperty("figures"));
        var countBefore = before.GetProperty("count").GetInt64();
        Assert.True(countBefore > 0);

        var v1 = await s.FreezeAsync(id);
        await factory.ImportSsmsiAsync(SsmsiTestKit.TempFile("newer.csv", Extract(code, 2)), newer);

        var liveAfter = (await s.DiagnosticAsync(id)).GetProperty("figures");
        Assert.Equal(countBefore * 2, FirstRow(liveAfter).GetProperty("count").GetInt64());
        Assert.Equal(newer.ToString("yyyy-MM-dd"), liveAfter[0].GetProperty("edition").GetString());

        var frozen = await PlanTestKit.JsonAsync(await s.ReaderApi.GetAsync($"{s.Base}/diagnostics/{id}/versions/1"));
        var frozenFigures = frozen.GetProperty("content").GetProperty("figures");
        Assert.Equal(countBefore, FirstRow(frozenFigures).GetProperty("count").GetInt64());
        Assert.Equal(older.ToString("yyyy-MM-dd"), frozenFigures[0].GetProperty("edition").GetString());
        Assert.Equal(v1.GetProperty("sha256").GetString(), frozen.GetProperty("sha256").GetString());

        // The hash is the SHA-256 of the stored content: recomputed independently here.
        var stored = await factory.WithDb(db => db.DiagnosticVersions.Where(v => v.DiagnosticId == id && v.Number == 1).Select(v => new { v.Content, v.Sha256 }).SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(stored.Content))), stored.Sha256);

        // Version 2 starts from live data.
        var v2 = await s.FreezeAsync(id);
        Assert.Equal(2, v2.GetProperty("number").GetInt32());
        Assert.NotEqual(v1.GetProperty("sha256").GetString(), v2.GetProperty("sha256").GetString());

        // The PDF of version 1 names its own edition, not the newer one.
        var pdf = await s.ReaderApi.GetAsync($"{s.Base}/diagnostics/{id}/versions/1/pdf");
        Assert.True(pdf.IsSuccessStatusCode, await pdf.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = await PdfText.FlatAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("édition du " + Day(older), text);
        Assert.DoesNotContain("édition du " + Day(newer), text);
        Assert.Contains(v1.GetProperty("sha256").GetString()!, text.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));

        // The version page shows the frozen figures too.
        var page = await (await PageClient.SignedInAsync(factory, s.Reader)).GetDocumentAsync($"/contrats/{s.Contract.Id}/diagnostic/{id}/versions/1");
        Assert.Equal(v1.GetProperty("sha256").GetString(), page.QuerySelector("#empreinte")!.TextContent);
        Assert.Contains("édition du " + Day(older), page.QuerySelector("table.diagnostic-figures caption")!.TextContent);
    }
}
