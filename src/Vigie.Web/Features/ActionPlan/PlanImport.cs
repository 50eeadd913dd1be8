using Vigie.Web.Infrastructure.Tables;

namespace Vigie.Web.Features.ActionPlan;

public sealed record ImportError(int Line, string Column, string Message);

public sealed record ImportReport(IReadOnlyList<ImportError> Errors, int Rows, int Created, int Updated, int Unchanged)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Import of a plan file (<see cref="PlanTable"/>): <see cref="PlanImportParser"/> parses it, then every record is
/// upserted by reference in one transaction — all rows or none, with an error per line and column.
/// </summary>
public sealed class PlanImport(AppDbContext db, PlanCommandKit kit, PlanHistory history, Auditor auditor, ContractAccess access)
{
    /// <summary>Upserts every row by reference; nothing is saved when any row is wrong.</summary>
    public async Task<Shared.CommandResult<ImportReport>> ImportAsync(Guid contractId, byte[] content, bool xlsx)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == contractId)) return Shared.CommandResult<ImportReport>.Missing();
        if (await access.RoleInAsync(contractId) != ContractRole.Coordinator) return Shared.CommandResult<ImportReport>.Denied();
        var (rows, readErrors) = PlanImportParser.Read(content, xlsx);
        if (readErrors.Count > 0) return Shared.CommandResult<ImportReport>.Ok(new ImportReport(readErrors, rows.Count, 0, 0, 0));

        var statuses = await kit.StatusesAsync(contractId);
        var orgs = (await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync())
            .GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var areas = await db.Areas.AsNoTracking().Where(a => a.ContractId == contractId).ToDictionaryAsync(a => a.Name, a => a.Id, StringComparer.OrdinalIgnoreCase);
        var items = await db.PlanItems.Where(i => i.ContractId == contractId).Include(i => i.Partners).ToListAsync();
        var commitments = await db.Commitments.Where(i => i.ContractId == contractId).ToListAsync();
        var milestones = await db.Milestones.Where(i => i.ContractId == contractId).ToListAsync();
        var lines = await db.BudgetLines.Where(i => i.ContractId == contractId).ToListAsync();
        var indicators = await db.PlanIndicators.Where(i => i.ContractId == contractId).ToListAsync();
        var values = await db.PlanIndicatorValues.Where(i => i.ContractId == contractId).ToListAsync();

        var surveys = (await db.Surveys.AsNoTracking().Where(s => s.ContractId == contractId).Select(s => new { s.Id, s.Title }).ToListAsync())
            .GroupBy(s => s.Title, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var file = PlanImportParser.Records(contractId, rows, new PlanImportLookups(orgs, areas, statuses, items, indicators) { Surveys = surveys });
        var errors = file.Errors;
        if (errors.Count > 0)
            return Shared.CommandResult<ImportReport>.Ok(new ImportReport(
                TableReader.CapErrors(errors.OrderBy(e => e.Line).ToList(), PlanTable.Limits.MaxErrors, m => new ImportError(0, "", m)), rows.Count, 0, 0, 0));

        var (created, updated, unchanged) = await ApplyAsync(contractId, file, items, commitments, milestones, lines, indicators, values, xlsx, rows.Count);
        return Shared.CommandResult<ImportReport>.Ok(new ImportReport([], rows.Count, created, updated, unchanged));
    }

    /// <summary>
    /// The apply half, all or nothing: the parsed records onto the plan in one transaction and one SaveChanges — history of
    /// every change, no write when a record is unchanged, one audit event with the counts. Returns the counts.
    /// </summary>
    private async Task<(int Created, int Updated, int Unchanged)> ApplyAsync(Guid contractId, PlanImportRecords file, List<PlanItem> items,
        List<Commitment> commitments, List<Milestone> milestones, List<BudgetLine> lines, List<PlanIndicator> indicators, List<PlanIndicatorValue> values,
        bool xlsx, int rowCount)
    {
        var (_, fileItems, fileCommitments, fileMilestones, fileLines, fileIndicators, fileValues) = file;
        // ---- apply: one transaction, history of every change, no write when a record is unchanged.
        int created = 0, updated = 0, unchanged = 0;
        void Count(int changes, bool isNew) { if (isNew) created++; else if (changes > 0) updated++; else unchanged++; }
        await using var tx = await db.Database.BeginTransactionAsync();
        var byRef = items.ToDictionary(i => i.Reference, StringComparer.Ordinal);
        foreach (var (reference, f) in fileItems)
        {
            var isNew = !byRef.TryGetValue(reference, out var target);
            var before = isNew ? null : await history.SnapshotAsync(target!, target!.Partners.Select(x => x.OrganisationId));
            if (isNew)
            {
                target = f.Item;
                db.PlanItems.Add(target);
                items.Add(target);
                byRef[reference] = target;
            }
            else Copy(f.Item, target!);
            var wanted = f.Partners.ToHashSet();
            foreach (var x in target!.Partners.Where(x => !wanted.Contains(x.OrganisationId)).ToList()) { db.PlanItemPartners.Remove(x); target.Partners.Remove(x); }
            foreach (var o in wanted.Where(o => target.Partners.All(x => x.OrganisationId != o)))
            {
                var link = new PlanItemPartner { ContractId = contractId, PlanItemId = target.Id, OrganisationId = o };
                target.Partners.Add(link);
                if (!isNew) db.PlanItemPartners.Add(link);
            }
            Count(history.Record(contractId, target.Id, nameof(PlanItem), target.Id, before, await history.SnapshotAsync(target, wanted)), isNew);
        }
        foreach (var (reference, f) in fileItems)
            byRef[reference].ParentId = f.Parent is { } par ? byRef[par].Id : null;
        // Positions: the file's position for the items it lists, the current one for the others (they keep their
        // place), file first on a tie; then renumbered 1..n so numbers stay contiguous.
        var existingPositions = items.ToDictionary(i => i.Id, i => i.Position);
        foreach (var g in items.GroupBy(i => i.ParentId))
        {
            var n = 0;
            foreach (var i in g.OrderBy(i => fileItems.TryGetValue(i.Reference, out var f) ? f.Item.Position : existingPositions[i.Id])
                         .ThenBy(i => fileItems.ContainsKey(i.Reference) ? 0 : 1))
                i.Position = ++n;
        }

        foreach (var c in fileCommitments)
        {
            var itemId = byRef[c.PlanItem!.Reference].Id;
            var target = commitments.FirstOrDefault(x => x.Reference == c.Reference);
            var before = target is null ? null : await history.SnapshotAsync(target);
            if (target is null) { target = new Commitment { Id = c.Id, ContractId = contractId, Reference = c.Reference, What = "" }; db.Commitments.Add(target); }
            target.PlanItemId = itemId; target.OrganisationId = c.OrganisationId; target.What = c.What; target.Means = c.Means; target.DueDate = c.DueDate;
            target.StatusId = c.StatusId; target.Progress = c.Progress; target.Weight = c.Weight;
            Count(history.Record(contractId, itemId, nameof(Commitment), target.Id, before, await history.SnapshotAsync(target)), before is null);
        }
        foreach (var m in fileMilestones)
        {
            var itemId = byRef[m.PlanItem!.Reference].Id;
            var target = milestones.FirstOrDefault(x => x.Reference == m.Reference);
            var before = target is null ? null : await history.SnapshotAsync(target);
            if (target is null) { target = new Milestone { Id = m.Id, ContractId = contractId, Reference = m.Reference, Title = "" }; db.Milestones.Add(target); }
            target.PlanItemId = itemId; target.Title = m.Title; target.DueOn = m.DueOn; target.DoneOn = m.DoneOn; target.Weight = m.Weight; target.OwnerOrganisationId = m.OwnerOrganisationId;
            Count(history.Record(contractId, itemId, nameof(Milestone), target.Id, before, await history.SnapshotAsync(target)), before is null);
        }
        foreach (var l in fileLines)
        {
            var itemId = byRef[l.PlanItem!.Reference].Id;
            var target = lines.FirstOrDefault(x => x.Reference == l.Reference);
            var before = target is null ? null : await history.SnapshotAsync(target);
            if (target is null) { target = new BudgetLine { Id = l.Id, ContractId = contractId, Reference = l.Reference }; db.BudgetLines.Add(target); }
            target.PlanItemId = itemId; target.Funder = l.Funder; target.OrganisationId = l.OrganisationId; target.Label = l.Label; target.Year = l.Year;
            target.Planned = l.Planned; target.Granted = l.Granted; target.Spent = l.Spent;
            Count(history.Record(contractId, itemId, nameof(BudgetLine), target.Id, before, await history.SnapshotAsync(target)), before is null);
        }
        var indicatorsByRef = indicators.ToDictionary(i => i.Reference, StringComparer.Ordinal);
        foreach (var (x, parent) in fileIndicators)
        {
            var itemId = byRef[parent].Id;
            var isNew = !indicatorsByRef.TryGetValue(x.Reference, out var target);
            var before = isNew ? null : PlanHistory.Snapshot(target!);
            if (isNew) { target = new PlanIndicator { Id = x.Id, ContractId = contractId, Reference = x.Reference, Name = "", Unit = "" }; db.PlanIndicators.Add(target); indicatorsByRef[x.Reference] = target; }
            target!.PlanItemId = itemId; target.Name = x.Name; target.Kind = x.Kind; target.Unit = x.Unit; target.BaselineValue = x.BaselineValue; target.BaselineDate = x.BaselineDate;
            target.TargetValue = x.TargetValue; target.TargetDate = x.TargetDate; target.Periodicity = x.Periodicity; target.Source = x.Source;
            target.ObservatoryIndicatorCode = x.ObservatoryIndicatorCode; target.ObservatoryMeasure = x.ObservatoryMeasure;
            if (file.HasLiveSources)
            {
                target.LiveSource = x.LiveSource; target.SurveyId = x.SurveyId; target.SurveyItem = x.SurveyItem; target.SurveyAnswer = x.SurveyAnswer;
                target.IncidentGroup = x.IncidentGroup; target.IncidentAreaId = x.IncidentAreaId; target.SourceToRelink = x.SourceToRelink;
            }
            Count(history.Record(contractId, itemId, nameof(PlanIndicator), target.Id, before, PlanHistory.Snapshot(target)), isNew);
        }
        foreach (var (v, indRef, _) in fileValues)
        {
            var ind = indicatorsByRef[indRef];
            var target = values.FirstOrDefault(x => x.IndicatorId == ind.Id && x.Period == v.Period);
            var before = target is null ? null : PlanHistory.Snapshot(target);
            if (target is null) { target = new PlanIndicatorValue { Id = v.Id, ContractId = contractId, IndicatorId = ind.Id, Period = v.Period, Provenance = "" }; db.PlanIndicatorValues.Add(target); }
            target.On = v.On; target.Value = v.Value; target.Provenance = v.Provenance;
            Count(history.Record(contractId, ind.PlanItemId, nameof(PlanIndicatorValue), target.Id, before, PlanHistory.Snapshot(target)), before is null);
        }
        auditor.Record(AuditKinds.PlanImported, "Contract", contractId, contractId, new { format = xlsx ? "xlsx" : "csv", rows = rowCount, created, updated, unchanged });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return (created, updated, unchanged);
    }

    private static void Copy(PlanItem from, PlanItem to)
    {
        to.Kind = from.Kind; to.Title = from.Title; to.ProblemObserved = from.ProblemObserved; to.Objectives = from.Objectives; to.Description = from.Description;
        to.TargetPublic = from.TargetPublic; to.AreaId = from.AreaId; to.LeadOrganisationId = from.LeadOrganisationId; to.StartDate = from.StartDate; to.EndDate = from.EndDate;
        to.HumanMeans = from.HumanMeans; to.MaterialMeans = from.MaterialMeans; to.FollowUpTools = from.FollowUpTools; to.StatusId = from.StatusId;
        to.ProgressOverride = from.ProgressOverride; to.Weight = from.Weight; to.YearlyReview = from.YearlyReview;
    }
}
