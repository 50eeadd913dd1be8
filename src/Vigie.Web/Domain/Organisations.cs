namespace Vigie.Web.Domain;

/// <summary>Kinds of partner institutions of a CLS (DOMAIN.md §2). Stored as text so new kinds are additive.</summary>
public enum PartnerType
{
    Commune,
    Epci,
    Prefecture,
    PoliceNationale,
    Gendarmerie,
    PoliceMunicipale,
    Parquet,
    EducationNationale,
    ConseilDepartemental,
    ConseilRegional,
    BailleurSocial,
    Transporteur,
    Association,
    MaisonJusticeDroit,
    AideAuxVictimes,
    Caf,
    ProtectionJudiciaireJeunesse,
    ServicePenitentiaire,
    Sdis,
    Autre,
}

/// <summary>A partner institution (organisation); users belong to one.</summary>
public class Organisation : StampedEntity, IVersioned
{
    /// <summary>Optimistic concurrency token (ADR 0019).</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public PartnerType Type { get; set; }
    /// <summary>SIREN (9 digits) when known.</summary>
    public string? Siren { get; set; }
    public string? Address { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    /// <summary>INSEE code of the commune/département it serves, when it has one (a commune, a préfecture).</summary>
    public string? TerritoryCode { get; set; }
    public bool IsArchived { get; set; }
    public List<Contact> Contacts { get; set; } = [];
}

/// <summary>A person at a partner organisation: a representative (can sign) or an operational contact.</summary>
public class Contact : StampedEntity
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string FullName { get; set; }
    /// <summary>Position, e.g. "Maire", "Préfet", "Procureur de la République".</summary>
    public string? Position { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public bool IsRepresentative { get; set; }
}
