using Vigie.Web.Features.Territories;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// Who pilots an incident: a partner's zone for the category (a set of sub-areas or a drawn polygon) when the point
/// or its sub-area lies in one, else the category's pilot, else nobody (the coordination routes it by hand).
/// Zones are kept by the coordination, with their history: a zone is valid from a date to another (open-ended while in
/// use); changing or removing one ends it and an incident is routed by the zones valid at its creation.
/// </summary>
public sealed class IncidentRouting(AppDbContext db, Auditor auditor, TimeProvider clock)
{
    public async Task<Guid?> PilotAsync(IncidentCategory category, GeoPoint? point, Guid? areaId, DateTimeOffset at)
    {
        var zones = await db.RoutingZones.AsNoTracking().Include(z => z.Areas)
            .Where(z => z.ContractId == category.ContractId && z.CategoryId == category.Id && (z.ValidFrom == null || z.ValidFrom <= at) && (z.ValidTo == null || z.ValidTo > at))
            .OrderBy(z => z.Name).ToListAsync();
        foreach (var z in zones)
        {
            if (areaId is { } a && z.Areas.Any(x => x.AreaId == a)) return z.OrganisationId;
            if (point is { } p && GeoShape.Parse(z.GeoJson)?.Contains(p) == true) return z.OrganisationId;
        }
        return category.PilotOrganisationId;
    }

    /// <summary>
    /// Adds a zone: a category, a partner, sub-areas of the contract and/or a polygon (at least one of the two), valid from
    /// <paramref name="validFrom"/> (now by default). With <paramref name="replaces"/>, the zone it replaces ends at that moment.
    /// </summary>
    public async Task<CommandResult<RoutingZone>> AddZoneAsync(Guid contractId, string? categoryCode, Guid? organisationId, string? name, IReadOnlyList<Guid> areaIds, string? geoJson,
        DateTimeOffset? validFrom = null, Guid? replaces = null)
    {
        var now = clock.GetUtcNow();
        var start = validFrom ?? now;
        RoutingZone? previous = null;
        if (replaces is { } old && (previous = await db.RoutingZones.FirstOrDefaultAsync(z => z.ContractId == contractId && z.Id == old && (z.ValidTo == null || z.ValidTo > now))) is null)
            return CommandResult<RoutingZone>.Missing();
        var errors = new ErrorBag();
        if (start < now.AddYears(-1) || start > now.AddYears(5)) errors.Add("validFrom", "La date de début de validité doit être comprise entre il y a un an et dans cinq ans.");
        else if (previous?.ValidFrom is { } from && start <= from) errors.Add("validFrom", "La nouvelle version de la zone doit commencer après le début de la version qu'elle remplace.");
        var category = await db.IncidentCategories.FirstOrDefaultAsync(c => c.ContractId == contractId && c.Code == (categoryCode ?? "").Trim());
        if (category is null) errors.Add("categoryCode", "Choisissez une catégorie du contrat.");
        if (organisationId is not { } org || !await db.Organisations.AnyAsync(o => o.Id == org && !o.IsArchived))
            errors.Add("organisationId", "Choisissez le partenaire qui traite les signalements de cette zone.");
        name = name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "Saisissez le nom de la zone.");
        else if (name.Length > 200) errors.Add("name", "Le nom de la zone ne doit pas dépasser 200 caractères.");
        var areas = areaIds.Distinct().ToList();
        if (areas.Count > 0 && await db.Areas.CountAsync(a => a.ContractId == contractId && areas.Contains(a.Id)) != areas.Count)
            errors.Add("areaIds", "Un des secteurs choisis n'appartient pas à ce contrat.");
        string? geometry = null;
        if (!string.IsNullOrWhiteSpace(geoJson))
        {
            var checkedGeo = GeoJsonValidator.Validate(geoJson);
            if (checkedGeo.IsValid) geometry = checkedGeo.Geometry;
            else errors.Add("geometry", checkedGeo.Error!);
        }
        if (areas.Count == 0 && string.IsNullOrWhiteSpace(geoJson)) errors.Add("areaIds", "Une zone est faite de secteurs du contrat ou d'un contour dessiné : indiquez au moins l'un des deux.");
        if (errors.Any) return CommandResult<RoutingZone>.Invalid(errors.Errors);

        if (previous is not null) previous.ValidTo = start;
        var zone = new RoutingZone { ContractId = contractId, CategoryId = category!.Id, OrganisationId = organisationId!.Value, Name = name, GeoJson = geometry, ValidFrom = start };
        foreach (var a in areas) zone.Areas.Add(new RoutingZoneArea { AreaId = a, ContractId = contractId });
        db.RoutingZones.Add(zone);
        auditor.Record(AuditKinds.RoutingZoneSaved, "RoutingZone", zone.Id, contractId, new { category = category.Code, areas = areas.Count, polygon = geometry is not null, replaces });
        await db.SaveChangesAsync();
        return CommandResult<RoutingZone>.Ok(zone);
    }

    /// <summary>Ends a zone now (it stays in the history: incidents routed by it keep their explanation).</summary>
    public async Task<bool> DeleteZoneAsync(Guid contractId, Guid zoneId)
    {
        var now = clock.GetUtcNow();
        var zone = await db.RoutingZones.FirstOrDefaultAsync(z => z.ContractId == contractId && z.Id == zoneId && (z.ValidTo == null || z.ValidTo > now));
        if (zone is null) return false;
        zone.ValidTo = now;
        auditor.Record(AuditKinds.RoutingZoneDeleted, "RoutingZone", zone.Id, contractId);
        await db.SaveChangesAsync();
        return true;
    }
}
