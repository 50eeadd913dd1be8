using Vigie.Web.Features.ActionPlan;

namespace Vigie.Web.Features.Evaluation;

/// <summary>A contract's evaluation as listed on its pages.</summary>
public sealed record EvaluationSummary(Guid Id, string Title, EvaluationKind Kind, DateOnly PeriodStart, DateOnly PeriodEnd, EvaluationStatus Status, int ReportVersion);

/// <summary>
/// Reads of evaluations: the internal report for a signed-in member (plan filtered by their entitlement), the public report
/// of a published contract once the evaluation was presented in plenary (public plan items only).
/// </summary>
public sealed class EvaluationQueries(AppDbContext db, ContractAccess access, PlanQueries plans, EvaluationReportBuilder builder, EvaluationVersions versions)
{
    public async Task<IReadOnlyList<EvaluationSummary>?> ListAsync(Guid contractId)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == contractId)) return null;
        return await db.ContractEvaluations.AsNoTracking().Where(e => e.ContractId == contractId).OrderByDescending(e => e.PeriodEnd)
            .Select(e => new EvaluationSummary(e.Id, e.Title, e.Kind, e.PeriodStart, e.PeriodEnd, e.Status, e.ReportVersion)).ToListAsync();
    }

    public async Task<EvaluationReportView?> ReportAsync(Guid contractId, Guid evaluationId, CancellationToken ct = default)
    {
        var entitlement = await plans.ReaderEntitlementAsync(contractId);
        if (await plans.PlanAsync(contractId, entitlement) is not { } plan) return null;
        var e = await db.ContractEvaluations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == evaluationId && x.ContractId == contractId, ct);
        if (e is null) return null;
        // Validated or presented: the version frozen at validation; a draft computes live.
        if (await versions.CurrentAsync(e, ct) is { } frozen)
            return EvaluationVersions.Restrict(EvaluationVersions.Read(frozen, EvaluationVersions.ContentFor(frozen, entitlement)), plan, isPublic: false, entitlement);
        return await builder.BuildAsync(e, plan, entitlement, isPublic: false, ct);
    }

    /// <summary>A frozen version of the report as this member may read it (null: no such version or no access).</summary>
    public async Task<EvaluationReportView?> VersionAsync(Guid contractId, Guid evaluationId, int number, CancellationToken ct = default)
    {
        if (await TitleAsync(contractId, evaluationId, ct) is null) return null;
        if (await versions.FindAsync(evaluationId, number, ct) is not { } v) return null;
        var entitlement = await plans.ReaderEntitlementAsync(contractId);
        if (await plans.PlanAsync(contractId, entitlement) is not { } plan) return null;
        return EvaluationVersions.Restrict(EvaluationVersions.Read(v, EvaluationVersions.ContentFor(v, entitlement)), plan, isPublic: false, entitlement);
    }

    /// <summary>The frozen versions of an evaluation, newest first (null: no such evaluation or no access).</summary>
    public async Task<IReadOnlyList<EvaluationReportVersionDto>?> VersionsAsync(Guid contractId, Guid evaluationId, CancellationToken ct = default) =>
        await TitleAsync(contractId, evaluationId, ct) is not null ? await versions.ListAsync(evaluationId, ct) : null;

    /// <summary>The title of one evaluation of a contract the user may read (null: no such evaluation or no access).</summary>
    public async Task<string?> TitleAsync(Guid contractId, Guid evaluationId, CancellationToken ct = default) =>
        await access.Contracts.AnyAsync(c => c.Id == contractId, ct)
            ? await db.ContractEvaluations.AsNoTracking().Where(x => x.Id == evaluationId && x.ContractId == contractId).Select(x => x.Title).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>
    /// Two frozen versions compared, as this member may read them (null: one of them is missing), with the version the caller
    /// audits as read (<see cref="EvaluationPages.AuditReportReadAsync"/>): one showing restricted plan items if either does.
    /// </summary>
    public async Task<(EvaluationVersionComparison Comparison, EvaluationReportView Read)?> CompareAsync(Guid contractId, Guid evaluationId, int from, int to, CancellationToken ct = default) =>
        await VersionAsync(contractId, evaluationId, from, ct) is { } before && await VersionAsync(contractId, evaluationId, to, ct) is { } after
            ? (EvaluationVersionCompare.Compare(before, after, from, to), after.HasRestrictedItems ? after : before) : null;

    /// <summary>
    /// The public report: published contract, the public rendering of the latest version presented in plenary (an evaluation
    /// reopened for a new version keeps showing it); an evaluation presented before versions were kept is computed live.
    /// </summary>
    public async Task<EvaluationPublicReport?> PublicReportAsync(Guid contractId, Guid evaluationId, CancellationToken ct = default)
    {
        var e = await db.ContractEvaluations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == evaluationId && x.ContractId == contractId, ct);
        if (e is null || await plans.PublicPlanAsync(contractId) is not { } plan) return null;
        if (await versions.LatestPresentedAsync(e.Id, ct) is { } presented)
            return new(EvaluationVersions.Restrict(EvaluationVersions.Read(presented, presented.PublicContent), plan, isPublic: true), presented.PublicContentHash);
        return e.Status == EvaluationStatus.Presented ? new(await builder.BuildAsync(e, plan, Entitlement.PublicOnly, isPublic: true, ct), null) : null;
    }

    /// <summary>The presented evaluations of a published contract (links of the public pages).</summary>
    public async Task<IReadOnlyList<EvaluationSummary>> PublicListAsync(Guid contractId) =>
        await db.ContractEvaluations.AsNoTracking()
            .Where(e => e.ContractId == contractId && (e.Status == EvaluationStatus.Presented
                    || db.EvaluationReportVersions.Any(v => v.EvaluationId == e.Id && v.Status == EvaluationStatus.Presented))
                && db.Contracts.Any(c => c.Id == contractId && c.IsPublished))
            .OrderByDescending(e => e.PeriodEnd)
            .Select(e => new EvaluationSummary(e.Id, e.Title, e.Kind, e.PeriodStart, e.PeriodEnd, e.Status, e.ReportVersion)).ToListAsync();

    /// <summary>The contract's bodies, for the mandate's choice list.</summary>
    public async Task<IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem>> BodiesAsync(Guid contractId) =>
        (await db.Bodies.AsNoTracking().Where(b => b.ContractId == contractId && !b.IsArchived).OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync())
            .Select(b => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(b.Name, b.Id.ToString())).ToList();

    /// <summary>
    /// The contract's held sittings of one kind of body, newest first: the restricted formation's for the sitting that
    /// validates a report, the plenary's for the one where it is presented.
    /// </summary>
    public async Task<IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem>> SittingsAsync(Guid contractId, BodyKind kind) =>
        (await db.Meetings.AsNoTracking().Where(m => m.ContractId == contractId && m.Status == MeetingStatus.Held && m.Body!.Kind == kind)
            .OrderByDescending(m => m.StartsAt).Take(50)
            .Select(m => new { m.Id, m.Title, m.StartsAt }).ToListAsync())
            .Select(m => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem($"{m.Title} du {Culture.DateTime(m.StartsAt)}", m.Id.ToString())).ToList();

    /// <summary>The contract's partner organisations (signatories and action leads), for recommendation owners.</summary>
    public async Task<IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem>> OrganisationsAsync(Guid contractId)
    {
        var ids = await db.Signatories.Where(s => s.ContractId == contractId).Select(s => s.OrganisationId)
            .Union(db.PlanItems.Where(i => i.ContractId == contractId && i.LeadOrganisationId != null).Select(i => i.LeadOrganisationId!.Value)).ToListAsync();
        return (await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync())
            .OrderBy(o => o.Name, StringComparer.Create(Culture.French, false))
            .Select(o => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(o.Name, o.Id.ToString())).ToList();
    }

    /// <summary>
    /// The chain of generations a contract belongs to, oldest first, each with whether it was evaluated: one query over the
    /// visible contracts that have a predecessor or a successor, then a walk back to the first generation and forward
    /// through the successors, stopping at a contract the user cannot see.
    /// </summary>
    public async Task<IReadOnlyList<GenerationLink>> GenerationsAsync(Guid contractId)
    {
        var visible = access.Contracts;
        var evaluated = EvaluatedRule.Of(db);
        var linked = await visible.AsNoTracking()
            .Where(c => c.Id == contractId || c.PredecessorId != null || visible.Any(s => s.PredecessorId == c.Id))
            .Select(c => new
            {
                Link = new GenerationLink(c.Id, c.Title, c.Generation, c.StartDate, c.EndDate, c.Status,
                    evaluated.Any(e => e.ContractId == c.Id), visible.Any(v => v.Id == c.AmendsContractId) ? c.AmendsContractId : null),
                c.PredecessorId,
            }).ToListAsync();
        var byId = linked.ToDictionary(c => c.Link.Id);
        if (!byId.TryGetValue(contractId, out var current)) return [];
        var successor = linked.Where(c => c.PredecessorId is not null).GroupBy(c => c.PredecessorId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Link.Generation).ThenBy(c => c.Link.StartDate).First().Link.Id);
        var first = current;
        var back = new HashSet<Guid> { contractId };
        while (first.PredecessorId is { } pid && byId.TryGetValue(pid, out var prev) && back.Add(pid)) first = prev;
        var chain = new List<GenerationLink>();
        var seen = new HashSet<Guid>();
        for (Guid? id = first.Link.Id; id is { } cid && seen.Add(cid) && byId.TryGetValue(cid, out var c);)
        {
            chain.Add(c.Link);
            id = successor.TryGetValue(cid, out var next) ? next : null;
        }
        return chain;
    }
}

