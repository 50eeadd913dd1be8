namespace Vigie.Web.Features.Territories;

/// <summary>A commune or a part of one (arrondissement, commune associée/déléguée) that a contract covers.</summary>
public sealed record CoveredPart(TerritoryKind Kind, string Code, string? ParentCode, string? DepartementCode);

/// <summary>A code SSMSI publishes commune figures under, and the département it lies in.</summary>
public sealed record StatisticalUnit(string Code, string? DepartementCode);

/// <summary>
/// What a contract covers (ADR 0009). <see cref="Communes"/> is the membership rule: every commune and every
/// part of a commune inside the contract's territory. <see cref="StatisticalUnits"/> is the projection on the
/// codes SSMSI publishes: Paris, Lyon and Marseille by arrondissement, a commune associée/déléguée inside its parent.
/// </summary>
public sealed class Coverage
{
    public Coverage(IReadOnlyList<CoveredPart> parts)
    {
        Parts = parts;
        Communes = parts.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        StatisticalUnits = Project(parts);
    }

    /// <summary>Every covered commune and part of a commune, ordered by code.</summary>
    public IReadOnlyList<CoveredPart> Parts { get; }

    /// <summary>The INSEE codes of the covered communes, arrondissements and communes associées/déléguées.</summary>
    public IReadOnlySet<string> Communes { get; }

    /// <summary>The commune codes to sum in the observatory, ordered by code (see <see cref="Project"/>).</summary>
    public IReadOnlyList<StatisticalUnit> StatisticalUnits { get; }

    public bool Covers(string code) => Communes.Contains(code);

    /// <summary>
    /// SSMSI publishes one row per current commune, except Paris, Lyon and Marseille, published by arrondissement
    /// only (751xx, 6938x, 132xx); a commune associée or déléguée has no row of its own and is counted in its parent.
    /// So: an arrondissement is its own unit; a commune is its own unit unless its arrondissements are covered
    /// (covering a commune covers all its arrondissements); an associated/delegated commune is its parent commune,
    /// the smallest published unit that contains it (a contract on Lomme reads Lille's figures).
    /// </summary>
    public static IReadOnlyList<StatisticalUnit> Project(IEnumerable<CoveredPart> parts)
    {
        var list = parts.ToList();
        var cutIntoArrondissements = list.Where(p => p.Kind == TerritoryKind.Arrondissement && p.ParentCode is not null)
            .Select(p => p.ParentCode!).ToHashSet(StringComparer.Ordinal);
        var units = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in list)
        {
            var code = p.Kind switch
            {
                TerritoryKind.Commune => cutIntoArrondissements.Contains(p.Code) ? null : p.Code,
                TerritoryKind.Arrondissement => p.Code,
                TerritoryKind.AssociatedCommune or TerritoryKind.DelegatedCommune => p.ParentCode,
                _ => null,
            };
            if (code is not null) units.TryAdd(code, p.DepartementCode);
        }
        return units.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new StatisticalUnit(u.Key, u.Value)).ToList();
    }
}

/// <summary>
/// The one answer to "which communes does a contract cover" (ADR 0009), for the observatory, the partner series,
/// the État 4001 services and the sub-areas. A contract's territory is its <see cref="ContractTerritory"/> rows:
/// an avenant adds rows to them and a renewal copies them, so they always hold the territory in force.
/// <list type="bullet">
/// <item>a commune covers itself and its parts (arrondissements, communes associées/déléguées);</item>
/// <item>an arrondissement or a commune associée/déléguée covers that part only;</item>
/// <item>an EPCI, EPT, département or région covers its member communes and their parts.</item>
/// </list>
/// </summary>
public sealed class ContractCoverage(AppDbContext db)
{
    private static readonly TerritoryKind[] Parts =
        [TerritoryKind.Arrondissement, TerritoryKind.AssociatedCommune, TerritoryKind.DelegatedCommune];

    /// <summary>The coverage of a contract (empty when it has no territory). The caller has checked access to the contract.</summary>
    public async Task<Coverage> OfContractAsync(Guid contractId, CancellationToken ct = default)
    {
        var entries = await db.ContractTerritories.AsNoTracking().Where(t => t.ContractId == contractId)
            .Select(t => new { t.Territory!.Kind, t.Territory.Code, t.Territory.ParentCode, t.Territory.DepartementCode })
            .ToListAsync(ct);

        var covered = new Dictionary<(TerritoryKind, string), CoveredPart>();
        void Add(CoveredPart p) => covered.TryAdd((p.Kind, p.Code), p);
        foreach (var e in entries.Where(e => e.Kind == TerritoryKind.Commune || Parts.Contains(e.Kind)))
            Add(new CoveredPart(e.Kind, e.Code, e.ParentCode, e.DepartementCode));

        List<string> Codes(TerritoryKind kind) => entries.Where(e => e.Kind == kind).Select(e => e.Code).Distinct().ToList();
        var communes = Codes(TerritoryKind.Commune);
        var epci = Codes(TerritoryKind.Epci);
        var ept = Codes(TerritoryKind.Ept);
        var departements = Codes(TerritoryKind.Departement);
        var regions = Codes(TerritoryKind.Region);

        // One round trip, one branch per kind of entry. Parts of a commune carry their parent's département, EPCI,
        // EPT and région (GeographyImporter), so each branch can use an index: the parts of a named commune are
        // looked for among the rows of its département (ParentCode has no index of its own).
        var members = new List<IQueryable<Territory>>();
        var territories = db.Territories.AsNoTracking().Where(t => TerritoryKinds.CommuneLike.Contains(t.Kind));
        if (communes.Count > 0)
        {
            var communeDepartements = entries.Where(e => e.Kind == TerritoryKind.Commune).Select(e => e.DepartementCode).Distinct().ToList();
            members.Add(communeDepartements.Contains(null)
                ? territories.Where(t => t.ParentCode != null && communes.Contains(t.ParentCode))
                : territories.Where(t => t.DepartementCode != null && communeDepartements.Contains(t.DepartementCode)
                    && t.ParentCode != null && communes.Contains(t.ParentCode)));
        }
        if (epci.Count > 0) members.Add(territories.Where(t => t.EpciCode != null && epci.Contains(t.EpciCode)));
        if (ept.Count > 0) members.Add(territories.Where(t => t.EptCode != null && ept.Contains(t.EptCode)));
        if (departements.Count > 0) members.Add(territories.Where(t => t.DepartementCode != null && departements.Contains(t.DepartementCode)));
        if (regions.Count > 0) members.Add(territories.Where(t => t.RegionCode != null && regions.Contains(t.RegionCode)));
        if (members.Count > 0)
        {
            var rows = await members.Skip(1).Aggregate(members[0], (all, next) => all.Concat(next))
                .Select(t => new CoveredPart(t.Kind, t.Code, t.ParentCode, t.DepartementCode))
                .ToListAsync(ct);
            foreach (var m in rows) Add(m);
        }
        return new Coverage(covered.Values.OrderBy(p => p.Code, StringComparer.Ordinal).ThenBy(p => p.Kind).ToList());
    }

    /// <summary>
    /// Whether a commune, arrondissement or commune associée/déléguée lies in the contract's territory
    /// (where a sub-area may be placed, which partner figures may be imported).
    /// </summary>
    public async Task<bool> CommuneInContractAsync(Guid contractId, string code, CancellationToken ct = default) =>
        (await OfContractAsync(contractId, ct)).Covers(code.Trim().ToUpperInvariant());
}
