using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Adds or edits an indicator; choosing an observatory series makes its values come from the observatory.</summary>
[Infrastructure.ContractRequirement(ContractRole.Reader)]
public sealed class IndicatorModel(PlanQueries queries, IndicatorCommands commands, AppDbContext db, Partners.PartnerPicker picker) : SubRecordPage<IndicatorInput>(queries, db, picker)
{
    public IEnumerable<SelectListItem> Kinds { get; } = Enum.GetValues<PlanIndicatorKind>().Select(k => new SelectListItem(PlanLabels.IndicatorKind(k), k.ToString()));
    public IEnumerable<SelectListItem> Periodicities { get; } = Enum.GetValues<Periodicity>().Select(k => new SelectListItem(PlanLabels.Periodicity(k), k.ToString()));
    public IEnumerable<SelectListItem> Measures { get; } = Enum.GetValues<ObservatoryMeasure>().Select(k => new SelectListItem(PlanLabels.Measure(k), k.ToString()));
    public IEnumerable<SelectListItem> Series { get; } = Observatory.IndicatorCatalog.All.OrderBy(d => d.Order).Select(d => new SelectListItem(d.Label, d.Code));

    protected override SubRecordTexts Texts { get; } = new("indicatorId", "Ajouter un indicateur", "Modifier un indicateur",
        "L'indicateur a été ajouté.", "L'indicateur a été mis à jour.", "L'indicateur a été supprimé.");

    protected override Task<IActionResult?> AuthorizeAsync(Guid id) => Task.FromResult<IActionResult?>(
        RecordId is { } iid && Detail.Indicators.All(i => i.Id != iid) ? NotFound() : Detail.CanEdit ? null : Forbid());

    protected override async Task FillInputAsync()
    {
        if (RecordId is not { } iid) return;
        var i = await Db.PlanIndicators.AsNoTracking().FirstAsync(x => x.Id == iid);
        Input = new IndicatorInput
        {
            Name = i.Name, Kind = i.Kind, Unit = i.Unit, BaselineValue = i.BaselineValue, BaselineDate = i.BaselineDate, TargetValue = i.TargetValue,
            TargetDate = i.TargetDate, Periodicity = i.Periodicity, Source = i.Source, ObservatoryIndicatorCode = i.ObservatoryIndicatorCode,
            ObservatoryMeasure = i.ObservatoryMeasure, Reference = i.Reference,
        };
    }

    protected override Task<CommandResult<Guid>> SaveAsync(Guid id, Guid itemId) => commands.SaveIndicatorAsync(id, itemId, RecordId, Input);
    protected override Task<CommandResult<Guid>> DeleteAsync(Guid id, Guid itemId, Guid recordId) => commands.DeleteIndicatorAsync(id, itemId, recordId);
}
