namespace Vigie.Web.Features.Observatory.Etat4001;

public sealed record Etat4001Departement(string Code, string? Name, int Services);

public sealed record Etat4001ServiceRow(int Id, PoliceForce Force, string Name, string DepartementCode, string? Perimeter,
    string? CommuneCode, string? CommuneName, int? FirstYear, int? LastYear);

public sealed record Etat4001IndexRow(int Number, string Label, IReadOnlyDictionary<int, long> CountsByYear);

public sealed record Etat4001ServiceTable(Etat4001ServiceRow Service, DateOnly? Edition, IReadOnlyList<int> Years,
    IReadOnlyList<Etat4001IndexRow> Indexes, IReadOnlyDictionary<int, long> TotalsByYear);

public sealed record Etat4001ContractService(Etat4001ServiceRow Service, IReadOnlyDictionary<int, long> TotalsByYear);

public sealed record Etat4001ContractTable(DateOnly? Edition, IReadOnlyList<int> Years, IReadOnlyList<Etat4001ContractService> Services);

/// <summary>Reads of the état 4001 tables, always on the latest edition (the workbook's production date).</summary>
public sealed class Etat4001Queries(AppDbContext db)
{
    public async Task<StatEdition?> LatestEditionAsync(CancellationToken ct = default) =>
        await db.StatEditions.AsNoTracking().Where(e => e.Source == StatSource.Etat4001)
            .OrderByDescending(e => e.ProducedOn).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<Etat4001Departement>> DepartementsAsync(CancellationToken ct = default)
    {
        var counts = await db.Etat4001Services.AsNoTracking().GroupBy(s => s.DepartementCode)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var codes = counts.Select(c => c.Key).ToList();
        var names = await db.Territories.AsNoTracking()
            .Where(t => t.Kind == TerritoryKind.Departement && codes.Contains(t.Code))
            .ToDictionaryAsync(t => t.Code, t => t.Name, ct);
        return counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new Etat4001Departement(c.Key, names.GetValueOrDefault(c.Key), c.Count)).ToList();
    }

    public async Task<IReadOnlyList<Etat4001ServiceRow>> ServicesAsync(string departement, CancellationToken ct = default) =>
        await Rows(db.Etat4001Services.Where(s => s.DepartementCode == departement), ct);

    public async Task<Etat4001ServiceRow?> ServiceAsync(int id, CancellationToken ct = default) =>
        (await Rows(db.Etat4001Services.Where(s => s.Id == id), ct)).SingleOrDefault();

    /// <summary>The 107 indexes × the years the service was published in the latest edition (zeros included).</summary>
    public async Task<Etat4001ServiceTable?> ServiceTableAsync(int id, CancellationToken ct = default)
    {
        if (await ServiceAsync(id, ct) is not { } service) return null;
        var edition = await LatestEditionAsync(ct);
        var editionId = edition?.Id ?? 0;
        var years = await db.Etat4001ServiceYears.AsNoTracking().Where(y => y.EditionId == editionId && y.ServiceId == id)
            .OrderBy(y => y.Year).Select(y => new { y.Year, y.Total }).ToListAsync(ct);
        var counts = await db.Etat4001Counts.AsNoTracking().Where(c => c.EditionId == editionId && c.ServiceId == id)
            .Select(c => new { c.IndexNumber, c.Year, c.Count }).ToListAsync(ct);
        var byIndex = counts.ToLookup(c => c.IndexNumber);
        var labels = await db.Etat4001Indexes.AsNoTracking().OrderBy(i => i.Number).ToListAsync(ct);
        var rows = labels.Select(i => new Etat4001IndexRow(i.Number, i.Label,
            years.ToDictionary(y => y.Year, y => byIndex[i.Number].FirstOrDefault(c => c.Year == y.Year)?.Count ?? 0))).ToList();
        return new Etat4001ServiceTable(service, edition?.ProducedOn, years.Select(y => y.Year).ToList(), rows,
            years.ToDictionary(y => y.Year, y => y.Total));
    }

    /// <summary>Services attached to the given communes, with their yearly totals in the latest edition.</summary>
    public async Task<Etat4001ContractTable> ForCommunesAsync(IReadOnlyCollection<string> communeCodes, CancellationToken ct = default)
    {
        var edition = await LatestEditionAsync(ct);
        var editionId = edition?.Id ?? 0;
        var services = await Rows(db.Etat4001Services.Where(s => s.CommuneCode != null && communeCodes.Contains(s.CommuneCode)), ct);
        var ids = services.Select(s => s.Id).ToList();
        var totals = await db.Etat4001ServiceYears.AsNoTracking().Where(y => y.EditionId == editionId && ids.Contains(y.ServiceId))
            .Select(y => new { y.ServiceId, y.Year, y.Total }).ToListAsync(ct);
        var years = totals.Select(t => t.Year).Distinct().Order().ToList();
        var byService = totals.ToLookup(t => t.ServiceId);
        return new Etat4001ContractTable(edition?.ProducedOn, years,
            services.Select(s => new Etat4001ContractService(s, byService[s.Id].ToDictionary(t => t.Year, t => t.Total))).ToList());
    }

    private async Task<List<Etat4001ServiceRow>> Rows(IQueryable<Etat4001Service> services, CancellationToken ct)
    {
        var rows = await services.AsNoTracking()
            .OrderBy(s => s.Force).ThenBy(s => s.Name)
            .Select(s => new
            {
                s.Id, s.Force, s.Name, s.DepartementCode, s.Perimeter, s.CommuneCode,
                CommuneName = db.Territories.Where(t => t.Kind == TerritoryKind.Commune && t.Code == s.CommuneCode).Select(t => t.Name).FirstOrDefault(),
                First = db.Etat4001ServiceYears.Where(y => y.ServiceId == s.Id).Min(y => (int?)y.Year),
                Last = db.Etat4001ServiceYears.Where(y => y.ServiceId == s.Id).Max(y => (int?)y.Year),
            })
            .ToListAsync(ct);
        return rows.Select(r => new Etat4001ServiceRow(r.Id, r.Force, r.Name, r.DepartementCode, r.Perimeter, r.CommuneCode, r.CommuneName, r.First, r.Last)).ToList();
    }
}
