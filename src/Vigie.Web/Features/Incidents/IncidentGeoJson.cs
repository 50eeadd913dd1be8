using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// Incidents as a GeoJSON FeatureCollection, points only, no description text: the members' export and map data, and
/// the public map's data (public categories, coarse points). Both carry the properties the map script reads
/// (number, categoryName, statusLabel, overdue).
/// </summary>
public static class IncidentGeoJson
{
    public static string Write(IEnumerable<IncidentQueries.Row> rows, DateTimeOffset now) =>
        Write(rows, r => (r.Latitude, r.Longitude), (w, r) =>
        {
            w.WriteString("id", r.Id);
            w.WriteNumber("number", r.Number);
            w.WriteString("category", r.CategoryCode);
            w.WriteString("categoryName", r.CategoryName);
            w.WriteString("group", r.Group);
            w.WriteString("status", r.Status.ToString());
            w.WriteString("statusLabel", IncidentLabels.Status(r.Status));
            w.WriteString("pilot", r.PilotName);
            w.WriteString("area", r.AreaName);
            w.WriteString("address", r.Address);
            w.WriteString("reportedAt", r.ReportedAt.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
            w.WriteBoolean("overdue", r.IsOverdue(now));
        });

    /// <summary>The public map's data: number, category, open/closed and date, at the coarse point.</summary>
    public static string WritePublic(IEnumerable<Open311Service.PublicIncident> rows) =>
        Write(rows, r => (r.Latitude, r.Longitude), (w, r) =>
        {
            w.WriteNumber("number", r.Number);
            w.WriteString("category", r.Category.Code);
            w.WriteString("categoryName", r.Category.Name);
            w.WriteString("statusLabel", IncidentLabels.PublicStatus(r.Status));
            w.WriteString("reportedAt", Open311Service.Date(r.ReportedAt));
            w.WriteBoolean("overdue", false);
        });

    /// <summary>
    /// The members' map data: per point its number, category code, state and lateness; the names of the categories
    /// and states once, in the collection's <c>categories</c> and <c>statuses</c> members (about 150 bytes a point, the export about 460).
    /// </summary>
    public static string WriteMap(IEnumerable<IncidentQueries.MapPoint> points, IEnumerable<IncidentCategory> categories, DateTimeOffset now) =>
        Write(points, p => (Math.Round(p.Latitude, 6), Math.Round(p.Longitude, 6)), (w, p) =>
        {
            w.WriteNumber("number", p.Number);
            w.WriteString("category", p.CategoryCode);
            w.WriteString("status", p.Status.ToString());
            w.WriteBoolean("overdue", p.IsOverdue(now));
        }, w =>
        {
            w.WriteStartObject("categories");
            foreach (var c in categories) w.WriteString(c.Code, c.Name);
            w.WriteEndObject();
            w.WriteStartObject("statuses");
            foreach (var s in Enum.GetValues<IncidentStatus>()) w.WriteString(s.ToString(), IncidentLabels.Status(s));
            w.WriteEndObject();
        });

    private static string Write<T>(IEnumerable<T> rows, Func<T, (double? Latitude, double? Longitude)> point, Action<Utf8JsonWriter, T> properties,
        Action<Utf8JsonWriter>? members = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            members?.Invoke(w);
            w.WriteStartArray("features");
            foreach (var r in rows)
            {
                if (point(r) is not ({ } lat, { } lon)) continue;
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteStartObject("geometry");
                w.WriteString("type", "Point");
                w.WriteStartArray("coordinates");
                w.WriteNumberValue(lon);
                w.WriteNumberValue(lat);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject("properties");
                properties(w, r);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
