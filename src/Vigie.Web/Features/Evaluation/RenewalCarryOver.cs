using System.Linq.Expressions;
using Vigie.Web.Features.ActionPlan;

namespace Vigie.Web.Features.Evaluation;

/// <summary>
/// The one rule for "this contract was evaluated" (issue 15): a final evaluation past its draft — validated or presented.
/// A blank draft does not count: the renewal wizard, the renewal's audit event and the chain of generations ("évalué" /
/// "renouvelé sans évaluation") all read it from here.
/// </summary>
public static class EvaluatedRule
{
    public static readonly Expression<Func<ContractEvaluation, bool>> Counts = e => e.Kind == EvaluationKind.Final && e.Status != EvaluationStatus.Draft;

    /// <summary>The evaluations that count, as a query to compose (also inside another query's projection).</summary>
    public static IQueryable<ContractEvaluation> Of(AppDbContext db) => db.ContractEvaluations.Where(Counts);

    public static Task<bool> IsEvaluatedAsync(AppDbContext db, Guid contractId) => Of(db).AnyAsync(e => e.ContractId == contractId);
}

/// <summary>
/// What a renewal carries into the next generation besides the contract itself: plan items with their partners and
/// indicators (baselines reset to the last values of the ending contract, targets left for the new one to set), each
/// keeping its lineage (<see cref="PlanItem.ContinuesItemId"/>); bodies and their current members; recommendations turned
/// into draft fiches action under a priority of their own. Only items the coordinator may read are carried.
/// </summary>
public sealed class RenewalCarryOver(AppDbContext db, PlanQueries plans, TimeProvider clock) : IRenewalCarryOver
{
    public const string RecommendationsPriority = "Orientations issues de l'évaluation";

    public async Task ValidateAsync(Guid predecessorId, RenewalSelection selection, ErrorBag errors)
    {
        if (selection.PlanItemIds.Count > 0)
        {
            var visible = await plans.VisibleItemIdsAsync(predecessorId, await plans.ReaderEntitlementAsync(predecessorId));
            if (selection.PlanItemIds.Any(id => !visible.Contains(id)))
                errors.Add("planItemIds", "Un élément du plan choisi n'appartient pas au contrat renouvelé.");
        }
        if (selection.RecommendationIds.Count > 0)
        {
            var known = await db.EvaluationRecommendations.Where(r => r.ContractId == predecessorId && selection.RecommendationIds.Contains(r.Id) && r.DraftPlanItemId == null)
                .CountAsync();
            if (known != selection.RecommendationIds.Distinct().Count())
                errors.Add("recommendationIds", "Une recommandation choisie n'appartient pas aux évaluations de ce contrat ou a déjà sa fiche action.");
        }
    }

    public async Task<RenewalCarried> CarryOverAsync(Guid predecessorId, Guid successorId, DateOnly successorStart, IReadOnlyList<PlanStatus> statuses, RenewalSelection selection)
    {
        var planned = statuses.First(s => s.Key == PlanQueries.PlannedKey).Id;
        var items = await CarryItemsAsync(predecessorId, successorId, planned, selection.PlanItemIds);
        var (indicators, toRelink) = await CarryIndicatorsAsync(predecessorId, successorId, successorStart.AddDays(-1), items);
        var bodies = selection.Bodies ? await CarryBodiesAsync(predecessorId, successorId, successorStart) : 0;
        var recommendations = 0;
        if (selection.RecommendationIds.Count > 0)
        {
            var parent = NewPriority(db, successorId, planned, items.Values.Count(i => i.ParentId is null) + 1);
            var recs = await db.EvaluationRecommendations.Where(r => selection.RecommendationIds.Contains(r.Id) && r.ContractId == predecessorId)
                .OrderBy(r => r.Priority).ThenBy(r => r.CreatedAt).ToListAsync();
            foreach (var r in recs) AddDraftAction(db, r, successorId, parent.Id, ++recommendations, planned);
        }
        var evaluated = await EvaluatedRule.IsEvaluatedAsync(db, predecessorId);
        return new RenewalCarried(items.Count, indicators, bodies, recommendations, evaluated, toRelink);
    }

    /// <summary>A priority that gathers recommendations' draft actions in the next generation's plan.</summary>
    public static PlanItem NewPriority(AppDbContext db, Guid contractId, Guid statusId, int position)
    {
        var p = new PlanItem
        {
            Id = Guid.NewGuid(), ContractId = contractId, Kind = PlanItemKind.Priority, Position = position, StatusId = statusId,
            Reference = PlanRules.NewReference('P'), Title = RecommendationsPriority,
            // Drafts from an evaluation's recommendations start members-only: the coordinator publishes them on purpose.
            Visibility = MinutesVisibility.Members,
        };
        db.PlanItems.Add(p);
        return p;
    }

