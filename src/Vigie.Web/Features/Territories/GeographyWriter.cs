using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Territories;

/// <summary>The territories read from the files, validated, before anything is written.</summary>
public sealed class GeographyIncoming
{
    public Dictionary<(TerritoryKind, string), Territory> Rows { get; } = [];
    public HashSet<TerritoryKind> Kinds { get; } = [];
    public bool HasPopulations { get; set; }
    public bool HasEpci { get; set; }
    public bool HasEpt { get; set; }
    public List<(string Step, TimeSpan Time)> StepTimes { get; } = [];
}

/// <summary>
/// Writes what the readers produced: one transaction that upserts by (Kind, Code) in batches, so a second import of the
/// same files changes nothing; rows absent from the new files are kept (contracts may reference them) and only counted;
/// an optional file left out keeps what a previous import stored.
/// </summary>
public sealed class GeographyWriter(AppDbContext db, Auditor auditor)
{
    private const int BatchSize = 2000;

    public async Task<GeographyImportResult> WriteAsync(GeographyIncoming data, Dictionary<string, ImportFile> files, IProgress<GeographyProgress>? progress, CancellationToken ct, Guid? userId = null)
    {
        const string step = "Enregistrement";
        progress?.Report(new(step, 0));
        var existing = await db.Territories.AsNoTracking().ToDictionaryAsync(t => (t.Kind, t.Code), ct);
        var inserts = new List<Territory>();
        var updates = new List<Territory>();
        var unchanged = 0;
        foreach (var (key, row) in data.Rows)
        {
            if (!existing.TryGetValue(key, out var current))
            {
                inserts.Add(row);
                continue;
            }
            // An optional file left out keeps what a previous import stored.
            if (!data.HasPopulations && row.Kind != TerritoryKind.Epci) row.Population = current.Population;
            if (!data.HasEpci) row.EpciCode = current.EpciCode;
            if (!data.HasEpt) row.EptCode = current.EptCode;
            if (Same(current, row)) { unchanged++; continue; }
            Copy(row, current);
            updates.Add(current);
        }
        var absent = existing.Count(e => data.Kinds.Contains(e.Key.Kind) && !data.Rows.ContainsKey(e.Key));

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var done = 0;
            var total = Math.Max(1, inserts.Count + updates.Count);
            foreach (var chunk in inserts.Chunk(BatchSize))
            {
                db.Territories.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                done += chunk.Length;
                progress?.Report(new(step, 100.0 * done / total));
            }
            foreach (var chunk in updates.Chunk(BatchSize))
            {
                db.Territories.UpdateRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                done += chunk.Length;
                progress?.Report(new(step, 100.0 * done / total));
            }
            var counts = data.Rows.Values.GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.Count());
            auditor.Record(AuditKinds.GeographyImported, "Territory", data: new
            {
                inserted = inserts.Count,
                updated = updates.Count,
                unchanged,
                absent,
                counts = counts.ToDictionary(c => TerritoryKinds.Slug(c.Key), c => c.Value),
            }, userId: userId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            progress?.Report(new(step, 100));
            return new GeographyImportResult(counts, files.Keys.Order().ToList(), inserts.Count, updates.Count, unchanged, absent, TimeSpan.Zero, TimeSpan.Zero, data.StepTimes);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static bool Same(Territory a, Territory b) =>
        a.Name == b.Name && a.DepartementCode == b.DepartementCode && a.RegionCode == b.RegionCode
        && a.ParentCode == b.ParentCode && a.EpciCode == b.EpciCode && a.EptCode == b.EptCode
        && a.Nature == b.Nature && a.Population == b.Population && !a.IsFictitious;

    private static void Copy(Territory from, Territory to)
    {
        to.Name = from.Name;
        to.DepartementCode = from.DepartementCode;
        to.RegionCode = from.RegionCode;
        to.ParentCode = from.ParentCode;
        to.EpciCode = from.EpciCode;
        to.EptCode = from.EptCode;
        to.Nature = from.Nature;
        to.Population = from.Population;
        to.IsFictitious = false;
    }
}
