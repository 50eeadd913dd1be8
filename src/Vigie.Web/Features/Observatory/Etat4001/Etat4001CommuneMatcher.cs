using System.Globalization;
using System.Text;

namespace Vigie.Web.Features.Observatory.Etat4001;

/// <summary>
/// Attaches an état 4001 service to a commune of its département by name: "DTSP92 PUTEAUX" → 92062 Puteaux,
/// "CGD BOURG EN BRESSE" → Bourg-en-Bresse. Prefixes naming the kind of unit are removed; names are
/// compared without accents, case, hyphens or apostrophes, with Saint/Sainte ↔ St/Ste. A name matching
/// no commune, or several, leaves the service unattached (a wrong attachment is worse than none).
/// </summary>
public sealed class CommuneMatcher
{
    /// <summary>Leading words naming the kind of unit, removed repeatedly ("DTSP92", "CIAT DE", "BRIGADE DE").</summary>
    private static readonly HashSet<string> UnitWords =
    [
        "CSP", "SCSP", "CIAT", "CGD", "COB", "BTA", "BP", "CP", "SP", "BRIGADE", "COMMISSARIAT", "COMPAGNIE", "CIE",
        "DTSP", "DDSP", "DSP", "POSTE", "BUREAU", "ANTENNE", "CENTRAL", "DIVISION", "CC", "CIRCONSCRIPTION",
    ];

    private static readonly HashSet<string> LinkWords = ["DE", "DU", "DES", "D"];

    private readonly Dictionary<(string Dept, string Name), string?> _communes;

    private CommuneMatcher(Dictionary<(string, string), string?> communes) => _communes = communes;

    public static async Task<CommuneMatcher> LoadAsync(AppDbContext db, IReadOnlyCollection<string> departements, CancellationToken ct = default)
    {
        var rows = await db.Territories.AsNoTracking()
            .Where(t => t.Kind == TerritoryKind.Commune && t.DepartementCode != null && departements.Contains(t.DepartementCode) && !t.IsFictitious)
            .Select(t => new { t.Code, t.Name, t.DepartementCode })
            .ToListAsync(ct);
        var map = new Dictionary<(string, string), string?>();
        foreach (var r in rows)
        {
            var key = (r.DepartementCode!, Normalise(r.Name));
            // Two communes with the same name in one département: ambiguous, attach neither.
            map[key] = map.ContainsKey(key) ? null : r.Code;
        }
        return new CommuneMatcher(map);
    }

    /// <summary>The INSEE code of the commune the service name designates, or null.</summary>
    public string? Match(string departement, string serviceName)
    {
        var name = StripUnit(Normalise(serviceName));
        return name.Length > 0 && _communes.TryGetValue((departement, name), out var code) ? code : null;
    }

    /// <summary>Upper case, no accents, words separated by single spaces, SAINT → ST, SAINTE → STE.</summary>
    public static string Normalise(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(char.IsLetterOrDigit(ch) ? char.ToUpperInvariant(ch) : ' ');
        }
        var words = sb.ToString().Replace("Œ", "OE", StringComparison.Ordinal).Replace("Æ", "AE", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w switch { "SAINT" => "ST", "SAINTE" => "STE", _ => w });
        return string.Join(' ', words);
    }

    /// <summary>Removes leading unit words (with a trailing département number, "DTSP92") and the "DE" that follows them.</summary>
    public static string StripUnit(string normalised)
    {
        var words = normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var stripped = false;
        while (words.Count > 1)
        {
            var w = words[0].TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
            if (UnitWords.Contains(w) || (stripped && LinkWords.Contains(words[0])))
            {
                words.RemoveAt(0);
                stripped = true;
                continue;
            }
            break;
        }
        return string.Join(' ', words);
    }
}
