namespace Vigie.Web.Features.Cases;

/// <summary>One anonymous table of a group and year: its cells (suppressed or not), and whether the cells partition the people.</summary>
public sealed record CaseAggregateTable(string Title, string Dimension, IReadOnlyList<CaseAggregateCell> Cells);
/// <summary>A table of the aggregates as a report shows it (page or PDF).</summary>
public sealed record CaseAggregateReportTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);
/// <summary>The anonymous aggregates of one group for one year (year the follow-up started): the total is null when it would reveal a suppressed cell.</summary>
public sealed record CaseAggregateBlock(string Group, string Kind, int Year, int? Total, IReadOnlyList<CaseAggregateTable> Tables);

/// <summary>
/// Issue 13 item 9: the anonymous aggregates of the confidential follow-up, per group and year, the only way this data
/// leaves a group (plenary report, evaluation report, public versions included). No name, no code, no id of a sheet:
/// counts by problématique, age band at the start, closure reason, quartier of residence (the contract's quartiers and
/// QPV, <see cref="QuartierAreas"/>) and programme (<see cref="CaseProgramme"/>); every cell under 5 shown "&lt; 5" (primary
/// suppression) and, where the total minus the visible cells would reveal a suppressed cell, the total masked and any
/// table whose visible cells add up to the total masked further (secondary suppression, <see cref="Suppress"/>).
/// Live sheets and the purged sheets' stubs both count.
/// </summary>
public sealed class CaseAggregates(AppDbContext db, CaseRetention retention)
{
    public const int SmallCell = CaseArchive.SmallCell;
    public const string OpenLabel = "Suivi en cours ou sans motif";
    public const string NoQuartierLabel = "Quartier non renseigné";
    public const string NoProgrammeLabel = "Sans programme";

    private sealed record Person(Guid GroupId, int Year, IReadOnlyList<CaseProblem> Problems, CaseAgeBand Band, CaseClosureReason? Closure, Guid? AreaId, Guid? ProgrammeId);
    private sealed record Category(Guid Id, string Name);

    /// <summary>The sub-areas of a contract a sheet may name as quartier of residence: its quartiers and QPV (not its sites).</summary>
    public static IQueryable<Area> QuartierAreas(AppDbContext db, Guid contractId) =>
        db.Areas.AsNoTracking().Where(a => a.ContractId == contractId && (a.Kind == AreaKind.Quartier || a.Kind == AreaKind.Qpv));

    /// <summary>The blocks of the contract's groups for the years <paramref name="fromYear"/>–<paramref name="toYear"/>, groups by name then years.</summary>
    public async Task<IReadOnlyList<CaseAggregateBlock>> ForYearsAsync(Guid contractId, int fromYear, int toYear, CancellationToken ct = default)
    {
        var groups = await db.CaseGroups.AsNoTracking().Where(g => g.ContractId == contractId).Select(g => new { g.Id, g.Name, g.Kind }).ToListAsync(ct);
        var (people, quartiers, programmes) = await PeopleAsync(contractId, fromYear, toYear, ct);
        return [.. people.GroupBy(p => (p.GroupId, p.Year))
            .Join(groups, x => x.Key.GroupId, g => g.Id, (x, g) => (Group: g, x.Key.Year, People: x.ToList()))
            .OrderBy(x => x.Group.Name, StringComparer.Create(Culture.French, true)).ThenBy(x => x.Year)
            .Select(x => Block(x.Group.Name, CaseLabels.Kind(x.Group.Kind), x.Year, x.People, quartiers, programmes))];
    }

    private async Task<(List<Person> People, List<Category> Quartiers, List<Category> Programmes)> PeopleAsync(Guid contractId, int fromYear, int toYear, CancellationToken ct)
    {
        var live = await db.CaseSheets.AsNoTracking()
            .Where(s => s.ContractId == contractId && s.StartedOn.Year >= fromYear && s.StartedOn.Year <= toYear).ToListAsync(ct);
        var stubs = await db.CaseStatsStubs.AsNoTracking()
            .Where(s => s.ContractId == contractId && s.Year >= fromYear && s.Year <= toYear).ToListAsync(ct);
        var quartiers = (await QuartierAreas(db, contractId).Select(a => new Category(a.Id, a.Name)).ToListAsync(ct))
            .OrderBy(q => q.Name, StringComparer.Create(Culture.French, true)).ToList();
        // Programmes (§1.6: the stub keeps it): the contract's, archived ones included, by label.
        var programmes = (await db.CaseProgrammes.AsNoTracking().Where(p => p.ContractId == contractId).Select(p => new Category(p.Id, p.Label)).ToListAsync(ct))
            .OrderBy(p => p.Name, StringComparer.Create(Culture.French, true)).ToList();
        var people = live.Select(s => new Person(s.GroupId, s.StartedOn.Year, s.Problems, CaseRetention.Band(CaseRetention.Age(retention.BirthDate(s), s.StartedOn)), s.ClosureReason, s.AreaId, s.ProgrammeId))
            .Concat(stubs.Select(s => new Person(s.GroupId, s.Year, s.Problems, s.AgeBand, s.ClosureReason, s.AreaId, s.ProgrammeId))).ToList();
        return (people, quartiers, programmes);
    }