    /// <summary>The draft fiche action of a recommendation in the next generation's plan; links the recommendation to it.</summary>
    public static PlanItem AddDraftAction(AppDbContext db, EvaluationRecommendation r, Guid contractId, Guid parentId, int position, Guid statusId)
    {
        var item = new PlanItem
        {
            Id = Guid.NewGuid(), ContractId = contractId, ParentId = parentId, Kind = PlanItemKind.Action, Position = position, StatusId = statusId,
            Reference = PlanRules.NewReference('A'), Title = r.Text.Length > 200 ? r.Text[..199] + "…" : r.Text,
            Description = "Fiche action brouillon issue d'une recommandation de l'évaluation : " + r.Text, LeadOrganisationId = r.OwnerOrganisationId,
            // A recommendation may come from an evaluation still in draft: its text is members-only until someone publishes the action.
            Visibility = MinutesVisibility.Members,
        };
        db.PlanItems.Add(item);
        r.DraftPlanItemId = item.Id;
        return item;
    }

    private async Task<Dictionary<Guid, PlanItem>> CarryItemsAsync(Guid predecessorId, Guid successorId, Guid planned, List<Guid> selected)
    {
        var carried = new Dictionary<Guid, PlanItem>();
        if (selected.Count == 0) return carried;
        var all = await db.PlanItems.AsNoTracking().Where(i => i.ContractId == predecessorId).ToDictionaryAsync(i => i.Id);
        var keep = new HashSet<Guid>();
        foreach (var id in selected)
            for (Guid? p = id; p is { } pid && all.ContainsKey(pid) && keep.Add(pid);) p = all[pid].ParentId;
        var partners = (await db.PlanItemPartners.AsNoTracking().Where(p => p.ContractId == predecessorId).ToListAsync()).ToLookup(p => p.PlanItemId);
        void Walk(Guid? oldParent, Guid? newParent)
        {
            var position = 0;
            foreach (var old in all.Values.Where(i => i.ParentId == oldParent && keep.Contains(i.Id)).OrderBy(i => i.Position))
            {
                var item = new PlanItem
                {
                    Id = Guid.NewGuid(), ContractId = successorId, ParentId = newParent, Kind = old.Kind, Position = ++position, Reference = old.Reference,
                    Title = old.Title, ProblemObserved = old.ProblemObserved, Objectives = old.Objectives, Description = old.Description,
                    TargetPublic = old.TargetPublic, LeadOrganisationId = old.LeadOrganisationId, HumanMeans = old.HumanMeans,
                    MaterialMeans = old.MaterialMeans, FollowUpTools = old.FollowUpTools, Weight = old.Weight, StatusId = planned,
                    // A restricted item stays restricted; its source meeting belongs to the old contract, so only coordinators read it.
                    Visibility = old.Visibility, ContinuesItemId = old.Id,
                };
                foreach (var p in partners[old.Id]) item.Partners.Add(new PlanItemPartner { ContractId = successorId, PlanItemId = item.Id, OrganisationId = p.OrganisationId });
                db.PlanItems.Add(item);
                carried[old.Id] = item;
                Walk(old.Id, item.Id);
            }
        }
        Walk(null, null);
        return carried;
    }

