using System.Text.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Api;

/// <summary>
/// What a client generator and a linter need from /openapi/v1.json: for every /api/v1 operation a unique operationId,
/// a tag, a summary and a description, a documented success answer and the problem+json errors it can answer.
/// (References and schema names: <c>Documentation/OpenApiSchemaTests</c>.)
/// </summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
[Collection(AppCollection.Name)]
public sealed class OpenApiDocumentRulesTests(VigieFactory factory)
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement.Clone();

    private static IEnumerable<(string Where, string Path, string Method, JsonElement Operation)> Operations(JsonElement doc) =>
        from path in doc.GetProperty("paths").EnumerateObject()
        where path.Name.StartsWith("/api/v1/", StringComparison.Ordinal)
        from op in path.Value.EnumerateObject()
        where Methods.Contains(op.Name)
        select ($"{op.Name.ToUpperInvariant()} {path.Name}", path.Name, op.Name, op.Value);

    [Fact]
    public async Task EveryOperation_HasAUniqueOperationIdTagSummaryAndDescription()
    {
        var doc = await DocumentAsync();
        var operations = Operations(doc).ToList();
        Assert.True(operations.Count > 90, $"{operations.Count} opérations seulement");
        var problems = new List<string>();
        foreach (var (where, _, _, op) in operations)
        {
            if (Text(op, "operationId") is null) problems.Add(where + " : pas d'operationId");
            if (!op.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0) problems.Add(where + " : pas de tag");
            if (Text(op, "summary") is null) problems.Add(where + " : pas de résumé");
            if (Text(op, "description") is null) problems.Add(where + " : pas de description");
        }
        var duplicates = operations.GroupBy(o => Text(o.Operation, "operationId")).Where(g => g.Key is not null && g.Count() > 1)
            .Select(g => $"operationId « {g.Key} » : " + string.Join(", ", g.Select(o => o.Where)));
        problems.AddRange(duplicates);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var tagNames = doc.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => Text(t, "description"));
        Assert.All(tagNames, t => Assert.False(t.Value is null, $"tag « {t.Key} » sans description"));
    }

    [Fact]
    public async Task EveryOperation_DocumentsItsSuccessAndProblemJsonErrors()
    {
        var doc = await DocumentAsync();
        var problems = new List<string>();
        foreach (var (where, path, method, op) in Operations(doc))
        {
            var responses = op.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            var successes = responses.Keys.Where(k => k.StartsWith('2')).ToList();
            if (successes.Count == 0) problems.Add(where + " : aucune réponse 2xx");
            foreach (var code in successes.Where(c => c != "204"))
                if (!responses[code].TryGetProperty("content", out var content) || !content.EnumerateObject().Any(m => m.Value.TryGetProperty("schema", out _)))
                    problems.Add($"{where} : réponse {code} sans contenu décrit");
            var expected = new List<string> { "401", "403", "429" };
            if (path.Contains('{')) expected.Add("404");
            if (method != "get") expected.AddRange(["400", "409"]);
            foreach (var code in expected)
            {
                if (!responses.TryGetValue(code, out var error)) { problems.Add($"{where} : réponse {code} absente"); continue; }
                if (!error.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var media) || !media.TryGetProperty("schema", out _))
                    problems.Add($"{where} : réponse {code} sans application/problem+json");
            }
            foreach (var (code, response) in responses)
                if (Text(response, "description") is null) problems.Add($"{where} : réponse {code} sans description");
            if (responses.TryGetValue("429", out var tooMany) && !(tooMany.TryGetProperty("headers", out var headers) && headers.TryGetProperty("Retry-After", out _)))
                problems.Add(where + " : 429 sans en-tête Retry-After");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("/api/v1/contracts/{id}/plan/export", "text/csv")]
    [InlineData("/api/v1/contracts/{id}/plan/export", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("/api/v1/contracts/{id}/document", "application/pdf")]
    [InlineData("/api/v1/contracts/{id}/meetings/{meetingId}/packs/{kind}", "application/pdf")]
    public async Task FileAnswers_AreDocumentedWithTheirContentType(string path, string contentType)
    {
        var doc = await DocumentAsync();
        var ok = doc.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200");
        var media = ok.GetProperty("content").GetProperty(contentType);
        Assert.Equal("binary", media.GetProperty("schema").GetProperty("format").GetString());
    }

    [Fact]
    public async Task MeetingTimes_AreDocumentedAsLocalHoursAndMinutes_AndServersHaveNoTrailingSlash()
    {
        var doc = await DocumentAsync();
        var startTime = doc.GetProperty("components").GetProperty("schemas").GetProperty("MeetingInput").GetProperty("properties").GetProperty("startTime");
        Assert.False(startTime.TryGetProperty("format", out _), "startTime ne doit pas être « format: time » (qui exige un fuseau)");
        Assert.Matches(startTime.GetProperty("pattern").GetString()!, "14:30");
        Assert.DoesNotMatch(startTime.GetProperty("pattern").GetString()!, "14:30:00Z");
        if (doc.TryGetProperty("servers", out var servers))
            Assert.All(servers.EnumerateArray(), s => Assert.False(s.GetProperty("url").GetString()!.EndsWith('/'), "URL de serveur terminée par /"));
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;
}
