namespace Vigie.Web.Features.Incidents;

/// <summary>One row of the routing table of specs §3.3 (the defaults every contract starts from).</summary>
public sealed record CategoryDefault(string Code, string Name, string Group, string Pilot, PartnerType[] PilotTypes, string? Secondary,
    IncidentVisibility Visibility, int Sla, SlaUnit Unit);

/// <summary>The category table of a contract: seeded from specs §3.3 on first use, then the contract's own.</summary>
public sealed class IncidentCategoryCatalog(AppDbContext db, Auditor auditor)
{
    public const string TranquilliteGroup = "tranquillite";

    public static readonly IReadOnlyDictionary<string, string> Groups = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["proprete"] = "Propreté",
        ["vehicules"] = "Véhicules",
        ["voirie"] = "Voirie et mobilier",
        ["eclairage"] = "Éclairage",
        ["tranquillite"] = "Tranquillité publique",
        ["transports"] = "Transports",
        ["autre"] = "Autre",
    };

    private static readonly PartnerType[] Commune = [PartnerType.Commune, PartnerType.Epci];
    private static readonly PartnerType[] Pm = [PartnerType.PoliceMunicipale];
    private static readonly PartnerType[] State = [PartnerType.PoliceNationale, PartnerType.Gendarmerie];
    private static readonly PartnerType[] Landlord = [PartnerType.BailleurSocial];
    private const IncidentVisibility Pub = IncidentVisibility.Public;
    private const IncidentVisibility Prt = IncidentVisibility.Partners;

    public static readonly IReadOnlyList<CategoryDefault> Defaults =
    [
        new("TAG-STD", "Tags / graffitis / affichage sauvage", "proprete", "Commune – propreté / anti-tags", Commune, "Bailleur (ses bâtiments), transporteur (ses équipements), mobilier Enedis", Pub, 5, SlaUnit.BusinessDays),
        new("TAG-HAINE", "Tag injurieux, raciste, sexiste", "proprete", "Commune – propreté", Commune, "Police nationale / gendarmerie (plainte)", Prt, 24, SlaUnit.Hours),
        new("ENC-VP", "Encombrants sur voie publique", "proprete", "Commune/EPCI – collecte des déchets", Commune, "Bailleur (terrain de la résidence)", Pub, 3, SlaUnit.BusinessDays),
        new("DEP-SAUV", "Dépôt sauvage (déchets, gravats)", "proprete", "Commune – police du maire (L541-3)", Commune, "Police municipale (constat), EPCI si pouvoir transféré", Pub, 3, SlaUnit.BusinessDays),
        new("PROP-DIV", "Propreté (déchets, déjections, urine, corbeille pleine)", "proprete", "Commune – propreté", Commune, null, Pub, 3, SlaUnit.BusinessDays),
        new("EPAVE-VEH", "Véhicule épave / abandonné", "vehicules", "Police municipale (fourrière L325-1)", Pm, "OPJ PN/GN ; commune (L541-21-3)", Pub, 7, SlaUnit.Days),
        new("EPAVE-2R", "Épave de vélo / deux-roues", "vehicules", "Commune – voirie", Commune, "Police municipale", Pub, 7, SlaUnit.Days),
        new("STAT-GEN", "Stationnement gênant", "vehicules", "Police municipale / ASVP", Pm, null, Pub, 24, SlaUnit.Hours),
        new("MOB-DEG", "Mobilier urbain dégradé (banc, potelet, panneau)", "voirie", "Commune – voirie", Commune, "Concessionnaire (abribus) / AOM", Pub, 5, SlaUnit.BusinessDays),
        new("VOIRIE", "Chaussée / trottoir endommagé", "voirie", "Commune/EPCI – voirie", Commune, "Département (routes départementales)", Pub, 5, SlaUnit.BusinessDays),
        new("ECL-PUB", "Éclairage public défaillant", "eclairage", "Gestionnaire de l'éclairage (commune, EPCI ou syndicat d'énergie)", Commune, null, Pub, 5, SlaUnit.BusinessDays),
        new("ECL-PC", "Éclairage parties communes / hall", "eclairage", "Bailleur", Landlord, null, Pub, 3, SlaUnit.BusinessDays),
        new("HALL-OCC", "Occupation de hall / parties communes", TranquilliteGroup, "Bailleur (gardien)", Landlord, "PN/GN/PM (autorisation permanente), médiation", Prt, 48, SlaUnit.Hours),
        new("RASS-EP", "Rassemblement gênant sur espace public", TranquilliteGroup, "Police municipale (jour)", Pm, "PN/GN (nuit), médiation sociale", Prt, 48, SlaUnit.Hours),
        new("BRUIT", "Nuisances sonores (voisinage, établissement, deux-roues)", TranquilliteGroup, "Police municipale", Pm, "PN/GN (nuit) ; bailleur (son locataire) ; commune – hygiène", Prt, 48, SlaUnit.Hours),
        new("RODEO", "Rodéos motorisés (lieux/horaires récurrents)", TranquilliteGroup, "Police nationale / gendarmerie", State, "Police municipale, GLTD", Prt, 48, SlaUnit.Hours),
        new("ALCOOL-VP", "Consommation d'alcool sur voie publique (zone d'arrêté)", TranquilliteGroup, "Police municipale", Pm, null, Prt, 48, SlaUnit.Hours),
        new("DROGUE-LIEU", "Lieu de consommation ou de revente (point de deal)", TranquilliteGroup, "Police nationale / gendarmerie", State, "GLTD, bailleur", Prt, 48, SlaUnit.Hours),
        new("SQUAT", "Occupation illicite de logement, local ou terrain", TranquilliteGroup, "Propriétaire / bailleur", Landlord, "PN/GN ; commune si propriété communale", Prt, 48, SlaUnit.Hours),
        new("TRANSP", "Incident sur réseau de transport (arrêt, station)", "transports", "Transporteur (sûreté)", [PartnerType.Transporteur], "AOM, PN/GN", Prt, 48, SlaUnit.Hours),
        new("AUTRE", "Autre (à qualifier)", "autre", "Coordination du CLSPD", [], null, Prt, 3, SlaUnit.BusinessDays),
    ];

    /// <summary>
    /// The contract's categories, seeded on first use: each default pilot becomes the first partner of the contract
    /// (signatories, then members of its bodies) of the right kind, or none (the coordination routes by hand).
    /// </summary>
    public async Task<List<IncidentCategory>> EnsureAsync(Guid contractId)
    {
        var existing = await db.IncidentCategories.Where(c => c.ContractId == contractId).OrderBy(c => c.Position).ToListAsync();
        if (existing.Count > 0) return existing;

        var signatories = await db.Signatories.AsNoTracking().Where(s => s.ContractId == contractId).OrderBy(s => s.Order)
            .Select(s => new { s.OrganisationId, s.Organisation!.Type }).ToListAsync();
        var seated = await db.BodyMemberships.AsNoTracking().Where(m => m.ContractId == contractId && m.OrganisationId != null)
            .OrderBy(m => m.CreatedAt).Select(m => new { OrganisationId = m.OrganisationId!.Value, m.Organisation!.Type }).ToListAsync();
        var partners = signatories.Concat(seated).ToList();
        var position = 0;
        var seeded = Defaults.Select(d => new IncidentCategory
        {
            ContractId = contractId, Code = d.Code, Name = d.Name, Group = d.Group, Visibility = d.Visibility, SlaValue = d.Sla, SlaUnit = d.Unit,
            DefaultPilotLabel = d.Pilot, SecondaryPartners = d.Secondary, Position = ++position,
            PilotOrganisationId = d.PilotTypes.Select(t => partners.FirstOrDefault(p => p.Type == t)?.OrganisationId).FirstOrDefault(id => id is not null),
        }).ToList();
        db.IncidentCategories.AddRange(seeded);
        auditor.Record(AuditKinds.IncidentCategoriesSeeded, "Contract", contractId, contractId, new { count = seeded.Count });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another request seeded them first: use its rows.
            foreach (var c in seeded) db.Entry(c).State = EntityState.Detached;
            db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).ToList().ForEach(e => e.State = EntityState.Detached);
            return await db.IncidentCategories.Where(c => c.ContractId == contractId).OrderBy(c => c.Position).ToListAsync();
        }
        return seeded;
    }

    /// <summary>The SLA deadline of a first response counted from <paramref name="from"/> (business days skip weekends).</summary>
    public static DateTimeOffset DueFrom(DateTimeOffset from, int value, SlaUnit unit)
    {
        switch (unit)
        {
            case SlaUnit.Hours: return from.AddHours(value);
            case SlaUnit.Days: return from.AddDays(value);
            default:
                var local = TimeZoneInfo.ConvertTime(from, Culture.Paris);
                var d = local;
                for (var added = 0; added < value;)
                {
                    d = d.AddDays(1);
                    if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) added++;
                }
                return d.ToUniversalTime();
        }
    }

    /// <summary>The SLA in words: "24 h", "7 j", "5 j ouvrés".</summary>
    public static string SlaText(int value, SlaUnit unit) => unit switch
    {
        SlaUnit.Hours => $"{value} h",
        SlaUnit.Days => $"{value} j",
        _ => $"{value} j ouvrés",
    };
}
