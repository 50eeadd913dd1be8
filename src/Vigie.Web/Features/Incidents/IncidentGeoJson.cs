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

    private static string Write<T>(IEnumerable<T> rows, Func<T, (double? Latitude, double? Longitude)> point, Action<Utf8JsonWriter, T> properties)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
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
