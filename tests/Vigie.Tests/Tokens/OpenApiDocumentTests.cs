using System.Net;
using System.Text.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Tokens;

[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
[Collection(AppCollection.Name)]
public sealed class OpenApiDocumentTests(VigieFactory factory)
{
    private static readonly string[] ExpectedPaths =
    [
        "/api/v1/partner-types", "/api/v1/partners", "/api/v1/partners/{id}", "/api/v1/partners/{id}/archive", "/api/v1/partners/{id}/unarchive",
        "/api/v1/partners/{id}/contacts", "/api/v1/partners/{id}/contacts/{contactId}", "/api/v1/me", "/api/v1/me/tokens", "/api/v1/me/tokens/{id}",
    ];

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Document_DeclaresBearerSchemeAndListsPartnerAndMePaths()
    {
        var doc = await DocumentAsync();

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Contains("Jeton d'accès personnel", scheme.GetProperty("description").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.All(ExpectedPaths, p => Assert.Contains(p, paths));
        Assert.Contains(doc.GetProperty("tags").EnumerateArray(), t => t.GetProperty("name").GetString() == "Partenaires" && t.TryGetProperty("description", out _));
    }

    [Fact]
    public async Task Document_EveryPartnerAndMeOperation_HasSummarySecurityAnd401Problem()
    {
        var doc = await DocumentAsync();
        foreach (var path in ExpectedPaths)
            foreach (var operation in doc.GetProperty("paths").GetProperty(path).EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete"))
            {
                var where = $"{operation.Name.ToUpperInvariant()} {path}";
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.TryGetProperty("summary", out var s) ? s.GetString() : null), where + " sans résumé");
                Assert.True(operation.Value.GetProperty("security")[0].TryGetProperty("bearer", out _), where + " sans sécurité");
                var unauthorized = operation.Value.GetProperty("responses").GetProperty("401");
                Assert.True(unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _), where + " sans 401 ProblemDetails");
            }
    }

    [Fact]
    public async Task ApiHelpPage_IsPublicAndLinksToDocument()
    {
        var doc = await PageClient.Create(factory).GetDocumentAsync("/api");
        Assert.Equal("API de Vigie", doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(doc.QuerySelector("a[href='/openapi/v1.json']"));
        Assert.Contains("Authorization: Bearer", doc.QuerySelector("pre")!.TextContent);
    }
}
