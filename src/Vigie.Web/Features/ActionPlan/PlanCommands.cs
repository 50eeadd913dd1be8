using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Shared;
using Vigie.Web.Infrastructure;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>
/// The action plan's business rules, shared by pages, API and import: load (scoped through
/// <see cref="ContractAccess"/>) → authorize → validate → change + history + audit → one SaveChanges.
/// The coordinator edits everything; a partner member edits only what their organisation owns (its
/// commitments, its budget lines, the milestones it is responsible for); a reader edits nothing.
/// </summary>
public sealed class PlanCommands(AppDbContext db, ContractAccess access, PlanHistory history, Auditor auditor, ICurrentUser user, Shared.Egress egress)
{
    /// <summary>Which kinds may sit under which (null = at the root).</summary>
    public static bool KindAllowed(PlanItemKind? parent, PlanItemKind child) => (parent, child) switch
    {
        (null, PlanItemKind.Priority) => true,
        (PlanItemKind.Priority, PlanItemKind.Objective or PlanItemKind.Action) => true,
        (PlanItemKind.Objective, PlanItemKind.Action) => true,
        (PlanItemKind.Action or PlanItemKind.SubAction, PlanItemKind.SubAction) => true,
        _ => false,
    };

    public static string KindRule(PlanItemKind? parent) => parent switch
    {
        null => "À la racine du plan, seul un axe prioritaire peut être créé.",
        PlanItemKind.Priority => "Sous un axe prioritaire, ajoutez un objectif ou une fiche action.",
        PlanItemKind.Objective => "Sous un objectif, ajoutez une fiche action.",
        _ => "Sous une action, ajoutez une sous-action.",
    };

    /// <summary>A short random reference ("A-7K2Q9X"): stable across exports and imports.</summary>
    public static string NewReference(char prefix)
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<char> s = stackalloc char[6];
        for (var i = 0; i < s.Length; i++) s[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return $"{prefix}-{new string(s)}";
    }

    public static char Prefix(PlanItemKind k) => k switch
    {
        PlanItemKind.Priority => 'P', PlanItemKind.Objective => 'O', PlanItemKind.Action => 'A', _ => 'S',
    };

