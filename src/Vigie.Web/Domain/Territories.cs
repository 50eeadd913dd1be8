namespace Vigie.Web.Domain;

public enum TerritoryKind
{
    Region,
    Departement,
    Commune,
    /// <summary>Municipal arrondissement of Paris, Lyon, Marseille (ARM).</summary>
    Arrondissement,
    /// <summary>Commune associée (COMA), e.g. Lomme to Lille.</summary>
    AssociatedCommune,
    /// <summary>Commune déléguée (COMD).</summary>
    DelegatedCommune,
    /// <summary>EPCI à fiscalité propre, keyed by SIREN.</summary>
    Epci,
    /// <summary>Établissement public territorial of the Grand Paris, keyed by SIREN.</summary>
    Ept,
}

/// <summary>
/// An official geography from INSEE / DGCL. Codes are strings (2A004, 75113, SIREN for EPCI).
/// Hierarchy is kept as codes so the observatory can join statistics by code.
/// </summary>
public class Territory
{
    public int Id { get; set; }
    public TerritoryKind Kind { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? DepartementCode { get; set; }
    public string? RegionCode { get; set; }
    /// <summary>Parent commune for arrondissements and associated/delegated communes.</summary>
    public string? ParentCode { get; set; }
    /// <summary>SIREN of the EPCI à fiscalité propre the commune belongs to.</summary>
    public string? EpciCode { get; set; }
    /// <summary>SIREN of the EPT (Grand Paris) the commune belongs to.</summary>
    public string? EptCode { get; set; }
    /// <summary>EPCI legal nature (CC, CA, CU, METRO, MET69).</summary>
    public string? Nature { get; set; }
    /// <summary>Population municipale (populations légales) when known.</summary>
    public int? Population { get; set; }
    /// <summary>Demo data: a fictitious territory that must never be mistaken for a real one.</summary>
    public bool IsFictitious { get; set; }
}

public enum AreaKind
{
    Quartier,
    Qpv,
    Site,
}

/// <summary>A custom sub-area of a contract's territory (quartier, QPV, site) with an optional GeoJSON polygon.</summary>
public class Area : StampedEntity, IVersioned
{
    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public SecurityContract? Contract { get; set; }
    public AreaKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Official code where one exists (QPV code, e.g. QN07501M).</summary>
    public string? Code { get; set; }
    /// <summary>INSEE code of the commune it lies in.</summary>
    public string? CommuneCode { get; set; }
    /// <summary>GeoJSON geometry (Polygon or MultiPolygon, WGS84), validated on input.</summary>
    public string? GeoJson { get; set; }
}
