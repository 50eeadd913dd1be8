namespace Vigie.Web.Domain;

/// <summary>Which force publishes an état 4001 column: police nationale (PN sheets) or gendarmerie (GN sheets).</summary>
public enum PoliceForce
{
    /// <summary>Police nationale: one column per service (CSP, commissariat, DTSP…).</summary>
    PoliceNationale,
    /// <summary>Gendarmerie nationale: one column per compagnie (CGD).</summary>
    Gendarmerie,
}

/// <summary>
/// A police or gendarmerie service as published in the état 4001 workbook, identified by force,
/// département and name (names are kept exactly as published: services are renamed or split between years).
/// </summary>
public class Etat4001Service
{
    public int Id { get; set; }
    public PoliceForce Force { get; set; }
    /// <summary>Name exactly as published ("DTSP92 PUTEAUX", "CGD BOURG EN BRESSE").</summary>
    public required string Name { get; set; }
    /// <summary>Département code normalised ("01", "2A", "971", "988").</summary>
    public required string DepartementCode { get; set; }
    /// <summary>Périmètre of police services (DCSP, DSPAP, DCPAF…) as last published; null for gendarmerie.</summary>
    public string? Perimeter { get; set; }
    /// <summary>INSEE code of the commune the service was attached to by name, when one matched.</summary>
    public string? CommuneCode { get; set; }
}

/// <summary>One of the 107 état 4001 indexes, with its label exactly as published (typos included).</summary>
public class Etat4001Index
{
    public int Number { get; set; }
    public required string Label { get; set; }
}

/// <summary>
/// A service's column in one year's sheet of one edition. Its presence says the service was published
/// that year (every index missing from <see cref="Etat4001Count"/> is then zero); it carries the yearly total.
/// </summary>
public class Etat4001ServiceYear
{
    public int EditionId { get; set; }
    public int ServiceId { get; set; }
    public Etat4001Service? Service { get; set; }
    public int Year { get; set; }
    /// <summary>Sum of the 107 indexes, as published column by column.</summary>
    public long Total { get; set; }
}

/// <summary>
/// A non-zero yearly count (faits constatés) of one index for one service in one edition. Zeros are not
/// stored: about half of the workbook's cells are zero, and the service-year row says the column existed.
/// </summary>
public class Etat4001Count
{
    public int EditionId { get; set; }
    public int ServiceId { get; set; }
    public int Year { get; set; }
    public int IndexNumber { get; set; }
    public long Count { get; set; }
}
