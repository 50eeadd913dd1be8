using static Vigie.Web.Features.ActionPlan.PlanRules;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Indicators of an item and their values per period.</summary>
public sealed class IndicatorCommands(AppDbContext db, PlanCommandKit kit, ContractAccess access, PlanHistory history, Auditor auditor)
{
    public async Task<CommandResult<Guid>> SaveIndicatorAsync(Guid contractId, Guid itemId, Guid? indicatorId, IndicatorInput input)
    {
        if (await kit.OpenRecordAsync(db.PlanIndicators, contractId, itemId, indicatorId) is not (var role, var ind)) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        var code = Clean(input.ObservatoryIndicatorCode);
        if (code is not null && Observatory.IndicatorCatalog.All.All(d => d.Code != code))
            errors.Add("observatoryIndicatorCode", $"Indicateur de l'observatoire inconnu « {code} ».");
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
                x.ObservatoryIndicatorCode = code;
                x.ObservatoryMeasure = input.ObservatoryMeasure;
            });
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
        if (ind.ObservatoryIndicatorCode is not null)
            return CommandResult<Guid>.Invalid("period", "Cet indicateur est alimenté par l'observatoire : ses valeurs ne se saisissent pas.");

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
        history.Record(contractId, itemId, nameof(PlanIndicatorValue), v.Id, before, PlanHistory.Snapshot(v));
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
