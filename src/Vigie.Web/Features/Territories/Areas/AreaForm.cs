using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Vigie.Web.Features.Territories.Areas;

/// <summary>The form of a sub-area, shared by the create and edit pages.</summary>
public sealed class AreaForm
{
    /// <summary>The version the edit form started from (ADR 0019); ignored on creation.</summary>
    public int? Version { get; set; }

    [Display(Name = "Type de secteur")]
    public AreaKind Kind { get; set; } = AreaKind.Quartier;

    [Required(ErrorMessage = "Saisissez le nom du secteur.")]
    [StringLength(AreaRules.NameMax, ErrorMessage = "Le nom du secteur ne doit pas dépasser 200 caractères.")]
    [Display(Name = "Nom")]
    public string? Name { get; set; }

    [StringLength(AreaRules.CodeMax, ErrorMessage = "Le code ne doit pas dépasser 40 caractères.")]
    [Display(Name = "Code officiel (facultatif)")]
    public string? Code { get; set; }

    [Display(Name = "Code INSEE de la commune (facultatif)")]
    public string? CommuneCode { get; set; }

    [Display(Name = "Contour GeoJSON (facultatif)")]
    public string? GeoJson { get; set; }

    [Display(Name = "Ou fichier GeoJSON (.geojson ou .json, 1 Mo au maximum)")]
    public IFormFile? GeoJsonFile { get; set; }

    /// <summary>Reads the uploaded file (when any) in place of the pasted text; false with a field error when unusable.</summary>
    public async Task<bool> ReadFileAsync(ModelStateDictionary modelState)
    {
        if (GeoJsonFile is null || GeoJsonFile.Length == 0) return true;
        var ext = Path.GetExtension(GeoJsonFile.FileName).ToLowerInvariant();
        if (ext is not (".geojson" or ".json"))
        {
            modelState.AddModelError("Input.GeoJsonFile", "Le fichier doit être au format GeoJSON (.geojson ou .json).");
            return false;
        }
        if (GeoJsonFile.Length > GeoJsonValidator.MaxLength)
        {
            modelState.AddModelError("Input.GeoJsonFile", "Le fichier GeoJSON dépasse la taille maximale de 1 Mo.");
            return false;
        }
        using var reader = new StreamReader(GeoJsonFile.OpenReadStream(), Encoding.UTF8);
        GeoJson = await reader.ReadToEndAsync();
        return true;
    }

    public static void AddErrors(ModelStateDictionary modelState, IEnumerable<AreaError> errors)
    {
        foreach (var e in errors) modelState.AddModelError("Input." + e.Field, e.Message);
    }

    public static IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> KindItems(AreaKind selected) =>
        Enum.GetValues<AreaKind>().Select(k => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(Shared.Labels.AreaKind(k), k.ToString(), k == selected));
}
