using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;
using Vigie.Web.Infrastructure.Tables;

namespace Vigie.Web.Features.ActionPlan;

public sealed record ImportError(int Line, string Column, string Message);

public sealed record ImportReport(IReadOnlyList<ImportError> Errors, int Rows, int Created, int Updated, int Unchanged)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Round trip of a whole plan through one flat table (the same columns in CSV and XLSX): one row per record,
/// its kind in « Type », its stable « Référence », and the « Parent » reference tying a commitment, milestone,
/// budget line or indicator to its item (and a value to its indicator). Every cell is text in French format
/// (dd/MM/yyyy, decimal comma), so both formats read back to exactly the same values. Import upserts by
/// reference, all rows or none, with an error per line and column.
/// </summary>
public sealed class PlanTransfer(AppDbContext db, PlanCommands commands, PlanHistory history, Auditor auditor, ContractAccess access,
    PlanQueries queries)
{
    public const string Item = "Élément", CommitmentType = "Engagement", MilestoneType = "Jalon", Budget = "Budget", IndicatorType = "Indicateur", ValueType = "Valeur";

    public static readonly string[] Headers =
    [
        "Type", "Référence", "Parent", "Niveau", "Position", "Intitulé", "Problème constaté", "Objectifs", "Description", "Public visé", "Secteur",
        "Pilote", "Partenaires", "Début", "Fin", "Moyens humains", "Moyens matériels", "Outils de suivi", "Statut", "Avancement", "Poids",
        "Bilan annuel", "Organisation", "Moyens engagés", "Échéance", "Réalisé le", "Financeur", "Année", "Prévu", "Accordé", "Dépensé",
        "Type d'indicateur", "Unité", "Valeur de référence", "Date de référence", "Cible", "Date cible", "Périodicité", "Source",
        "Série observatoire", "Mesure", "Période", "Valeur", "Provenance",
    ];

    private const string PartnerSeparator = " | ";

    // ------------------------------------------------------------------ export

    /// <summary>The plan as rows of the table (header excluded), in tree order so parents come before children.</summary>
    public async Task<List<Dictionary<string, string>>?> RowsAsync(Guid contractId)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == contractId)) return null;
        // An export file carries only what its downloader may read (egress rule): items above their entitlement are left out.
        var visible = await queries.VisibleItemIdsAsync(contractId, await queries.ReaderEntitlementAsync(contractId));
        var items = (await db.PlanItems.AsNoTracking().Where(i => i.ContractId == contractId).Include(i => i.Partners).ToListAsync())
            .Where(i => visible.Contains(i.Id)).ToList();
        var statuses = await db.PlanStatuses.AsNoTracking().Where(s => s.ContractId == contractId).ToDictionaryAsync(s => s.Id, s => s.Key);
        var orgs = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name);
        var areas = await db.Areas.AsNoTracking().Where(a => a.ContractId == contractId).ToDictionaryAsync(a => a.Id, a => a.Name);
        var commitments = (await db.Commitments.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync()).ToLookup(c => c.PlanItemId);
        var milestones = (await db.Milestones.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync()).ToLookup(c => c.PlanItemId);
        var budget = (await db.BudgetLines.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync()).ToLookup(c => c.PlanItemId);
        var indicators = (await db.PlanIndicators.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync()).ToLookup(c => c.PlanItemId);
        var values = (await db.PlanIndicatorValues.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync()).ToLookup(c => c.IndicatorId);
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
                        ("Série observatoire", x.ObservatoryIndicatorCode), ("Mesure", x.ObservatoryIndicatorCode is null ? null : PlanLabels.Measure(x.ObservatoryMeasure)));
                    foreach (var v in values[x.Id].OrderBy(v => v.On).ThenBy(v => v.Period, StringComparer.Ordinal))
                        Add(ValueType, "", x.Reference, ("Période", v.Period), ("Valeur", N(v.Value)), ("Provenance", v.Provenance));
                }
                Walk(i.Id);
            }
        }
        Walk(null);
        return rows;
    }

    /// <summary>UTF-8 with BOM, ';' separator, decimal comma (values are already formatted by <see cref="Rows"/>).</summary>
    public static byte[] Csv(IEnumerable<Dictionary<string, string>> rows) =>
        Spreadsheets.Csv(Table(rows));

    public static byte[] Xlsx(IEnumerable<Dictionary<string, string>> rows) =>
        Spreadsheets.Xlsx("Plan d'action", Table(rows));

    private static IEnumerable<IEnumerable<string>> Table(IEnumerable<Dictionary<string, string>> rows) =>
        rows.Select(r => Headers.Select(h => r.GetValueOrDefault(h, ""))).Prepend(Headers);

    // ------------------------------------------------------------------ reading

    /// <summary>Caps of a plan file: a plan has hundreds of rows, not tens of thousands.</summary>
    public static readonly TableLimits Limits = new(MaxFileBytes: VigieApp.MaxUploadBytes, MaxDecompressedBytes: 64 * 1024 * 1024, MaxRows: 20_000, MaxColumns: 100, MaxCellLength: 10_000);

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
        if (errors.Count > 0 && header.Length == 1 && header[0].Contains(',', StringComparison.Ordinal))
            errors.Add(new ImportError(1, "", "Le séparateur attendu est le point-virgule « ; »."));
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

    // ------------------------------------------------------------------ import

    /// <summary>Upserts every row by reference; nothing is saved when any row is wrong.</summary>
    public async Task<Shared.CommandResult<ImportReport>> ImportAsync(Guid contractId, byte[] content, bool xlsx)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == contractId)) return Shared.CommandResult<ImportReport>.Missing();
        if (await access.RoleInAsync(contractId) != ContractRole.Coordinator) return Shared.CommandResult<ImportReport>.Denied();
        var (rows, readErrors) = Read(content, xlsx);
        if (readErrors.Count > 0) return Shared.CommandResult<ImportReport>.Ok(new ImportReport(readErrors, rows.Count, 0, 0, 0));

        var statuses = await commands.EnsureStatusesAsync(contractId);
        var orgs = (await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync())
            .GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var areas = await db.Areas.AsNoTracking().Where(a => a.ContractId == contractId).ToDictionaryAsync(a => a.Name, a => a.Id, StringComparer.OrdinalIgnoreCase);
        var items = await db.PlanItems.Where(i => i.ContractId == contractId).Include(i => i.Partners).ToListAsync();
        var commitments = await db.Commitments.Where(i => i.ContractId == contractId).ToListAsync();
        var milestones = await db.Milestones.Where(i => i.ContractId == contractId).ToListAsync();
        var lines = await db.BudgetLines.Where(i => i.ContractId == contractId).ToListAsync();
        var indicators = await db.PlanIndicators.Where(i => i.ContractId == contractId).ToListAsync();
        var values = await db.PlanIndicatorValues.Where(i => i.ContractId == contractId).ToListAsync();

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
            if (type is not (Item or CommitmentType or MilestoneType or Budget or IndicatorType or ValueType))
            {
                p.Error("Type", $"Type « {type} » inconnu : attendu {Item}, {CommitmentType}, {MilestoneType}, {Budget}, {IndicatorType} ou {ValueType}.");
                continue;
            }
            if (type != ValueType)
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
            if (!PlanCommands.KindAllowed(parentKind, f.Item.Kind)) p.Error("Niveau", PlanCommands.KindRule(parentKind));
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
            if (type is Item or not (CommitmentType or MilestoneType or Budget or IndicatorType or ValueType)) continue;
            var reference = p.Text("Référence");
            var parent = p.Text("Parent");
            if (type == ValueType)
            {
                var v = new PlanIndicatorValue { Id = Guid.NewGuid(), ContractId = contractId, Period = p.Text("Période"), Provenance = p.Required("Provenance", 300) ?? "" };
                if (!System.Text.RegularExpressions.Regex.IsMatch(v.Period, @"^\d{4}(-T[1-4]|-(0[1-9]|1[0-2]))?$"))
                    p.Error("Période", "La période doit s'écrire 2024, 2024-T2 ou 2024-03.");
                else v.On = PlanCommands.PeriodEnd(v.Period);
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
                        OrganisationId = p.Organisation("Organisation"), Year = p.Int("Année", 2000, 2100),
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
                    break;
            }
        }
        var indicatorRefs = fileIndicators.Select(i => i.Indicator.Reference).Concat(indicators.Select(i => i.Reference)).ToHashSet(StringComparer.Ordinal);
        foreach (var (v, ind, line) in fileValues)
            if (!indicatorRefs.Contains(ind)) errors.Add(new ImportError(line, "Parent", $"L'indicateur « {ind} » n'existe ni dans le fichier ni dans le plan."));
        foreach (var g in fileValues.GroupBy(v => (v.Indicator, v.Value.Period)).Where(g => g.Count() > 1))
            errors.Add(new ImportError(g.Last().Line, "Période", $"La période « {g.Key.Period} » de l'indicateur « {g.Key.Indicator} » apparaît deux fois."));

        if (errors.Count > 0)
            return Shared.CommandResult<ImportReport>.Ok(new ImportReport(
                TableReader.CapErrors(errors.OrderBy(e => e.Line).ToList(), Limits.MaxErrors, m => new ImportError(0, "", m)), rows.Count, 0, 0, 0));

        // ---- apply: one transaction, history of every change, no write when a record is unchanged.
        int created = 0, updated = 0, unchanged = 0;
        void Count(int changes, bool isNew) { if (isNew) created++; else if (changes > 0) updated++; else unchanged++; }
        await using var tx = await db.Database.BeginTransactionAsync();
        var byRef = items.ToDictionary(i => i.Reference, StringComparer.Ordinal);
        foreach (var (reference, f) in fileItems)
        {
            var isNew = !byRef.TryGetValue(reference, out var target);
            var before = isNew ? null : await history.SnapshotAsync(target!, target!.Partners.Select(x => x.OrganisationId));
            if (isNew)
            {
                target = f.Item;
                db.PlanItems.Add(target);
                items.Add(target);
                byRef[reference] = target;
            }
            else Copy(f.Item, target!);
            var wanted = f.Partners.ToHashSet();
            foreach (var x in target!.Partners.Where(x => !wanted.Contains(x.OrganisationId)).ToList()) { db.PlanItemPartners.Remove(x); target.Partners.Remove(x); }
            foreach (var o in wanted.Where(o => target.Partners.All(x => x.OrganisationId != o)))
            {
                var link = new PlanItemPartner { ContractId = contractId, PlanItemId = target.Id, OrganisationId = o };
                target.Partners.Add(link);
                if (!isNew) db.PlanItemPartners.Add(link);
            }
            Count(history.Record(contractId, target.Id, nameof(PlanItem), target.Id, before, await history.SnapshotAsync(target, wanted)), isNew);
        }
        foreach (var (reference, f) in fileItems)
            byRef[reference].ParentId = f.Parent is { } par ? byRef[par].Id : null;
        // Positions: the file's position for the items it lists, the current one for the others (they keep their
        // place), file first on a tie; then renumbered 1..n so numbers stay contiguous.
        var existingPositions = items.ToDictionary(i => i.Id, i => i.Position);
        foreach (var g in items.GroupBy(i => i.ParentId))
        {
            var n = 0;
            foreach (var i in g.OrderBy(i => fileItems.TryGetValue(i.Reference, out var f) ? f.Item.Position : existingPositions[i.Id])
                         .ThenBy(i => fileItems.ContainsKey(i.Reference) ? 0 : 1))
                i.Position = ++n;
        }

        foreach (var c in fileCommitments)
        {
            var itemId = byRef[c.PlanItem!.Reference].Id;
            var target = commitments.FirstOrDefault(x => x.Reference == c.Reference);
            var before = target is null ? null : await history.SnapshotAsync(target);
            if (target is null) { target = new Commitment { Id = c.Id, ContractId = contractId, Reference = c.Reference, What = "" }; db.Commitments.Add(target); }
            target.PlanItemId = itemId; target.OrganisationId = c.OrganisationId; target.What = c.What; target.Means = c.Means; target.DueDate = c.DueDate;
            target.StatusId = c.StatusId; target.Progress = c.Progress; target.Weight = c.Weight;
            Count(history.Record(contractId, itemId, nameof(Commitment), target.Id, before, await history.SnapshotAsync(target)), before is null);
        }
        foreach (var m in fileMilestones)
        {
            var itemId = byRef[m.PlanItem!.Reference].Id;
            var target = milestones.FirstOrDefault(x => x.Reference == m.Reference);
            var before = target is null ? null : await history.SnapshotAsync(target);
            if (target is null) { target = new Milestone { Id = m.Id, ContractId = contractId, Reference = m.Reference, Title = "" }; db.Milestones.Add(target); }
            target.PlanItemId = itemId; target.Title = m.Title; target.DueOn = m.DueOn; target.DoneOn = m.DoneOn; target.Weight = m.Weight; target.OwnerOrganisationId = m.OwnerOrganisationId;
            Count(history.Record(contractId, itemId, nameof(Milestone), target.Id, before, await history.SnapshotAsync(target)), before is null);
        }
        foreach (var l in fileLines)
        {
            var itemId = byRef[l.PlanItem!.Reference].Id;
            var target = lines.FirstOrDefault(x => x.Reference == l.Reference);
            var before = target is null ? null : await history.SnapshotAsync(target);
            if (target is null) { target = new BudgetLine { Id = l.Id, ContractId = contractId, Reference = l.Reference }; db.BudgetLines.Add(target); }
            target.PlanItemId = itemId; target.Funder = l.Funder; target.OrganisationId = l.OrganisationId; target.Label = l.Label; target.Year = l.Year;
            target.Planned = l.Planned; target.Granted = l.Granted; target.Spent = l.Spent;
            Count(history.Record(contractId, itemId, nameof(BudgetLine), target.Id, before, await history.SnapshotAsync(target)), before is null);
        }
        var indicatorsByRef = indicators.ToDictionary(i => i.Reference, StringComparer.Ordinal);
        foreach (var (x, parent) in fileIndicators)
        {
            var itemId = byRef[parent].Id;
            var isNew = !indicatorsByRef.TryGetValue(x.Reference, out var target);
            var before = isNew ? null : PlanHistory.Snapshot(target!);
            if (isNew) { target = new PlanIndicator { Id = x.Id, ContractId = contractId, Reference = x.Reference, Name = "", Unit = "" }; db.PlanIndicators.Add(target); indicatorsByRef[x.Reference] = target; }
            target!.PlanItemId = itemId; target.Name = x.Name; target.Kind = x.Kind; target.Unit = x.Unit; target.BaselineValue = x.BaselineValue; target.BaselineDate = x.BaselineDate;
            target.TargetValue = x.TargetValue; target.TargetDate = x.TargetDate; target.Periodicity = x.Periodicity; target.Source = x.Source;
            target.ObservatoryIndicatorCode = x.ObservatoryIndicatorCode; target.ObservatoryMeasure = x.ObservatoryMeasure;
            Count(history.Record(contractId, itemId, nameof(PlanIndicator), target.Id, before, PlanHistory.Snapshot(target)), isNew);
        }
        foreach (var (v, indRef, _) in fileValues)
        {
            var ind = indicatorsByRef[indRef];
            var target = values.FirstOrDefault(x => x.IndicatorId == ind.Id && x.Period == v.Period);
            var before = target is null ? null : PlanHistory.Snapshot(target);
            if (target is null) { target = new PlanIndicatorValue { Id = v.Id, ContractId = contractId, IndicatorId = ind.Id, Period = v.Period, Provenance = "" }; db.PlanIndicatorValues.Add(target); }
            target.On = v.On; target.Value = v.Value; target.Provenance = v.Provenance;
            Count(history.Record(contractId, ind.PlanItemId, nameof(PlanIndicatorValue), target.Id, before, PlanHistory.Snapshot(target)), before is null);
        }
        auditor.Record(AuditKinds.PlanImported, "Contract", contractId, contractId, new { format = xlsx ? "xlsx" : "csv", rows = rows.Count, created, updated, unchanged });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Shared.CommandResult<ImportReport>.Ok(new ImportReport([], rows.Count, created, updated, unchanged));
    }

    private static void Copy(PlanItem from, PlanItem to)
    {
        to.Kind = from.Kind; to.Title = from.Title; to.ProblemObserved = from.ProblemObserved; to.Objectives = from.Objectives; to.Description = from.Description;
        to.TargetPublic = from.TargetPublic; to.AreaId = from.AreaId; to.LeadOrganisationId = from.LeadOrganisationId; to.StartDate = from.StartDate; to.EndDate = from.EndDate;
        to.HumanMeans = from.HumanMeans; to.MaterialMeans = from.MaterialMeans; to.FollowUpTools = from.FollowUpTools; to.StatusId = from.StatusId;
        to.ProgressOverride = from.ProgressOverride; to.Weight = from.Weight; to.YearlyReview = from.YearlyReview;
    }

    private static string? D(DateOnly? d) => d is { } v ? Culture.Date(v) : null;
    private static string? N(decimal? d) => d?.ToString("0.##########", Culture.French);
    private static string? I(int? d) => d?.ToString(CultureInfo.InvariantCulture);

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
            if (DateOnly.TryParseExact(v, ["dd/MM/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Error(column, $"Date « {v} » invalide : attendu jj/mm/aaaa.");
            return null;
        }

        public decimal? Decimal(string column, decimal? min, decimal? max, bool required = false)
        {
            var v = Text(column).Replace("\u202F", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("€", "", StringComparison.Ordinal);
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

        public int? Int(string column, int min, int max)
        {
            var v = Text(column);
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