public sealed record GenerationLink(Guid Id, string Title, int Generation, DateOnly StartDate, DateOnly EndDate, ContractStatus Status, bool Evaluated, Guid? AmendsContractId);

/// <summary>
/// The evaluators' writes (coordinator of the contract): the evaluation and its mandate, ratings per criterion, written
/// judgements, recommendations, and the report's life (draft → validated → presented; reopening makes a new version).
/// Everything written is editable only while the report is a draft.
/// </summary>
public sealed class EvaluationCommands(AppDbContext db, ContractAccess access, Auditor auditor, TimeProvider clock, EvaluationVersions versions)
{
    private DateOnly Today => Culture.ParisDate(clock.GetUtcNow());

    public async Task<CommandResult<Guid>> SaveAsync(Guid contractId, Guid? evaluationId, EvaluationInput input)
    {
        var contract = await access.Contracts.Where(c => c.Id == contractId).Select(c => new { c.StartDate, c.EndDate }).FirstOrDefaultAsync();
        if (contract is null) return CommandResult<Guid>.Missing();
        if (await access.RoleInAsync(contractId) != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        ContractEvaluation? e = null;
        if (evaluationId is { } id && (e = await db.ContractEvaluations.FirstOrDefaultAsync(x => x.Id == id && x.ContractId == contractId)) is null)
            return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        if (e is { Status: not EvaluationStatus.Draft }) errors.Add("title", "L'évaluation est validée : rouvrez-la (nouvelle version) pour la modifier.");
        if (!Enum.IsDefined(input.Kind)) errors.Add("kind", "Le type d'évaluation est inconnu.");
        if (input.PeriodStart is { } s && input.PeriodEnd is { } end)
        {
            if (end < s) errors.Add("periodEnd", "La fin de la période évaluée doit suivre son début.");
            else if (s < contract.StartDate || end > contract.EndDate)
                errors.Add("periodStart", $"La période évaluée doit être comprise dans celle du contrat ({Culture.Date(contract.StartDate)} – {Culture.Date(contract.EndDate)}).");
        }
        if (input.MandateBodyId is { } bid && !await db.Bodies.AnyAsync(b => b.Id == bid && b.ContractId == contractId))
            errors.Add("mandateBodyId", "L'instance choisie n'appartient pas à ce contrat.");
        if (input.CouncilApprovalDate is { } approval && approval > Today)
            errors.Add("councilApprovalDate", "La date d'approbation par le conseil municipal ne peut pas être dans le futur.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var created = e is null;
        e ??= db.ContractEvaluations.Add(new ContractEvaluation { ContractId = contractId, Title = "" }).Entity;
        e.Title = input.Title.Trim();
        e.Kind = input.Kind;
        e.PeriodStart = input.PeriodStart!.Value;
        e.PeriodEnd = input.PeriodEnd!.Value;
        e.RequestedBy = Clean(input.RequestedBy);
        e.MandateBodyId = input.MandateBodyId;
        e.CouncilApprovalDate = input.CouncilApprovalDate;
        e.Conclusion = Clean(input.Conclusion);
        auditor.Record(created ? AuditKinds.EvaluationCreated : AuditKinds.EvaluationEdited, "Evaluation", e.Id, contractId, new { kind = e.Kind.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(e.Id);
    }

    public async Task<CommandResult<Guid>> AddRatingAsync(Guid contractId, Guid evaluationId, EvaluationRatingInput input)
    {
        var (failure, e) = await OpenDraftAsync(contractId, evaluationId);
        if (failure is not null) return failure;
        var errors = new ErrorBag();
        if (input.Criterion is { } c && !Enum.IsDefined(c)) errors.Add("criterion", "Le critère est inconnu.");
        if (input.Level is { } level && !Enum.IsDefined(level))
            errors.Add("level", "L'appréciation est inconnue : satisfying (satisfaisant), mixed (mitigé) ou insufficient (insuffisant), ou vide (non notée).");
        if (!Enum.IsDefined(input.Confidence)) errors.Add("confidence", "Le niveau de confiance est inconnu : low (faible), medium (moyenne) ou high (élevée).");
        if (input.PlanItemId is { } item && !await ItemVisibleAsync(contractId, item)) errors.Add("planItemId", "L'élément du plan choisi n'existe pas dans ce contrat.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var rating = new EvaluationRating
        {
            ContractId = contractId, EvaluationId = e!.Id, Criterion = input.Criterion!.Value, PlanItemId = input.PlanItemId,
            Question = input.Question.Trim(), Level = input.Level, Evidence = Clean(input.Evidence), Confidence = input.Confidence,
        };
        db.EvaluationRatings.Add(rating);
        auditor.Record(AuditKinds.EvaluationRated, "Evaluation", e.Id, contractId, new { criterion = rating.Criterion.ToString(), item = rating.PlanItemId });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(rating.Id);
    }

    /// <summary>Writes (or replaces) the judgement of an action that has no target to compute from.</summary>
    public async Task<CommandResult<Guid>> JudgeAsync(Guid contractId, Guid evaluationId, EvaluationJudgementInput input)
    {
        var (failure, e) = await OpenDraftAsync(contractId, evaluationId);
        if (failure is not null) return failure;
        var itemId = input.PlanItemId!.Value;
        var kind = await db.PlanItems.Where(i => i.Id == itemId && i.ContractId == contractId).Select(i => (PlanItemKind?)i.Kind).FirstOrDefaultAsync();
        if (kind is null) return CommandResult<Guid>.Invalid("planItemId", "La fiche action choisie n'existe pas dans ce contrat.");
        // Only an action is judged: an axis or an objective is assessed from its actions (and its own indicators).
        if (kind != PlanItemKind.Action)
            return CommandResult<Guid>.Invalid("planItemId", "L'élément choisi est un axe ou un objectif, pas une fiche action : l'appréciation écrite porte sur une fiche action.");
        if (input.Attainment is { } a && !Enum.IsDefined(a)) return CommandResult<Guid>.Invalid("attainment", "L'appréciation est inconnue.");
        var j = await db.EvaluationJudgements.FirstOrDefaultAsync(x => x.EvaluationId == evaluationId && x.PlanItemId == itemId);
        j ??= db.EvaluationJudgements.Add(new EvaluationJudgement { ContractId = contractId, EvaluationId = e!.Id, PlanItemId = itemId }).Entity;
        j.Attainment = input.Attainment!.Value;
        j.Comment = Clean(input.Comment);
        auditor.Record(AuditKinds.EvaluationJudged, "Evaluation", evaluationId, contractId, new { item = itemId, attainment = j.Attainment.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(j.Id);
    }

    public async Task<CommandResult<Guid>> AddRecommendationAsync(Guid contractId, Guid evaluationId, EvaluationRecommendationInput input)
    {
        var (failure, e) = await OpenDraftAsync(contractId, evaluationId);
        if (failure is not null) return failure;
        if (input.OwnerOrganisationId is { } org && !await db.Organisations.AnyAsync(o => o.Id == org && !o.IsArchived))
            return CommandResult<Guid>.Invalid("ownerOrganisationId", "L'institution choisie n'existe pas ou est archivée.");
        if (!Enum.IsDefined(input.Priority)) return CommandResult<Guid>.Invalid("priority", "La priorité est inconnue.");
        var r = new EvaluationRecommendation { ContractId = contractId, EvaluationId = e!.Id, Text = input.Text.Trim(), OwnerOrganisationId = input.OwnerOrganisationId, Priority = input.Priority };
        db.EvaluationRecommendations.Add(r);
        auditor.Record(AuditKinds.EvaluationRecommended, "Evaluation", e.Id, contractId, new { recommendation = r.Id, priority = r.Priority.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(r.Id);
    }

    /// <summary>Removes a rating of a draft evaluation (ratings are added and removed, never edited: no version token).</summary>
    public Task<CommandResult<Guid>> DeleteRatingAsync(Guid contractId, Guid evaluationId, Guid ratingId) =>
        DeleteEntryAsync(contractId, evaluationId, "rating", ratingId, db.EvaluationRatings.Where(r => r.Id == ratingId && r.EvaluationId == evaluationId));

    /// <summary>Removes the written judgement of an action from a draft evaluation (a new POST replaces it).</summary>
    public Task<CommandResult<Guid>> DeleteJudgementAsync(Guid contractId, Guid evaluationId, Guid planItemId) =>
        DeleteEntryAsync(contractId, evaluationId, "judgement", planItemId, db.EvaluationJudgements.Where(j => j.PlanItemId == planItemId && j.EvaluationId == evaluationId));

    /// <summary>Removes a recommendation of a draft evaluation, unless it already became a draft fiche action.</summary>
    public Task<CommandResult<Guid>> DeleteRecommendationAsync(Guid contractId, Guid evaluationId, Guid recommendationId) =>
        DeleteEntryAsync(contractId, evaluationId, "recommendation", recommendationId,
            db.EvaluationRecommendations.Where(r => r.Id == recommendationId && r.EvaluationId == evaluationId),
            r => r.DraftPlanItemId is null ? null
                : "Cette recommandation est déjà devenue une fiche action brouillon : elle reste liée à cette fiche et ne peut plus être supprimée.");

    private async Task<CommandResult<Guid>> DeleteEntryAsync<T>(Guid contractId, Guid evaluationId, string entry, Guid id, IQueryable<T> target,
        Func<T, string?>? refuse = null) where T : class
    {
        var (failure, e) = await OpenDraftAsync(contractId, evaluationId);
        if (failure is not null) return failure;
        if (await target.FirstOrDefaultAsync() is not { } row) return CommandResult<Guid>.Missing();
        if (refuse?.Invoke(row) is { } reason) return CommandResult<Guid>.Invalid(entry + "Id", reason);
        db.Remove(row);
        auditor.Record(AuditKinds.EvaluationEntryDeleted, "Evaluation", e!.Id, contractId, new { entry, id });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(id);
    }

    /// <summary>Draft → validated (restricted formation) → presented (plenary); back to draft makes a new report version.</summary>
    public async Task<CommandResult<EvaluationStatus>> ChangeStatusAsync(Guid contractId, Guid evaluationId, EvaluationStatusInput input)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == contractId)) return CommandResult<EvaluationStatus>.Missing();
        if (await access.RoleInAsync(contractId) != ContractRole.Coordinator) return CommandResult<EvaluationStatus>.Denied();
        var e = await db.ContractEvaluations.FirstOrDefaultAsync(x => x.Id == evaluationId && x.ContractId == contractId);
        if (e is null) return CommandResult<EvaluationStatus>.Missing();
        var to = input.Status!.Value;
        var allowed = (e.Status, to) switch
        {
            (EvaluationStatus.Draft, EvaluationStatus.Validated) => true,
            (EvaluationStatus.Validated, EvaluationStatus.Presented) => true,
            (EvaluationStatus.Validated or EvaluationStatus.Presented, EvaluationStatus.Draft) => true,
            _ => false,
        };
        if (!allowed)
            return CommandResult<EvaluationStatus>.Invalid("status", $"Une évaluation « {EvaluationLabels.Status(e.Status)} » ne peut pas passer à « {EvaluationLabels.Status(to)} » : " +
                "brouillon → validée par la formation restreinte → présentée en plénière.");
        DateOnly? sittingDay = null;
        if (to != EvaluationStatus.Draft)
        {
            var (sittingError, day) = await SittingAsync(contractId, to, input.MeetingId);
            if (sittingError is not null) return CommandResult<EvaluationStatus>.Invalid("meetingId", sittingError);
            sittingDay = day;
        }
        // The report is validated (presented) on the day of the sitting that validates (presents) it, unless told otherwise.
        var on = input.On ?? sittingDay ?? Today;
        if (on > Today) return CommandResult<EvaluationStatus>.Invalid("on", "La date ne peut pas être dans le futur.");
        if (to == EvaluationStatus.Presented && e.ValidatedOn is { } v && on < v)
            return CommandResult<EvaluationStatus>.Invalid(input.On is null ? "meetingId" : "on", input.On is null
                ? $"La séance plénière indiquée est datée du {Culture.Date(on)}, avant la validation du rapport le {Culture.Date(v)} : choisissez une séance tenue après la validation."
                : $"La présentation en plénière ({Culture.Date(on)}) ne peut pas précéder la validation du rapport ({Culture.Date(v)}).");
        var from = e.Status;
        e.Status = to;
        switch (to)
        {
            case EvaluationStatus.Validated:
                e.ValidatedOn = on;
                // The restricted formation validates this version: its report is frozen as computed today.
                await versions.FreezeAsync(e, input.MeetingId);
                break;
            case EvaluationStatus.Presented:
                e.PresentedOn = on;
                if (await db.EvaluationReportVersions.FirstOrDefaultAsync(x => x.EvaluationId == e.Id && x.Number == e.ReportVersion) is { } frozen)
                    (frozen.Status, frozen.PresentedOn) = (to, on);
                else await versions.FreezeAsync(e, null); // validated before versions were kept: frozen at its presentation
                break;
            default:
                e.ReportVersion++;
                e.ValidatedOn = null;
                e.PresentedOn = null;
                break;
        }
        auditor.Record(AuditKinds.EvaluationStatusChanged, "Evaluation", e.Id, contractId,
            new { from = from.ToString(), to = to.ToString(), version = e.ReportVersion, meeting = to == EvaluationStatus.Draft ? null : input.MeetingId });
        await db.SaveChangesAsync();
        return CommandResult<EvaluationStatus>.Ok(to);
    }

    /// <summary>
    /// Specs §5.3: the report is validated in a held sitting of the contract's restricted formation (CLSPD en formation
    /// restreinte, <see cref="BodyKind.Restricted"/>) and presented in a held sitting of its plenary formation
    /// (<see cref="BodyKind.Plenary"/>). The French reason when the sitting does not fit; else its day (Paris).
    /// </summary>
    private async Task<(string? Error, DateOnly? Day)> SittingAsync(Guid contractId, EvaluationStatus to, Guid? meetingId)
    {
        // Worded for any council (CLSPD, CISPD, STSPD): the formation of "the council".
        var (kind, formation, act) = to == EvaluationStatus.Validated
            ? (BodyKind.Restricted, "de la formation restreinte du conseil", "valide le rapport")
            : (BodyKind.Plenary, "de la formation plénière du conseil", "présente le rapport");
        if (meetingId is not { } id) return ($"Indiquez la séance {formation} qui {act} (réunion tenue d'une instance de ce contrat).", null);
        var sitting = await db.Meetings.AsNoTracking().Where(m => m.Id == id && m.ContractId == contractId)
            .Select(m => new { m.Status, m.StartsAt, m.Body!.Kind, Body = m.Body.Name }).FirstOrDefaultAsync();
        if (sitting is null) return ($"La séance indiquée n'est pas une réunion d'une instance de ce contrat : choisissez une séance {formation}.", null);
        if (sitting.Kind != kind) return ($"La séance indiquée est une réunion de « {sitting.Body} », pas {formation} : seule celle-ci {act}.", null);
        if (sitting.Status != MeetingStatus.Held) return ($"La séance {formation} indiquée n'a pas (encore) été tenue : choisissez une séance tenue.", null);
        return (null, Culture.ParisDate(sitting.StartsAt));
    }

    private async Task<(CommandResult<Guid>? Failure, ContractEvaluation? Evaluation)> OpenDraftAsync(Guid contractId, Guid evaluationId)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == contractId)) return (CommandResult<Guid>.Missing(), null);
        if (await access.RoleInAsync(contractId) != ContractRole.Coordinator) return (CommandResult<Guid>.Denied(), null);
        var e = await db.ContractEvaluations.FirstOrDefaultAsync(x => x.Id == evaluationId && x.ContractId == contractId);
        if (e is null) return (CommandResult<Guid>.Missing(), null);
        if (e.Status != EvaluationStatus.Draft)
            return (CommandResult<Guid>.Invalid("status", "L'évaluation est validée : rouvrez-la (nouvelle version) pour la modifier."), null);
        return (null, e);
    }

    private Task<bool> ItemVisibleAsync(Guid contractId, Guid itemId) =>
        db.PlanItems.AnyAsync(i => i.Id == itemId && i.ContractId == contractId);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public static class EvaluationLabels
{
    public static string Status(EvaluationStatus s) => s switch
    {
        EvaluationStatus.Draft => "brouillon",
        EvaluationStatus.Validated => "validée par la formation restreinte",
        EvaluationStatus.Presented => "présentée en plénière",
        _ => s.ToString(),
    };

    public static string Kind(EvaluationKind k) => k == EvaluationKind.Final ? "Évaluation de fin de contrat" : "Bilan annuel";

    public static string Criterion(EvaluationCriterion c) => c switch
    {
        EvaluationCriterion.Pertinence => "Pertinence",
        EvaluationCriterion.Coherence => "Cohérence",
        EvaluationCriterion.Efficacite => "Efficacité",
        EvaluationCriterion.Efficience => "Efficience",
        EvaluationCriterion.Impact => "Impact",
        EvaluationCriterion.Durabilite => "Durabilité",
        _ => c.ToString(),
    };

    public static string Level(EvaluationRatingLevel? l) => l switch
    {
        EvaluationRatingLevel.Satisfying => "satisfaisant",
        EvaluationRatingLevel.Mixed => "mitigé",
        EvaluationRatingLevel.Insufficient => "insuffisant",
        _ => "non noté",
    };

    public static string Confidence(EvaluationConfidence c) => c switch
    {
        EvaluationConfidence.Low => "faible",
        EvaluationConfidence.Medium => "moyenne",
        _ => "élevée",
    };

    public static string Priority(RecommendationPriority p) => p switch
    {
        RecommendationPriority.High => "haute",
        RecommendationPriority.Medium => "moyenne",
        _ => "basse",
    };

    public static string Number(decimal? d) => d is { } v ? v.ToString("0.##", Culture.French) : "—";

    public static string Euros(decimal d) => d.ToString("N0", Culture.French) + " €";
}
