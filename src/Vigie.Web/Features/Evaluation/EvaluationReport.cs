using Vigie.Web.Features.ActionPlan;

namespace Vigie.Web.Features.Evaluation;

public sealed record EvaluationIndicatorLine(Guid IndicatorId, string Name, PlanIndicatorKind Kind, string Unit, decimal? Baseline, DateOnly? BaselineDate,
    decimal? Target, DateOnly? TargetDate, decimal? Achieved, DateOnly? AchievedOn, string Source, Attainment? Attainment, Guid? PlanItemId = null);

public sealed record EvaluationBudgetLine(FundingSource Funder, decimal Planned, decimal Granted, decimal Spent);

/// <summary>One fiche action in the evaluation: its indicator chain (§5.2), milestones, dates, budget by funder and attainment.</summary>
public sealed record EvaluationActionLine(Guid ItemId, string Number, string Title, string? Priority, string? Status, int Progress,
    IReadOnlyList<EvaluationIndicatorLine> Indicators, int Milestones, int MilestonesMet, IReadOnlyList<EvaluationBudgetLine> Budget,
    Attainment? Attainment, bool Computed, string? Comment, Guid? ContinuesItemId, DateOnly? StartDate = null, DateOnly? EndDate = null);

/// <summary>
/// One axis (priority): its actions' attainment, and target vs achieved of the indicators set on the priority itself or on
/// its objectives (null in versions frozen before they were kept).
/// </summary>
public sealed record EvaluationPriorityLine(Guid ItemId, string Number, string Title, int Actions, int Met, int Partly, int NotMet,
    IReadOnlyList<EvaluationIndicatorLine>? Indicators = null);

/// <summary>§5.3 part 2: a signatory partner (organisation, signature date) and the commitments it holds on the plan items the audience reads.</summary>
public sealed record EvaluationPartnerLine(string Organisation, DateOnly? SignedOn, int Commitments);

/// <summary>
/// §5.3 part 3: a follow-up group's confidentiality charter — its current version and how many active members signed it (full
/// version only: readers of every restricted content; counts under <see cref="EvaluationSectionContext.SmallCell"/> masked when rendered).
/// </summary>
public sealed record EvaluationCharterLine(string Group, int CharterVersion, int Members, int Signed);

/// <summary>§5.3 part 8: the organisations sitting in a body during the period (never a person's name).</summary>
public sealed record EvaluationBodyComposition(string Body, BodyKind Kind, IReadOnlyList<string> Organisations);

public sealed record EvaluationBodyLine(Guid BodyId, string Name, BodyKind Kind, int Planned, int Held, int Cancelled);

public sealed record EvaluationAttendanceLine(string Organisation, int Expected, int Present, double? Rate);

public sealed record EvaluationGovernance(IReadOnlyList<EvaluationBodyLine> Bodies, IReadOnlyList<EvaluationAttendanceLine> Attendance,
    int Decisions, int Tasks, int TasksWithDueDate, int TasksClosedOnTime, int TasksOpen);

/// <summary>The overall line: "presque tous les objectifs atteints : 9 sur 10", computed from the actions' attainment.</summary>
public sealed record EvaluationOverall(int Met, int Partly, int NotMet, int Assessed, int NotAssessed)
{
    public string Sentence => Assessed == 0
        ? "aucun objectif évaluable : ni cible renseignée ni appréciation écrite"
        : $"{Qualifier} : {Met} sur {Assessed}";

    public string Qualifier => Met == Assessed ? "tous les objectifs atteints"
        : Met * 10 >= Assessed * 8 ? "presque tous les objectifs atteints"
        : Met * 2 >= Assessed ? "la majorité des objectifs atteints"
        : "une minorité des objectifs atteints";

