using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigie.Web.Features.Incidents;

/// <summary>A contract's incidents as a GeoJSON FeatureCollection (members' export and the map's data): points only, no description text.</summary>
public static class IncidentGeoJson
{
    public static string Write(IEnumerable<IncidentQueries.Row> rows, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var r in rows)
            {
                if (r.Latitude is not { } lat || r.Longitude is not { } lon) continue;
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
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
