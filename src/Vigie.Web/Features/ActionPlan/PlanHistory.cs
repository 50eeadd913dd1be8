using System.Globalization;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>
/// Field-level history of the plan (before/after, who, when). Every command snapshots the record before and
/// after its change; the differing fields become <see cref="PlanChange"/> rows saved with the change itself.
/// One instance per request: all rows of one command share a change group.
/// </summary>
public sealed class PlanHistory(AppDbContext db, TimeProvider clock, ICurrentUser user)
{
    private readonly Guid _group = Guid.NewGuid();
    private readonly Dictionary<Guid, string> _names = [];

    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";

    /// <summary>Adds one row per field that differs; a null snapshot means the record did not exist.</summary>
    public int Record(Guid contractId, Guid? planItemId, string entityType, Guid entityId,
        IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?>? after)
    {
        var op = before is null ? Created : after is null ? Deleted : Updated;
        var fields = (before?.Keys ?? []).Union(after?.Keys ?? []).ToList();
        var now = clock.GetUtcNow();
        var n = 0;
        foreach (var f in fields)
        {
            string? b = null, a = null;
            before?.TryGetValue(f, out b);
            after?.TryGetValue(f, out a);
            if (string.Equals(b, a, StringComparison.Ordinal)) continue;
            db.PlanChanges.Add(new PlanChange
            {
                ContractId = contractId, PlanItemId = planItemId, ChangeGroup = _group, EntityType = entityType,
                EntityId = entityId.ToString(), Operation = op, Field = f, Before = b, After = a,
                ChangedAt = now, ChangedById = user.Id,
            });
            n++;
        }
        return n;
    }

    public async Task<string?> OrganisationNameAsync(Guid? id)
    {
        if (id is not { } v) return null;
        if (_names.TryGetValue(v, out var n)) return n;
        n = await db.Organisations.Where(o => o.Id == v).Select(o => o.Name).FirstOrDefaultAsync() ?? v.ToString();
        _names[v] = n;
        return n;
    }

    private async Task<string?> AreaNameAsync(Guid? id)
    {
        if (id is not { } v) return null;
        if (_names.TryGetValue(v, out var n)) return n;
        n = await db.Areas.Where(o => o.Id == v).Select(o => o.Name).FirstOrDefaultAsync() ?? v.ToString();
        _names[v] = n;
        return n;
    }

    private async Task<string?> StatusLabelAsync(Guid? id)
    {
        if (id is not { } v) return null;
        if (_names.TryGetValue(v, out var n)) return n;
        n = await db.PlanStatuses.Where(o => o.Id == v).Select(o => o.Label).FirstOrDefaultAsync() ?? v.ToString();
        _names[v] = n;
        return n;
    }

    public static string? D(DateOnly? d) => d is { } v ? Culture.Date(v) : null;
    public static string? N(decimal? d) => d?.ToString("0.##", Culture.French);
    public static string? I(int? d) => d?.ToString(CultureInfo.InvariantCulture);

    // Field labels are French: the timeline shows them as they are.
    public async Task<Dictionary<string, string?>> SnapshotAsync(PlanItem i, IEnumerable<Guid> partnerIds)
    {
        var partners = new List<string>();
        foreach (var p in partnerIds) partners.Add(await OrganisationNameAsync(p) ?? "");
        partners.Sort(StringComparer.Ordinal);
        return new()
        {
            ["Niveau"] = PlanLabels.Kind(i.Kind),
            ["Intitulé"] = i.Title,
            ["Référence"] = i.Reference,
            ["Problème constaté"] = i.ProblemObserved,
            ["Objectifs"] = i.Objectives,
            ["Description"] = i.Description,
            ["Public visé"] = i.TargetPublic,
            ["Secteur"] = await AreaNameAsync(i.AreaId),
            ["Pilote"] = await OrganisationNameAsync(i.LeadOrganisationId),
            ["Partenaires"] = partners.Count == 0 ? null : string.Join(", ", partners),
            ["Début"] = D(i.StartDate),
            ["Fin"] = D(i.EndDate),
            ["Moyens humains"] = i.HumanMeans,
            ["Moyens matériels"] = i.MaterialMeans,
            ["Outils de suivi"] = i.FollowUpTools,
            ["Statut"] = await StatusLabelAsync(i.StatusId),
            ["Avancement saisi"] = I(i.ProgressOverride),
            ["Poids"] = N(i.Weight),
            ["Bilan annuel"] = i.YearlyReview,
        };
    }

    public async Task<Dictionary<string, string?>> SnapshotAsync(Commitment c) => new()
    {
        ["Organisation"] = await OrganisationNameAsync(c.OrganisationId),
        ["Engagement"] = c.What,
        ["Moyens engagés"] = c.Means,
        ["Échéance"] = D(c.DueDate),
        ["Statut"] = await StatusLabelAsync(c.StatusId),
        ["Avancement"] = I(c.Progress),
        ["Poids"] = N(c.Weight),
    };

    public async Task<Dictionary<string, string?>> SnapshotAsync(Milestone m) => new()
    {
        ["Jalon"] = m.Title,
        ["Échéance"] = D(m.DueOn),
        ["Réalisé le"] = D(m.DoneOn),
        ["Poids"] = N(m.Weight),
        ["Responsable"] = await OrganisationNameAsync(m.OwnerOrganisationId),
    };

    public async Task<Dictionary<string, string?>> SnapshotAsync(BudgetLine l) => new()
    {
        ["Financeur"] = PlanLabels.Funder(l.Funder),
        ["Partenaire"] = await OrganisationNameAsync(l.OrganisationId),
        ["Libellé"] = l.Label,
        ["Année"] = I(l.Year),
        ["Prévu"] = N(l.Planned),
        ["Accordé"] = N(l.Granted),
        ["Dépensé"] = N(l.Spent),
    };

    public static Dictionary<string, string?> Snapshot(PlanIndicator i) => new()
    {
        ["Indicateur"] = i.Name,
        ["Type"] = PlanLabels.IndicatorKind(i.Kind),
        ["Unité"] = i.Unit,
        ["Valeur de référence"] = N(i.BaselineValue),
        ["Date de référence"] = D(i.BaselineDate),
        ["Cible"] = N(i.TargetValue),
        ["Date cible"] = D(i.TargetDate),
        ["Périodicité"] = PlanLabels.Periodicity(i.Periodicity),
        ["Source"] = i.Source,
        ["Série de l'observatoire"] = i.ObservatoryIndicatorCode,
        ["Alimentation des valeurs"] = PlanLabels.Source(i.EffectiveSource()),
        ["Indicateur d'enquête"] = i.SurveyItem is null ? null : $"{i.SurveyItem} : {i.SurveyAnswer}",
        ["Groupe d'incivilités"] = i.IncidentGroup,
        ["Sous-secteur des incivilités"] = i.IncidentAreaId?.ToString(),
    };

    public static Dictionary<string, string?> Snapshot(PlanIndicatorValue v) => new()
    {
        ["Période"] = v.Period,
        ["Valeur"] = N(v.Value),
        ["Provenance"] = v.Provenance,
    };
}