    public static EvaluationOverall Of(IEnumerable<Attainment?> attainments)
    {
        int met = 0, partly = 0, not = 0, none = 0;
        foreach (var a in attainments)
        {
            switch (a)
            {
                case Attainment.Met: met++; break;
                case Attainment.Partly: partly++; break;
                case Attainment.NotMet: not++; break;
                default: none++; break;
            }
        }
        return new EvaluationOverall(met, partly, not, met + partly + not, none);
    }
}

/// <summary>A rating; <see cref="PlanItemId"/> names the rated plan item (null: overall, or a version frozen before it was kept).</summary>
public sealed record EvaluationRatingLine(Guid Id, EvaluationCriterion Criterion, string? ItemTitle, string Question, EvaluationRatingLevel? Level,
    string? Evidence, EvaluationConfidence Confidence, Guid? PlanItemId = null);

public sealed record EvaluationRecommendationLine(Guid Id, string Text, string? Owner, RecommendationPriority Priority, Guid? DraftPlanItemId, Guid? DraftContractId);

/// <summary>The generated report of §5.3 for one audience (members or the public): everything computed at reading time.</summary>
public sealed record EvaluationReportView(ContractEvaluation Evaluation, Guid ContractId, string ContractTitle, string? MandateBody, DateOnly ExtractedOn,
    EvaluationOverall Overall, IReadOnlyList<EvaluationPriorityLine> Priorities, IReadOnlyList<EvaluationActionLine> Actions,
    IReadOnlyList<EvaluationBudgetLine> BudgetByFunder, EvaluationGovernance Governance, IReadOnlyList<EvaluationRatingLine> Ratings,
    IReadOnlyList<EvaluationRecommendationLine> Recommendations, IReadOnlyList<EvaluationSectionContent> Sections, bool IsPublic, bool HasRestrictedItems,
    IReadOnlyList<EvaluationPartnerLine>? Partners = null, IReadOnlyList<EvaluationCharterLine>? Charters = null, IReadOnlyList<EvaluationBodyComposition>? Composition = null)
{
    public const string ContractSource = "contrat et signataires enregistrés dans Vigie";
    public const string CasesSource = "groupes de suivi individuel enregistrés dans Vigie (chartes signées)";

    public const string PlanSource = "plan d'action du contrat dans Vigie (indicateurs, jalons, lignes budgétaires)";
    public const string GovernanceSource = "réunions, présences, décisions et tâches enregistrées dans Vigie";
}

/// <summary>
/// Computes an evaluation's figures. Attainment of an indicator with a target: met when the last value of the period reaches
/// it; partly when it moved from the baseline towards it; not met otherwise. An action is met when all its targeted
/// indicators are, partly when some moved, not met else; without any targeted indicator, the evaluators' written judgement
/// counts. Only plan items the audience may read enter the report (<see cref="PlanQueries.VisibleItemIdsAsync(Guid, Entitlement)"/>).
/// </summary>
public static class EvaluationFigures
{
    public static Attainment? Indicator(decimal? baseline, decimal? target, decimal? achieved)
    {
        if (target is not { } t || achieved is not { } a) return null;
        // Without a baseline the direction is unknown: the target is read as a floor.
        if (baseline is not { } b || b == t) return a >= t ? Attainment.Met : Attainment.NotMet;
        var progress = (a - b) / (t - b);
        return progress >= 1 ? Attainment.Met : progress > 0 ? Attainment.Partly : Attainment.NotMet;
    }

    public static Attainment? Action(IEnumerable<Attainment?> indicators)
    {
        var known = indicators.Where(a => a is not null).Select(a => a!.Value).ToList();
        if (known.Count == 0) return null;
        if (known.All(a => a == Attainment.Met)) return Attainment.Met;
        return known.Any(a => a != Attainment.NotMet) ? Attainment.Partly : Attainment.NotMet;
    }

    public static string Label(Attainment? a) => a switch
    {
        Attainment.Met => "atteint",
        Attainment.Partly => "partiellement atteint",
        Attainment.NotMet => "non atteint",
        _ => "non évalué",
    };
}

