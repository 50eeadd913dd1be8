using System.Text.RegularExpressions;

namespace Vigie.Web.Features.Contracts;

/// <summary>
/// Turns what a person typed ("59350, Lomme, Métropole Européenne de Lille (200093201)") into
/// territories a contract can cover: communes, arrondissements, associated/delegated communes, EPCI, EPT.
/// </summary>
public sealed partial class TerritoryResolver(AppDbContext db)
{
    /// <summary>Preference when one code names several territories (a commune and its delegated namesake).</summary>
    public static readonly TerritoryKind[] ContractKinds =
        [TerritoryKind.Commune, TerritoryKind.Arrondissement, TerritoryKind.Epci, TerritoryKind.Ept, TerritoryKind.AssociatedCommune, TerritoryKind.DelegatedCommune];

    [GeneratedRegex(@"\(([0-9AB]{5}|[0-9]{9})\)\s*$")]
    private static partial Regex CodeInParentheses();

    [GeneratedRegex(@"^([0-9][0-9AB][0-9]{3}|[0-9]{9})$")]
    private static partial Regex CodeOnly();

    public sealed record Resolved(IReadOnlyList<Territory> Territories, IReadOnlyList<string> Errors);

    public static IEnumerable<string> Split(string? text) =>
        (text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async Task<Resolved> ResolveAsync(IEnumerable<string> entries)
    {
        var found = new List<Territory>();
        var errors = new List<string>();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.Length == 0) continue;
            var code = CodeInParentheses().Match(entry) is { Success: true } m ? m.Groups[1].Value
                : CodeOnly().IsMatch(entry.ToUpperInvariant()) ? entry.ToUpperInvariant() : null;
            List<Territory> candidates;
            if (code is not null)
            {
                candidates = await db.Territories.Where(t => t.Code == code && ContractKinds.Contains(t.Kind)).ToListAsync();
                candidates = candidates.OrderBy(t => Array.IndexOf(ContractKinds, t.Kind)).Take(1).ToList();
                if (candidates.Count == 0) { errors.Add($"Aucune commune, aucun arrondissement ni aucun EPCI n'a le code « {code} »."); continue; }
            }
            else
            {
                // Compared in memory: SQLite's lower() ignores accented capitals (É).
                var length = entry.Length;
                candidates = (await db.Territories.Where(t => t.Name.Length == length && ContractKinds.Contains(t.Kind)).ToListAsync())
                    .Where(t => string.Equals(t.Name, entry, StringComparison.CurrentCultureIgnoreCase)).ToList();
                if (candidates.Count == 0) { errors.Add($"Aucun territoire ne s'appelle « {entry} » : saisissez son code INSEE (ou le SIREN de l'EPCI)."); continue; }
                if (candidates.Count > 1)
                {
                    errors.Add($"Plusieurs territoires s'appellent « {entry} » : précisez le code parmi " +
                        string.Join(", ", candidates.OrderBy(t => t.Code).Take(8).Select(t => $"{t.Code} ({Labels.TerritoryKind(t.Kind).ToLower(Infrastructure.Culture.French)}{(t.DepartementCode is null ? "" : ", " + t.DepartementCode)})")) + ".");
                    continue;
                }
            }
            if (!found.Any(t => t.Id == candidates[0].Id)) found.Add(candidates[0]);
        }
        return new Resolved(found, errors);
    }

    public static string Format(Territory t) => $"{t.Name} ({t.Code})";
}
