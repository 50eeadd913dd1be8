namespace Vigie.Web.Features.ActionPlan;

public sealed record StatusView(string Key, string Label, int? DefaultProgress, int Order, bool IsClosed, bool CountsInProgress);

public sealed record PlanRow(Guid Id, Guid? ParentId, int Depth, string Number, PlanItemKind Kind, string Reference, string Title,
    string? StatusKey, string? StatusLabel, Guid? LeadOrganisationId, string? LeadName, DateOnly? StartDate, DateOnly? EndDate,
    decimal Weight, int? ProgressOverride, Progress Progress, int Indicators, int OverdueMilestones,
    MinutesVisibility Visibility = MinutesVisibility.Public);

/// <summary>The contract's period as the plan needs it: calendars open on it, and deadlines are followed only while it runs.</summary>
public sealed record PlanPeriod(DateOnly Start, DateOnly End, bool Ended)
{
    /// <summary>The year a calendar opens on: this year while the contract runs, else the nearest year of its period.</summary>
    public int DefaultYear(DateOnly today) => Math.Clamp(today.Year, Start.Year, Math.Max(Start.Year, End.Year));

    /// <summary>
    /// The day before which an open due date is late, or null once the contract has ended: a closed contract's
    /// unfinished milestones are "not done", not "late" (issue 11 C: a 1998 contract was painted late everywhere).
    /// </summary>
    public DateOnly? LateBefore(DateOnly today) => Ended ? null : today;

    public static bool IsLate(DateOnly? due, DateOnly? lateBefore) => due is { } d && lateBefore is { } t && d < t;
}

public sealed record PlanView(Guid ContractId, string ContractTitle, bool IsPublished, ContractRole Role, Progress Progress,
    IReadOnlyList<PlanRow> Rows, IReadOnlyList<StatusView> Statuses, bool PublishBudget, PlanPeriod Period)
{
    public bool CanEdit => Role == ContractRole.Coordinator;
    /// <summary>The headline figure with how many actions it rests on (issue 11 E).</summary>
    public PlanHeadline Headline => PlanHeadline.Of(this);
}

public sealed record CommitmentView(Guid Id, string Reference, Guid OrganisationId, string OrganisationName, string What, string? Means,
    DateOnly? DueDate, string? StatusKey, string? StatusLabel, int? Progress, decimal Weight, bool CanEdit, bool Overdue, int Version = 0);

public sealed record MilestoneView(Guid Id, string Reference, string Title, DateOnly DueOn, DateOnly? DoneOn, decimal Weight,
    Guid? OwnerOrganisationId, string? OwnerName, bool CanMarkDone, bool Overdue, int Version = 0);

public sealed record BudgetLineView(Guid Id, string Reference, FundingSource Funder, Guid? OrganisationId, string? OrganisationName,
    string? Label, int? Year, decimal Planned, decimal Granted, decimal Spent, bool CanEdit, int Version = 0);

public sealed record IndicatorValueView(Guid? Id, string Period, DateOnly On, decimal? Value, string Provenance, bool Estimate, string? Note, int Version = 0);

public sealed record IndicatorView(Guid Id, string Reference, string Name, PlanIndicatorKind Kind, string Unit, decimal? BaselineValue,
    DateOnly? BaselineDate, decimal? TargetValue, DateOnly? TargetDate, Periodicity Periodicity, string? Source,
    string? ObservatoryIndicatorCode, ObservatoryMeasure ObservatoryMeasure, IReadOnlyList<IndicatorValueView> Values, int Version = 0,
    PlanIndicatorSourceKind SourceKind = PlanIndicatorSourceKind.Manual, string? SourceDetail = null, Guid? SurveyId = null, string? SurveyItem = null,
    string? SurveyAnswer = null, string? IncidentGroup = null, Guid? IncidentAreaId = null, bool SourceToRelink = false)
{
    /// <summary>Values come from a live series (observatory, survey, incivilités): nobody types them.</summary>
    public bool IsLive => SourceKind != PlanIndicatorSourceKind.Manual;
}

public sealed record ChangeView(Guid Group, DateTimeOffset ChangedAt, string? ChangedBy, string EntityType, string Operation, string Field, string? Before, string? After);

public sealed record CommentView(Guid Id, DateTimeOffset CreatedAt, string? Author, string Text);

public sealed record ItemDetail(PlanRow Row, PlanItem Item, string? AreaName, IReadOnlyList<(Guid Id, string Name)> Partners,
    IReadOnlyList<PlanRow> Children, IReadOnlyList<PlanRow> Path, IReadOnlyList<CommitmentView> Commitments,
    IReadOnlyList<MilestoneView> Milestones, IReadOnlyList<BudgetLineView> Budget, IReadOnlyList<IndicatorView> Indicators,
    ContractRole Role, Guid? UserOrganisationId, string ContractTitle = "")
{
    public bool CanEdit => Role == ContractRole.Coordinator;
    public bool CanComment => Role != ContractRole.Reader;
    public bool CanEnterValues => Role == ContractRole.Coordinator
        || (Role == ContractRole.PartnerMember && Item.LeadOrganisationId is { } l && l == UserOrganisationId);
}

