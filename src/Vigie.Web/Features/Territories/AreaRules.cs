namespace Vigie.Web.Features.Territories;

/// <summary>Checked values of a sub-area, ready to store.</summary>
public sealed record AreaValues(AreaKind Kind, string Name, string? Code, string? CommuneCode, string? GeoJson);

/// <summary>An error on one input field (field names of <see cref="AreaValues"/>).</summary>
public sealed record AreaError(string Field, string Message);

/// <summary>The business rules of a contract's sub-areas, shared by the pages and the API.</summary>
public sealed class AreaRules(AppDbContext db, ContractCoverage coverage)
{
    public const int NameMax = 200;
    public const int CodeMax = 40;

    private static readonly (AreaKind Kind, string Slug)[] Slugs = [(AreaKind.Quartier, "quartier"), (AreaKind.Qpv, "qpv"), (AreaKind.Site, "site")];

    public static string Slug(AreaKind kind) => Slugs.First(s => s.Kind == kind).Slug;

    public static AreaKind? ParseKind(string? slug) =>
        Slugs.Where(s => string.Equals(s.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(s => (AreaKind?)s.Kind).FirstOrDefault();

    public static string KindMessage => $"Le type de secteur est inconnu. Valeurs possibles : {string.Join(", ", Slugs.Select(s => s.Slug))}.";

    /// <summary>
    /// The version check of ADR 0019 before an edit (page and API): null when <paramref name="version"/> is current or
    /// omitted (the version is then moved on), else the conflict naming the stored values that differ from <paramref name="submitted"/>.
    /// </summary>
    public static Task<EditConflict?> CheckVersionAsync(AppDbContext db, Area area, int? version, AreaValues submitted) =>
        EditConflicts.CheckAsync(db, area, version, Fields(new AreaValues(area.Kind, area.Name, area.Code, area.CommuneCode, area.GeoJson)), Fields(submitted));

    private static Dictionary<string, string?> Fields(AreaValues v) => new()
    {
        ["Type de secteur"] = Shared.Labels.AreaKind(v.Kind),
        ["Nom"] = v.Name,
        ["Code officiel"] = v.Code,
        ["Code INSEE de la commune"] = v.CommuneCode,
        ["Contour GeoJSON"] = v.GeoJson,
    };

    /// <summary>Validates everything; returns the values to store, or the errors (nothing is changed here).</summary>
    public async Task<(AreaValues? Values, List<AreaError> Errors)> CheckAsync(Guid contractId, Guid? areaId, AreaKind kind, string? name, string? code, string? communeCode, string? geoJson)
    {
        var errors = new List<AreaError>();
        name = name?.Trim() ?? "";
        code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        communeCode = string.IsNullOrWhiteSpace(communeCode) ? null : communeCode.Trim().ToUpperInvariant();

        if (name.Length == 0) errors.Add(new("Name", "Saisissez le nom du secteur."));
        else if (name.Length > NameMax) errors.Add(new("Name", $"Le nom du secteur ne doit pas dépasser {NameMax} caractères."));
        else if (await db.Areas.AnyAsync(a => a.ContractId == contractId && a.Name == name && a.Id != areaId))
            errors.Add(new("Name", "Un secteur de ce contrat porte déjà ce nom."));
        if (code is { Length: > CodeMax }) errors.Add(new("Code", $"Le code ne doit pas dépasser {CodeMax} caractères."));
        if (communeCode is not null && !await coverage.CommuneInContractAsync(contractId, communeCode))
            errors.Add(new("CommuneCode", $"La commune « {communeCode} » ne fait pas partie du territoire du contrat."));

        string? geometry = null;
        if (!string.IsNullOrWhiteSpace(geoJson))
        {
            var result = GeoJsonValidator.Validate(geoJson);
            if (result.IsValid) geometry = result.Geometry;
            else errors.Add(new("GeoJson", result.Error!));
        }
        return errors.Count > 0 ? (null, errors) : (new AreaValues(kind, name, code, communeCode, geometry), errors);
    }
}
