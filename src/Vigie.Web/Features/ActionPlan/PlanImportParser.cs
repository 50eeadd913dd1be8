using System.Globalization;
using Vigie.Web.Infrastructure.Tables;
using static Vigie.Web.Features.ActionPlan.PlanTable;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>What the parse step needs to know of the contract: names to resolve and the records already in the plan.</summary>
public sealed record PlanImportLookups(Dictionary<string, Guid> Organisations, Dictionary<string, Guid> Areas, List<PlanStatus> Statuses,
    IReadOnlyList<PlanItem> Items, IReadOnlyList<PlanIndicator> Indicators)
{
    /// <summary>The contract's surveys by title, for an indicator's survey source (ADR 0020).</summary>
    public IReadOnlyDictionary<string, Guid> Surveys { get; init; } = new Dictionary<string, Guid>();
}

/// <summary>The records a plan file describes, keyed by reference, and every error found (line and column); nothing is tracked by EF yet.</summary>
public sealed record PlanImportRecords(List<ImportError> Errors,
    Dictionary<string, (int Line, PlanItem Item, List<Guid> Partners, string? Parent)> Items,
    List<Commitment> Commitments, List<Milestone> Milestones, List<BudgetLine> BudgetLines,
    List<(PlanIndicator Indicator, string Parent)> Indicators, List<(PlanIndicatorValue Value, string Indicator, int Line)> Values)
{
    /// <summary>The file has the « Source automatique » column: indicators' live sources are written (an older file leaves them as they are).</summary>
    public bool HasLiveSources { get; init; }
}

