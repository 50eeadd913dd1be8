using System.Collections;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Data;

namespace Vigie.Tests.Documentation;

/// <summary>The OpenAPI document is whole: every reference resolves and no two payload types share a schema name.</summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
[Collection(AppCollection.Name)]
public sealed class OpenApiSchemaTests(VigieFactory factory)
{
    [Fact]
    public async Task EveryReference_ResolvesToASchema()
    {
        var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var schemas = json.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(p => p.Name).ToHashSet();
        var refs = new List<string>();
        CollectRefs(json, refs);
        Assert.NotEmpty(refs);
        const string prefix = "#/components/schemas/";
        var broken = refs.Distinct().Where(r => !r.StartsWith(prefix, StringComparison.Ordinal) || !schemas.Contains(r[prefix.Length..])).ToList();
        Assert.True(broken.Count == 0, "Références OpenAPI sans schéma : " + string.Join(", ", broken));
    }

    [Fact]
    public async Task PayloadTypes_MapToDistinctSchemaNames()
    {
        var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var schemas = json.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(p => p.Name).ToHashSet();
        var payloads = new HashSet<Type>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            foreach (var m in endpoint.Metadata.OfType<IProducesResponseTypeMetadata>()) Walk(m.Type, payloads);
            foreach (var m in endpoint.Metadata.OfType<IAcceptsMetadata>()) Walk(m.RequestType, payloads);
        }
        Assert.Contains(payloads, t => t.Name == "TerritoryDto");
        var clashes = payloads.GroupBy(t => t.Name).Where(g => g.Count() > 1)
            .Select(g => g.Key + " : " + string.Join(", ", g.Select(t => t.FullName))).ToList();
        Assert.True(clashes.Count == 0, "Types de l'API partageant un nom de schéma :\n" + string.Join("\n", clashes));
        // Each payload record is documented under its own name (none merged into, or renamed after, another).
        var missing = payloads.Where(t => !t.IsEnum && !schemas.Contains(t.Name)).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, "Types de l'API absents des schémas OpenAPI : " + string.Join(", ", missing));
    }

    private static void Walk(Type? type, HashSet<Type> seen)
    {
        if (type is null) return;
        if (Nullable.GetUnderlyingType(type) is { } inner) { Walk(inner, seen); return; }
        if (type.IsArray) { Walk(type.GetElementType(), seen); return; }
        if (type.IsGenericType) { foreach (var a in type.GetGenericArguments()) Walk(a, seen); return; }
        if (type.Assembly != typeof(AppDbContext).Assembly || typeof(IEnumerable).IsAssignableFrom(type) || !seen.Add(type)) return;
        foreach (var p in type.GetProperties()) Walk(p.PropertyType, seen);
    }

    private static void CollectRefs(JsonElement e, List<string> refs)
    {
        if (e.ValueKind == JsonValueKind.Object)
            foreach (var p in e.EnumerateObject())
                if (p.Name == "$ref" && p.Value.ValueKind == JsonValueKind.String) refs.Add(p.Value.GetString()!);
                else CollectRefs(p.Value, refs);
        else if (e.ValueKind == JsonValueKind.Array)
            foreach (var i in e.EnumerateArray()) CollectRefs(i, refs);
    }
}
