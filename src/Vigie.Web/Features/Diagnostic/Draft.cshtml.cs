using Microsoft.AspNetCore.Mvc.Rendering;
using Vigie.Web.Features.Observatory;

namespace Vigie.Web.Features.Diagnostic;

/// <summary>
/// A draft in one click for any commune, arrondissement, EPCI, EPT or département: generated from the imported data,
/// reproducible (its SHA-256 is shown: the same data give the same draft). Public statistics only: any signed-in user.
/// </summary>
public sealed class DraftModel(DiagnosticDrafts drafts) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "niveau")] public string? Level { get; set; }
    [BindProperty(SupportsGet = true, Name = "code")] public string? Code { get; set; }

    public DiagnosticDraft? Draft { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<SelectListItem> LevelItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        LevelItems = [.. new[] { "commune", "arrondissement", "epci", "ept", "departement" }.Select(l => new SelectListItem(l switch
        {
            "commune" => "Commune", "arrondissement" => "Arrondissement municipal", "epci" => "Intercommunalité (EPCI, SIREN)", "ept" => "Établissement public territorial (SIREN)", _ => "Département",
        }, l, l == Level))];
        ViewData["Title"] = "Brouillon de diagnostic";
        if (string.IsNullOrWhiteSpace(Code)) return Page();
        if (!ObservatoryLevels.TryParse(Level, out var level)) Error = ObservatoryLevels.UnknownMessage(Level);
        else if ((Draft = await drafts.ForTerritoryAsync(level, Code)) is null) Error = $"Aucun territoire de ce niveau ne porte le code « {Code.Trim()} ».";
        if (Draft is not null) ViewData["Title"] = Draft.Content.Title;
        return Page();
    }
}