/// <summary>
/// Reads of the action plan, always starting from the contracts the user may see (<see cref="ContractAccess"/>):
/// a contract that is not visible gives null, which pages and API turn into 404.
/// </summary>
public sealed class PlanQueries(AppDbContext db, ContractAccess access, ICurrentUser user, TimeProvider clock,
    Observatory.ObservatoryQueries observatory, Shared.Egress egress, Shared.ISurveyIndicatorSource surveys, Shared.IIncivilityIndicatorSource incivilities)
{
    /// <summary>Key of the default "planned" status every contract has (drafts and carried-over items start there).</summary>
    public const string PlannedKey = "planned";
    private const string InProgressKey = "in-progress";
    public DateOnly Today => Culture.ParisDate(clock.GetUtcNow());

    public async Task<(Guid Id, string Title, bool IsPublished, ContractRole Role, PlanPeriod Period)?> ContractAsync(Guid contractId)
    {
        var c = await access.Contracts.Where(x => x.Id == contractId)
            .Select(x => new { x.Id, x.Title, x.IsPublished, Period = new PlanPeriod(x.StartDate, x.EndDate, x.Status == ContractStatus.Ended) }).FirstOrDefaultAsync();
        if (c is null) return null;
        var role = await access.RoleInAsync(contractId);
        return role is null ? null : (c.Id, c.Title, c.IsPublished, role.Value, c.Period);
    }

    /// <summary>The whole plan of a contract the user can see: numbered tree with computed progress.</summary>
    /// <param name="entitlement">The reader's entitlement when the caller already computed it (<see cref="ReaderEntitlementAsync"/>).</param>
    public async Task<PlanView?> PlanAsync(Guid contractId, Shared.Entitlement? entitlement = null)
    {
        if (await ContractAsync(contractId) is not { } c) return null;
        return await BuildAsync(c.Id, c.Title, c.IsPublished, c.Role, c.Period, entitlement ?? await ReaderEntitlementAsync(c.Id));
    }

    /// <summary>What the signed-in user may read of a contract's plan (the egress rule, <see cref="Shared.Egress"/>).</summary>
    public Task<Shared.Entitlement> ReaderEntitlementAsync(Guid contractId) =>
        egress.EntitlementAsync(contractId, Shared.Audience.Reader(user.Id ?? Guid.Empty, user.IsAdministrator));

    /// <summary>
    /// The items of a contract's plan an audience may read: an item whose own visibility the entitlement allows (a restricted
    /// item's readers are its source meeting's body members and the coordinators), under parents that are readable too —
    /// what sits under a hidden item is hidden with it.
    /// </summary>
    public Task<HashSet<Guid>> VisibleItemIdsAsync(Guid contractId, Shared.Entitlement entitlement) => VisibleItemIdsAsync(db, contractId, entitlement);

    /// <inheritdoc cref="VisibleItemIdsAsync(Guid, Shared.Entitlement)"/>
    public static async Task<HashSet<Guid>> VisibleItemIdsAsync(AppDbContext db, Guid contractId, Shared.Entitlement entitlement)
    {
        var items = await db.PlanItems.AsNoTracking().Where(i => i.ContractId == contractId)
            .Select(i => new { i.Id, i.ParentId, i.Visibility, SourceBodyId = db.Meetings.Where(m => m.Id == i.SourceMeetingId).Select(m => (Guid?)m.BodyId).FirstOrDefault() })
            .ToListAsync();
        var children = items.ToLookup(i => i.ParentId);
        var visible = new HashSet<Guid>();
        void Walk(Guid? parent)
        {
            foreach (var i in children[parent])
                if (entitlement.Allows(i.Visibility, i.SourceBodyId) && visible.Add(i.Id)) Walk(i.Id);
        }
        Walk(null);
        return visible;
    }

    /// <summary>The same for the anonymous public page: only published contracts.</summary>
    public async Task<PlanView?> PublicPlanAsync(Guid contractId)
    {
        var c = await db.Contracts.Where(x => x.Id == contractId && x.IsPublished)
            .Select(x => new { x.Id, x.Title, Period = new PlanPeriod(x.StartDate, x.EndDate, x.Status == ContractStatus.Ended) }).FirstOrDefaultAsync();
        return c is null ? null : await BuildAsync(c.Id, c.Title, true, ContractRole.Reader, c.Period, Shared.Entitlement.PublicOnly);
    }

    private async Task<PlanView> BuildAsync(Guid contractId, string title, bool published, ContractRole role, PlanPeriod period, Shared.Entitlement entitlement)
    {
        var visible = await VisibleItemIdsAsync(contractId, entitlement);
        var statuses = await db.PlanStatuses.AsNoTracking().Where(s => s.ContractId == contractId).OrderBy(s => s.Order).ToListAsync();
        var items = (await db.PlanItems.AsNoTracking().Where(i => i.ContractId == contractId)
            .Select(i => new PlanItem
            {
                Id = i.Id, ParentId = i.ParentId, Kind = i.Kind, Position = i.Position, Reference = i.Reference, Title = i.Title,
                StatusId = i.StatusId, LeadOrganisationId = i.LeadOrganisationId, StartDate = i.StartDate, EndDate = i.EndDate,
                Weight = i.Weight, ProgressOverride = i.ProgressOverride, Visibility = i.Visibility,
            }).ToListAsync()).Where(i => visible.Contains(i.Id)).ToList();
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.ContractId == contractId)
            .Select(m => new { m.PlanItemId, m.Weight, m.DoneOn, m.DueOn }).ToListAsync();
        var commitments = await db.Commitments.AsNoTracking().Where(m => m.ContractId == contractId)
            .Select(m => new { m.PlanItemId, m.Weight, m.Progress, m.StatusId }).ToListAsync();
        var indicators = await db.PlanIndicators.AsNoTracking().Where(i => i.ContractId == contractId)
            .GroupBy(i => i.PlanItemId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var leadIds = items.Where(i => i.LeadOrganisationId is not null).Select(i => i.LeadOrganisationId!.Value).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => leadIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        var settings = await db.PlanSettings.AsNoTracking().FirstOrDefaultAsync(s => s.ContractId == contractId);

        var statusById = statuses.ToDictionary(s => s.Id);
        var ms = milestones.ToLookup(m => m.PlanItemId);
        var cs = commitments.ToLookup(m => m.PlanItemId);
        var lateBefore = period.LateBefore(Today);
        var nodes = items.Select(i =>
        {
            var st = i.StatusId is { } sid && statusById.TryGetValue(sid, out var s) ? s : null;
            return new ProgressNode(i.Id, i.ParentId, i.Weight, i.ProgressOverride, st?.DefaultProgress, st is { IsClosed: true, CountsInProgress: true },
                st?.CountsInProgress ?? true,
                ms[i.Id].Select(m => (m.Weight, m.DoneOn is not null)).ToList(),
                cs[i.Id].Select(c => (c.Weight, c.Progress ?? (c.StatusId is { } csid && statusById.TryGetValue(csid, out var cst) ? cst.DefaultProgress : null))).ToList());
        }).ToList();
        var (progress, plan) = PlanProgress.Compute(nodes);

        var rows = new List<PlanRow>();
        var children = items.ToLookup(i => i.ParentId);
        void Walk(Guid? parent, string prefix, int depth)
        {
            foreach (var i in children[parent].OrderBy(i => i.Position))
            {
                var number = prefix.Length == 0 ? i.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{prefix}.{i.Position}";
                var st = i.StatusId is { } sid && statusById.TryGetValue(sid, out var s) ? s : null;
                rows.Add(new PlanRow(i.Id, i.ParentId, depth, number, i.Kind, i.Reference, i.Title, st?.Key, ShownStatus(st?.Key, st?.Label, progress[i.Id]), i.LeadOrganisationId,
                    i.LeadOrganisationId is { } l && names.TryGetValue(l, out var n) ? n : null, i.StartDate, i.EndDate, i.Weight, i.ProgressOverride,
                    progress[i.Id], indicators.GetValueOrDefault(i.Id), ms[i.Id].Count(m => m.DoneOn is null && PlanPeriod.IsLate(m.DueOn, lateBefore)), i.Visibility));
                Walk(i.Id, number, depth + 1);
            }
        }
        Walk(null, "", 0);
        // An item still "prévue" whose milestones or commitments have moved reads "en cours" (issue 11 F: no "Prévue" beside 50 %).
        string? ShownStatus(string? key, string? label, Progress p) =>
            key == PlannedKey && p.Value > 0 ? statuses.FirstOrDefault(x => x.Key == InProgressKey)?.Label ?? label : label;
        return new PlanView(contractId, title, published, role, plan, rows,
            statuses.Select(s => new StatusView(s.Key, s.Label, s.DefaultProgress, s.Order, s.IsClosed, s.CountsInProgress)).ToList(),
            settings?.PublishBudget ?? false, period);
    }

    /// <param name="liveValues">False where only the item and its records are needed (the sub-record forms): indicators
    /// fed by the observatory, a survey or the incivilités series are listed without computing their values.</param>
    public async Task<ItemDetail?> ItemAsync(Guid contractId, Guid itemId, bool liveValues = true) =>
        await PlanAsync(contractId) is { } plan && plan.Rows.Any(r => r.Id == itemId)
            ? (await ItemsAsync(plan, [itemId], liveValues)).SingleOrDefault() : null;

    /// <summary>
    /// The details of several items of a plan already read by the caller (the whole-plan PDF), with one query per kind of
    /// record for all of them; items not in <paramref name="plan"/> are left out. Same content as <see cref="ItemAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<ItemDetail>> ItemsAsync(PlanView plan, IReadOnlyCollection<Guid> itemIds, bool liveValues = true)
    {
        var contractId = plan.ContractId;
        var rows = plan.Rows.Where(r => itemIds.Contains(r.Id)).ToList();
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var items = await db.PlanItems.AsNoTracking().Include(i => i.Area).Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id);
        var partners = (await db.PlanItemPartners.AsNoTracking().Where(p => ids.Contains(p.PlanItemId))
            .Select(p => new { p.PlanItemId, p.OrganisationId, p.Organisation!.Name }).OrderBy(p => p.Name).ToListAsync()).ToLookup(p => p.PlanItemId);
        var lateBefore = plan.Period.LateBefore(Today);
        var role = plan.Role;
        var org = user.OrganisationId;
        bool Owns(Guid? o) => role == ContractRole.Coordinator || (role == ContractRole.PartnerMember && o is not null && o == org);

        var statuses = await db.PlanStatuses.AsNoTracking().Where(s => s.ContractId == contractId).ToDictionaryAsync(s => s.Id);
        var commitments = (await db.Commitments.AsNoTracking().Where(c => ids.Contains(c.PlanItemId))
                .Select(c => new { c.PlanItemId, c.Id, c.Reference, c.OrganisationId, c.Organisation!.Name, c.What, c.Means, c.DueDate, c.StatusId, c.Progress, c.Weight, c.Version })
                .ToListAsync())
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToLookup(c => c.PlanItemId, c =>
            {
                var st = c.StatusId is { } s && statuses.TryGetValue(s, out var x) ? x : null;
                return new CommitmentView(c.Id, c.Reference, c.OrganisationId, c.Name, c.What, c.Means, c.DueDate, st?.Key, st?.Label, c.Progress, c.Weight,
                    Owns(c.OrganisationId), PlanPeriod.IsLate(c.DueDate, lateBefore) && st is not { IsClosed: true }, c.Version);
            });
        var milestones = (await db.Milestones.AsNoTracking().Where(m => ids.Contains(m.PlanItemId))
                .Select(m => new { m.PlanItemId, m.Id, m.Reference, m.Title, m.DueOn, m.DoneOn, m.Weight, m.OwnerOrganisationId, Owner = m.OwnerOrganisation!.Name, m.Version })
                .ToListAsync())
            .OrderBy(m => m.DueOn)
            .ToLookup(m => m.PlanItemId, m => new MilestoneView(m.Id, m.Reference, m.Title, m.DueOn, m.DoneOn, m.Weight, m.OwnerOrganisationId, m.Owner,
                m.OwnerOrganisationId is null ? role == ContractRole.Coordinator : Owns(m.OwnerOrganisationId), m.DoneOn is null && PlanPeriod.IsLate(m.DueOn, lateBefore), m.Version));
        var budget = (await db.BudgetLines.AsNoTracking().Where(l => ids.Contains(l.PlanItemId))
                .Select(l => new { l.PlanItemId, l.Id, l.Reference, l.Funder, l.OrganisationId, Name = l.Organisation!.Name, l.Label, l.Year, l.Planned, l.Granted, l.Spent, l.Version })
                .ToListAsync())
            .OrderBy(l => l.Year).ThenBy(l => l.Funder)
            .ToLookup(l => l.PlanItemId, l => new BudgetLineView(l.Id, l.Reference, l.Funder, l.OrganisationId, l.Name, l.Label, l.Year, l.Planned, l.Granted, l.Spent,
                l.OrganisationId is null ? role == ContractRole.Coordinator : Owns(l.OrganisationId), l.Version));
        // The indicators of these items only, each with its item (not the contract's whole indicator → item map).
        var indicators = (await IndicatorsOfItemsAsync(contractId, ids, withObservatory: liveValues, membersView: true)).ToLookup(i => i.ItemId, i => i.View);
        return rows.Select(row =>
        {
            var item = items[row.Id];
            var path = new List<PlanRow>();
            for (var p = row.ParentId; p is not null; p = path[^1].ParentId) path.Add(plan.Rows.First(r => r.Id == p));
            path.Reverse();
            return new ItemDetail(row, item, item.Area?.Name, partners[row.Id].Select(p => (p.OrganisationId, p.Name)).ToList(),
                plan.Rows.Where(r => r.ParentId == row.Id).ToList(), path, commitments[row.Id].ToList(), milestones[row.Id].ToList(), budget[row.Id].ToList(),
                indicators[row.Id].ToList(), role, org, plan.ContractTitle);
        }).ToList();
    }

    /// <summary>
    /// Indicators of some items with their values: typed ones, or read live from their source (ADR 0020) — the observatory
    /// series of the contract territory, a survey's waves, the incivilités series. <paramref name="membersView"/>: the reader is
    /// a member of the contract; otherwise (public pages, public reports) unpublished survey waves and partner-only incident
    /// categories are left out.
    /// </summary>
    public async Task<IReadOnlyList<IndicatorView>> IndicatorsAsync(Guid contractId, IReadOnlyCollection<Guid>? itemIds, bool withObservatory, bool membersView = false) =>
        [.. (await IndicatorsOfItemsAsync(contractId, itemIds, withObservatory, membersView)).Select(i => i.View)];

    /// <summary><see cref="IndicatorsAsync"/> with the plan item each indicator belongs to.</summary>
    private async Task<List<(Guid ItemId, IndicatorView View)>> IndicatorsOfItemsAsync(Guid contractId, IReadOnlyCollection<Guid>? itemIds, bool withObservatory,
        bool membersView)
    {
        var q = db.PlanIndicators.AsNoTracking().Where(i => i.ContractId == contractId);
        if (itemIds is not null) q = q.Where(i => itemIds.Contains(i.PlanItemId));
        var list = await q.OrderBy(i => i.Name).ToListAsync();
        var ids = list.Select(i => i.Id).ToList();
        var values = (await db.PlanIndicatorValues.AsNoTracking().Where(v => v.ContractId == contractId && ids.Contains(v.IndicatorId)).ToListAsync())
            .ToLookup(v => v.IndicatorId);
        Observatory.ObsTerritory? territory = null;
        Observatory.EditionInfo? edition = null;
        if (withObservatory && list.Any(i => i.EffectiveSource() == PlanIndicatorSourceKind.Observatory))
        {
            territory = await observatory.ContractTerritoryAsync(db.Contracts.Where(c => c.Id == contractId), contractId);
            if (territory is not null) edition = await observatory.EditionAsync(territory, null);
        }
        var names = await SourceNamesAsync(contractId, list);
        var result = new List<(Guid, IndicatorView)>();
        foreach (var i in list)
        {
            var kind = i.EffectiveSource();
            IReadOnlyList<IndicatorValueView> vals = kind switch
            {
                PlanIndicatorSourceKind.Observatory => i.ObservatoryIndicatorCode is { } code && territory is not null && edition is not null
                    && await observatory.SeriesAsync(territory, edition, code) is { } series ? FromSeries(series, i.ObservatoryMeasure) : [],
                _ when i.SourceToRelink => [],
                PlanIndicatorSourceKind.Survey => !withObservatory || i.SurveyId is not { } sid || i.SurveyItem is null || i.SurveyAnswer is null ? []
                    : FromLive(await surveys.ValuesAsync(contractId, sid, i.SurveyItem, i.SurveyAnswer, membersView)),
                PlanIndicatorSourceKind.Incivilities => !withObservatory || i.IncidentGroup is null ? []
                    : FromLive(await incivilities.YearlyAsync(contractId, i.IncidentGroup, i.IncidentAreaId, membersView)),
                _ => values[i.Id].OrderBy(v => v.On).Select(v => new IndicatorValueView(v.Id, v.Period, v.On, v.Value, v.Provenance, false, null, v.Version)).ToList(),
            };
            result.Add((i.PlanItemId, new IndicatorView(i.Id, i.Reference, i.Name, i.Kind, i.Unit, i.BaselineValue, i.BaselineDate, i.TargetValue, i.TargetDate,
                i.Periodicity, i.Source, i.ObservatoryIndicatorCode, i.ObservatoryMeasure, vals, i.Version, kind, SourceDetail(i, kind, names),
                i.SurveyId, i.SurveyItem, i.SurveyAnswer, i.IncidentGroup, i.IncidentAreaId, i.SourceToRelink)));
        }
        return result;
    }

    /// <summary>Indicators of the items the signed-in user may read (one item, or the whole plan).</summary>
    public async Task<IReadOnlyList<IndicatorView>> VisibleIndicatorsAsync(Guid contractId, Guid? itemId)
    {
        var visible = await VisibleItemIdsAsync(contractId, await ReaderEntitlementAsync(contractId));
        return await IndicatorsAsync(contractId, itemId is { } i ? (visible.Contains(i) ? [i] : []) : visible, withObservatory: itemId is not null, membersView: true);
    }

    private static IReadOnlyList<IndicatorValueView> FromLive(IReadOnlyList<Shared.LiveIndicatorPoint> points) =>
        [.. points.Select(p => new IndicatorValueView(null, p.Period, p.On, p.Value, p.Provenance, false, p.Note))];

    /// <summary>The titles of the surveys and the names of the sub-areas the live indicators follow: one query each at most, whatever the number of indicators.</summary>
    private sealed record SourceNames(IReadOnlyDictionary<Guid, string> Surveys, IReadOnlyDictionary<Guid, string> Areas);

    private async Task<SourceNames> SourceNamesAsync(Guid contractId, IReadOnlyList<PlanIndicator> indicators)
    {
        var surveyIds = indicators.Where(i => i.EffectiveSource() == PlanIndicatorSourceKind.Survey && i.SurveyId is not null)
            .Select(i => i.SurveyId!.Value).Distinct().ToList();
        var areaIds = indicators.Where(i => i.EffectiveSource() == PlanIndicatorSourceKind.Incivilities && i.IncidentAreaId is not null)
            .Select(i => i.IncidentAreaId!.Value).Distinct().ToList();
        var surveys = surveyIds.Count == 0 ? new Dictionary<Guid, string>()
            : await db.Surveys.Where(s => s.ContractId == contractId && surveyIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title);
        var areas = areaIds.Count == 0 ? new Dictionary<Guid, string>()
            : await db.Areas.Where(x => areaIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name);
        return new SourceNames(surveys, areas);
    }

    /// <summary>The source in words, for the fiche and the API ("Enquête « … » — B1 : Souvent + De temps en temps").</summary>
    private string? SourceDetail(PlanIndicator i, PlanIndicatorSourceKind kind, SourceNames names) => kind switch
    {
        PlanIndicatorSourceKind.Survey when i.SourceToRelink => $"enquête du contrat précédent, item {i.SurveyItem} : {i.SurveyAnswer} — à relier à une enquête de ce contrat",
        PlanIndicatorSourceKind.Incivilities when i.SourceToRelink => $"incivilités signalées ({incivilities.Groups.GetValueOrDefault(i.IncidentGroup ?? "") ?? i.IncidentGroup}) d'un secteur du contrat précédent — à relier à un secteur de ce contrat",
        PlanIndicatorSourceKind.Observatory => $"observatoire, SSMSI ({Observatory.IndicatorCatalog.All.FirstOrDefault(d => d.Code == i.ObservatoryIndicatorCode)?.Label ?? i.ObservatoryIndicatorCode}, {PlanLabels.Measure(i.ObservatoryMeasure).ToLowerInvariant()})",
        PlanIndicatorSourceKind.Survey => $"enquête « {(i.SurveyId is { } s ? names.Surveys.GetValueOrDefault(s) : null) ?? "supprimée"} », item {i.SurveyItem} : {i.SurveyAnswer} (part pondérée, en %)",
        PlanIndicatorSourceKind.Incivilities => $"incivilités signalées ({incivilities.Groups.GetValueOrDefault(i.IncidentGroup ?? "") ?? i.IncidentGroup}"
            + (i.IncidentAreaId is { } a ? $", {names.Areas.GetValueOrDefault(a)}" : "") + ", nombre par an)",
        _ => null,
    };

    public async Task<IReadOnlyDictionary<Guid, Guid>> IndicatorItemsAsync(Guid contractId) =>
        await db.PlanIndicators.AsNoTracking().Where(i => i.ContractId == contractId).ToDictionaryAsync(i => i.Id, i => i.PlanItemId);

    /// <summary>Observatory points as indicator values; withheld or partial years stay without a value (secrecy).</summary>
    public static IReadOnlyList<IndicatorValueView> FromSeries(Observatory.ObsSeries series, ObservatoryMeasure measure)
    {
        var provenance = $"Observatoire — SSMSI, édition du {Culture.Date(series.Edition.ProducedOn)}, {series.Territory.Name}";
        return series.Points.Select(p =>
        {
            decimal? v = p.Disclosure == Disclosure.Withheld || p.Partial ? null : measure == ObservatoryMeasure.Count ? p.Count : p.Rate;
            var note = p.Disclosure == Disclosure.Withheld ? "secret statistique" : p.Partial ? "partiel (secret statistique)" : null;
            return new IndicatorValueView(null, p.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), new DateOnly(p.Year, 12, 31),
                v is null ? null : Math.Round(v.Value, 2), provenance, false, note);
        }).ToList();
    }

    public async Task<IReadOnlyList<ChangeView>?> HistoryAsync(Guid contractId, Guid itemId)
    {
        if (await ContractAsync(contractId) is null) return null;
        // The history holds the item's texts: only for an item the user may read.
        if (await db.PlanItems.AnyAsync(i => i.ContractId == contractId && i.Id == itemId)
            && !(await VisibleItemIdsAsync(contractId, await ReaderEntitlementAsync(contractId))).Contains(itemId)) return null;
        if (!await db.PlanChanges.AnyAsync(c => c.ContractId == contractId && c.PlanItemId == itemId)
            && !await db.PlanItems.AnyAsync(i => i.ContractId == contractId && i.Id == itemId)) return null;
        var rows = await db.PlanChanges.AsNoTracking().Where(c => c.ContractId == contractId && c.PlanItemId == itemId)
            .OrderByDescending(c => c.Id).Take(500).ToListAsync();
        var userIds = rows.Where(r => r.ChangedById is not null).Select(r => r.ChangedById!.Value).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        return rows.Select(r => new ChangeView(r.ChangeGroup, r.ChangedAt, r.ChangedById is { } u && names.TryGetValue(u, out var n) ? n : null,
            r.EntityType, r.Operation, r.Field, r.Before, r.After)).ToList();
    }

    public async Task<IReadOnlyList<CommentView>> CommentsAsync(Guid contractId, Guid itemId)
    {
        var rows = await db.PlanComments.AsNoTracking().Where(c => c.ContractId == contractId && c.PlanItemId == itemId)
            .OrderBy(c => c.CreatedAt).ToListAsync();
        var userIds = rows.Where(r => r.CreatedById is not null).Select(r => r.CreatedById!.Value).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        return rows.Select(r => new CommentView(r.Id, r.CreatedAt, r.CreatedById is { } u && names.TryGetValue(u, out var n) ? n : null, r.Text)).ToList();
    }

    public sealed record OrganisationCommitment(PlanRow Action, CommitmentView Commitment);

    /// <summary>"What my organisation committed to": every commitment of one organisation across the plan.</summary>
    public async Task<IReadOnlyList<OrganisationCommitment>?> CommitmentsOfAsync(Guid contractId, Guid organisationId)
    {
        if (await PlanAsync(contractId) is not { } plan) return null;
        var rows = plan.Rows.ToDictionary(r => r.Id);
        var statuses = await db.PlanStatuses.AsNoTracking().Where(s => s.ContractId == contractId).ToDictionaryAsync(s => s.Id);
        var lateBefore = plan.Period.LateBefore(Today);
        var canEdit = await access.CanEditOwnedByAsync(contractId, organisationId);
        var list = await db.Commitments.AsNoTracking().Where(c => c.ContractId == contractId && c.OrganisationId == organisationId)
            .Select(c => new { c.Id, c.PlanItemId, c.Reference, c.OrganisationId, c.Organisation!.Name, c.What, c.Means, c.DueDate, c.StatusId, c.Progress, c.Weight })
            .ToListAsync();
        return list.Where(c => rows.ContainsKey(c.PlanItemId)).Select(c =>
        {
            var st = c.StatusId is { } s && statuses.TryGetValue(s, out var x) ? x : null;
            return new OrganisationCommitment(rows[c.PlanItemId], new CommitmentView(c.Id, c.Reference, c.OrganisationId, c.Name, c.What, c.Means,
                c.DueDate, st?.Key, st?.Label, c.Progress, c.Weight, canEdit, PlanPeriod.IsLate(c.DueDate, lateBefore) && st is not { IsClosed: true }));
        }).OrderBy(c => c.Action.Number, NumberComparer.Instance).ToList();
    }

    public sealed record PartnerProgress(Guid OrganisationId, string Name, int Commitments, Progress Progress);

    /// <summary>Per-partner progress: weighted mean of each organisation's commitments (missing ones shown as missing).</summary>
    public async Task<IReadOnlyList<PartnerProgress>> PartnerProgressAsync(Guid contractId)
    {
        var statuses = await db.PlanStatuses.AsNoTracking().Where(s => s.ContractId == contractId).ToDictionaryAsync(s => s.Id);
        var list = await db.Commitments.AsNoTracking().Where(c => c.ContractId == contractId)
            .Select(c => new { c.OrganisationId, c.Organisation!.Name, c.Progress, c.Weight, c.StatusId }).ToListAsync();
        return list.GroupBy(c => (c.OrganisationId, c.Name)).Select(g => new PartnerProgress(g.Key.OrganisationId, g.Key.Name, g.Count(),
                PlanProgress.Average(g.Select(c => (c.Weight, c.Progress is { } p ? (decimal?)p
                    : c.StatusId is { } s && statuses.TryGetValue(s, out var st) && st.DefaultProgress is { } d ? d : null)).ToList(), ProgressSource.Commitments)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    public sealed record BudgetTotals(decimal Planned, decimal Granted, decimal Spent)
    {
        public static readonly BudgetTotals Zero = new(0, 0, 0);
        public BudgetTotals Add(decimal p, decimal g, decimal s) => new(Planned + p, Granted + g, Spent + s);
    }

    public sealed record BudgetSummary(IReadOnlyList<(PlanRow Priority, BudgetTotals Totals)> ByPriority,
        IReadOnlyList<(FundingSource Funder, BudgetTotals Totals)> ByFunder,
        IReadOnlyList<(string Partner, BudgetTotals Totals)> ByPartner, BudgetTotals Total,
        IReadOnlyList<(PlanRow Action, BudgetLineView Line)> Lines);

    /// <summary>Budget lines of the whole plan with totals per priority, per funder and per partner.</summary>
    public async Task<BudgetSummary?> BudgetAsync(PlanView plan)
    {
        var rows = plan.Rows.ToDictionary(r => r.Id);
        var lines = await db.BudgetLines.AsNoTracking().Where(l => l.ContractId == plan.ContractId)
            .Select(l => new { l.Id, l.PlanItemId, l.Reference, l.Funder, l.OrganisationId, Name = l.Organisation!.Name, l.Label, l.Year, l.Planned, l.Granted, l.Spent })
            .ToListAsync();
        PlanRow Root(PlanRow r) { while (r.ParentId is { } p) r = rows[p]; return r; }
        var views = lines.Where(l => rows.ContainsKey(l.PlanItemId)).Select(l => (Action: rows[l.PlanItemId], Line: new BudgetLineView(l.Id, l.Reference, l.Funder,
            l.OrganisationId, l.Name, l.Label, l.Year, l.Planned, l.Granted, l.Spent, plan.CanEdit)))
            .OrderBy(x => x.Action.Number, NumberComparer.Instance).ThenBy(x => x.Line.Year).ToList();
        static BudgetTotals Sum(IEnumerable<BudgetLineView> ls) => ls.Aggregate(BudgetTotals.Zero, (t, l) => t.Add(l.Planned, l.Granted, l.Spent));
        return new BudgetSummary(
            views.GroupBy(v => Root(v.Action).Id).Select(g => (rows[g.Key], Sum(g.Select(x => x.Line)))).OrderBy(x => x.Item1.Number, NumberComparer.Instance).ToList(),
            views.GroupBy(v => v.Line.Funder).Select(g => (g.Key, Sum(g.Select(x => x.Line)))).OrderBy(x => x.Key).ToList(),
            views.GroupBy(v => v.Line.OrganisationName ?? "(sans partenaire)").Select(g => (g.Key, Sum(g.Select(x => x.Line)))).OrderBy(x => x.Key, StringComparer.Ordinal).ToList(),
            Sum(views.Select(v => v.Line)), views);
    }

    public sealed record CalendarEntry(PlanRow Action, string Kind, Guid Id, string Title, DateOnly Due, DateOnly? Done, string? Owner, bool Overdue);

    /// <summary>Milestones and commitment due dates of the plan, by date.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> CalendarAsync(PlanView plan)
    {
        var rows = plan.Rows.ToDictionary(r => r.Id);
        var lateBefore = plan.Period.LateBefore(Today);
        var ms = await db.Milestones.AsNoTracking().Where(m => m.ContractId == plan.ContractId)
            .Select(m => new { m.Id, m.PlanItemId, m.Title, m.DueOn, m.DoneOn, Owner = m.OwnerOrganisation!.Name }).ToListAsync();
        var closed = await db.PlanStatuses.Where(s => s.ContractId == plan.ContractId && s.IsClosed).Select(s => s.Id).ToListAsync();
        var cs = await db.Commitments.AsNoTracking().Where(c => c.ContractId == plan.ContractId && c.DueDate != null)
            .Select(c => new { c.Id, c.PlanItemId, c.What, c.DueDate, c.StatusId, Owner = c.Organisation!.Name }).ToListAsync();
        return ms.Where(m => rows.ContainsKey(m.PlanItemId))
            .Select(m => new CalendarEntry(rows[m.PlanItemId], "Jalon", m.Id, m.Title, m.DueOn, m.DoneOn, m.Owner, m.DoneOn is null && PlanPeriod.IsLate(m.DueOn, lateBefore)))
            .Concat(cs.Where(c => rows.ContainsKey(c.PlanItemId)).Select(c =>
            {
                var isClosed = c.StatusId is { } s && closed.Contains(s);
                return new CalendarEntry(rows[c.PlanItemId], "Engagement", c.Id, c.What, c.DueDate!.Value, null, c.Owner, !isClosed && PlanPeriod.IsLate(c.DueDate, lateBefore));
            }))
            .OrderBy(e => e.Due).ThenBy(e => e.Action.Number, NumberComparer.Instance).ToList();
    }
}

/// <summary>Orders "1.10" after "1.9".</summary>
public sealed class NumberComparer : IComparer<string>
{
    public static readonly NumberComparer Instance = new();
    public int Compare(string? x, string? y)
    {
        var a = (x ?? "").Split('.');
        var b = (y ?? "").Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = int.Parse(a[i], System.Globalization.CultureInfo.InvariantCulture).CompareTo(int.Parse(b[i], System.Globalization.CultureInfo.InvariantCulture));
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }
}
