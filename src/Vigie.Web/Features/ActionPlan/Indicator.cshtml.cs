using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>
/// Adds or edits an indicator and chooses where its values come from (ADR 0020): typed by hand, or read live from an
/// observatory series, a survey indicator or the incivilités series.
/// </summary>
[Infrastructure.ContractRequirement(ContractRole.Reader)]
public sealed class IndicatorModel(PlanQueries queries, IndicatorCommands commands, AppDbContext db, Partners.PartnerPicker picker,
    Shared.ISurveyIndicatorSource surveys, Shared.IIncivilityIndicatorSource incivilities) : SubRecordPage<IndicatorInput>(queries, db, picker)
{
    public IEnumerable<SelectListItem> Kinds { get; } = Enum.GetValues<PlanIndicatorKind>().Select(k => new SelectListItem(PlanLabels.IndicatorKind(k), k.ToString()));
    public IEnumerable<SelectListItem> Periodicities { get; } = Enum.GetValues<Periodicity>().Select(k => new SelectListItem(PlanLabels.Periodicity(k), k.ToString()));
    public IEnumerable<SelectListItem> Measures { get; } = Enum.GetValues<ObservatoryMeasure>().Select(k => new SelectListItem(PlanLabels.Measure(k), k.ToString()));
    public IEnumerable<SelectListItem> Series { get; } = Observatory.IndicatorCatalog.All.OrderBy(d => d.Order).Select(d => new SelectListItem(d.Label, d.Code));
    public IEnumerable<SelectListItem> Sources { get; } = Enum.GetValues<PlanIndicatorSourceKind>().Select(k => new SelectListItem(Capitalized(PlanLabels.Source(k)), k.ToString()));
    public IEnumerable<SelectListItem> Groups => incivilities.Groups.Select(g => new SelectListItem(g.Value, g.Key));
    public IEnumerable<SelectListItem> SurveyIndicators { get; private set; } = [];
    public IEnumerable<SelectListItem> Areas { get; private set; } = [];

    /// <summary>The survey indicator chosen in the form: "surveyId|item|answer" (the API takes the three fields apart).</summary>
    [BindProperty] public string? SurveyChoice { get; set; }

    protected override SubRecordTexts Texts { get; } = new("indicatorId", "Ajouter un indicateur", "Modifier un indicateur",
        "L'indicateur a été ajouté.", "L'indicateur a été mis à jour.", "L'indicateur a été supprimé.");

    private static string Capitalized(string s) => char.ToUpperInvariant(s[0]) + s[1..];
    private static string Choice(Guid surveyId, string item, string answer) => $"{surveyId}|{item}|{answer}";

    protected override async Task<IActionResult?> AuthorizeAsync(Guid id)
    {
        if (RecordId is { } iid && Detail.Indicators.All(i => i.Id != iid)) return NotFound();
        if (!Detail.CanEdit) return Forbid();
        SurveyIndicators = (await surveys.ChoicesAsync(id))
            .Select(c => new SelectListItem($"{c.SurveyTitle} — {c.Item} : {c.Answer}", Choice(c.SurveyId, c.Item, c.Answer))).ToList();
        Areas = await Db.Areas.AsNoTracking().Where(a => a.ContractId == id).OrderBy(a => a.Name).Select(a => new SelectListItem(a.Name, a.Id.ToString())).ToListAsync();
        return null;
    }

    protected override async Task FillInputAsync()
    {
        if (RecordId is not { } iid) return;
        var i = await Db.PlanIndicators.AsNoTracking().FirstAsync(x => x.Id == iid);
        Input = new IndicatorInput
        {
            Name = i.Name, Kind = i.Kind, Unit = i.Unit, BaselineValue = i.BaselineValue, BaselineDate = i.BaselineDate, TargetValue = i.TargetValue,
            TargetDate = i.TargetDate, Periodicity = i.Periodicity, Source = i.Source, ObservatoryIndicatorCode = i.ObservatoryIndicatorCode,
            ObservatoryMeasure = i.ObservatoryMeasure, Reference = i.Reference, Version = i.Version, SourceKind = i.EffectiveSource(),
            IncidentGroup = i.IncidentGroup, IncidentAreaId = i.IncidentAreaId,
        };
        if (i.SurveyId is { } s && i.SurveyItem is not null && i.SurveyAnswer is not null) SurveyChoice = Choice(s, i.SurveyItem, i.SurveyAnswer);
    }

    protected override Task<CommandResult<Guid>> SaveAsync(Guid id, Guid itemId)
    {
        var parts = (SurveyChoice ?? "").Split('|', 3);
        if (parts.Length == 3 && Guid.TryParse(parts[0], out var sid)) (Input.SurveyId, Input.SurveyItem, Input.SurveyAnswer) = (sid, parts[1], parts[2]);
        return commands.SaveIndicatorAsync(id, itemId, RecordId, Input);
    }

    protected override Task<CommandResult<Guid>> DeleteAsync(Guid id, Guid itemId, Guid recordId) => commands.DeleteIndicatorAsync(id, itemId, recordId);
}