public sealed class EvaluationReportBuilder(AppDbContext db, PlanQueries plans, IEnumerable<IEvaluationSection> sections, TimeProvider clock)
{
    public DateOnly Today => Culture.ParisDate(clock.GetUtcNow());

    /// <summary>The report for an audience: <paramref name="plan"/> is the plan that audience may read (already filtered).</summary>
    public async Task<EvaluationReportView> BuildAsync(ContractEvaluation e, PlanView plan, Entitlement entitlement, bool isPublic, CancellationToken ct = default)
    {
        var contractId = e.ContractId;
        var rows = plan.Rows;
        var visible = rows.Select(r => r.Id).ToHashSet();
        var actions = rows.Where(r => r.Kind == PlanItemKind.Action).ToList();
        var actionIds = actions.Select(a => a.Id).ToList();
        // Indicators of the actions, and of the priorities and objectives (target vs achieved per axis).
        var indicators = await plans.IndicatorsAsync(contractId, [.. visible], withObservatory: true, membersView: !isPublic);
        var indicatorItem = await plans.IndicatorItemsAsync(contractId);
        List<EvaluationIndicatorLine> Chain(Guid itemId) => [.. indicators.Where(i => indicatorItem.TryGetValue(i.Id, out var item) && item == itemId).Select(i =>
        {
            // The value achieved is the last one taken within the evaluated period (earlier ones are the baseline's business).
            var last = i.Values.Where(v => v.Value is not null && v.On >= e.PeriodStart && v.On <= e.PeriodEnd).OrderBy(v => v.On).LastOrDefault();
            var source = i.Source ?? last?.Provenance ?? (i.ObservatoryIndicatorCode is not null ? "observatoire (SSMSI)" : "saisie du pilote");
            return new EvaluationIndicatorLine(i.Id, i.Name, i.Kind, i.Unit, i.BaselineValue, i.BaselineDate, i.TargetValue, i.TargetDate,
                last?.Value, last?.On, source, EvaluationFigures.Indicator(i.BaselineValue, i.TargetValue, last?.Value), itemId);
        })];
        var milestones = (await db.Milestones.AsNoTracking().Where(m => m.ContractId == contractId && actionIds.Contains(m.PlanItemId))
            .Select(m => new { m.PlanItemId, m.DueOn, m.DoneOn }).ToListAsync(ct)).ToLookup(m => m.PlanItemId);
        var budget = (await db.BudgetLines.AsNoTracking().Where(l => l.ContractId == contractId && actionIds.Contains(l.PlanItemId))
            .Select(l => new { l.PlanItemId, l.Funder, l.Planned, l.Granted, l.Spent }).ToListAsync(ct)).ToLookup(l => l.PlanItemId);
        var judgements = await db.EvaluationJudgements.AsNoTracking().Where(j => j.EvaluationId == e.Id).ToDictionaryAsync(j => j.PlanItemId, ct);
        var lineage = await db.PlanItems.AsNoTracking().Where(i => i.ContractId == contractId && i.ContinuesItemId != null)
            .ToDictionaryAsync(i => i.Id, i => i.ContinuesItemId, ct);
        var byId = rows.ToDictionary(r => r.Id);
        string? PriorityOf(PlanRow r)
        {
            var p = r;
            while (p.ParentId is { } pid && byId.TryGetValue(pid, out var parent)) p = parent;
            return p.Id == r.Id ? null : $"{p.Number}. {p.Title}";
        }

        var lines = new List<EvaluationActionLine>();
        foreach (var a in actions)
        {
            var chain = Chain(a.Id);
            var computed = EvaluationFigures.Action(chain.Select(c => c.Attainment));
            var written = judgements.GetValueOrDefault(a.Id);
            var funders = budget[a.Id].GroupBy(l => l.Funder).OrderBy(g => g.Key)
                .Select(g => new EvaluationBudgetLine(g.Key, g.Sum(x => x.Planned), g.Sum(x => x.Granted), g.Sum(x => x.Spent))).ToList();
            var ms = milestones[a.Id].ToList();
            lines.Add(new EvaluationActionLine(a.Id, a.Number, a.Title, PriorityOf(a), a.StatusLabel, (int)Math.Round(a.Progress.Value ?? 0, MidpointRounding.AwayFromZero), chain, ms.Count,
                ms.Count(m => m.DoneOn is { } d && d <= m.DueOn), plan.PublishBudget || !isPublic ? funders : [],
                computed ?? written?.Attainment, computed is not null, written?.Comment, lineage.GetValueOrDefault(a.Id), a.StartDate, a.EndDate));
        }

        Guid RootOf(PlanRow r)
        {
            var p = r;
            while (p.ParentId is { } pid && byId.TryGetValue(pid, out var parent)) p = parent;
            return p.Id;
        }
        var priorities = rows.Where(r => r.ParentId is null).Select(p =>
        {
            var under = lines.Where(l => l.Priority == $"{p.Number}. {p.Title}").ToList();
            // The priority's own indicators and its objectives' (every non-action item of the axis).
            var axis = rows.Where(r => r.Kind != PlanItemKind.Action && RootOf(r) == p.Id).SelectMany(r => Chain(r.Id)).ToList();
            return new EvaluationPriorityLine(p.Id, p.Number, p.Title, under.Count, under.Count(l => l.Attainment == Attainment.Met),
                under.Count(l => l.Attainment == Attainment.Partly), under.Count(l => l.Attainment == Attainment.NotMet), axis);
        }).ToList();
        var byFunder = lines.SelectMany(l => l.Budget).GroupBy(b => b.Funder).OrderBy(g => g.Key)
            .Select(g => new EvaluationBudgetLine(g.Key, g.Sum(x => x.Planned), g.Sum(x => x.Granted), g.Sum(x => x.Spent))).ToList();

        var titles = rows.ToDictionary(r => r.Id, r => $"{r.Number}. {r.Title}");
        var ratings = (await db.EvaluationRatings.AsNoTracking().Where(r => r.EvaluationId == e.Id).ToListAsync(ct))
            .Where(r => r.PlanItemId is null || visible.Contains(r.PlanItemId.Value))
            .OrderBy(r => r.Criterion).ThenBy(r => r.CreatedAt)
            .Select(r => new EvaluationRatingLine(r.Id, r.Criterion, r.PlanItemId is { } pid ? titles[pid] : null, r.Question, r.Level, r.Evidence, r.Confidence, r.PlanItemId)).ToList();
        var recommendations = await db.EvaluationRecommendations.AsNoTracking().Where(r => r.EvaluationId == e.Id)
            .OrderBy(r => r.Priority).ThenBy(r => r.CreatedAt)
            .Select(r => new EvaluationRecommendationLine(r.Id, r.Text, r.OwnerOrganisation!.Name, r.Priority, r.DraftPlanItemId,
                db.PlanItems.Where(i => i.Id == r.DraftPlanItemId).Select(i => (Guid?)i.ContractId).FirstOrDefault())).ToListAsync(ct);
        var mandate = e.MandateBodyId is { } bid ? await db.Bodies.Where(b => b.Id == bid).Select(b => b.Name).FirstOrDefaultAsync(ct) : null;

        var context = new EvaluationSectionContext(contractId, e.PeriodStart, e.PeriodEnd, entitlement, isPublic, Today);
        var contributed = new List<EvaluationSectionContent>();
        foreach (var s in sections.OrderBy(s => s.Order))
            if (await s.BuildAsync(context, ct) is { } content)
                contributed.Add(content with { Part = s.Order < EvaluationSectionContent.StrategyOrderLimit ? 2 : 5 });

        var governance = await GovernanceAsync(e, entitlement, ct);
        return new EvaluationReportView(e, contractId, plan.ContractTitle, mandate, Today, EvaluationOverall.Of(lines.Select(l => l.Attainment)),
            priorities, lines, plan.PublishBudget || !isPublic ? byFunder : [], governance, ratings, recommendations, contributed, isPublic,
            rows.Any(r => r.Visibility == MinutesVisibility.Restricted),
            // Partner organisations and the bodies' composition stay with the members (no public page lists them); the follow-up
            // groups' charters only reach the full version (a group is shown only to its members and the coordinators).
            isPublic ? [] : await PartnersAsync(contractId, actionIds, ct), isPublic || !entitlement.AllRestricted ? [] : await ChartersAsync(contractId, ct),
            isPublic ? [] : await CompositionAsync(e, governance, ct));
    }

