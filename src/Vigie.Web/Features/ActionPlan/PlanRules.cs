using System.Security.Cryptography;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>The plan's pure rules shared by the command families, the import and the governance decision → action path.</summary>
public static class PlanRules
{
    /// <summary>
    /// Years a plan may speak of (budget lines, calendars): the first CLS were signed in 1997 and a renewal may be prepared
    /// years ahead, so a 1998 contract and a 2030 one are held alike (issue 11 C; same bounds as the observatory's years).
    /// </summary>
    public const int FirstYear = 1990, LastYear = 2100;

    /// <summary>Which kinds may sit under which (null = at the root).</summary>
    public static bool KindAllowed(PlanItemKind? parent, PlanItemKind child) => (parent, child) switch
    {
        (null, PlanItemKind.Priority) => true,
        (PlanItemKind.Priority, PlanItemKind.Objective or PlanItemKind.Action) => true,
        (PlanItemKind.Objective, PlanItemKind.Action) => true,
        (PlanItemKind.Action or PlanItemKind.SubAction, PlanItemKind.SubAction) => true,
        _ => false,
    };

    public static string KindRule(PlanItemKind? parent) => parent switch
    {
        null => "À la racine du plan, seul un axe prioritaire peut être créé.",
        PlanItemKind.Priority => "Sous un axe prioritaire, ajoutez un objectif ou une fiche action.",
        PlanItemKind.Objective => "Sous un objectif, ajoutez une fiche action.",
        _ => "Sous une action, ajoutez une sous-action.",
    };

    /// <summary>A short random reference ("A-7K2Q9X"): stable across exports and imports.</summary>
    public static string NewReference(char prefix)
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<char> s = stackalloc char[6];
        for (var i = 0; i < s.Length; i++) s[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return $"{prefix}-{new string(s)}";
    }

    public static char Prefix(PlanItemKind k) => k switch
    {
        PlanItemKind.Priority => 'P', PlanItemKind.Objective => 'O', PlanItemKind.Action => 'A', _ => 'S',
    };


    /// <summary>"2.3.1": positions along the path from the root.</summary>
    public static string Number(IReadOnlyCollection<PlanItem> all, PlanItem item)
    {
        var parts = new List<int>();
        for (var p = item; p is not null; p = p.ParentId is { } pid ? all.FirstOrDefault(i => i.Id == pid) : null) parts.Add(p.Position);
        parts.Reverse();
        return string.Join('.', parts);
    }

    /// <summary>Last day of a "2024", "2024-T2" or "2024-03" period.</summary>
    public static DateOnly PeriodEnd(string period)
    {
        var year = int.Parse(period.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        if (period.Length == 4) return new DateOnly(year, 12, 31);
        if (period[5] == 'T')
        {
            var month = (period[6] - '0') * 3;
            return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        }
        var m = int.Parse(period.AsSpan(5, 2), System.Globalization.CultureInfo.InvariantCulture);
        return new DateOnly(year, m, DateTime.DaysInMonth(year, m));
    }

    public static PlanStatus? ResolveStatus(string? key, List<PlanStatus> statuses, ErrorBag errors, string field)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        var s = statuses.FirstOrDefault(x => string.Equals(x.Key, key.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(x.Label, key.Trim(), StringComparison.OrdinalIgnoreCase));
        if (s is null) errors.Add(field, $"Statut inconnu « {key} » : choisissez parmi {string.Join(", ", statuses.Select(x => x.Key))}.");
        return s;
    }

    public static async Task CheckReferenceAsync(IQueryable<string> others, string? reference, ErrorBag errors)
    {
        if (string.IsNullOrWhiteSpace(reference)) return;
        var r = reference.Trim();
        if (await others.AnyAsync(x => x == r)) errors.Add("reference", $"La référence « {r} » est déjà utilisée dans ce plan.");
    }

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
