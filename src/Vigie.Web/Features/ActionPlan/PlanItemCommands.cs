using static Vigie.Web.Features.ActionPlan.PlanRules;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Plan items (axes, objectives, actions, sub-actions): create, update, move (with renumbering) and delete with their subtree. Coordinator only.</summary>
public sealed class PlanItemCommands(AppDbContext db, PlanCommandKit kit, PlanHistory history, Auditor auditor)
{
    public async Task<CommandResult<Guid>> CreateItemAsync(Guid contractId, PlanItemInput input)
    {
        var role = await kit.RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        var statuses = await kit.StatusesAsync(contractId);

        var errors = new ErrorBag();
        PlanItem? parent = null;
        if (input.ParentId is { } pid)
        {
            parent = await kit.ItemAsync(contractId, pid);
            if (parent is null) errors.Add("parentId", "L'élément parent n'existe pas dans ce plan.");
        }
        if (input.Kind is { } k && (input.ParentId is null || parent is not null) && !KindAllowed(parent?.Kind, k))
            errors.Add("kind", KindRule(parent?.Kind));
        var status = await ValidateItemAsync(contractId, input, statuses, errors, currentId: null);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var item = new PlanItem
        {
            ContractId = contractId,
            ParentId = parent?.Id,
            Kind = input.Kind!.Value,
            Reference = string.IsNullOrWhiteSpace(input.Reference) ? NewReference(Prefix(input.Kind!.Value)) : input.Reference.Trim(),
            Title = input.Title.Trim(),
            Position = await db.PlanItems.CountAsync(i => i.ContractId == contractId && i.ParentId == input.ParentId) + 1,
        };
        Apply(item, input, status ?? statuses.FirstOrDefault(s => s.Key == "planned"));
        db.PlanItems.Add(item);
        foreach (var o in input.PartnerIds.Distinct()) db.PlanItemPartners.Add(new PlanItemPartner { ContractId = contractId, PlanItemId = item.Id, OrganisationId = o });
        history.Record(contractId, item.Id, nameof(PlanItem), item.Id, null, await history.SnapshotAsync(item, input.PartnerIds.Distinct()));
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(item.Id);
    }

    public async Task<CommandResult<Guid>> UpdateItemAsync(Guid contractId, Guid itemId, PlanItemInput input)
    {
        var role = await kit.RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        var item = await db.PlanItems.Include(i => i.Partners).FirstOrDefaultAsync(i => i.Id == itemId && i.ContractId == contractId);
        if (item is null || !await kit.CanSeeItemAsync(contractId, itemId)) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        var statuses = await kit.StatusesAsync(contractId);

        var errors = new ErrorBag();
        if (input.Kind is { } k && k != item.Kind)
        {
            var parentKind = item.ParentId is { } p ? await db.PlanItems.Where(i => i.Id == p).Select(i => (PlanItemKind?)i.Kind).FirstAsync() : null;
            var childKinds = await db.PlanItems.Where(i => i.ParentId == item.Id).Select(i => i.Kind).Distinct().ToListAsync();
            if (!KindAllowed(parentKind, k)) errors.Add("kind", KindRule(parentKind));
            else if (childKinds.Any(c => !KindAllowed(k, c))) errors.Add("kind", "Ce niveau n'est pas compatible avec les éléments qu'il contient.");
        }
        var status = await ValidateItemAsync(contractId, input, statuses, errors, currentId: item.Id);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var before = await history.SnapshotAsync(item, item.Partners.Select(p => p.OrganisationId));
        item.Kind = input.Kind!.Value;
        item.Title = input.Title.Trim();
        if (!string.IsNullOrWhiteSpace(input.Reference)) item.Reference = input.Reference.Trim();
        Apply(item, input, status);
        var wanted = input.PartnerIds.Distinct().ToHashSet();
        foreach (var p in item.Partners.Where(p => !wanted.Contains(p.OrganisationId)).ToList()) db.PlanItemPartners.Remove(p);
        foreach (var o in wanted.Where(o => item.Partners.All(p => p.OrganisationId != o)))
            db.PlanItemPartners.Add(new PlanItemPartner { ContractId = contractId, PlanItemId = item.Id, OrganisationId = o });
        var after = await history.SnapshotAsync(item, wanted);
        if (await EditConflicts.CheckAsync(db, item, input.Version, before, after) is { } conflict) return CommandResult<Guid>.Stale(conflict);
        history.Record(contractId, item.Id, nameof(PlanItem), item.Id, before, after);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(item.Id);
    }

    private static void Apply(PlanItem item, PlanItemInput input, PlanStatus? status)
    {
        item.ProblemObserved = Clean(input.ProblemObserved);
        item.Objectives = Clean(input.Objectives);
        item.Description = Clean(input.Description);
        item.TargetPublic = Clean(input.TargetPublic);
        item.AreaId = input.AreaId;
        item.LeadOrganisationId = input.LeadOrganisationId;
        item.StartDate = input.StartDate;
        item.EndDate = input.EndDate;
        item.HumanMeans = Clean(input.HumanMeans);
        item.MaterialMeans = Clean(input.MaterialMeans);
        item.FollowUpTools = Clean(input.FollowUpTools);
        item.StatusId = status?.Id;
        item.ProgressOverride = input.ProgressOverride;
        item.Weight = input.Weight;
        item.YearlyReview = Clean(input.YearlyReview);
    }