    private static CaseAggregateBlock Block(string group, string kind, int year, List<Person> people, List<Category> quartiers, List<Category> programmes)
    {
        var problems = Enum.GetValues<CaseProblem>().Select(p => (CaseLabels.Problem(p), people.Count(x => x.Problems.Contains(p)))).ToList();
        var bands = Enum.GetValues<CaseAgeBand>().Select(b => (CaseLabels.AgeBand(b), people.Count(x => x.Band == b))).ToList();
        var closures = Enum.GetValues<CaseClosureReason>().Select(r => (CaseLabels.Closure(r), people.Count(x => x.Closure == r)))
            .Append((OpenLabel, people.Count(x => x.Closure is null))).ToList();
        var known = quartiers.Select(q => q.Id).ToHashSet();
        var areas = quartiers.Select(q => (q.Name, people.Count(x => x.AreaId == q.Id)))
            .Append((NoQuartierLabel, people.Count(x => x.AreaId is not { } a || !known.Contains(a)))).ToList();
        var programmeIds = programmes.Select(p => p.Id).ToHashSet();
        var byProgramme = programmes.Select(p => (p.Name, people.Count(x => x.ProgrammeId == p.Id)))
            .Append((NoProgrammeLabel, people.Count(x => x.ProgrammeId is not { } p || !programmeIds.Contains(p)))).ToList();
        var (total, partitions) = Suppress(people.Count, [bands, closures, areas, byProgramme]);
        // Problématiques are several per person: not a partition, but each count is a lower bound of the total. When the total
        // is masked, a count above what the partitions' visible cells already show would narrow it down: masked as well.
        var floor = total is null ? partitions.Select(t => t.Sum(c => c.Count ?? 0)).Min() : int.MaxValue;
        var problemCells = problems.Select(c => c.Item2 < SmallCell ? new CaseAggregateCell(c.Item1, null)
            : c.Item2 > floor ? new CaseAggregateCell(c.Item1, null, Secondary: true) : new CaseAggregateCell(c.Item1, c.Item2)).ToList();
        return new CaseAggregateBlock(group, kind, year, total,
        [
            new CaseAggregateTable(Dimensions[0].Title, Dimensions[0].Dimension, problemCells),
            new CaseAggregateTable(Dimensions[1].Title, Dimensions[1].Dimension, partitions[0]),
            new CaseAggregateTable(Dimensions[2].Title, Dimensions[2].Dimension, partitions[1]),
            new CaseAggregateTable(Dimensions[3].Title, Dimensions[3].Dimension, partitions[2]),
            new CaseAggregateTable(Dimensions[4].Title, Dimensions[4].Dimension, partitions[3]),
        ]);
    }

