using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Web.Features.Observatory;

public sealed class PartnerSeriesOptions
{
    public const string Section = "Observatory";

    /// <summary>Partner values above zero and below this are shown as "&lt; N" outside contract members' pages.</summary>
    public int PartnerSmallCountThreshold { get; set; } = 5;
}

/// <summary>Source kinds as written in the CSV (« source » column) and their French labels.</summary>
public static class PartnerSourceKinds
{
    public static readonly IReadOnlyDictionary<string, PartnerSourceKind> ByCode = new Dictionary<string, PartnerSourceKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["police-municipale"] = PartnerSourceKind.PoliceMunicipale,
        ["bailleur"] = PartnerSourceKind.Bailleur,
        ["transport"] = PartnerSourceKind.Transport,
        ["vigie"] = PartnerSourceKind.Vigie,
        ["autre"] = PartnerSourceKind.Autre,
    };

    public static string Code(PartnerSourceKind kind) => ByCode.First(p => p.Value == kind).Key;

    public static string Label(PartnerSourceKind kind) => kind switch
    {
        PartnerSourceKind.PoliceMunicipale => "Police municipale",
        PartnerSourceKind.Bailleur => "Bailleur social",
        PartnerSourceKind.Transport => "Opérateur de transport",
        PartnerSourceKind.Vigie => "Incidents enregistrés dans Vigie",
        _ => "Autre source",
    };
}

/// <summary>
/// Small-count suppression of partner figures (DOMAIN.md §4.4): on any page not restricted to contract
/// members, a value above zero and below the threshold is shown as "&lt; threshold".
/// </summary>
public static class PartnerSeriesDisclosure
{
    public static bool IsSuppressed(decimal value, int threshold) => value > 0 && value < threshold;

    /// <param name="membersOnly">True on pages only contract members can see: then the value is shown as is.</param>
    public static string Format(decimal value, int threshold, bool membersOnly) =>
        !membersOnly && IsSuppressed(value, threshold)
            ? $"< {threshold.ToString(CultureInfo.InvariantCulture)}"
            : FormatValue(value);

    public static string FormatValue(decimal value) => value.ToString("#,##0.####", Culture.French);
}

/// <summary>The INSEE codes of the communes a contract covers (communes, arrondissements, members of its EPCI/EPT/département).</summary>
public static class ContractCommunes
{
    public static async Task<HashSet<string>> CodesAsync(AppDbContext db, Guid contractId, CancellationToken ct = default)
    {
        var territories = await db.ContractTerritories.AsNoTracking().Where(t => t.ContractId == contractId)
            .Select(t => new { t.Territory!.Kind, t.Territory.Code }).ToListAsync(ct);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in territories)
        {
            switch (t.Kind)
            {
                case TerritoryKind.Commune or TerritoryKind.Arrondissement or TerritoryKind.AssociatedCommune or TerritoryKind.DelegatedCommune:
                    codes.Add(t.Code);
                    break;
            }
        }
        var communeCodes = territories.Where(t => t.Kind == TerritoryKind.Commune).Select(t => t.Code).ToList();
        var epci = territories.Where(t => t.Kind == TerritoryKind.Epci).Select(t => t.Code).ToList();
        var ept = territories.Where(t => t.Kind == TerritoryKind.Ept).Select(t => t.Code).ToList();
        var departements = territories.Where(t => t.Kind == TerritoryKind.Departement).Select(t => t.Code).ToList();
        if (epci.Count + ept.Count + departements.Count > 0)
            codes.UnionWith(await db.Territories.AsNoTracking()
                .Where(m => m.Kind == TerritoryKind.Commune
                    && ((m.EpciCode != null && epci.Contains(m.EpciCode)) || (m.EptCode != null && ept.Contains(m.EptCode))
                        || (m.DepartementCode != null && departements.Contains(m.DepartementCode))))
                .Select(m => m.Code).ToListAsync(ct));
        // Arrondissements and associated communes of the communes covered (Paris 13e, Lomme).
        var parents = codes.ToList();
        if (communeCodes.Count + epci.Count + ept.Count + departements.Count > 0)
            codes.UnionWith(await db.Territories.AsNoTracking()
                .Where(m => m.ParentCode != null && parents.Contains(m.ParentCode))
                .Select(m => m.Code).ToListAsync(ct));
        return codes;
    }
}