/// <summary>
/// The parse half of the plan import, without the database: the file read through <see cref="TableReader"/> into rows
/// (<see cref="Read"/>), then the rows checked and turned into records against what the contract already holds
/// (<see cref="Records"/>), with a French error per line and column. <see cref="PlanImport"/> applies the result.
/// </summary>
public static class PlanImportParser
{
    /// <summary>Reads a CSV or XLSX file into (line number, cells by header); a missing mandatory column is an error.</summary>
    public static (List<(int Line, Dictionary<string, string> Cells)> Rows, List<ImportError> Errors) Read(byte[] content, bool xlsx)
    {
        var table = new List<TableRow>();
        try
        {
            table.AddRange(TableReader.Rows(content, xlsx ? TableFormat.Xlsx : TableFormat.Csv, Limits));
        }
        catch (TableException e)
        {
            return ([], [new ImportError(Math.Max(1, e.Line), "", e.Message)]);
        }
        if (table.Count == 0) return ([], [new ImportError(1, "", "Le fichier est vide.")]);
        var header = table[0].Cells.Select(h => h.Trim()).ToArray();
        var errors = new List<ImportError>();
        foreach (var required in new[] { "Type", "Référence", "Parent", "Intitulé" })
            if (!header.Contains(required, StringComparer.Ordinal)) errors.Add(new ImportError(1, required, $"Colonne « {required} » absente de la ligne d'en-tête."));
        if (errors.Count > 0 && header.Length == 1)
            errors.Add(new ImportError(1, "", "La ligne d'en-tête n'a qu'une colonne : séparez les colonnes par « ; », « , » ou une tabulation."));
        var rows = new List<(int, Dictionary<string, string>)>();
        foreach (var row in table.Skip(1))
        {
            if (row.Cells.All(string.IsNullOrWhiteSpace)) continue;
            var d = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Length && c < row.Cells.Length; c++) d[header[c]] = row.Cells[c].Trim();
            rows.Add((row.Line, d));
        }
        return (rows, errors);
    }

    /// <summary>Turns the rows into records: levels, parents (in the file or in the plan), references and every cell checked.</summary>
    public static PlanImportRecords Records(Guid contractId, List<(int Line, Dictionary<string, string> Cells)> rows, PlanImportLookups known)
    {
        var (orgs, areas, statuses, items, indicators) = known;
        var errors = new List<ImportError>();
        var p = new RowParser(errors, orgs, areas, statuses);
        // Pass 1: every item row, so children may refer to a parent anywhere in the file.
        var fileItems = new Dictionary<string, (int Line, PlanItem Item, List<Guid> Partners, string? Parent)>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        foreach (var (line, r) in rows)
        {
            p.Start(line, r);
            var type = p.Text("Type");
            var reference = p.Text("Référence");
            if (type is not (Item or CommitmentType or MilestoneType or Budget or IndicatorType or PlanTable.ValueType))
            {
                p.Error("Type", $"Type « {type} » inconnu : attendu {Item}, {CommitmentType}, {MilestoneType}, {Budget}, {IndicatorType} ou {PlanTable.ValueType}.");
                continue;
            }
            if (type != PlanTable.ValueType)
            {
                if (string.IsNullOrEmpty(reference)) { p.Error("Référence", "La référence est obligatoire."); continue; }
                if (reference.Length > 40) { p.Error("Référence", "La référence ne doit pas dépasser 40 caractères."); continue; }
                if (!seen.Add((type, reference))) { p.Error("Référence", $"La référence « {reference} » apparaît deux fois dans le fichier."); continue; }
            }
            if (type != Item) continue;
            var kind = p.Enum("Niveau", Enum.GetValues<PlanItemKind>(), PlanLabels.Kind, required: true);
            var item = new PlanItem { Id = Guid.NewGuid(), ContractId = contractId, Reference = reference, Title = p.Required("Intitulé", 300) ?? "" };
            item.Kind = kind ?? PlanItemKind.Action;
            item.Position = p.Int("Position", 1, 10000) ?? int.MaxValue;
            item.ProblemObserved = p.Optional("Problème constaté", 8000);
            item.Objectives = p.Optional("Objectifs", 8000);
            item.Description = p.Optional("Description", 8000);
            item.TargetPublic = p.Optional("Public visé", 2000);
            item.AreaId = p.Area("Secteur");
            item.LeadOrganisationId = p.Organisation("Pilote");
            var partners = p.Organisations("Partenaires", PartnerSeparator);
            item.StartDate = p.Date("Début");
            item.EndDate = p.Date("Fin");
            if (item.StartDate is { } s && item.EndDate is { } e && e < s) p.Error("Fin", "La date de fin doit être postérieure ou égale à la date de début.");
            item.HumanMeans = p.Optional("Moyens humains", 8000);
            item.MaterialMeans = p.Optional("Moyens matériels", 8000);
            item.FollowUpTools = p.Optional("Outils de suivi", 8000);
            item.StatusId = p.Status("Statut");
            item.ProgressOverride = p.Int("Avancement", 0, 100);
            item.Weight = p.Decimal("Poids", 0, 1000) ?? 1m;
            item.YearlyReview = p.Optional("Bilan annuel", 8000);
            fileItems[reference] = (line, item, partners, p.Text("Parent") is { Length: > 0 } par ? par : null);
        }

        // Resolve parents (file first, then existing items) and check the level rules.
        string? ParentOfRef(string r)
        {
            if (fileItems.TryGetValue(r, out var f)) return f.Parent;
            var existing = items.FirstOrDefault(i => i.Reference == r);
            return existing?.ParentId is { } pid ? items.First(i => i.Id == pid).Reference : null;
        }
        PlanItemKind? KindOfRef(string r) => fileItems.TryGetValue(r, out var f) ? f.Item.Kind : items.FirstOrDefault(i => i.Reference == r)?.Kind;
        foreach (var (reference, f) in fileItems)
        {
            p.Start(f.Line, []);
            if (f.Parent is { } par && KindOfRef(par) is null) { p.Error("Parent", $"L'élément parent « {par} » n'existe ni dans le fichier ni dans le plan."); continue; }
            var parentKind = f.Parent is null ? null : KindOfRef(f.Parent);
            if (!PlanRules.KindAllowed(parentKind, f.Item.Kind)) p.Error("Niveau", PlanRules.KindRule(parentKind));
            var visited = new HashSet<string>(StringComparer.Ordinal) { reference };
            for (var a = f.Parent; a is not null; a = ParentOfRef(a))
                if (!visited.Add(a)) { p.Error("Parent", "Un élément ne peut pas être placé sous lui-même ou sous un de ses sous-éléments."); break; }
        }
        bool ItemExists(string r) => fileItems.ContainsKey(r) || items.Any(i => i.Reference == r);

        // Pass 2: the records attached to items.
        var fileCommitments = new List<Commitment>();
        var fileMilestones = new List<Milestone>();
        var fileLines = new List<BudgetLine>();
        var fileIndicators = new List<(PlanIndicator Indicator, string Parent)>();
        var fileValues = new List<(PlanIndicatorValue Value, string Indicator, int Line)>();
        foreach (var (line, r) in rows)
        {
            p.Start(line, r);
            var type = p.Text("Type");
            if (type is Item or not (CommitmentType or MilestoneType or Budget or IndicatorType or PlanTable.ValueType)) continue;
            var reference = p.Text("Référence");
            var parent = p.Text("Parent");
            if (type == PlanTable.ValueType)
            {
                var v = new PlanIndicatorValue { Id = Guid.NewGuid(), ContractId = contractId, Period = p.Text("Période"), Provenance = p.Required("Provenance", 300) ?? "" };
                if (!System.Text.RegularExpressions.Regex.IsMatch(v.Period, @"^\d{4}(-T[1-4]|-(0[1-9]|1[0-2]))?$"))
                    p.Error("Période", "La période doit s'écrire 2024, 2024-T2 ou 2024-03.");
                else v.On = PlanRules.PeriodEnd(v.Period);
                v.Value = p.Decimal("Valeur", null, null, required: true) ?? 0;
                fileValues.Add((v, parent, line));
                continue;
            }
            if (string.IsNullOrEmpty(parent) || !ItemExists(parent)) { p.Error("Parent", $"L'élément « {parent} » n'existe ni dans le fichier ni dans le plan."); continue; }
            switch (type)
            {
                case CommitmentType:
                    var org = p.Organisation("Organisation");
                    if (org is null && p.Text("Organisation").Length == 0) p.Error("Organisation", "L'organisation qui s'engage est obligatoire.");
                    fileCommitments.Add(new Commitment
                    {
                        Id = Guid.NewGuid(), ContractId = contractId, Reference = reference, What = p.Required("Intitulé", 2000) ?? "", OrganisationId = org ?? Guid.Empty,
                        Means = p.Optional("Moyens engagés", 8000), DueDate = p.Date("Échéance"), StatusId = p.Status("Statut"),
                        Progress = p.Int("Avancement", 0, 100), Weight = p.Decimal("Poids", 0, 1000) ?? 1m, PlanItem = new PlanItem { Reference = parent, Title = "" },
                    });
                    break;
                case MilestoneType:
                    var due = p.Date("Échéance");
                    if (due is null && p.Text("Échéance").Length == 0) p.Error("Échéance", "La date d'échéance du jalon est obligatoire.");
                    fileMilestones.Add(new Milestone
                    {
                        Id = Guid.NewGuid(), ContractId = contractId, Reference = reference, Title = p.Required("Intitulé", 300) ?? "", DueOn = due ?? default,
                        DoneOn = p.Date("Réalisé le"), Weight = p.Decimal("Poids", 0, 1000) ?? 1m, OwnerOrganisationId = p.Organisation("Organisation"),
                        PlanItem = new PlanItem { Reference = parent, Title = "" },
                    });
                    break;
                case Budget:
                    fileLines.Add(new BudgetLine
                    {
                        Id = Guid.NewGuid(), ContractId = contractId, Reference = reference, Label = p.Optional("Intitulé", 300),
                        Funder = p.Enum("Financeur", Enum.GetValues<FundingSource>(), PlanLabels.Funder, required: true) ?? FundingSource.Autre,
                        OrganisationId = p.Organisation("Organisation"), Year = p.Int("Année", PlanRules.FirstYear, PlanRules.LastYear),
                        Planned = p.Decimal("Prévu", 0, 1_000_000_000) ?? 0, Granted = p.Decimal("Accordé", 0, 1_000_000_000) ?? 0, Spent = p.Decimal("Dépensé", 0, 1_000_000_000) ?? 0,
                        PlanItem = new PlanItem { Reference = parent, Title = "" },
                    });
                    break;
                case IndicatorType:
                    var code = p.Optional("Série observatoire", 60);
                    if (code is not null && Observatory.IndicatorCatalog.All.All(d => d.Code != code)) p.Error("Série observatoire", $"Indicateur de l'observatoire inconnu « {code} ».");
                    fileIndicators.Add((new PlanIndicator
                    {
                        Id = Guid.NewGuid(), ContractId = contractId, Reference = reference, Name = p.Required("Intitulé", 300) ?? "",
                        Kind = p.Enum("Type d'indicateur", Enum.GetValues<PlanIndicatorKind>(), PlanLabels.IndicatorKind, required: true) ?? PlanIndicatorKind.Output,
                        Unit = p.Required("Unité", 60) ?? "", BaselineValue = p.Decimal("Valeur de référence", null, null), BaselineDate = p.Date("Date de référence"),
                        TargetValue = p.Decimal("Cible", null, null), TargetDate = p.Date("Date cible"),
                        Periodicity = p.Enum("Périodicité", Enum.GetValues<Periodicity>(), PlanLabels.Periodicity, required: false) ?? Periodicity.Yearly,
                        Source = p.Optional("Source", 300), ObservatoryIndicatorCode = code,
                        ObservatoryMeasure = p.Enum("Mesure", Enum.GetValues<ObservatoryMeasure>(), PlanLabels.Measure, required: false) ?? ObservatoryMeasure.Count,
                    }, parent));
                    LiveSource(p, fileIndicators[^1].Indicator, known.Surveys);
                    break;
            }
        }
        var indicatorRefs = fileIndicators.Select(i => i.Indicator.Reference).Concat(indicators.Select(i => i.Reference)).ToHashSet(StringComparer.Ordinal);
        foreach (var (v, ind, line) in fileValues)
            if (!indicatorRefs.Contains(ind)) errors.Add(new ImportError(line, "Parent", $"L'indicateur « {ind} » n'existe ni dans le fichier ni dans le plan."));
        foreach (var g in fileValues.GroupBy(v => (v.Indicator, v.Value.Period)).Where(g => g.Count() > 1))
            errors.Add(new ImportError(g.Last().Line, "Période", $"La période « {g.Key.Period} » de l'indicateur « {g.Key.Indicator} » apparaît deux fois."));
        return new PlanImportRecords(errors, fileItems, fileCommitments, fileMilestones, fileLines, fileIndicators, fileValues)
        {
            HasLiveSources = rows.Any(r => r.Cells.ContainsKey("Source automatique")),
        };
    }

    /// <summary>
    /// An indicator row's live source (ADR 0020): observatory (its series), survey (item and answer; a survey title unknown in
    /// this contract, as in a file exported from the previous one, keeps the source « à relier »), incivilités (group, sector).
    /// </summary>
    private static void LiveSource(RowParser p, PlanIndicator i, IReadOnlyDictionary<string, Guid> surveys)
    {
        var kind = p.Enum("Source automatique", Enum.GetValues<PlanIndicatorSourceKind>(), PlanLabels.Source, required: false) ?? PlanIndicatorSourceKind.Manual;
        i.LiveSource = kind;
        switch (kind)
        {
            case PlanIndicatorSourceKind.Observatory when i.ObservatoryIndicatorCode is null:
                p.Error("Série observatoire", "Une source « observatoire » demande sa « Série observatoire ».");
                break;
            case PlanIndicatorSourceKind.Survey:
                (i.SurveyItem, i.SurveyAnswer) = (p.Required("Item d'enquête", 60), p.Required("Réponse d'enquête", 300));
                var title = p.Optional("Enquête", 300);
                i.SurveyId = title is not null && surveys.TryGetValue(title, out var survey) ? survey : null;
                i.SourceToRelink = i.SurveyId is null;
                break;
            case PlanIndicatorSourceKind.Incivilities:
                var group = p.Required("Famille d'incivilités", 120);
                i.IncidentGroup = Incidents.IncidentCategoryCatalog.Groups.FirstOrDefault(g => string.Equals(g.Key, group, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(g.Value, group, StringComparison.OrdinalIgnoreCase)).Key;
                if (group is not null && i.IncidentGroup is null)
                    p.Error("Famille d'incivilités", $"Famille « {group} » inconnue : attendu {string.Join(", ", Incidents.IncidentCategoryCatalog.Groups.Values)}.");
                i.IncidentAreaId = p.Area("Secteur");
                break;
        }
    }

    /// <summary>Parses the cells of one row, collecting French errors naming line and column.</summary>
    private sealed class RowParser(List<ImportError> errors, Dictionary<string, Guid> orgs, Dictionary<string, Guid> areas, List<PlanStatus> statuses)
    {
        private int _line;
        private Dictionary<string, string> _row = [];

        public void Start(int line, Dictionary<string, string> row) { _line = line; _row = row; }
        public void Error(string column, string message) => errors.Add(new ImportError(_line, column, message));
        public string Text(string column) => _row.TryGetValue(column, out var v) ? v.Trim() : "";

        public string? Optional(string column, int max)
        {
            var v = Text(column);
            if (v.Length > max) Error(column, $"« {column} » ne doit pas dépasser {max} caractères.");
            return v.Length == 0 ? null : v;
        }

        public string? Required(string column, int max)
        {
            var v = Optional(column, max);
            if (v is null) Error(column, $"« {column} » est obligatoire.");
            return v;
        }

        public DateOnly? Date(string column)
        {
            var v = Text(column);
            if (v.Length == 0) return null;
            // dd/mm/yyyy as Vigie and Excel (French) write it, d/m/yyyy when a spreadsheet drops the zeros, dd/mm/yy as LibreOffice
            // Calc (French) saves a date cell « as shown » (years 00–49 → 20xx, 50–99 → 19xx), ISO yyyy-mm-dd.
            if (DateOnly.TryParseExact(v, ["dd/MM/yyyy", "d/M/yyyy", "dd/MM/yy", "d/M/yy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Error(column, $"Date « {v} » invalide : attendu jj/mm/aaaa.");
            return null;
        }

        public decimal? Decimal(string column, decimal? min, decimal? max, bool required = false)
        {
            var v = Number(column);
            if (v.Length == 0)
            {
                if (required) Error(column, $"« {column} » est obligatoire.");
                return null;
            }
            if (!decimal.TryParse(v, NumberStyles.Number, Culture.French, out var d) && !decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out d))
            {
                Error(column, $"Nombre « {v} » invalide (virgule décimale attendue, par exemple 1234,50).");
                return null;
            }
            if ((min is { } lo && d < lo) || (max is { } hi && d > hi))
            {
                Error(column, $"« {column} » doit être compris entre {Bound(min)} et {Bound(max)}.");
                return null;
            }
            return d;
        }

        private static string Bound(decimal? v) => v?.ToString("N0", Culture.French) ?? "∞";

        /// <summary>The cell without what a spreadsheet adds to a number shown « as formatted »: thousands spaces (also no-break) and the euro sign.</summary>
        private string Number(string column) =>
            Text(column).Replace("\u202F", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("€", "", StringComparison.Ordinal);

        public int? Int(string column, int min, int max)
        {
            var v = Number(column);
            if (v.Length == 0) return null;
            if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) || i < min || i > max)
            {
                Error(column, $"« {column} » doit être un nombre entier entre {min} et {max}.");
                return null;
            }
            return i;
        }

        public T? Enum<T>(string column, T[] all, Func<T, string> label, bool required) where T : struct, System.Enum
        {
            var v = Text(column);
            if (v.Length == 0)
            {
                if (required) Error(column, $"« {column} » est obligatoire : {string.Join(", ", all.Select(label))}.");
                return null;
            }
            foreach (var x in all)
                if (string.Equals(label(x), v, StringComparison.OrdinalIgnoreCase) || string.Equals(x.ToString(), v, StringComparison.OrdinalIgnoreCase)) return x;
            Error(column, $"Valeur « {v} » inconnue : attendu {string.Join(", ", all.Select(label))}.");
            return null;
        }

        public Guid? Organisation(string column)
        {
            var v = Text(column);
            if (v.Length == 0) return null;
            if (orgs.TryGetValue(v, out var id)) return id;
            Error(column, $"Organisation « {v} » inconnue : créez-la d'abord dans les partenaires.");
            return null;
        }

        public List<Guid> Organisations(string column, string separator)
        {
            var list = new List<Guid>();
            foreach (var name in Text(column).Split(separator.Trim(), StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (orgs.TryGetValue(name, out var id)) list.Add(id);
                else Error(column, $"Organisation « {name} » inconnue : créez-la d'abord dans les partenaires.");
            }
            return list;
        }

        public Guid? Area(string column)
        {
            var v = Text(column);
            if (v.Length == 0) return null;
            if (areas.TryGetValue(v, out var id)) return id;
            Error(column, $"Secteur « {v} » inconnu dans ce contrat.");
            return null;
        }

        public Guid? Status(string column)
        {
            var v = Text(column);
            if (v.Length == 0) return null;
            var s = statuses.FirstOrDefault(x => string.Equals(x.Key, v, StringComparison.OrdinalIgnoreCase) || string.Equals(x.Label, v, StringComparison.OrdinalIgnoreCase));
            if (s is null) Error(column, $"Statut « {v} » inconnu : attendu {string.Join(", ", statuses.Select(x => x.Key))}.");
            return s?.Id;
        }
    }
}
