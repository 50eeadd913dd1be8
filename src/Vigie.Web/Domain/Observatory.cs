namespace Vigie.Web.Domain;

/// <summary>Where a statistic comes from. Police figures and partner figures are never summed (DOMAIN.md §4.5).</summary>
public enum StatSource
{
    /// <summary>SSMSI bases of recorded delinquency (Ministry of the Interior).</summary>
    Ssmsi,
    /// <summary>État 4001 by police / gendarmerie service.</summary>
    Etat4001,
}

/// <summary>Geographic level of a published statistic row.</summary>
public enum StatLevel
{
    /// <summary>Commune or municipal arrondissement (SSMSI keys Paris/Lyon/Marseille by arrondissement).</summary>
    Commune,
    Departement,
    Region,
}

/// <summary>Statistical secrecy state of a published cell.</summary>
public enum Disclosure
{
    Published,
    /// <summary>Published, and the count is zero.</summary>
    Zero,
    /// <summary>Withheld (ndiff): no count; complement_info_* holds an estimate (département mean of withheld communes).</summary>
    Withheld,
}

/// <summary>What a rate per thousand is computed on.</summary>
public enum RateDenominator
{
    Population,
    /// <summary>Dwellings (insee_log): Cambriolages de logement.</summary>
    Dwellings,
}

/// <summary>
/// One edition of a source, named by its production date ("produit-le2025-06-04"). The same year is
/// revised between editions: figures are stored per edition and the latest is shown by default.
/// </summary>
public class StatEdition
{
    public int Id { get; set; }
    public StatSource Source { get; set; }
    public DateOnly ProducedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<StatFile> Files { get; set; } = [];
}

/// <summary>A file imported into an edition; its SHA-256 makes re-importing the same file a no-op.</summary>
public class StatFile
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public StatEdition? Edition { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public StatLevel Level { get; set; }
    /// <summary>Detected schema generation, e.g. "ssmsi-2023", "ssmsi-2025-01", "ssmsi-2025-06".</summary>
    public required string Schema { get; set; }
    public long Rows { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public Guid? ImportedById { get; set; }
}

/// <summary>A stable indicator code across editions (labels change; see the versioned label mapping).</summary>
public class Indicator
{
    public int Id { get; set; }
    /// <summary>Stable code, e.g. "cambriolages-logement".</summary>
    public required string Code { get; set; }
    /// <summary>Current label (latest edition's wording).</summary>
    public required string Label { get; set; }
    public required string Unit { get; set; }
    public RateDenominator Denominator { get; set; }
    public int Order { get; set; }
}

/// <summary>One published SSMSI cell: geography × year × indicator in one edition.</summary>
public class StatValue
{
    public int EditionId { get; set; }
    public StatLevel Level { get; set; }
    /// <summary>INSEE code as normalised (zero-padded département "01", commune "75113").</summary>
    public required string GeoCode { get; set; }
    public int Year { get; set; }
    public int IndicatorId { get; set; }
    /// <summary>The indicator's label exactly as published in this edition.</summary>
    public required string PublishedLabel { get; set; }
    /// <summary>Counting unit as published (Victime, Infraction, Véhicule, Mis en cause…).</summary>
    public required string Unit { get; set; }
    public Disclosure Disclosure { get; set; }
    /// <summary>Null when withheld.</summary>
    public long? Count { get; set; }
    /// <summary>Rate per thousand as published; null when withheld.</summary>
    public decimal? Rate { get; set; }
    public long? Population { get; set; }
    public int? PopulationYear { get; set; }
    public decimal? Dwellings { get; set; }
    public int? DwellingsYear { get; set; }
    /// <summary>complement_info_nombre: an estimate for withheld cells, never the commune's own figure.</summary>
    public decimal? EstimateCount { get; set; }
    /// <summary>complement_info_taux.</summary>
    public decimal? EstimateRate { get; set; }
}

/// <summary>Status of a background import (upload page, API), kept in the database so any instance can report it.</summary>
public enum ImportJobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

public class ImportJob
{
    public Guid Id { get; set; }
    /// <summary>"ssmsi", "etat4001", "partner-series".</summary>
    public required string Kind { get; set; }
    public ImportJobStatus Status { get; set; }
    public required string FileName { get; set; }
    /// <summary>Where the uploaded file waits for the worker (a path under the configured upload folder).</summary>
    public required string StoragePath { get; set; }
    /// <summary>Edition date given by the user when the file name lacks "produit-le…".</summary>
    public DateOnly? Edition { get; set; }
    /// <summary>The kind's own parameters (e.g. the survey wave), JSON object of strings; handed to the runner.</summary>
    public string? Parameters { get; set; }
    public long RowsRead { get; set; }
    public long RowsImported { get; set; }
    /// <summary>French error message naming file, line and column.</summary>
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Instance holding the job (lease), so several instances never run the same job twice.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}