    /// <summary>The signatories (organisation and date, never the representative's name) and their commitments on the given actions.</summary>
    private async Task<IReadOnlyList<EvaluationPartnerLine>> PartnersAsync(Guid contractId, List<Guid> actionIds, CancellationToken ct)
    {
        var signatories = await db.Signatories.AsNoTracking().Where(s => s.ContractId == contractId).OrderBy(s => s.Order)
            .Select(s => new { s.OrganisationId, s.Organisation!.Name, s.SignedOn }).ToListAsync(ct);
        var commitments = (await db.Commitments.AsNoTracking().Where(c => c.ContractId == contractId && actionIds.Contains(c.PlanItemId))
            .Select(c => new { c.OrganisationId, c.Organisation!.Name }).ToListAsync(ct));
        var lines = signatories.Select(s => new EvaluationPartnerLine(s.Name, s.SignedOn, commitments.Count(c => c.OrganisationId == s.OrganisationId))).ToList();
        var signed = signatories.Select(s => s.OrganisationId).ToHashSet();
        // Partners that commit without having signed the contract are listed after the signatories.
        lines.AddRange(commitments.Where(c => !signed.Contains(c.OrganisationId)).GroupBy(c => c.Name).OrderBy(g => g.Key, StringComparer.Create(Culture.French, false))
            .Select(g => new EvaluationPartnerLine(g.Key, null, g.Count())));
        return lines;
    }

