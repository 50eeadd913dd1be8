using System.Collections.Concurrent;
using System.Text.Json;
using Vigie.Web.Features.Territories;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// Commune boundaries (GeoJSON per département, the folder of <c>Observatory:GeoFolder</c>, read-only), parsed once
/// per département and kept for the life of the app.
/// </summary>
public sealed class CommuneBoundaries(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, GeoShape>> _byDepartement = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The communes of a département that have a boundary (empty when the folder has no file for it).</summary>
    public IReadOnlyDictionary<string, GeoShape> OfDepartement(string departement) => _byDepartement.GetOrAdd(departement, Load);

    private IReadOnlyDictionary<string, GeoShape> Load(string departement)
    {
        var shapes = new Dictionary<string, GeoShape>(StringComparer.Ordinal);
        var configured = configuration["Observatory:GeoFolder"];
        var folder = string.IsNullOrWhiteSpace(configured) ? SharedData.Find("geo") : Path.GetFullPath(configured, Directory.GetCurrentDirectory());
        if (folder is null || !Directory.Exists(folder) || !departement.All(char.IsLetterOrDigit)) return shapes;
        var file = Directory.GetFiles(folder, $"communes-{departement.ToLowerInvariant()}-*.geojson").Order(StringComparer.Ordinal).FirstOrDefault();
        if (file is null) return shapes;
        using var stream = File.OpenRead(file);
        using var doc = JsonDocument.Parse(stream);
        if (!doc.RootElement.TryGetProperty("features", out var features)) return shapes;
        foreach (var f in features.EnumerateArray())
        {
            if (!f.TryGetProperty("properties", out var p) || !p.TryGetProperty("code", out var code) || code.GetString() is not { } c) continue;
            if (f.TryGetProperty("geometry", out var g) && GeoShape.FromGeometry(g) is { } shape) shapes[c] = shape;
        }
        return shapes;
    }
}

/// <summary>Where an incident lies in its contract: the commune (or part of one) and the sub-area.</summary>
public sealed record IncidentPlace(string? CommuneCode, Guid? AreaId);

/// <summary>
/// Derives the commune and the sub-area of a point, and refuses a point outside the contract's territory.
/// A sub-area's polygon is the most precise (a site, then a QPV, then a quartier); its commune, when set, is the
/// incident's (Lomme inside Lille). Otherwise the commune whose boundary holds the point; a commune associée or
/// déléguée without a boundary of its own is looked for inside its parent's. When nothing of the contract has a
/// geometry, the point cannot be checked and is accepted.
/// </summary>
public sealed class IncidentLocator(AppDbContext db, ContractCoverage coverage, CommuneBoundaries boundaries)
{
    public async Task<(IncidentPlace? Place, string? Error)> LocateAsync(Guid contractId, GeoPoint point)
    {
        var areas = await db.Areas.AsNoTracking().Where(a => a.ContractId == contractId && a.GeoJson != null)
            .Select(a => new { a.Id, a.Kind, a.CommuneCode, a.GeoJson }).ToListAsync();
        var area = areas.Where(a => GeoShape.Parse(a.GeoJson)?.Contains(point) == true)
            .OrderBy(a => a.Kind switch { AreaKind.Site => 0, AreaKind.Qpv => 1, _ => 2 }).FirstOrDefault();

        var covered = await coverage.OfContractAsync(contractId);
        var anyBoundary = areas.Count > 0;
        string? ownMatch = null, parentMatch = null;
        foreach (var part in covered.Parts)
        {
            if (part.DepartementCode is null) continue;
            var shapes = boundaries.OfDepartement(part.DepartementCode);
            if (shapes.TryGetValue(part.Code, out var own))
            {
                anyBoundary = true;
                if (ownMatch is null && own.Contains(point)) ownMatch = part.Code;
            }
            else if (part.ParentCode is not null && shapes.TryGetValue(part.ParentCode, out var parent))
            {
                anyBoundary = true;
                if (parentMatch is null && parent.Contains(point)) parentMatch = part.Code;
            }
        }
        var commune = area?.CommuneCode ?? ownMatch ?? parentMatch;
        if (area is null && ownMatch is null && parentMatch is null)
        {
            if (anyBoundary) return (null, "Le point indiqué est hors du territoire du contrat.");
            commune = covered.Parts.Count(p => p.Kind == TerritoryKind.Commune) == 1 ? covered.Parts.First(p => p.Kind == TerritoryKind.Commune).Code : null;
        }
        return (new IncidentPlace(commune, area?.Id), null);
    }
}
