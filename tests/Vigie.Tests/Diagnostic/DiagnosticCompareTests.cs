using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Observatory;
using Vigie.Web.Features.Diagnostic;

namespace Vigie.Tests.Diagnostic;

/// <summary>
/// Comparing two versions (issue 12 §5): the figures that changed with a newer SSMSI edition, the texts that changed word by
/// word, the findings added; a version against the live document; members only, another contract's diagnostic is a 404.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DiagnosticCompareTests(VigieFactory factory)
{
    [Fact]
    public void WordDiff_KeepsTheUnchangedWords_AndMarksDeletedAndInsertedOnes()
    {
        var pieces = DiagnosticCompare.Words("Les cambriolages augmentent dans le quartier Nord.", "Les cambriolages baissent nettement dans le quartier Nord.");
        Assert.Equal("Les cambriolages augmentent dans le quartier Nord.", string.Concat(pieces.Where(p => p.Change != "Inserted").Select(p => p.Text)));
        Assert.Equal("Les cambriolages baissent nettement dans le quartier Nord.", string.Concat(pieces.Where(p => p.Change != "Deleted").Select(p => p.Text)));
        Assert.Equal("augmentent", Assert.Single(pieces, p => p.Change == "Deleted").Text.Trim());
        Assert.Equal("baissent nettement", Assert.Single(pieces, p => p.Change == "Inserted").Text.Trim());
        Assert.DoesNotContain(DiagnosticCompare.Words("Même texte.", "Même texte."), p => p.Change != "Same");
    }

    [Fact]
    public async Task TwoVersions_FiguresOfANewerEdition_TextsWordByWord_FindingsAdded_PageAndApi()
    {
        var s = await factory.DiagnosticSetupAsync();
        var code = await factory.WithDb(db => db.ContractTerritories.Where(t => t.ContractId == s.Contract.Id).Select(t => t.Territory!.Code).SingleAsync());
        // Dated before every other test's editions, so that no other "latest edition" changes.
        var older = new DateOnly(2018, 1, 10).AddDays(int.Parse(code[2..], System.Globalization.CultureInfo.InvariantCulture) % 300);
        await factory.ImportSsmsiAsync(SsmsiTestKit.TempFile("compare-older.csv", DiagnosticFreezeTests.Extract(code, 1)), older);
        var id = await s.CreateDiagnosticAsync();
        var d = await s.DiagnosticAsync(id);
        var territory = DiagnosticKit.Section(d, "Territory");
        var prevention = DiagnosticKit.Section(d, "Axis");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.WriteAsync(s, id, territory, "Les cambriolages augmentent dans le quartier Nord.")).StatusCode);
        var count = d.GetProperty("figures")[0].GetProperty("rows")[0].GetProperty("count").GetInt64();

        // Nothing frozen yet: nothing to compare.
        Assert.Equal(HttpStatusCode.NotFound, (await s.ReaderApi.GetAsync($"{s.Base}/diagnostics/{id}/comparison")).StatusCode);
        await s.FreezeAsync(id);
        var same = await PlanTestKit.JsonAsync(await s.ReaderApi.GetAsync($"{s.Base}/diagnostics/{id}/comparison"));
        Assert.True(same.GetProperty("identical").GetBoolean());

        await factory.ImportSsmsiAsync(SsmsiTestKit.TempFile("compare-newer.csv", DiagnosticFreezeTests.Extract(code, 2)), older.AddDays(30));
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.WriteAsync(s, id, territory, "Les cambriolages baissent nettement dans le quartier Nord.")).StatusCode);
        await s.CoordinatorApi.CreateAsyncOk($"{s.Base}/diagnostics/{id}/findings", new { sectionId = prevention, text = "Les halls sont occupés le soir." });
        await s.FreezeAsync(id);

        var c = await PlanTestKit.JsonAsync(await s.ReaderApi.GetAsync($"{s.Base}/diagnostics/{id}/comparison?from=1&to=2"));
        Assert.False(c.GetProperty("identical").GetBoolean());
        Assert.Equal([older.ToString("yyyy-MM-dd")], c.GetProperty("editionsBefore").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal([older.AddDays(30).ToString("yyyy-MM-dd")], c.GetProperty("editionsAfter").EnumerateArray().Select(x => x.GetString()));
        var first = c.GetProperty("figures")[0];
        Assert.Equal(count, first.GetProperty("countBefore").GetInt64());
        Assert.Equal(count * 2, first.GetProperty("countAfter").GetInt64());
        var text = c.GetProperty("sections").EnumerateArray().Single(x => x.GetProperty("change").GetString() == "Changed" && x.GetProperty("title").GetString() == "Territoire et population");
        var pieces = text.GetProperty("pieces").EnumerateArray().Select(p => (p.GetProperty("change").GetString(), p.GetProperty("text").GetString()!.Trim())).ToList();
        Assert.Contains(("Deleted", "augmentent"), pieces);
        Assert.Contains(("Inserted", "baissent nettement"), pieces);
        Assert.Equal(["Les halls sont occupés le soir."], c.GetProperty("findingsAdded").EnumerateArray().Select(x => x.GetString()));

        // The page (a reader), and the outsider refused.
        var page = await (await PageClient.SignedInAsync(factory, s.Reader)).GetDocumentAsync($"/contrats/{s.Contract.Id}/diagnostic/{id}/comparer?de=1&vers=2");
        Assert.Contains("augmentent", page.QuerySelector(".comparaison-texte del")!.TextContent);
        Assert.Contains("baissent nettement", page.QuerySelector(".comparaison-texte ins")!.TextContent);
        Assert.Contains((count * 2).ToString("#,##0", Vigie.Web.Infrastructure.Culture.French), page.QuerySelector("#comparaison-chiffres")!.TextContent);
        var outsider = await PageClient.SignedInAsync(factory, s.Outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/contrats/{s.Contract.Id}/diagnostic/{id}/comparer?de=1&vers=2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.ReaderApi.GetAsync($"{s.Base}/diagnostics/{id}/comparison?from=1&to=9")).StatusCode);
    }
}