    /// <summary>Each follow-up group's current charter and how many of its active members signed it.</summary>
    private async Task<IReadOnlyList<EvaluationCharterLine>> ChartersAsync(Guid contractId, CancellationToken ct) =>
        (await db.CaseGroups.AsNoTracking().Where(g => g.ContractId == contractId).OrderBy(g => g.Name)
            .Select(g => new
            {
                g.Name, g.CharterVersion,
                Members = g.Members.Count(m => m.Status == CaseMemberStatus.Active),
                Signed = g.Members.Count(m => m.Status == CaseMemberStatus.Active && m.SignedCharterVersion == g.CharterVersion),
            }).ToListAsync(ct))
        .Select(g => new EvaluationCharterLine(g.Name, g.CharterVersion, g.Members, g.Signed)).ToList();

    /// <summary>The organisations sitting in the bodies the governance part shows (the audience's), during the period.</summary>
    private async Task<IReadOnlyList<EvaluationBodyComposition>> CompositionAsync(ContractEvaluation e, EvaluationGovernance governance, CancellationToken ct)
    {
        var shown = governance.Bodies.Select(b => b.BodyId).ToList();
        var seats = await db.BodyMemberships.AsNoTracking()
            .Where(m => m.ContractId == e.ContractId && shown.Contains(m.BodyId) && m.OrganisationId != null && m.From <= e.PeriodEnd && (m.To == null || m.To >= e.PeriodStart))
            .Select(m => new { m.BodyId, m.Organisation!.Name }).ToListAsync(ct);
        return governance.Bodies.Select(b => new EvaluationBodyComposition(b.Name, b.Kind,
            [.. seats.Where(s => s.BodyId == b.BodyId).Select(s => s.Name).Distinct().OrderBy(n => n, StringComparer.Create(Culture.French, false))])).ToList();
    }

