using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Vigie.Tests.Api;

/// <summary>
/// Checks real HTTP answers against /openapi/v1.json with a JSON-schema validator (JsonSchema.Net, draft 2020-12 as in
/// OpenAPI 3.1): the operation exists, the status is documented, the media type is documented, and a JSON body
/// matches the documented schema. Used as a <see cref="DelegatingHandler"/> so that every call of a test is checked.
/// </summary>
public sealed class OpenApiResponseValidator : DelegatingHandler
{
    private readonly JsonObject _paths;
    private readonly JsonObject _defs;
    private readonly List<(Regex Pattern, string Template, int Literals)> _templates;
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public List<string> Failures { get; } = [];
    public HashSet<string> Covered { get; } = new(StringComparer.Ordinal);

    public OpenApiResponseValidator(string documentJson)
    {
        // Components become $defs so that "#/components/schemas/X" references resolve inside each response schema.
        var doc = JsonNode.Parse(documentJson.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!.AsObject();
        _paths = doc["paths"]!.AsObject();
        _defs = doc["components"]?["schemas"]?.AsObject() ?? [];
        _templates = _paths.Select(p => (
            new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^/]+?\}", "[^/]+") + "$"),
            p.Key,
            p.Key.Split('/').Count(s => !s.StartsWith('{')))).ToList();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = response.Content is null ? [] : await response.Content.ReadAsByteArrayAsync(cancellationToken);
        Check(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, response.Content?.Headers.ContentType, body);
        return response;
    }

    public void Check(string method, string path, int status, MediaTypeHeaderValue? contentType, byte[] body)
    {
        var where = $"{method} {path} → {status}";
        var template = _templates.Where(t => t.Pattern.IsMatch(path)).OrderByDescending(t => t.Literals).Select(t => t.Template).FirstOrDefault();
        if (template is null || _paths[template]?[method.ToLowerInvariant()] is not JsonObject operation)
        {
            Failures.Add(where + " : opération absente du document");
            return;
        }
        Covered.Add($"{method.ToUpperInvariant()} {template}");
        if (operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            Failures.Add($"{where} : statut non décrit pour {method.ToUpperInvariant()} {template}");
            return;
        }
        var content = response["content"] as JsonObject;
        if (body.Length == 0)
        {
            if (status != 204 && content is { Count: > 0 }) Failures.Add(where + " : corps vide alors qu'un contenu est décrit");
            return;
        }
        var mediaType = contentType?.MediaType;
        if (content is null || mediaType is null || !content.TryGetPropertyValue(mediaType, out var media))
        {
            Failures.Add($"{where} : type de contenu « {mediaType} » non décrit ({string.Join(", ", content?.Select(c => c.Key) ?? [])})");
            return;
        }
        if (!mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase)) return; // files: the media type is the contract
        if (media?["schema"] is not JsonNode schemaNode)
        {
            Failures.Add(where + " : JSON sans schéma décrit");
            return;
        }
        var schema = Schema(schemaNode);
        var result = schema.Evaluate(JsonNode.Parse(body), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = result.Details.Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}) : {e.Value}")).Take(8);
            Failures.Add($"{where} : le corps ne suit pas le schéma décrit\n    " + string.Join("\n    ", errors)
                + "\n    corps : " + System.Text.Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 400)]);
        }
    }

    private JsonSchema Schema(JsonNode schemaNode)
    {
        var key = schemaNode.ToJsonString();
        if (_schemas.TryGetValue(key, out var cached)) return cached;
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _defs.DeepClone(),
            ["allOf"] = new JsonArray(schemaNode.DeepClone()),
        };
        return _schemas[key] = JsonSchema.FromText(root.ToJsonString());
    }
}
