namespace Vigie.Web.Domain;

/// <summary>Where a partner series comes from (CSV column « source »).</summary>
public enum PartnerSourceKind
{
    /// <summary>Police municipale: main courante, logbook.</summary>
    PoliceMunicipale,
    /// <summary>Social landlord (bailleur social).</summary>
    Bailleur,
    /// <summary>Transport operator.</summary>
    Transport,
    /// <summary>Incidents recorded in Vigie.</summary>
    Vigie,
    Autre,
}

/// <summary>
/// A local series supplied by a partner organisation for one contract. Partner figures are shown next to
/// police and gendarmerie figures and never added to them (DOMAIN.md §4.5).
/// </summary>
public class PartnerSeries
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string Name { get; set; }
    public PartnerSourceKind SourceKind { get; set; }
    /// <summary>Counting unit as given by the partner ("faits", "interventions", "signalements"…).</summary>
    public required string Unit { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public List<PartnerSeriesValue> Values { get; set; } = [];
}

/// <summary>A value of a partner series for a year ("2024") or a month ("2024-03"), optionally for one commune.</summary>
public class PartnerSeriesValue
{
    public long Id { get; set; }
    public Guid SeriesId { get; set; }
    /// <summary>"YYYY" or "YYYY-MM".</summary>
    public required string Period { get; set; }
    public int Year { get; set; }
    /// <summary>INSEE code of a commune of the contract; empty = the whole contract territory (never null, so the unique key holds on every provider).</summary>
    public required string TerritoryCode { get; set; }
    public decimal Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