    /// <summary>
    /// Indicators with their live source (ADR 0020): an observatory or incivilités source carries over as is (a sector is
    /// matched by name among the sectors carried); a survey belongs to the previous contract, so it is carried with
    /// <see cref="PlanIndicator.SourceToRelink"/> set, like an incivilités source whose sector was not carried.
    /// </summary>
    /// <remarks>
    /// The new baseline is the indicator's last value of a period over by the end of the ending contract
    /// (<paramref name="predecessorEnd"/>) and before today — a renewal while the contract is in force does not take the current,
    /// partial year: a stored value for a manual indicator, the live computation for an observatory (SSMSI), survey or
    /// incivilités source. An indicator of a public item is computed as the public sees it (published waves, public categories)
    /// because its baseline shows on the public plan; one of a members-only item as the members see it. A live incivilités
    /// series without any incident (e.g. only partner-only categories in the public view) is no data: no new baseline.
    /// </remarks>
    private async Task<(int Carried, int ToRelink)> CarryIndicatorsAsync(Guid predecessorId, Guid successorId, DateOnly predecessorEnd, Dictionary<Guid, PlanItem> carried)
    {
        if (carried.Count == 0) return (0, 0);
        var oldAreas = await db.Areas.AsNoTracking().Where(a => a.ContractId == predecessorId).ToDictionaryAsync(a => a.Id, a => a.Name);
        var newAreas = db.Areas.Local.Where(a => a.ContractId == successorId).GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.First().Id);
        var toRelink = 0;
        var oldIds = carried.Keys.ToList();
        var indicators = await db.PlanIndicators.AsNoTracking().Where(i => i.ContractId == predecessorId && oldIds.Contains(i.PlanItemId)).ToListAsync();
        var ids = indicators.Select(i => i.Id).ToList();
        var today = Culture.ParisDate(clock.GetUtcNow());
        var publicIds = oldIds.Where(id => carried[id].Visibility == MinutesVisibility.Public).ToList();
        var membersIds = oldIds.Except(publicIds).ToList();
        var views = new List<IndicatorView>();
        if (publicIds.Count > 0) views.AddRange(await plans.IndicatorsAsync(predecessorId, publicIds, withObservatory: true, membersView: false));
        if (membersIds.Count > 0) views.AddRange(await plans.IndicatorsAsync(predecessorId, membersIds, withObservatory: true, membersView: true));
        var last = views
            .Where(v => !(v.SourceKind == PlanIndicatorSourceKind.Incivilities && v.Values.All(x => x.Value is null or 0)))
            .Select(v => (v.Id, Last: v.Values.Where(x => x.Value is not null && x.On <= predecessorEnd
                && (v.SourceKind == PlanIndicatorSourceKind.Manual ? x.On <= today : x.On < today)).MaxBy(x => x.On)))
            .Where(v => v.Last is not null).ToDictionary(v => v.Id, v => v.Last!);
        foreach (var i in indicators)
        {
            var lastValue = last.GetValueOrDefault(i.Id);
            var kind = i.EffectiveSource();
            Guid? area = i.IncidentAreaId is { } a && oldAreas.TryGetValue(a, out var name) && newAreas.TryGetValue(name, out var same) ? same : null;
            var relink = i.SourceToRelink || kind == PlanIndicatorSourceKind.Survey || (kind == PlanIndicatorSourceKind.Incivilities && i.IncidentAreaId is not null && area is null);
            if (relink) toRelink++;
            db.PlanIndicators.Add(new PlanIndicator
            {
                ContractId = successorId, PlanItemId = carried[i.PlanItemId].Id, Reference = i.Reference, Name = i.Name, Kind = i.Kind, Unit = i.Unit,
                // The new baseline is where the ending contract left the indicator; the new contract sets its own target.
                BaselineValue = lastValue?.Value ?? i.BaselineValue, BaselineDate = lastValue?.On ?? i.BaselineDate,
                Periodicity = i.Periodicity, Source = i.Source, ObservatoryIndicatorCode = i.ObservatoryIndicatorCode, ObservatoryMeasure = i.ObservatoryMeasure,
                LiveSource = i.LiveSource, SurveyId = i.SurveyId, SurveyItem = i.SurveyItem, SurveyAnswer = i.SurveyAnswer, IncidentGroup = i.IncidentGroup,
                IncidentAreaId = area, SourceToRelink = relink,
            });
        }
        return (indicators.Count, toRelink);
    }

    private async Task<int> CarryBodiesAsync(Guid predecessorId, Guid successorId, DateOnly start)
    {
        var bodies = await db.Bodies.AsNoTracking().Include(b => b.Memberships).Where(b => b.ContractId == predecessorId && !b.IsArchived).ToListAsync();
        foreach (var b in bodies)
        {
            var body = new Body
            {
                Id = Guid.NewGuid(), ContractId = successorId, Name = b.Name, Kind = b.Kind, Chair = b.Chair, Description = b.Description, Site = b.Site,
                Offence = b.Offence, DefaultVisibility = b.DefaultVisibility, ActiveFrom = start,
            };
            foreach (var m in b.Memberships.Where(m => m.To is null || m.To >= start.AddDays(-1)))
                body.Memberships.Add(new BodyMembership
                {
                    ContractId = successorId, BodyId = body.Id, OrganisationId = m.OrganisationId, ContactId = m.ContactId, UserId = m.UserId, Role = m.Role, From = start,
                });
            db.Bodies.Add(body);
        }
        return bodies.Count;
    }
}
