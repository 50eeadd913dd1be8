using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Observatory.Etat4001;

/// <summary>État 4001: choose a département, see its police and gendarmerie services and their commune.</summary>
public sealed class Etat4001IndexModel(Etat4001Queries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Departement { get; set; }
    public IReadOnlyList<Etat4001Departement> Departements { get; private set; } = [];
    public IReadOnlyList<SelectListItem> DepartementItems { get; private set; } = [];
    public string? Selected { get; private set; }
    public string? SelectedName { get; private set; }
    public IReadOnlyList<Etat4001ServiceRow> Services { get; private set; } = [];
    public DateOnly? Edition { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = "État 4001 par service";
        Departements = await queries.DepartementsAsync(ct);
        Edition = (await queries.LatestEditionAsync(ct))?.ProducedOn;
        DepartementItems = Departements.Select(d => new SelectListItem($"{d.Code} — {d.Name ?? "département"}", d.Code)).ToList();
        if (string.IsNullOrWhiteSpace(Departement)) return;
        var code = Etat4001Importer.NormaliseDepartement(Departement);
        var known = Departements.FirstOrDefault(d => d.Code == code);
        if (known is null)
        {
            ModelState.AddModelError(nameof(Departement), $"Le département « {Departement.Trim()} » n'a aucun service dans l'état 4001.");
            return;
        }
        Selected = known.Code;
        SelectedName = known.Name;
        Departement = known.Code;
        Services = await queries.ServicesAsync(known.Code, ct);
    }
}
