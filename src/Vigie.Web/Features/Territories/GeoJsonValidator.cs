using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigie.Web.Features.Territories;

public sealed record GeoJsonResult(string? Geometry, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Checks a sub-area's GeoJSON: a Polygon or MultiPolygon geometry (or a Feature / FeatureCollection
/// holding exactly one), WGS84 [longitude, latitude] positions, closed rings of at least 4 positions.
/// Returns the geometry alone, compacted, or a French message naming the problem.
/// </summary>
public static class GeoJsonValidator
{
    public const int MaxLength = 1024 * 1024;

    public static GeoJsonResult Validate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Fail("Le GeoJSON est vide.");
        if (Encoding.UTF8.GetByteCount(text) > MaxLength) return Fail("Le GeoJSON dépasse la taille maximale de 1 Mo.");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } l ? $" (ligne {l + 1}, position {e.BytePositionInLine + 1})" : "";
            return Fail($"Le GeoJSON n'est pas un JSON valide{where}.");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail("Le GeoJSON doit être un objet JSON avec une propriété « type ».");
            var type = TypeOf(root);
            JsonElement geometry;
            switch (type)
            {
                case "Polygon" or "MultiPolygon":
                    geometry = root;
                    break;
                case "Feature":
                    if (!root.TryGetProperty("geometry", out geometry) || geometry.ValueKind != JsonValueKind.Object)
                        return Fail("La Feature GeoJSON n'a pas de géométrie.");
                    break;
                case "FeatureCollection":
                    if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                        return Fail("La FeatureCollection GeoJSON n'a pas de tableau « features ».");
                    if (features.GetArrayLength() != 1)
                        return Fail($"La FeatureCollection GeoJSON doit contenir exactement une Feature (elle en contient {features.GetArrayLength()}).");
                    var feature = features[0];
                    if (feature.ValueKind != JsonValueKind.Object || TypeOf(feature) != "Feature"
                        || !feature.TryGetProperty("geometry", out geometry) || geometry.ValueKind != JsonValueKind.Object)
                        return Fail("La Feature de la FeatureCollection GeoJSON n'a pas de géométrie.");
                    break;
                case null:
                    return Fail("Le GeoJSON n'a pas de propriété « type ».");
                default:
                    return Fail($"Le type GeoJSON « {type} » n'est pas accepté : un Polygon ou un MultiPolygon est attendu.");
            }
            var geometryType = TypeOf(geometry);
            if (geometryType is not ("Polygon" or "MultiPolygon"))
                return Fail($"La géométrie GeoJSON est de type « {geometryType ?? "inconnu"} » : un Polygon ou un MultiPolygon est attendu.");
            if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
                return Fail("La géométrie GeoJSON n'a pas de tableau « coordinates ».");

            var error = geometryType == "Polygon" ? CheckPolygon(coordinates, "") : CheckMultiPolygon(coordinates);
            if (error is not null) return Fail(error);
            return new GeoJsonResult(Compact(geometryType, coordinates), null);
        }
    }

    private static string? CheckMultiPolygon(JsonElement polygons)
    {
        if (polygons.GetArrayLength() == 0) return "Le MultiPolygon GeoJSON ne contient aucun polygone.";
        var i = 0;
        foreach (var polygon in polygons.EnumerateArray())
        {
            i++;
            if (polygon.ValueKind != JsonValueKind.Array) return $"Le polygone {i} du MultiPolygon GeoJSON n'est pas un tableau d'anneaux.";
            var error = CheckPolygon(polygon, $" {i}");
            if (error is not null) return error;
        }
        return null;
    }

    private static string? CheckPolygon(JsonElement rings, string which)
    {
        if (rings.GetArrayLength() == 0) return $"Le polygone GeoJSON{which} ne contient aucun anneau.";
        var r = 0;
        foreach (var ring in rings.EnumerateArray())
        {
            r++;
            if (ring.ValueKind != JsonValueKind.Array) return $"L'anneau {r} du polygone GeoJSON{which} n'est pas un tableau de positions.";
            var count = ring.GetArrayLength();
            if (count < 4) return $"L'anneau {r} du polygone GeoJSON{which} a {count} position(s) : au moins 4 sont nécessaires (le premier point répété à la fin).";
            var p = 0;
            foreach (var position in ring.EnumerateArray())
            {
                p++;
                var error = CheckPosition(position, $"position {p} de l'anneau {r} du polygone{which}");
                if (error is not null) return error;
            }
            var first = ring[0];
            var last = ring[count - 1];
            if (first[0].GetDouble() != last[0].GetDouble() || first[1].GetDouble() != last[1].GetDouble())
                return $"Le polygone GeoJSON n'est pas fermé : le dernier point de l'anneau {r}{(which.Length > 0 ? " du polygone" + which : "")} ({Format(last)}) doit répéter le premier ({Format(first)}).";
        }
        return null;
    }

    private static string? CheckPosition(JsonElement position, string where)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() is < 2 or > 3
            || position.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            return $"GeoJSON : la {where} doit être un tableau [longitude, latitude] de nombres.";
        var lon = position[0].GetDouble();
        var lat = position[1].GetDouble();
        if (lon is < -180 or > 180) return $"GeoJSON : la longitude de la {where} ({lon.ToString(CultureInfo.InvariantCulture)}) doit être comprise entre -180 et 180.";
        if (lat is < -90 or > 90) return $"GeoJSON : la latitude de la {where} ({lat.ToString(CultureInfo.InvariantCulture)}) doit être comprise entre -90 et 90 (l'ordre attendu est [longitude, latitude]).";
        return null;
    }

    private static string Format(JsonElement position) =>
        $"[{position[0].GetRawText()}, {position[1].GetRawText()}]";

    private static string? TypeOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    private static string Compact(string type, JsonElement coordinates)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("coordinates");
            coordinates.WriteTo(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static GeoJsonResult Fail(string message) => new(null, message);
}
