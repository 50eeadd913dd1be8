using static Vigie.Web.Features.ActionPlan.PlanRules;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Indicators of an item and their values per period.</summary>
public sealed class IndicatorCommands(AppDbContext db, PlanCommandKit kit, ContractAccess access, PlanHistory history, Auditor auditor,
    Shared.ISurveyIndicatorSource surveys, Shared.IIncivilityIndicatorSource incivilities)
{
    public async Task<CommandResult<Guid>> SaveIndicatorAsync(Guid contractId, Guid itemId, Guid? indicatorId, IndicatorInput input)
    {
        if (await kit.OpenRecordAsync(db.PlanIndicators, contractId, itemId, indicatorId) is not (var role, var ind)) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        var code = Clean(input.ObservatoryIndicatorCode);
        var kind = input.SourceKind ?? (code is null ? PlanIndicatorSourceKind.Manual : PlanIndicatorSourceKind.Observatory);
        var source = await ValidateSourceAsync(contractId, kind, input, code, errors);
        if (input.BaselineDate is { } b && input.TargetDate is { } t && t < b)
            errors.Add("targetDate", "La date cible doit être postérieure à la date de référence.");
        await kit.CheckRecordReferenceAsync(db.PlanIndicators, contractId, indicatorId, input.Reference, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        return await kit.WriteRecordAsync(db.PlanIndicators, ind, () => new PlanIndicator { ContractId = contractId, PlanItemId = itemId, Name = "", Unit = "", Reference = NewReference('I') },
            input.Reference, SnapshotAsync, x =>
            {
                x.Name = input.Name.Trim();
                x.Kind = input.Kind!.Value;
                x.Unit = input.Unit.Trim();
                x.BaselineValue = input.BaselineValue;
                x.BaselineDate = input.BaselineDate;
                x.TargetValue = input.TargetValue;
                x.TargetDate = input.TargetDate;
                x.Periodicity = input.Periodicity;
                x.Source = Clean(input.Source);
                x.ObservatoryIndicatorCode = source.ObservatoryCode;
                x.ObservatoryMeasure = input.ObservatoryMeasure;
                x.LiveSource = kind;
                x.SurveyId = source.SurveyId;
                x.SurveyItem = source.SurveyItem;
                x.SurveyAnswer = source.SurveyAnswer;
                x.IncidentGroup = source.IncidentGroup;
                x.IncidentAreaId = source.IncidentAreaId;
                x.SourceToRelink = false;
            }, input.Version);
    }

    private sealed record SourceParameters(string? ObservatoryCode = null, Guid? SurveyId = null, string? SurveyItem = null, string? SurveyAnswer = null,
        string? IncidentGroup = null, Guid? IncidentAreaId = null);

    /// <summary>The live source's parameters (ADR 0020), checked against what the contract has: only those of the chosen kind are kept.</summary>
    private async Task<SourceParameters> ValidateSourceAsync(Guid contractId, PlanIndicatorSourceKind kind, IndicatorInput input, string? code, ErrorBag errors)
    {
        switch (kind)
        {
            case PlanIndicatorSourceKind.Observatory:
                if (code is null) errors.Add("observatoryIndicatorCode", "Choisissez la série de l'observatoire qui alimente l'indicateur.");
                else if (Observatory.IndicatorCatalog.All.All(d => d.Code != code)) errors.Add("observatoryIndicatorCode", $"Indicateur de l'observatoire inconnu « {code} ».");
                return new(ObservatoryCode: code);
            case PlanIndicatorSourceKind.Survey:
                var item = Clean(input.SurveyItem);
                var answer = Clean(input.SurveyAnswer);
                if (input.SurveyId is not { } sid || item is null || answer is null)
                {
                    errors.Add("surveyId", "Choisissez l'enquête et l'indicateur d'enquête (item et réponse) qui alimentent l'indicateur.");
                    return new();
                }
                var choices = (await surveys.ChoicesAsync(contractId)).Where(c => c.SurveyId == sid).ToList();
                if (choices.Count == 0) errors.Add("surveyId", "Enquête inconnue dans ce contrat.");
                else if (!choices.Any(c => c.Item == item && c.Answer == answer)) errors.Add("surveyItem", $"Indicateur d'enquête inconnu « {item} : {answer} ».");
                return new(SurveyId: sid, SurveyItem: item, SurveyAnswer: answer);
            case PlanIndicatorSourceKind.Incivilities:
                var group = Clean(input.IncidentGroup);
                if (group is null) errors.Add("incidentGroup", "Choisissez le groupe de catégories d'incivilités qui alimente l'indicateur.");
                else if (!incivilities.Groups.ContainsKey(group)) errors.Add("incidentGroup", $"Groupe de catégories d'incivilités inconnu « {group} ».");
                if (input.IncidentAreaId is { } area && !await db.Areas.AnyAsync(a => a.Id == area && a.ContractId == contractId))
                    errors.Add("incidentAreaId", "Ce sous-secteur n'appartient pas au contrat.");
                return new(IncidentGroup: group, IncidentAreaId: input.IncidentAreaId);
            default:
                return new();
        }
    }

    private static Task<Dictionary<string, string?>> SnapshotAsync(PlanIndicator i) => Task.FromResult(PlanHistory.Snapshot(i));

    public Task<CommandResult<Guid>> DeleteIndicatorAsync(Guid contractId, Guid itemId, Guid indicatorId) =>
        kit.DeleteRecordAsync(db.PlanIndicators, contractId, itemId, indicatorId, (role, _) => Task.FromResult(role == ContractRole.Coordinator),
            SnapshotAsync, AuditKinds.PlanIndicatorDeleted);

    /// <summary>Adds or replaces the value of one period (the coordinator, or a member of the action's lead organisation).</summary>
    public async Task<CommandResult<Guid>> SaveIndicatorValueAsync(Guid contractId, Guid itemId, Guid indicatorId, IndicatorValueInput input)
    {
        if (await kit.RoleAsync(contractId) is null) return CommandResult<Guid>.Missing();
        var item = await kit.ItemAsync(contractId, itemId);
        var ind = await kit.FindRecordAsync(db.PlanIndicators, contractId, itemId, indicatorId);
        if (item is null || ind is null) return CommandResult<Guid>.Missing();
        var allowed = item.LeadOrganisationId is { } lead ? await access.CanEditOwnedByAsync(contractId, lead) : await access.RoleInAsync(contractId) == ContractRole.Coordinator;
        if (!allowed) return CommandResult<Guid>.Denied();
        if (ind.EffectiveSource() != PlanIndicatorSourceKind.Manual)
            return CommandResult<Guid>.Invalid("period", $"Cet indicateur est alimenté automatiquement ({PlanLabels.Source(ind.EffectiveSource())}) : ses valeurs ne se saisissent pas.");

        var period = input.Period.Trim();
        var v = await db.PlanIndicatorValues.FirstOrDefaultAsync(x => x.IndicatorId == indicatorId && x.Period == period);
        var before = v is null ? null : PlanHistory.Snapshot(v);
        if (v is null)
        {
            v = new PlanIndicatorValue { ContractId = contractId, IndicatorId = indicatorId, Period = period, Provenance = "" };
            db.PlanIndicatorValues.Add(v);
        }
        v.On = PeriodEnd(period);
        v.Value = input.Value!.Value;
        v.Provenance = input.Provenance.Trim();
        var after = PlanHistory.Snapshot(v);
        if (before is not null && (input.NewPeriod && input.Version is null
                ? await EditConflicts.AlreadyThereAsync(db, v, before, after)
                : await EditConflicts.CheckAsync(db, v, input.Version, before, after)) is { } conflict)
            return CommandResult<Guid>.Stale(conflict);
        history.Record(contractId, itemId, nameof(PlanIndicatorValue), v.Id, before, after);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(v.Id);
    }

    public async Task<CommandResult<Guid>> DeleteIndicatorValueAsync(Guid contractId, Guid itemId, Guid indicatorId, Guid valueId)
    {
        var role = await kit.RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        var v = await db.PlanIndicatorValues.FirstOrDefaultAsync(x => x.Id == valueId && x.IndicatorId == indicatorId && x.ContractId == contractId
            && db.PlanIndicators.Any(i => i.Id == indicatorId && i.PlanItemId == itemId));
        if (v is null) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        history.Record(contractId, itemId, nameof(PlanIndicatorValue), v.Id, PlanHistory.Snapshot(v), null);
        db.PlanIndicatorValues.Remove(v);
        auditor.Record(AuditKinds.PlanIndicatorValueDeleted, nameof(PlanIndicatorValue), v.Id, contractId);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(v.Id);
    }
}
