using System.Globalization;
using static Vigie.Web.Features.ActionPlan.PlanTable;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Export of a whole plan as <see cref="PlanTable"/> rows, written as CSV or XLSX; <see cref="PlanImport"/> reads the same file back.</summary>
public sealed class PlanExport(AppDbContext db, ContractAccess access, PlanQueries queries)
{
    /// <summary>The plan as rows of the table (header excluded), in tree order so parents come before children.</summary>
    public async Task<List<Dictionary<string, string>>?> RowsAsync(Guid contractId)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == contractId)) return null;
        // An export file carries only what its downloader may read (egress rule): items above their entitlement are left out.
        var visible = await queries.VisibleItemIdsAsync(contractId, await queries.ReaderEntitlementAsync(contractId));
        var items = (await db.PlanItems.AsNoTracking().Where(i => i.ContractId == contractId).Include(i => i.Partners).ToListAsync())
            .Where(i => visible.Contains(i.Id)).ToList();
        // Status labels ("En cours"), not their keys (issue 11 F): the import accepts either.
        var statuses = await db.PlanStatuses.AsNoTracking().Where(s => s.ContractId == contractId).ToDictionaryAsync(s => s.Id, s => s.Label);
        var orgs = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name);
        var areas = await db.Areas.AsNoTracking().Where(a => a.ContractId == contractId).ToDictionaryAsync(a => a.Id, a => a.Name);
        var commitments = (await db.Commitments.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync()).ToLookup(c => c.PlanItemId);
        var milestones = (await db.Milestones.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync()).ToLookup(c => c.PlanItemId);
        var budget = (await db.BudgetLines.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync()).ToLookup(c => c.PlanItemId);
        var indicators = (await db.PlanIndicators.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync()).ToLookup(c => c.PlanItemId);
        var values = (await db.PlanIndicatorValues.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync()).ToLookup(c => c.IndicatorId);
        var surveys = await db.Surveys.AsNoTracking().Where(s => s.ContractId == contractId).ToDictionaryAsync(s => s.Id, s => s.Title);
        var byId = items.ToDictionary(i => i.Id);
        string? Org(Guid? id) => id is { } v && orgs.TryGetValue(v, out var n) ? n : null;
        string? Status(Guid? id) => id is { } v && statuses.TryGetValue(v, out var n) ? n : null;

        var rows = new List<Dictionary<string, string>>();
        void Add(string type, string reference, string? parent, params (string Column, string? Value)[] cells)
        {
            var r = new Dictionary<string, string>(StringComparer.Ordinal) { ["Type"] = type, ["Référence"] = reference, ["Parent"] = parent ?? "" };
            foreach (var (c, v) in cells) r[c] = v ?? "";
            rows.Add(r);
        }
        var children = items.ToLookup(i => i.ParentId);
        void Walk(Guid? parent)
        {
            foreach (var i in children[parent].OrderBy(i => i.Position))
            {
                Add(Item, i.Reference, i.ParentId is { } p ? byId[p].Reference : null,
                    ("Niveau", PlanLabels.Kind(i.Kind)), ("Position", I(i.Position)), ("Intitulé", i.Title), ("Problème constaté", i.ProblemObserved),
                    ("Objectifs", i.Objectives), ("Description", i.Description), ("Public visé", i.TargetPublic),
                    ("Secteur", i.AreaId is { } a && areas.TryGetValue(a, out var an) ? an : null), ("Pilote", Org(i.LeadOrganisationId)),
                    ("Partenaires", string.Join(PartnerSeparator, i.Partners.Select(x => Org(x.OrganisationId)).Order(StringComparer.Ordinal))),
                    ("Début", D(i.StartDate)), ("Fin", D(i.EndDate)), ("Moyens humains", i.HumanMeans), ("Moyens matériels", i.MaterialMeans),
                    ("Outils de suivi", i.FollowUpTools), ("Statut", Status(i.StatusId)), ("Avancement", I(i.ProgressOverride)), ("Poids", N(i.Weight)),
                    ("Bilan annuel", i.YearlyReview));
                foreach (var c in commitments[i.Id].OrderBy(c => c.Reference, StringComparer.Ordinal))
                    Add(CommitmentType, c.Reference, i.Reference, ("Intitulé", c.What), ("Organisation", Org(c.OrganisationId)), ("Moyens engagés", c.Means),
                        ("Échéance", D(c.DueDate)), ("Statut", Status(c.StatusId)), ("Avancement", I(c.Progress)), ("Poids", N(c.Weight)));
                foreach (var m in milestones[i.Id].OrderBy(c => c.Reference, StringComparer.Ordinal))
                    Add(MilestoneType, m.Reference, i.Reference, ("Intitulé", m.Title), ("Échéance", D(m.DueOn)), ("Réalisé le", D(m.DoneOn)),
                        ("Poids", N(m.Weight)), ("Organisation", Org(m.OwnerOrganisationId)));
                foreach (var l in budget[i.Id].OrderBy(c => c.Reference, StringComparer.Ordinal))
                    Add(Budget, l.Reference, i.Reference, ("Intitulé", l.Label), ("Financeur", PlanLabels.Funder(l.Funder)), ("Organisation", Org(l.OrganisationId)),
                        ("Année", I(l.Year)), ("Prévu", N(l.Planned)), ("Accordé", N(l.Granted)), ("Dépensé", N(l.Spent)));
                foreach (var x in indicators[i.Id].OrderBy(c => c.Reference, StringComparer.Ordinal))
                {
                    Add(IndicatorType, x.Reference, i.Reference, ("Intitulé", x.Name), ("Type d'indicateur", PlanLabels.IndicatorKind(x.Kind)), ("Unité", x.Unit),
                        ("Valeur de référence", N(x.BaselineValue)), ("Date de référence", D(x.BaselineDate)), ("Cible", N(x.TargetValue)),
                        ("Date cible", D(x.TargetDate)), ("Périodicité", PlanLabels.Periodicity(x.Periodicity)), ("Source", x.Source),
                        ("Série observatoire", x.ObservatoryIndicatorCode), ("Mesure", x.ObservatoryIndicatorCode is null ? null : PlanLabels.Measure(x.ObservatoryMeasure)),
                        ("Source automatique", x.EffectiveSource() == PlanIndicatorSourceKind.Manual ? null : PlanLabels.Source(x.EffectiveSource())),
                        ("Enquête", x.SurveyId is { } sv && surveys.TryGetValue(sv, out var st) ? st : null), ("Item d'enquête", x.SurveyItem), ("Réponse d'enquête", x.SurveyAnswer),
                        ("Famille d'incivilités", x.IncidentGroup is { } ig ? Incidents.IncidentCategoryCatalog.Groups.GetValueOrDefault(ig) ?? ig : null),
                        ("Secteur", x.IncidentAreaId is { } ia && areas.TryGetValue(ia, out var ian) ? ian : null));
                    foreach (var v in values[x.Id].OrderBy(v => v.On).ThenBy(v => v.Period, StringComparer.Ordinal))
                        Add(PlanTable.ValueType, "", x.Reference, ("Période", v.Period), ("Valeur", N(v.Value)), ("Provenance", v.Provenance));
                }
                Walk(i.Id);
            }
        }
        Walk(null);
        return rows;
    }

    /// <summary>UTF-8 with BOM, ';' separator, decimal comma (values are already formatted by <see cref="RowsAsync"/>).</summary>
    public static byte[] Csv(IEnumerable<Dictionary<string, string>> rows) =>
        Spreadsheets.Csv(Table(rows));

    /// <summary>
    /// Typed cells so sums work in a spreadsheet: dates as dates (dd/mm/yyyy), amounts in euros with the French currency
    /// format, other numbers as numbers; the import reads typed and text cells alike.
    /// </summary>
    public static byte[] Xlsx(IEnumerable<Dictionary<string, string>> rows) =>
        Spreadsheets.Xlsx("Plan d'action", rows.Select(r => Headers.Select(h => Typed(h, r.GetValueOrDefault(h, "")))).Prepend(Headers));

    /// <summary>A cell of <see cref="RowsAsync"/> (French text) as the typed value of its column.</summary>
    public static object? Typed(string column, string text)
    {
        if (text.Length == 0) return null;
        if (DateColumns.Contains(column))
            return DateOnly.TryParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : text;
        if (!EuroColumns.Contains(column) && !NumberColumns.Contains(column)) return text;
        if (!decimal.TryParse(text, NumberStyles.Number, Culture.French, out var n)) return text;
        return EuroColumns.Contains(column) ? new Spreadsheets.Euros(n) : n;
    }

    private static readonly HashSet<string> DateColumns = ["Début", "Fin", "Échéance", "Réalisé le", "Date de référence", "Date cible"];
    private static readonly HashSet<string> EuroColumns = ["Prévu", "Accordé", "Dépensé"];
    private static readonly HashSet<string> NumberColumns = ["Position", "Avancement", "Poids", "Année", "Valeur de référence", "Cible", "Valeur"];

    private static IEnumerable<IEnumerable<string>> Table(IEnumerable<Dictionary<string, string>> rows) =>
        rows.Select(r => Headers.Select(h => r.GetValueOrDefault(h, ""))).Prepend(Headers);

    private static string? D(DateOnly? d) => d is { } v ? Culture.Date(v) : null;
    private static string? N(decimal? d) => d?.ToString("0.##########", Culture.French);
    private static string? I(int? d) => d?.ToString(CultureInfo.InvariantCulture);
}
