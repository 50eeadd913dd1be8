using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Adds or edits an indicator; choosing an observatory series makes its values come from the observatory.</summary>
[Infrastructure.ContractRequirement(ContractRole.Reader)]
public sealed class IndicatorModel(PlanQueries queries, IndicatorCommands commands, AppDbContext db, Partners.PartnerPicker picker) : SubRecordPage(queries, db, picker)
{
    [BindProperty] public IndicatorInput Input { get; set; } = new();
    public IEnumerable<SelectListItem> Kinds { get; } = Enum.GetValues<PlanIndicatorKind>().Select(k => new SelectListItem(PlanLabels.IndicatorKind(k), k.ToString()));
    public IEnumerable<SelectListItem> Periodicities { get; } = Enum.GetValues<Periodicity>().Select(k => new SelectListItem(PlanLabels.Periodicity(k), k.ToString()));
    public IEnumerable<SelectListItem> Measures { get; } = Enum.GetValues<ObservatoryMeasure>().Select(k => new SelectListItem(PlanLabels.Measure(k), k.ToString()));
    public IEnumerable<SelectListItem> Series { get; } = Observatory.IndicatorCatalog.All.OrderBy(d => d.Order).Select(d => new SelectListItem(d.Label, d.Code));

    public async Task<IActionResult> OnGetAsync(Guid id, Guid itemId, Guid? indicatorId)
    {
        if (await LoadAsync(id, itemId, indicatorId) is { } stop) return stop;
        if (indicatorId is { } iid)
        {
            var i = await Db.PlanIndicators.AsNoTracking().FirstAsync(x => x.Id == iid);
            Input = new IndicatorInput
            {
                Name = i.Name, Kind = i.Kind, Unit = i.Unit, BaselineValue = i.BaselineValue, BaselineDate = i.BaselineDate, TargetValue = i.TargetValue,
                TargetDate = i.TargetDate, Periodicity = i.Periodicity, Source = i.Source, ObservatoryIndicatorCode = i.ObservatoryIndicatorCode,
                ObservatoryMeasure = i.ObservatoryMeasure, Reference = i.Reference,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid itemId, Guid? indicatorId)
    {
        if (await LoadAsync(id, itemId, indicatorId) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        return After(await commands.SaveIndicatorAsync(id, itemId, indicatorId, Input), IsNew ? "L'indicateur a été ajouté." : "L'indicateur a été mis à jour.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid itemId, Guid indicatorId)
    {
        if (await LoadAsync(id, itemId, indicatorId) is { } stop) return stop;
        return After(await commands.DeleteIndicatorAsync(id, itemId, indicatorId), "L'indicateur a été supprimé.");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid itemId, Guid? indicatorId)
    {
        IsNew = indicatorId is null;
        if (!await LoadDetailAsync(id, itemId, IsNew ? "Ajouter un indicateur" : "Modifier un indicateur")) return NotFound();
        if (indicatorId is { } iid && Detail.Indicators.All(i => i.Id != iid)) return NotFound();
        return Detail.CanEdit ? null : Forbid();
    }
}