    /// <summary>Seeds the default status vocabulary the first time a contract's plan is used.</summary>
    public async Task<List<PlanStatus>> EnsureStatusesAsync(Guid contractId)
    {
        var existing = await db.PlanStatuses.Where(s => s.ContractId == contractId).OrderBy(s => s.Order).ToListAsync();
        if (existing.Count > 0) return existing;
        var order = 0;
        foreach (var (key, label, progress, closed, counts) in PlanLabels.DefaultStatuses)
            existing.Add(new PlanStatus { ContractId = contractId, Key = key, Label = label, DefaultProgress = progress, IsClosed = closed, CountsInProgress = counts, Order = ++order });
        db.PlanStatuses.AddRange(existing);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another request seeded the same contract at the same moment: the unique key kept one set; use it.
            foreach (var s in existing) db.Entry(s).State = EntityState.Detached;
            return await db.PlanStatuses.Where(s => s.ContractId == contractId).OrderBy(s => s.Order).ToListAsync();
        }
        return existing;
    }

    private async Task<ContractRole?> RoleAsync(Guid contractId) =>
        await access.Contracts.AnyAsync(c => c.Id == contractId) ? await access.RoleInAsync(contractId) : null;

    // ---------------------------------------------------------------- items

    public async Task<CommandResult<Guid>> CreateItemAsync(Guid contractId, PlanItemInput input)
    {
        var role = await RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        var statuses = await EnsureStatusesAsync(contractId);

        var errors = new ErrorBag();
        PlanItem? parent = null;
        if (input.ParentId is { } pid)
        {
            parent = await ItemAsync(contractId, pid);
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
        var role = await RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        var item = await db.PlanItems.Include(i => i.Partners).FirstOrDefaultAsync(i => i.Id == itemId && i.ContractId == contractId);
        if (item is null || !await CanSeeItemAsync(contractId, itemId)) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        var statuses = await EnsureStatusesAsync(contractId);

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
        history.Record(contractId, item.Id, nameof(PlanItem), item.Id, before, await history.SnapshotAsync(item, wanted));
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

    private static PlanStatus? ResolveStatus(string? key, List<PlanStatus> statuses, ErrorBag errors, string field)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        var s = statuses.FirstOrDefault(x => string.Equals(x.Key, key.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(x.Label, key.Trim(), StringComparison.OrdinalIgnoreCase));
        if (s is null) errors.Add(field, $"Statut inconnu « {key} » : choisissez parmi {string.Join(", ", statuses.Select(x => x.Key))}.");
        return s;
    }

    public async Task<CommandResult<Guid>> MoveItemAsync(Guid contractId, Guid itemId, MoveInput input)
    {
        var role = await RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        var all = await db.PlanItems.Where(i => i.ContractId == contractId).ToListAsync();
        var item = all.FirstOrDefault(i => i.Id == itemId);
        if (item is null || !await CanSeeItemAsync(contractId, itemId)) return CommandResult<Guid>.Missing();
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

    /// <summary>"2.3.1": positions along the path from the root.</summary>
    public static string Number(IReadOnlyCollection<PlanItem> all, PlanItem item)
    {
        var parts = new List<int>();
        for (var p = item; p is not null; p = p.ParentId is { } pid ? all.FirstOrDefault(i => i.Id == pid) : null) parts.Add(p.Position);
        parts.Reverse();
        return string.Join('.', parts);
    }

    public async Task<CommandResult<Guid>> DeleteItemAsync(Guid contractId, Guid itemId)
    {
        var role = await RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        var all = await db.PlanItems.Where(i => i.ContractId == contractId).Include(i => i.Partners).ToListAsync();
        var item = all.FirstOrDefault(i => i.Id == itemId);
        if (item is null || !await CanSeeItemAsync(contractId, itemId)) return CommandResult<Guid>.Missing();
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

    /// <summary>The item, when it exists in the contract and the user may read it: an item hidden by its visibility (ADR 0006) cannot be changed either.</summary>
    private async Task<PlanItem?> ItemAsync(Guid contractId, Guid itemId) =>
        await CanSeeItemAsync(contractId, itemId) ? await db.PlanItems.FirstOrDefaultAsync(i => i.Id == itemId && i.ContractId == contractId) : null;

    private async Task<bool> CanSeeItemAsync(Guid contractId, Guid itemId)
    {
        var entitlement = await egress.EntitlementAsync(contractId, Shared.Audience.Reader(user.Id ?? Guid.Empty, user.IsAdministrator));
        return (await PlanQueries.VisibleItemIdsAsync(db, contractId, entitlement)).Contains(itemId);
    }

    // ---------------------------------------------------------------- commitments

    public async Task<CommandResult<Guid>> SaveCommitmentAsync(Guid contractId, Guid itemId, Guid? commitmentId, CommitmentInput input)
    {
        var role = await RoleAsync(contractId);
        if (role is null || await ItemAsync(contractId, itemId) is null) return CommandResult<Guid>.Missing();
        Commitment? c = null;
        if (commitmentId is { } cid)
        {
            c = await db.Commitments.FirstOrDefaultAsync(x => x.Id == cid && x.PlanItemId == itemId && x.ContractId == contractId);
            if (c is null) return CommandResult<Guid>.Missing();
            if (!await access.CanEditOwnedByAsync(contractId, c.OrganisationId)) return CommandResult<Guid>.Denied();
        }
        // A partner member may only write commitments of its own organisation (and cannot hand one to another).
        if (input.OrganisationId is { } org && !await access.CanEditOwnedByAsync(contractId, org)) return CommandResult<Guid>.Denied();
        if (role == ContractRole.Reader) return CommandResult<Guid>.Denied();
        var statuses = await EnsureStatusesAsync(contractId);

        var errors = new ErrorBag();
        if (input.OrganisationId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o)) errors.Add("organisationId", "Cette organisation n'existe pas.");
        var status = ResolveStatus(input.Status, statuses, errors, "status");
        await CheckReferenceAsync(db.Commitments.Where(x => x.ContractId == contractId && x.Id != commitmentId).Select(x => x.Reference), input.Reference, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var before = c is null ? null : await history.SnapshotAsync(c);
        if (c is null)
        {
            c = new Commitment { ContractId = contractId, PlanItemId = itemId, What = "", Reference = NewReference('E') };
            db.Commitments.Add(c);
        }
        if (!string.IsNullOrWhiteSpace(input.Reference)) c.Reference = input.Reference.Trim();
        c.OrganisationId = input.OrganisationId!.Value;
        c.What = input.What.Trim();
        c.Means = Clean(input.Means);
        c.DueDate = input.DueDate;
        c.StatusId = status?.Id;
        c.Progress = input.Progress;
        c.Weight = input.Weight;
        history.Record(contractId, itemId, nameof(Commitment), c.Id, before, await history.SnapshotAsync(c));
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(c.Id);
    }

    public async Task<CommandResult<Guid>> DeleteCommitmentAsync(Guid contractId, Guid itemId, Guid commitmentId)
    {
        if (await RoleAsync(contractId) is null) return CommandResult<Guid>.Missing();
        var c = await db.Commitments.FirstOrDefaultAsync(x => x.Id == commitmentId && x.PlanItemId == itemId && x.ContractId == contractId);
        if (c is null) return CommandResult<Guid>.Missing();
        if (!await access.CanEditOwnedByAsync(contractId, c.OrganisationId)) return CommandResult<Guid>.Denied();
        history.Record(contractId, itemId, nameof(Commitment), c.Id, await history.SnapshotAsync(c), null);
        db.Commitments.Remove(c);
        auditor.Record(AuditKinds.PlanCommitmentDeleted, nameof(Commitment), c.Id, contractId);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(c.Id);
    }

    // ---------------------------------------------------------------- milestones

    public async Task<CommandResult<Guid>> SaveMilestoneAsync(Guid contractId, Guid itemId, Guid? milestoneId, MilestoneInput input)
    {
        var role = await RoleAsync(contractId);
        if (role is null || await ItemAsync(contractId, itemId) is null) return CommandResult<Guid>.Missing();
        Milestone? m = null;
        if (milestoneId is { } mid)
        {
            m = await db.Milestones.FirstOrDefaultAsync(x => x.Id == mid && x.PlanItemId == itemId && x.ContractId == contractId);
            if (m is null) return CommandResult<Guid>.Missing();
        }
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        if (input.OwnerOrganisationId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o)) errors.Add("ownerOrganisationId", "Cette organisation n'existe pas.");
        await CheckReferenceAsync(db.Milestones.Where(x => x.ContractId == contractId && x.Id != milestoneId).Select(x => x.Reference), input.Reference, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var before = m is null ? null : await history.SnapshotAsync(m);
        if (m is null)
        {
            m = new Milestone { ContractId = contractId, PlanItemId = itemId, Title = "", Reference = NewReference('J') };
            db.Milestones.Add(m);
        }
        if (!string.IsNullOrWhiteSpace(input.Reference)) m.Reference = input.Reference.Trim();
        m.Title = input.Title.Trim();
        m.DueOn = input.DueOn!.Value;
        m.DoneOn = input.DoneOn;
        m.Weight = input.Weight;
        m.OwnerOrganisationId = input.OwnerOrganisationId;
        history.Record(contractId, itemId, nameof(Milestone), m.Id, before, await history.SnapshotAsync(m));
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(m.Id);
    }

    /// <summary>Marks a milestone done (or reopens it): the coordinator, or a member of the responsible organisation.</summary>
    public async Task<CommandResult<Guid>> SetMilestoneDoneAsync(Guid contractId, Guid itemId, Guid milestoneId, DateOnly? doneOn)
    {
        if (await RoleAsync(contractId) is null) return CommandResult<Guid>.Missing();
        var m = await db.Milestones.FirstOrDefaultAsync(x => x.Id == milestoneId && x.PlanItemId == itemId && x.ContractId == contractId);
        if (m is null) return CommandResult<Guid>.Missing();
        var allowed = m.OwnerOrganisationId is { } owner
            ? await access.CanEditOwnedByAsync(contractId, owner)
            : await access.RoleInAsync(contractId) == ContractRole.Coordinator;
        if (!allowed) return CommandResult<Guid>.Denied();
        var before = await history.SnapshotAsync(m);
        m.DoneOn = doneOn;
        history.Record(contractId, itemId, nameof(Milestone), m.Id, before, await history.SnapshotAsync(m));
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(m.Id);
    }

    public async Task<CommandResult<Guid>> DeleteMilestoneAsync(Guid contractId, Guid itemId, Guid milestoneId)
    {
        var role = await RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        var m = await db.Milestones.FirstOrDefaultAsync(x => x.Id == milestoneId && x.PlanItemId == itemId && x.ContractId == contractId);
        if (m is null) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        history.Record(contractId, itemId, nameof(Milestone), m.Id, await history.SnapshotAsync(m), null);
        db.Milestones.Remove(m);
        auditor.Record(AuditKinds.PlanMilestoneDeleted, nameof(Milestone), m.Id, contractId);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(m.Id);
    }

    // ---------------------------------------------------------------- budget

    public async Task<CommandResult<Guid>> SaveBudgetLineAsync(Guid contractId, Guid itemId, Guid? lineId, BudgetLineInput input)
    {
        var role = await RoleAsync(contractId);
        if (role is null || await ItemAsync(contractId, itemId) is null) return CommandResult<Guid>.Missing();
        BudgetLine? l = null;
        if (lineId is { } lid)
        {
            l = await db.BudgetLines.FirstOrDefaultAsync(x => x.Id == lid && x.PlanItemId == itemId && x.ContractId == contractId);
            if (l is null) return CommandResult<Guid>.Missing();
            if (!await CanEditLineAsync(contractId, l.OrganisationId)) return CommandResult<Guid>.Denied();
        }
        if (!await CanEditLineAsync(contractId, input.OrganisationId)) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        if (input.OrganisationId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o)) errors.Add("organisationId", "Cette organisation n'existe pas.");
        if (input.Granted > 0 && input.Planned > 0 && input.Spent > input.Granted && input.Spent > input.Planned)
            errors.Add("spent", "Le montant dépensé dépasse à la fois le prévu et l'accordé : vérifiez la saisie.");
        await CheckReferenceAsync(db.BudgetLines.Where(x => x.ContractId == contractId && x.Id != lineId).Select(x => x.Reference), input.Reference, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var before = l is null ? null : await history.SnapshotAsync(l);
        if (l is null)
        {
            l = new BudgetLine { ContractId = contractId, PlanItemId = itemId, Reference = NewReference('B') };
            db.BudgetLines.Add(l);
        }
        if (!string.IsNullOrWhiteSpace(input.Reference)) l.Reference = input.Reference.Trim();
        l.Funder = input.Funder!.Value;
        l.OrganisationId = input.OrganisationId;
        l.Label = Clean(input.Label);
        l.Year = input.Year;
        l.Planned = input.Planned;
        l.Granted = input.Granted;
        l.Spent = input.Spent;
        history.Record(contractId, itemId, nameof(BudgetLine), l.Id, before, await history.SnapshotAsync(l));
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(l.Id);
    }

    /// <summary>A budget line carried by a partner is that partner's contribution; others are the coordinator's.</summary>
    private async Task<bool> CanEditLineAsync(Guid contractId, Guid? organisationId) =>
        organisationId is { } o ? await access.CanEditOwnedByAsync(contractId, o) : await access.RoleInAsync(contractId) == ContractRole.Coordinator;

    public async Task<CommandResult<Guid>> DeleteBudgetLineAsync(Guid contractId, Guid itemId, Guid lineId)
    {
        if (await RoleAsync(contractId) is null) return CommandResult<Guid>.Missing();
        var l = await db.BudgetLines.FirstOrDefaultAsync(x => x.Id == lineId && x.PlanItemId == itemId && x.ContractId == contractId);
        if (l is null) return CommandResult<Guid>.Missing();
        if (!await CanEditLineAsync(contractId, l.OrganisationId)) return CommandResult<Guid>.Denied();
        history.Record(contractId, itemId, nameof(BudgetLine), l.Id, await history.SnapshotAsync(l), null);
        db.BudgetLines.Remove(l);
        auditor.Record(AuditKinds.PlanBudgetLineDeleted, nameof(BudgetLine), l.Id, contractId);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(l.Id);
    }

    // ---------------------------------------------------------------- indicators

    public async Task<CommandResult<Guid>> SaveIndicatorAsync(Guid contractId, Guid itemId, Guid? indicatorId, IndicatorInput input)
    {
        var role = await RoleAsync(contractId);
        if (role is null || await ItemAsync(contractId, itemId) is null) return CommandResult<Guid>.Missing();
        PlanIndicator? ind = null;
        if (indicatorId is { } iid)
        {
            ind = await db.PlanIndicators.FirstOrDefaultAsync(x => x.Id == iid && x.PlanItemId == itemId && x.ContractId == contractId);
            if (ind is null) return CommandResult<Guid>.Missing();
        }
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        var code = Clean(input.ObservatoryIndicatorCode);
        if (code is not null && Observatory.IndicatorCatalog.All.All(d => d.Code != code))
            errors.Add("observatoryIndicatorCode", $"Indicateur de l'observatoire inconnu « {code} ».");
        if (input.BaselineDate is { } b && input.TargetDate is { } t && t < b)
            errors.Add("targetDate", "La date cible doit être postérieure à la date de référence.");
        await CheckReferenceAsync(db.PlanIndicators.Where(x => x.ContractId == contractId && x.Id != indicatorId).Select(x => x.Reference), input.Reference, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var before = ind is null ? null : PlanHistory.Snapshot(ind);
        if (ind is null)
        {
            ind = new PlanIndicator { ContractId = contractId, PlanItemId = itemId, Name = "", Unit = "", Reference = NewReference('I') };
            db.PlanIndicators.Add(ind);
        }
        if (!string.IsNullOrWhiteSpace(input.Reference)) ind.Reference = input.Reference.Trim();
        ind.Name = input.Name.Trim();
        ind.Kind = input.Kind!.Value;
        ind.Unit = input.Unit.Trim();
        ind.BaselineValue = input.BaselineValue;
        ind.BaselineDate = input.BaselineDate;
        ind.TargetValue = input.TargetValue;
        ind.TargetDate = input.TargetDate;
        ind.Periodicity = input.Periodicity;
        ind.Source = Clean(input.Source);
        ind.ObservatoryIndicatorCode = code;
        ind.ObservatoryMeasure = input.ObservatoryMeasure;
        history.Record(contractId, itemId, nameof(PlanIndicator), ind.Id, before, PlanHistory.Snapshot(ind));
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(ind.Id);
    }

    public async Task<CommandResult<Guid>> DeleteIndicatorAsync(Guid contractId, Guid itemId, Guid indicatorId)
    {
        var role = await RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        var ind = await db.PlanIndicators.FirstOrDefaultAsync(x => x.Id == indicatorId && x.PlanItemId == itemId && x.ContractId == contractId);
        if (ind is null) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        history.Record(contractId, itemId, nameof(PlanIndicator), ind.Id, PlanHistory.Snapshot(ind), null);
        db.PlanIndicators.Remove(ind);
        auditor.Record(AuditKinds.PlanIndicatorDeleted, nameof(PlanIndicator), ind.Id, contractId);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(ind.Id);
    }

    /// <summary>Adds or replaces the value of one period (the coordinator, or a member of the action's lead organisation).</summary>
    public async Task<CommandResult<Guid>> SaveIndicatorValueAsync(Guid contractId, Guid itemId, Guid indicatorId, IndicatorValueInput input)
    {
        if (await RoleAsync(contractId) is null) return CommandResult<Guid>.Missing();
        var item = await ItemAsync(contractId, itemId);
        var ind = await db.PlanIndicators.FirstOrDefaultAsync(x => x.Id == indicatorId && x.PlanItemId == itemId && x.ContractId == contractId);
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
        var role = await RoleAsync(contractId);
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

    /// <summary>Last day of a "2024", "2024-T2" or "2024-03" period.</summary>
    public static DateOnly PeriodEnd(string period)
    {
        var year = int.Parse(period.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        if (period.Length == 4) return new DateOnly(year, 12, 31);
        if (period[5] == 'T')
        {
            var month = (period[6] - '0') * 3;
            return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        }
        var m = int.Parse(period.AsSpan(5, 2), System.Globalization.CultureInfo.InvariantCulture);
        return new DateOnly(year, m, DateTime.DaysInMonth(year, m));
    }

    // ---------------------------------------------------------------- comments, settings

    public async Task<CommandResult<Guid>> AddCommentAsync(Guid contractId, Guid itemId, CommentInput input)
    {
        var role = await RoleAsync(contractId);
        if (role is null || await ItemAsync(contractId, itemId) is null) return CommandResult<Guid>.Missing();
        if (role == ContractRole.Reader) return CommandResult<Guid>.Denied();
        var c = new PlanComment { ContractId = contractId, PlanItemId = itemId, Text = input.Text.Trim() };
        db.PlanComments.Add(c);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(c.Id);
    }

    public async Task<CommandResult<Guid>> SaveSettingsAsync(Guid contractId, PlanSettingsInput input)
    {
        var role = await RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        var s = await db.PlanSettings.FirstOrDefaultAsync(x => x.ContractId == contractId);
        if (s is null) db.PlanSettings.Add(s = new PlanSettings { ContractId = contractId });
        var changed = s.PublishBudget != input.PublishBudget;
        s.PublishBudget = input.PublishBudget;
        s.ReminderDaysBefore = input.ReminderDaysBefore;
        if (changed) auditor.Record(AuditKinds.PlanSettingsChanged, nameof(PlanSettings), contractId, contractId, new { publishBudget = input.PublishBudget });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(contractId);
    }

    private static async Task CheckReferenceAsync(IQueryable<string> others, string? reference, ErrorBag errors)
    {
        if (string.IsNullOrWhiteSpace(reference)) return;
        var r = reference.Trim();
        if (await others.AnyAsync(x => x == r)) errors.Add("reference", $"La référence « {r} » est déjà utilisée dans ce plan.");
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The current user's organisation (null for the CLI and jobs).</summary>
    public Guid? UserOrganisationId => user.OrganisationId;
}
