using System.Diagnostics.CodeAnalysis;

namespace Vigie.Web.Features.Territories;

/// <summary>
/// The one mapping between territory kinds and their identifiers in URLs and JSON
/// (lower-case, stable, independent of the C# enum names).
/// </summary>
public static class TerritoryKinds
{
    private static readonly (TerritoryKind Kind, string Slug)[] Map =
    [
        (TerritoryKind.Region, "region"),
        (TerritoryKind.Departement, "departement"),
        (TerritoryKind.Commune, "commune"),
        (TerritoryKind.Arrondissement, "arrondissement"),
        (TerritoryKind.AssociatedCommune, "commune-associee"),
        (TerritoryKind.DelegatedCommune, "commune-deleguee"),
        (TerritoryKind.Epci, "epci"),
        (TerritoryKind.Ept, "ept"),
    ];

    public static IEnumerable<string> Slugs => Map.Select(m => m.Slug);

    public static string Slug(TerritoryKind kind) => Map.First(m => m.Kind == kind).Slug;

    public static bool TryParse(string? slug, [NotNullWhen(true)] out TerritoryKind? kind)
    {
        foreach (var (k, s) in Map)
            if (string.Equals(s, slug?.Trim(), StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        kind = null;
        return false;
    }

    public static string UnknownMessage(string? slug) =>
        $"Type de territoire « {slug} » inconnu. Valeurs possibles : {string.Join(", ", Slugs)}.";

    /// <summary>Kinds that are communes or parts of one (what a sub-area can lie in).</summary>
    public static readonly TerritoryKind[] CommuneLike =
        [TerritoryKind.Commune, TerritoryKind.Arrondissement, TerritoryKind.AssociatedCommune, TerritoryKind.DelegatedCommune];
}