    private async Task<PlanStatus?> ValidateItemAsync(Guid contractId, PlanItemInput input, List<PlanStatus> statuses, ErrorBag errors, Guid? currentId)
    {
        if (input.StartDate is { } s && input.EndDate is { } e && e < s)
            errors.Add("endDate", "La date de fin doit être postérieure ou égale à la date de début.");
        if (input.AreaId is { } area && !await db.Areas.AnyAsync(a => a.Id == area && a.ContractId == contractId))
            errors.Add("areaId", "Ce secteur n'appartient pas au territoire du contrat.");
        if (input.LeadOrganisationId is { } lead && !await db.Organisations.AnyAsync(o => o.Id == lead))
            errors.Add("leadOrganisationId", "L'organisation pilote n'existe pas.");
        var partners = input.PartnerIds.Distinct().ToList();
        if (partners.Count > 0 && await db.Organisations.CountAsync(o => partners.Contains(o.Id)) != partners.Count)
            errors.Add("partnerIds", "Un des partenaires choisis n'existe pas.");
        if (!string.IsNullOrWhiteSpace(input.Reference))
        {
            var reference = input.Reference.Trim();
            if (await db.PlanItems.AnyAsync(i => i.ContractId == contractId && i.Reference == reference && i.Id != currentId))
                errors.Add("reference", $"La référence « {reference} » est déjà utilisée dans ce plan.");
        }
        return ResolveStatus(input.Status, statuses, errors, "status");
    }


    public async Task<CommandResult<Guid>> MoveItemAsync(Guid contractId, Guid itemId, MoveInput input)
    {
        var role = await kit.RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        var all = await db.PlanItems.Where(i => i.ContractId == contractId).ToListAsync();
        var item = all.FirstOrDefault(i => i.Id == itemId);
        if (item is null || !await kit.CanSeeItemAsync(contractId, itemId)) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();

        PlanItem? parent = null;
        if (input.ParentId is { } pid)
        {
            parent = all.FirstOrDefault(i => i.Id == pid);
            if (parent is null) return CommandResult<Guid>.Invalid("parentId", "L'élément parent n'existe pas dans ce plan.");
            for (var p = parent; p is not null; p = all.FirstOrDefault(i => i.Id == p.ParentId))
                if (p.Id == item.Id) return CommandResult<Guid>.Invalid("parentId", "Un élément ne peut pas être déplacé sous lui-même ou sous un de ses sous-éléments.");
        }
        if (!KindAllowed(parent?.Kind, item.Kind)) return CommandResult<Guid>.Invalid("parentId", KindRule(parent?.Kind));

        var oldParent = item.ParentId;
        var beforeNumber = Number(all, item);
        var siblings = all.Where(i => i.ParentId == input.ParentId && i.Id != item.Id).OrderBy(i => i.Position).ToList();
        var index = Math.Clamp(input.Position!.Value - 1, 0, siblings.Count);
        siblings.Insert(index, item);
        item.ParentId = input.ParentId;
        for (var i = 0; i < siblings.Count; i++) siblings[i].Position = i + 1;
        if (oldParent != input.ParentId) Compact(all.Where(i => i.ParentId == oldParent && i.Id != item.Id));
        history.Record(contractId, item.Id, nameof(PlanItem), item.Id,
            new Dictionary<string, string?> { ["Numéro"] = beforeNumber }, new Dictionary<string, string?> { ["Numéro"] = Number(all, item) });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(item.Id);
    }

    private static void Compact(IEnumerable<PlanItem> siblings)
    {
        var n = 0;
        foreach (var s in siblings.OrderBy(i => i.Position)) s.Position = ++n;
    }


    public async Task<CommandResult<Guid>> DeleteItemAsync(Guid contractId, Guid itemId)
    {
        var role = await kit.RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        var all = await db.PlanItems.Where(i => i.ContractId == contractId).Include(i => i.Partners).ToListAsync();
        var item = all.FirstOrDefault(i => i.Id == itemId);
        if (item is null || !await kit.CanSeeItemAsync(contractId, itemId)) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();

        var subtree = new List<PlanItem> { item };
        for (var i = 0; i < subtree.Count; i++) subtree.AddRange(all.Where(x => x.ParentId == subtree[i].Id));
        foreach (var x in subtree)
            history.Record(contractId, x.Id, nameof(PlanItem), x.Id, await history.SnapshotAsync(x, x.Partners.Select(p => p.OrganisationId)), null);
        // Children go with their parent (cascade in the database); removing leaves first keeps EF's order simple.
        for (var i = subtree.Count - 1; i >= 0; i--) db.PlanItems.Remove(subtree[i]);
        Compact(all.Where(i => i.ParentId == item.ParentId && i.Id != item.Id));
        auditor.Record(AuditKinds.PlanItemDeleted, nameof(PlanItem), item.Id, contractId, new { kind = item.Kind.ToString(), removedItems = subtree.Count });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(item.Id);
    }
}
