namespace Vigie.Web.Features.Evaluation;

/// <summary>Where a recommendation's draft fiche action was created (or already was).</summary>
public sealed record RecommendationDraftResult(Guid ContractId, Guid PlanItemId, bool Created);

/// <summary>The coordinator's choice: into this contract rather than its next generation.</summary>
public sealed class RecommendationDraftInput
{
    public bool IntoThisContract { get; set; }
}

/// <summary>
/// Issue 15 item 4: a recommendation becomes a draft fiche action outside the renewal wizard — in the next generation
/// when the contract has one (the coordinator may choose this contract instead), under the priority that gathers the
/// evaluation's orientations. Once only: a recommendation that already has its draft action gives that action back.
/// </summary>
public sealed class RecommendationDrafts(AppDbContext db, ContractAccess access, Auditor auditor)
{

    public async Task<CommandResult<RecommendationDraftResult>> DraftActionAsync(Guid contractId, Guid evaluationId, Guid recommendationId, RecommendationDraftInput input)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == contractId)) return CommandResult<RecommendationDraftResult>.Missing();
        if (await access.RoleInAsync(contractId) != ContractRole.Coordinator) return CommandResult<RecommendationDraftResult>.Denied();
        var r = await db.EvaluationRecommendations.FirstOrDefaultAsync(x => x.Id == recommendationId && x.EvaluationId == evaluationId && x.ContractId == contractId);
        if (r is null) return CommandResult<RecommendationDraftResult>.Missing();
        if (await ExistingAsync(r.DraftPlanItemId) is { } existing) return CommandResult<RecommendationDraftResult>.Ok(existing);

        var target = contractId;
        if (!input.IntoThisContract && await db.Contracts.Where(c => c.PredecessorId == contractId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync() is { } successor)
        {
            if (await access.RoleInAsync(successor) != ContractRole.Coordinator)
                return CommandResult<RecommendationDraftResult>.Invalid("intoThisContract",
                    "Vous ne coordonnez pas le contrat suivant : créez la fiche action dans ce contrat-ci.");
            target = successor;
        }
        var planned = await db.PlanStatuses.Where(s => s.ContractId == target && s.Key == ActionPlan.PlanQueries.PlannedKey).Select(s => (Guid?)s.Id).FirstOrDefaultAsync();
        if (planned is null)
            return CommandResult<RecommendationDraftResult>.Invalid("intoThisContract", "Le plan d'action du contrat choisi n'a pas de statut « prévu » : ouvrez d'abord son plan d'action.");

        await using var tx = await db.Database.BeginTransactionAsync();
        var parent = await db.PlanItems.Where(i => i.ContractId == target && i.ParentId == null && i.Kind == PlanItemKind.Priority && i.Title == RenewalCarryOver.RecommendationsPriority)
            .OrderBy(i => i.Position).FirstOrDefaultAsync()
            ?? RenewalCarryOver.NewPriority(db, target, planned.Value, await db.PlanItems.CountAsync(i => i.ContractId == target && i.ParentId == null) + 1);
        var position = await db.PlanItems.CountAsync(i => i.ContractId == target && i.ParentId == parent.Id) + 1;
        var item = RenewalCarryOver.AddDraftAction(db, r, target, parent.Id, position, planned.Value);
        // The link is written only if no other request wrote it meanwhile: once, even under a double click.
        r.DraftPlanItemId = null;
        await db.SaveChangesAsync();
        var claimed = await db.EvaluationRecommendations.Where(x => x.Id == r.Id && x.DraftPlanItemId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DraftPlanItemId, item.Id));
        if (claimed == 0)
        {
            await tx.RollbackAsync();
            db.ChangeTracker.Clear();
            var now = await db.EvaluationRecommendations.Where(x => x.Id == r.Id).Select(x => x.DraftPlanItemId).FirstOrDefaultAsync();
            return await ExistingAsync(now) is { } other ? CommandResult<RecommendationDraftResult>.Ok(other) : CommandResult<RecommendationDraftResult>.Missing();
        }
        auditor.Record(AuditKinds.EvaluationDraftActionCreated, "EvaluationRecommendation", r.Id, contractId, new { contract = target, item = item.Id });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return CommandResult<RecommendationDraftResult>.Ok(new RecommendationDraftResult(target, item.Id, true));
    }

    private async Task<RecommendationDraftResult?> ExistingAsync(Guid? itemId) =>
        itemId is { } id && await db.PlanItems.Where(i => i.Id == id).Select(i => (Guid?)i.ContractId).FirstOrDefaultAsync() is { } c
            ? new RecommendationDraftResult(c, id, false)
            : null;
}
