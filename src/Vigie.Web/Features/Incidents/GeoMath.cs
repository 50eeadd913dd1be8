using System.Text.Json;

namespace Vigie.Web.Features.Incidents;

/// <summary>A WGS84 point.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude);

/// <summary>
/// A Polygon or MultiPolygon read from GeoJSON (the geometry <c>GeoJsonValidator</c> stores for sub-areas and
/// routing zones, or a commune boundary): point-in-polygon by ray casting, holes honoured.
/// </summary>
public sealed class GeoShape
{
    private readonly List<List<(double X, double Y)[]>> _polygons;
    private readonly (double MinX, double MinY, double MaxX, double MaxY) _box;

    private GeoShape(List<List<(double X, double Y)[]>> polygons)
    {
        _polygons = polygons;
        var all = polygons.SelectMany(p => p).SelectMany(r => r).ToList();
        _box = all.Count == 0 ? (0, 0, -1, -1) : (all.Min(p => p.X), all.Min(p => p.Y), all.Max(p => p.X), all.Max(p => p.Y));
    }

    /// <summary>Null when the text is not a Polygon/MultiPolygon geometry.</summary>
    public static GeoShape? Parse(string? geoJson)
    {
        if (string.IsNullOrWhiteSpace(geoJson)) return null;
        try
        {
            using var doc = JsonDocument.Parse(geoJson);
            return FromGeometry(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static GeoShape? FromGeometry(JsonElement geometry)
    {
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var type)
            || !geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array) return null;
        var polygons = new List<List<(double, double)[]>>();
        switch (type.GetString())
        {
            case "Polygon":
                polygons.Add(Rings(coordinates));
                break;
            case "MultiPolygon":
                foreach (var p in coordinates.EnumerateArray()) polygons.Add(Rings(p));
                break;
            default:
                return null;
        }
        return new GeoShape(polygons);
    }

    private static List<(double, double)[]> Rings(JsonElement polygon) =>
        polygon.EnumerateArray().Select(r => r.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray()).ToList();

    public bool Contains(GeoPoint point)
    {
        var (x, y) = (point.Longitude, point.Latitude);
        if (x < _box.MinX || x > _box.MaxX || y < _box.MinY || y > _box.MaxY) return false;
        foreach (var rings in _polygons)
        {
            if (rings.Count == 0 || !InRing(rings[0], x, y)) continue;
            if (!rings.Skip(1).Any(hole => InRing(hole, x, y))) return true;
        }
        return false;
    }

    private static bool InRing((double X, double Y)[] ring, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (xi, yi) = ring[i];
            var (xj, yj) = ring[j];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
        }
        return inside;
    }
}

public static class GeoMath
{
    private const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Great-circle distance in metres (haversine).</summary>
    public static double DistanceMetres(GeoPoint a, GeoPoint b)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(b.Latitude - a.Latitude);
        var dLon = Rad(b.Longitude - a.Longitude);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>A latitude/longitude box that contains every point within <paramref name="metres"/> of the centre (for an index prefilter).</summary>
    public static (double MinLat, double MaxLat, double MinLon, double MaxLon) Box(GeoPoint centre, double metres)
    {
        var dLat = metres / 111_000.0 * 1.01;
        var dLon = dLat / Math.Max(0.01, Math.Cos(centre.Latitude * Math.PI / 180));
        return (centre.Latitude - dLat, centre.Latitude + dLat, centre.Longitude - dLon, centre.Longitude + dLon);
    }
}