    /// <summary>
    /// Meetings held vs planned per body over the period, attendance rate per partner organisation in the held meetings,
    /// decisions taken and tasks closed on time — counting only the meetings and tasks the audience may read.
    /// </summary>
    public async Task<EvaluationGovernance> GovernanceAsync(ContractEvaluation e, Entitlement entitlement, CancellationToken ct = default)
    {
        var from = new DateTimeOffset(e.PeriodStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
        var to = new DateTimeOffset(e.PeriodEnd.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(2);
        var bodies = await db.Bodies.AsNoTracking().Where(b => b.ContractId == e.ContractId).OrderBy(b => b.Name)
            .Select(b => new { b.Id, b.Name, b.Kind }).ToListAsync(ct);
        var meetings = (await db.Meetings.AsNoTracking().Where(m => m.ContractId == e.ContractId && m.StartsAt >= from && m.StartsAt < to)
                .Select(m => new { m.Id, m.BodyId, m.StartsAt, m.Status, m.Visibility }).ToListAsync(ct))
            .Where(m => InPeriod(e, m.StartsAt)).ToList();
        // Tasks carry their own visibility (below); every other figure counts only the meetings this audience may read,
        // so a restricted body's sittings and attendance never reach the public report or a reader outside the body.
        var heldAll = meetings.Where(m => m.Status == MeetingStatus.Held).Select(m => m.Id).ToList();
        meetings = meetings.Where(m => entitlement.Allows(m.Visibility, m.BodyId)).ToList();
        var bodyLines = bodies.Select(b =>
        {
            var ms = meetings.Where(m => m.BodyId == b.Id).ToList();
            return new EvaluationBodyLine(b.Id, b.Name, b.Kind, ms.Count(m => m.Status != MeetingStatus.Cancelled), ms.Count(m => m.Status == MeetingStatus.Held),
                ms.Count(m => m.Status == MeetingStatus.Cancelled));
        }).Where(b => b.Planned + b.Cancelled > 0).ToList();

        var held = meetings.Where(m => m.Status == MeetingStatus.Held).Select(m => m.Id).ToList();
        var attendance = (await db.Attendances.AsNoTracking().Where(a => a.ContractId == e.ContractId && held.Contains(a.MeetingId))
                .Select(a => new { a.Organisation!.Name, a.Status }).ToListAsync(ct))
            .GroupBy(a => a.Name).OrderBy(g => g.Key, StringComparer.Create(Culture.French, false))
            .Select(g =>
            {
                var present = g.Count(a => a.Status is AttendanceStatus.Present or AttendanceStatus.Represented);
                return new EvaluationAttendanceLine(g.Key, g.Count(), present, g.Any() ? (double)present / g.Count() : null);
            }).ToList();
        var readable = meetings.Select(m => m.Id).ToList();
        var decisions = await db.Outcomes.CountAsync(o => o.ContractId == e.ContractId && o.Kind == OutcomeKind.Decision && readable.Contains(o.MeetingId), ct);
        var tasks = (await db.FollowUpTasks.AsNoTracking().Where(t => t.ContractId == e.ContractId && heldAll.Contains(t.MeetingId))
            .Select(t => new { t.Visibility, t.BodyId, t.DueOn, t.Status, t.ClosedOn }).ToListAsync(ct))
            .Where(t => entitlement.Allows(t.Visibility, t.BodyId)).ToList();
        return new EvaluationGovernance(bodyLines, attendance, decisions, tasks.Count, tasks.Count(t => t.DueOn is not null),
            tasks.Count(t => t.Status == FollowUpStatus.Done && t.DueOn is { } due && t.ClosedOn is { } closed && closed <= due),
            tasks.Count(t => !FollowUpTask.IsClosed(t.Status)));
    }

    private static bool InPeriod(ContractEvaluation e, DateTimeOffset at)
    {
        var day = Culture.ParisDate(at);
        return day >= e.PeriodStart && day <= e.PeriodEnd;
    }
}
