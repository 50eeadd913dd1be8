using System.Net;
using System.Text.Json;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Observatory;
using Vigie.Web.Domain;

namespace Vigie.Tests.Diagnostic;

/// <summary>
/// The draft in one click (issue 12 §4): Paris 13e's figures from the real SSMSI extract with Paris (the département) and France
/// beside them, indicators above the national average flagged, sources with their editions, and the same content (hence the
/// same SHA-256) for the same inputs.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DiagnosticDraftTests(VigieFactory factory)
{
    private async Task<JsonElement> DraftAsync(HttpClient api, string level, string code)
    {
        var r = await api.GetAsync($"/api/v1/diagnostic-drafts?level={level}&code={code}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await PlanTestKit.JsonAsync(r);
    }

    [Fact]
    public async Task Paris13Draft_ShowsParisAndFranceBeside_FlagsAboveNational_AndNamesTheEdition()
    {
        await factory.EnsureGeographyAsync();
        await factory.EnsureSsmsiAsync();
        var api = await factory.ApiClientAsync(await factory.UserAsync());

        var draft = await DraftAsync(api, "arrondissement", "75113");

        var content = draft.GetProperty("content");
        var table = content.GetProperty("figures")[0];
        Assert.Equal("75113", table.GetProperty("code").GetString());
        Assert.Equal("Paris", table.GetProperty("departementName").GetString());
        Assert.Equal("2025-06-04", table.GetProperty("edition").GetString());
        Assert.Contains("édition du 04/06/2025", table.GetProperty("source").GetString());
        var rows = table.GetProperty("rows").EnumerateArray().ToList();
        Assert.True(rows.Count > 6, $"{rows.Count} indicateurs");
        foreach (var row in rows)
        {
            Assert.NotEqual(JsonValueKind.Null, row.GetProperty("franceRate").ValueKind);
            Assert.NotEqual(JsonValueKind.Null, row.GetProperty("departementRate").ValueKind);
            var rate = row.GetProperty("rate");
            var expected = rate.ValueKind == JsonValueKind.Number && rate.GetDecimal() > row.GetProperty("franceRate").GetDecimal() && !row.GetProperty("withheld").GetBoolean();
            // Rates are rounded to 2 decimals for display: the flag comes from the unrounded comparison, equal when they differ by more.
            if (rate.ValueKind == JsonValueKind.Number && Math.Abs(rate.GetDecimal() - row.GetProperty("franceRate").GetDecimal()) > 0.01m)
                Assert.Equal(expected, row.GetProperty("aboveNational").GetBoolean());
        }
        Assert.Contains(rows, r => r.GetProperty("aboveNational").GetBoolean());
        var delinquency = content.GetProperty("sections").EnumerateArray().Single(x => x.GetProperty("kind").GetString() == "Delinquency").GetProperty("body").GetString()!;
        Assert.Contains("Indicateurs au-dessus de la moyenne nationale", delinquency);
        Assert.Contains("France :", delinquency);
        Assert.Contains(content.GetProperty("sources").EnumerateArray(), x => x.GetProperty("edition").GetString() == "édition du 04/06/2025");
        Assert.Equal(4, content.GetProperty("sections").EnumerateArray().Count(x => x.GetProperty("kind").GetString() == "Axis"));

        // The page: the same draft, Paris and France in the table's header, the flag, the hash.
        var page = await (await PageClient.SignedInAsync(factory, await factory.UserAsync())).GetDocumentAsync("/diagnostic/brouillon?niveau=arrondissement&code=75113");
        var headers = page.QuerySelector("table.diagnostic-figures thead")!.TextContent;
        Assert.Contains("Paris", headers);
        Assert.Contains("France", headers);
        Assert.Contains("au-dessus de la moyenne nationale", page.QuerySelector("table.diagnostic-figures tbody")!.TextContent);
        Assert.Equal(draft.GetProperty("sha256").GetString(), page.QuerySelector("#empreinte")!.TextContent);
    }

    [Fact]
    public async Task SameInputs_GiveTheSameContentAndHash_ForACommuneAndAnEpci()
    {
        await factory.EnsureGeographyAsync();
        await factory.EnsureSsmsiAsync();
        var api = await factory.ApiClientAsync(await factory.UserAsync());

        foreach (var (level, code) in new[] { ("arrondissement", "75113"), ("epci", "200093201"), ("commune", "59350") })
        {
            var first = await DraftAsync(api, level, code);
            var second = await DraftAsync(api, level, code);
            Assert.Equal(first.GetProperty("content").GetRawText(), second.GetProperty("content").GetRawText());
            var hash = first.GetProperty("sha256").GetString()!;
            Assert.Matches("^[0-9a-f]{64}$", hash);
            Assert.Equal(hash, second.GetProperty("sha256").GetString());
        }
        // Different inputs, different hash.
        Assert.NotEqual((await DraftAsync(api, "arrondissement", "75113")).GetProperty("sha256").GetString(),
            (await DraftAsync(api, "arrondissement", "75112")).GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task UnknownLevel_Is400NamingTheField_UnknownCode_Is404()
    {
        await factory.EnsureGeographyAsync();
        var api = await factory.ApiClientAsync(await factory.UserAsync());

        var bad = await api.GetAsync("/api/v1/diagnostic-drafts?level=quartier&code=75113");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await PlanTestKit.JsonAsync(bad);
        Assert.Contains("inconnu", problem.GetProperty("errors").GetProperty("level")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/diagnostic-drafts?level=commune&code=99999")).StatusCode);

        var page = await (await PageClient.SignedInAsync(factory, await factory.UserAsync())).GetDocumentAsync("/diagnostic/brouillon?niveau=commune&code=99999");
        Assert.Contains("Aucun territoire de ce niveau ne porte le code « 99999 »", page.QuerySelector("#code-erreur")!.TextContent);
    }
}
