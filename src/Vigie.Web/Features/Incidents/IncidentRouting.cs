using Vigie.Web.Features.Territories;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// Who pilots an incident: a partner's zone for the category (a set of sub-areas or a drawn polygon) when the point
/// or its sub-area lies in one, else the category's pilot, else nobody (the coordination routes it by hand).
/// Zones are kept by the coordination.
/// </summary>
public sealed class IncidentRouting(AppDbContext db, Auditor auditor)
{
    public async Task<Guid?> PilotAsync(IncidentCategory category, GeoPoint? point, Guid? areaId)
    {
        var zones = await db.RoutingZones.AsNoTracking().Include(z => z.Areas)
            .Where(z => z.ContractId == category.ContractId && z.CategoryId == category.Id).OrderBy(z => z.Name).ToListAsync();
        foreach (var z in zones)
        {
            if (areaId is { } a && z.Areas.Any(x => x.AreaId == a)) return z.OrganisationId;
            if (point is { } p && GeoShape.Parse(z.GeoJson)?.Contains(p) == true) return z.OrganisationId;
        }
        return category.PilotOrganisationId;
    }

    /// <summary>Adds a zone: a category, a partner, sub-areas of the contract and/or a polygon (at least one of the two).</summary>
    public async Task<CommandResult<RoutingZone>> AddZoneAsync(Guid contractId, string? categoryCode, Guid? organisationId, string? name, IReadOnlyList<Guid> areaIds, string? geoJson)
    {
        var errors = new ErrorBag();
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

        var zone = new RoutingZone { ContractId = contractId, CategoryId = category!.Id, OrganisationId = organisationId!.Value, Name = name, GeoJson = geometry };
        foreach (var a in areas) zone.Areas.Add(new RoutingZoneArea { AreaId = a, ContractId = contractId });
        db.RoutingZones.Add(zone);
        auditor.Record(AuditKinds.RoutingZoneSaved, "RoutingZone", zone.Id, contractId, new { category = category.Code, areas = areas.Count, polygon = geometry is not null });
        await db.SaveChangesAsync();
        return CommandResult<RoutingZone>.Ok(zone);
    }

    public async Task<bool> DeleteZoneAsync(Guid contractId, Guid zoneId)
    {
        var zone = await db.RoutingZones.FirstOrDefaultAsync(z => z.ContractId == contractId && z.Id == zoneId);
        if (zone is null) return false;
        db.RoutingZones.Remove(zone);
        auditor.Record(AuditKinds.RoutingZoneDeleted, "RoutingZone", zone.Id, contractId);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Changes a category's pilot partner, SLA and visibility (coordinators).</summary>
    public async Task<CommandResult<IncidentCategory>> UpdateCategoryAsync(Guid contractId, string code, Guid? pilotOrganisationId, int? slaValue, string? slaUnit, string? visibility)
    {
        var category = await db.IncidentCategories.FirstOrDefaultAsync(c => c.ContractId == contractId && c.Code == code);
        if (category is null) return CommandResult<IncidentCategory>.Missing();
        var errors = new ErrorBag();
        if (pilotOrganisationId is { } org && !await db.Organisations.AnyAsync(o => o.Id == org && !o.IsArchived))
            errors.Add("pilotOrganisationId", "Le partenaire pilote choisi n'existe pas.");
        if (slaValue is < 1 or > 365) errors.Add("slaValue", "Le délai de prise en charge doit être compris entre 1 et 365.");
        SlaUnit? unit = null;
        if (slaUnit is not null)
        {
            if (Enum.TryParse<SlaUnit>(slaUnit, true, out var u) && Enum.IsDefined(u)) unit = u;
            else errors.Add("slaUnit", "L'unité du délai doit être Hours, Days ou BusinessDays.");
        }
        IncidentVisibility? vis = null;
        if (visibility is not null)
        {
            if (Enum.TryParse<IncidentVisibility>(visibility, true, out var v) && Enum.IsDefined(v)) vis = v;
            else errors.Add("visibility", "La visibilité doit être Public ou Partners.");
            if (vis == IncidentVisibility.Public && category.Group == IncidentCategoryCatalog.TranquilliteGroup)
                errors.Add("visibility", "Une catégorie de tranquillité publique n'est jamais publique (specs §3.3).");
        }
        if (errors.Any) return CommandResult<IncidentCategory>.Invalid(errors.Errors);
        category.PilotOrganisationId = pilotOrganisationId;
        if (slaValue is { } s) category.SlaValue = s;
        if (unit is { } un) category.SlaUnit = un;
        if (vis is { } vv) category.Visibility = vv;
        auditor.Record(AuditKinds.IncidentCategoryUpdated, "IncidentCategory", category.Id, contractId, new { code = category.Code, visibility = category.Visibility.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<IncidentCategory>.Ok(category);
    }
}
