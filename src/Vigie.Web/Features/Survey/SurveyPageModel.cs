namespace Vigie.Web.Features.Survey;

/// <summary>Load → authorize for the survey pages (<see cref="ContractPageModel"/>), their breadcrumbs and refusals.</summary>
public abstract class SurveyPageModel(ContractAccess access) : ContractPageModel(access)
{
    protected List<Crumb> Crumbs(params Crumb[] tail) => ContractCrumbs([new("Enquêtes", Url.Page("/Survey/Index", new { id = ContractId })), .. tail]);

    /// <summary>Copies a refused or invalid command onto the page: 404/403 results, or model errors (then null).</summary>
    protected IActionResult? Refusal<T>(CommandResult<T> r, string prefix = "Input")
    {
        if (r.NotFound) return NotFound();
        if (r.Forbidden)
        {
            if (r.ForbiddenReason is null) return Forbid();
            ModelState.AddModelError("", r.ForbiddenReason);
            return null;
        }
        r.CopyTo(ModelState, prefix);
        return null;
    }
}

/// <summary>A wave's form (creation on the questionnaire page, edit of a draft on the wave page, <c>_WaveFields</c>).</summary>
public sealed class SurveyWaveForm
{
    public string? Code { get; set; }
    public string? Title { get; set; }
    public DateOnly? FieldStart { get; set; }
    public DateOnly? FieldEnd { get; set; }
    public int? PlannedSize { get; set; }
    public string? CensusVintage { get; set; }
    /// <summary>The version the edit form was filled from (ADR 0019); none on creation.</summary>
    public int? Version { get; set; }

    public SurveyCommands.SurveyWaveInput ToInput() => new(Code, Title, FieldStart, FieldEnd, PlannedSize, CensusVintage, Version);

    public static SurveyWaveForm Of(SurveyWave w) => new()
    {
        Code = w.Code, Title = w.Title, FieldStart = w.FieldStart, FieldEnd = w.FieldEnd, PlannedSize = w.PlannedSize, CensusVintage = w.CensusVintage, Version = w.Version,
    };
}
