using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Times of day in the API's JSON: Europe/Paris local time written "HH:mm" and read as "HH:mm" or "HH:mm:ss",
/// never with an offset ("14:30:00Z" is refused with a French message naming the field). The OpenAPI document
/// describes the same format (<see cref="ApiDocumentation.TimePattern"/>).
/// </summary>
public sealed class TimeOfDayJsonConverter : JsonConverter<TimeOnly>
{
    private static readonly string[] Formats = ["HH:mm", "HH:mm:ss"];

    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is not null && TimeOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        throw new JsonException(Message);
    }

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(value.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture));

    public const string Message = "Heure invalide : saisissez l'heure locale de Paris au format HH:mm (par exemple « 14:30 »), sans fuseau horaire.";
}