    /// <summary>
    /// Primary and secondary suppression of tables that each partition the same <paramref name="total"/> people.
    /// Primary: a cell under 5 is null ("&lt; 5"). The total is shown only if no table lets "total minus visible cells"
    /// isolate a person count: in every table the suppressed cells are empty (sum 0), or add up to 5 or more over at
    /// least two non-empty cells. Otherwise the total is masked, and any table whose suppressed cells are all empty
    /// (its visible cells add up to the total, hence reveal it) has its smallest visible cells masked as well
    /// (secondary, <see cref="CaseAggregateCell.Secondary"/>) until the suppressed cells hold 5 people or more.
    /// </summary>
    public static (int? Total, IReadOnlyList<IReadOnlyList<CaseAggregateCell>> Tables) Suppress(int total, IReadOnlyList<IReadOnlyList<(string Label, int Count)>> tables)
    {
        if (total < SmallCell)
            return (null, [.. tables.Select(t => (IReadOnlyList<CaseAggregateCell>)[.. t.Select(c => new CaseAggregateCell(c.Label, null))])]);
        static bool Hidden(int n) => n < SmallCell;
        var safe = tables.All(t =>
        {
            var hidden = t.Where(c => Hidden(c.Count)).ToList();
            var sum = hidden.Sum(c => c.Count);
            return sum == 0 || (sum >= SmallCell && hidden.Count(c => c.Count > 0) >= 2);
        });
        if (safe) return (total, [.. tables.Select(t => (IReadOnlyList<CaseAggregateCell>)[.. t.Select(c => new CaseAggregateCell(c.Label, Hidden(c.Count) ? null : c.Count))])]);
        var result = new List<IReadOnlyList<CaseAggregateCell>>();
        foreach (var t in tables)
        {
            var secondary = new HashSet<int>();
            var hiddenSum = t.Where(c => Hidden(c.Count)).Sum(c => c.Count);
            foreach (var (_, i) in t.Select((c, i) => (c, i)).Where(x => !Hidden(x.c.Count)).OrderBy(x => x.c.Count))
            {
                if (hiddenSum > 0) break;
                secondary.Add(i);
                hiddenSum += t[i].Count;
            }
            // Once started, mask until the masked cells hold at least two non-empty cells or 5 people or more.
            if (secondary.Count > 0 && t.Where((c, i) => secondary.Contains(i) || Hidden(c.Count)).Count(c => c.Count > 0) < 2)
                foreach (var i in t.Select((c, i) => (c, i)).Where(x => !Hidden(x.c.Count) && !secondary.Contains(x.i)).OrderBy(x => x.c.Count).Select(x => x.i).Take(1))
                    secondary.Add(i);
            result.Add([.. t.Select((c, i) => secondary.Contains(i) ? new CaseAggregateCell(c.Label, null, Secondary: true) : new CaseAggregateCell(c.Label, Hidden(c.Count) ? null : c.Count))]);
        }
        return (null, result);
    }

    /// <summary>How a cell reads: the count, "&lt; 5" (under 5), or "secret" (masked so that a total cannot reveal another cell).</summary>
    public static string Text(CaseAggregateCell cell) => cell.Count is { } n ? n.ToString(Culture.French) : cell.Secondary ? "secret" : $"< {SmallCell}";

    /// <summary>How a block's total reads: the count, or "secret" when masked.</summary>
    public static string TotalText(int? total) => total is { } n ? n.ToString(Culture.French) : "secret";

    /// <summary>The dimension tables' titles and headers, in the order of <see cref="CaseAggregateBlock.Tables"/>.</summary>
    public static IReadOnlyList<(string Title, string Dimension)> Dimensions { get; } =
        [("Problématiques", "Problématique"), ("Âge au début du suivi", "Tranche d'âge"), ("Motifs de fin de suivi", "Motif"), ("Quartier de résidence", "Quartier"), ("Programmes", "Programme")];

    /// <summary>Rows "dispositif, année, personnes suivies" of every block.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> TotalRows(IEnumerable<CaseAggregateBlock> blocks) =>
        [.. blocks.Select(b => (IReadOnlyList<string>)[b.Group, b.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), TotalText(b.Total)])];

    /// <summary>Rows "dispositif, année, catégorie, personnes" of one dimension (index in <see cref="Dimensions"/>) over every block.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(IEnumerable<CaseAggregateBlock> blocks, int dimension) =>
        [.. blocks.SelectMany(b => b.Tables[dimension].Cells.Select(c =>
            (IReadOnlyList<string>)[b.Group, b.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Label, Text(c)]))];

    /// <summary>The report tables of the blocks: the totals, then one table per dimension (caption, headers, rows).</summary>
    public static IReadOnlyList<CaseAggregateReportTable> Tables(IReadOnlyList<CaseAggregateBlock> blocks) =>
    [
        new("Personnes suivies par dispositif et par année", ["Dispositif", "Année", "Personnes"], TotalRows(blocks)),
        .. Dimensions.Select((d, i) => new CaseAggregateReportTable($"{d.Title} par dispositif et par année", ["Dispositif", "Année", d.Dimension, "Personnes"], Rows(blocks, i))),
    ];

    public const string Note = "Agrégats anonymes du suivi individuel confidentiel, par dispositif et par année de début du suivi : aucun nom, aucun code de fiche. "
        + "Tout effectif inférieur à 5 est affiché « < 5 » ; « secret » signale un effectif ou un total masqué pour qu'aucun effectif inférieur à 5 ne puisse se déduire par différence. "
        + "Une personne peut relever de plusieurs problématiques. Le quartier de résidence est l'un des quartiers ou QPV du contrat, quand il est renseigné ; le programme, l'un des programmes du contrat.";
}
