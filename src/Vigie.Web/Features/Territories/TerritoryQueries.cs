namespace Vigie.Web.Features.Territories;

public sealed record TerritoryRow(TerritoryKind Kind, string Code, string Name, string? DepartementCode, string? RegionCode,
    string? ParentCode, string? EpciCode, string? EptCode, string? Nature, int? Population, bool IsFictitious);

public sealed record TerritoryRef(TerritoryKind Kind, string Code, string Name, int? Population);

public sealed record TerritoryDetail(TerritoryRow Territory, TerritoryRef? Departement, TerritoryRef? Region, TerritoryRef? Parent,
    TerritoryRef? Epci, TerritoryRef? Ept, IReadOnlyList<TerritoryRef> Members, IReadOnlyList<TerritoryRef> Parts);

/// <summary>Territory search and detail, shared by the pages and the API (public official data: no scoping).</summary>
public sealed class TerritoryQueries(AppDbContext db)
{
    public const int MaxMembers = 2000;

    public async Task<IReadOnlyList<TerritoryRow>> SearchAsync(string? q, TerritoryKind? kind, string? departement, int skip, int take)
    {
        var query = db.Territories.AsNoTracking();
        if (kind is not null) query = query.Where(t => t.Kind == kind);
        if (!string.IsNullOrWhiteSpace(departement))
        {
            var dep = departement.Trim().ToUpperInvariant();
            query = query.Where(t => t.DepartementCode == dep);
        }
        IOrderedQueryable<Territory> ordered;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            var code = term.ToUpperInvariant();
            var lower = term.ToLowerInvariant();
            query = query.Where(t => t.Code == code || t.Name.ToLower().Contains(lower));
            // Exact code first, then names starting with the term, then the rest.
            ordered = query.OrderBy(t => t.Code == code ? 0 : t.Name.ToLower().StartsWith(lower) ? 1 : 2).ThenBy(t => t.Name);
        }
        else ordered = query.OrderBy(t => t.Name);
        return await ordered.ThenBy(t => t.Kind).ThenBy(t => t.Code).Skip(skip).Take(take)
            .Select(t => new TerritoryRow(t.Kind, t.Code, t.Name, t.DepartementCode, t.RegionCode, t.ParentCode, t.EpciCode, t.EptCode, t.Nature, t.Population, t.IsFictitious))
            .ToListAsync();
    }

    public async Task<TerritoryDetail?> DetailAsync(TerritoryKind kind, string code)
    {
        code = code.Trim().ToUpperInvariant();
        var t = await db.Territories.AsNoTracking().Where(x => x.Kind == kind && x.Code == code)
            .Select(x => new TerritoryRow(x.Kind, x.Code, x.Name, x.DepartementCode, x.RegionCode, x.ParentCode, x.EpciCode, x.EptCode, x.Nature, x.Population, x.IsFictitious))
            .FirstOrDefaultAsync();
        if (t is null) return null;

        var departement = t.Kind == TerritoryKind.Departement ? null : await RefAsync(TerritoryKind.Departement, t.DepartementCode);
        var region = t.Kind == TerritoryKind.Region ? null : await RefAsync(TerritoryKind.Region, t.RegionCode);
        var parent = await RefAsync(TerritoryKind.Commune, t.ParentCode);
        var epci = await RefAsync(TerritoryKind.Epci, t.EpciCode);
        var ept = await RefAsync(TerritoryKind.Ept, t.EptCode);

        IQueryable<Territory>? members = t.Kind switch
        {
            TerritoryKind.Epci => db.Territories.Where(m => m.Kind == TerritoryKind.Commune && m.EpciCode == t.Code),
            TerritoryKind.Ept => db.Territories.Where(m => m.Kind == TerritoryKind.Commune && m.EptCode == t.Code),
            TerritoryKind.Departement => db.Territories.Where(m => m.Kind == TerritoryKind.Commune && m.DepartementCode == t.Code),
            TerritoryKind.Region => db.Territories.Where(m => m.Kind == TerritoryKind.Departement && m.RegionCode == t.Code),
            _ => null,
        };
        var memberList = members is null ? [] : await ToRefs(members.OrderBy(m => m.Name).ThenBy(m => m.Code).Take(MaxMembers));
        var parts = t.Kind == TerritoryKind.Commune
            ? await ToRefs(db.Territories.Where(p => p.ParentCode == t.Code && p.Kind != TerritoryKind.Commune).OrderBy(p => p.Kind).ThenBy(p => p.Code))
            : [];
        return new TerritoryDetail(t, departement, region, parent, epci, ept, memberList, parts);
    }

    private async Task<TerritoryRef?> RefAsync(TerritoryKind kind, string? code) =>
        code is null ? null : await db.Territories.AsNoTracking().Where(x => x.Kind == kind && x.Code == code)
            .Select(x => new TerritoryRef(x.Kind, x.Code, x.Name, x.Population)).FirstOrDefaultAsync();

    private static async Task<List<TerritoryRef>> ToRefs(IQueryable<Territory> q) =>
        await q.AsNoTracking().Select(x => new TerritoryRef(x.Kind, x.Code, x.Name, x.Population)).ToListAsync();
}
