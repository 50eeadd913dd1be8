using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Vigie.Web.Features.Incidents;

/// <summary>The fields every report form has (the members' page and the public form).</summary>
public class IncidentFormFields
{
    [Required(ErrorMessage = "Choisissez la catégorie du signalement.")]
    public string? Category { get; set; }
    [StringLength(IncidentCommands.AddressMax, ErrorMessage = "L'adresse ne doit pas dépasser 300 caractères.")]
    public string? Address { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    [Required(ErrorMessage = "Décrivez ce qui a été constaté.")]
    [StringLength(IncidentCommands.DescriptionMax, ErrorMessage = "La description ne doit pas dépasser 4 000 caractères.")]
    public string? Description { get; set; }
}

/// <summary>What the members' report page and the public report form share: coordinates typed with a French comma, errors of <see cref="IncidentCommands"/> onto the form's fields.</summary>
public static class IncidentForms
{
    public static double? Coordinate(ModelStateDictionary modelState, string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        modelState.AddModelError("Input." + field, $"{label} doit être un nombre décimal (par exemple 50,6372).");
        return null;
    }

    public static void CopyErrors(ModelStateDictionary modelState, Dictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            var key = field switch { "categoryCode" => "Input.Category", "observedAt" => "Input.ObservedOn", "geometry" => "Input.GeoJson", _ => "Input." + char.ToUpperInvariant(field[0]) + field[1..] };
            foreach (var m in messages) modelState.AddModelError(key, m);
        }
    }
}
