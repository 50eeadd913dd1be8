namespace Vigie.Web.Features.Observatory;

/// <summary>An indicator of the catalogue: stable code, current French label, counting unit, denominator, display order.</summary>
public sealed record IndicatorDefinition(string Code, string Label, string Unit, RateDenominator Denominator, int Order);

/// <summary>One row of the versioned label mapping: in this schema generation, this published label means this code.</summary>
public sealed record IndicatorLabelMapping(string Generation, string Label, string Code);

/// <summary>
/// The one catalogue of SSMSI indicators. Codes are stable across editions; labels change (singular/plural,
/// new nomenclature of mid-2025), so a published label is turned into a code through <see cref="Mappings"/>,
/// a table keyed by schema generation — never through scattered conditions.
/// </summary>
public static class IndicatorCatalog
{
    public const string Homicides = "homicides";
    public const string TentativesHomicide = "tentatives-homicide";
    public const string CoupsBlessures = "coups-blessures-volontaires";
    public const string CoupsBlessuresIntrafamiliaux = "coups-blessures-volontaires-intrafamiliaux";
    public const string AutresCoupsBlessures = "autres-coups-blessures-volontaires";
    public const string ViolencesIntrafamiliales = "violences-physiques-intrafamiliales";
    public const string ViolencesHorsFamille = "violences-physiques-hors-cadre-familial";
    public const string ViolencesSexuelles = "violences-sexuelles";
    public const string VolsAvecArmes = "vols-avec-armes";
    public const string VolsViolentsSansArme = "vols-violents-sans-arme";
    public const string VolsSansViolence = "vols-sans-violence-personnes";
    public const string Cambriolages = "cambriolages-logement";
    public const string VolsVehicules = "vols-vehicules";
    public const string VolsDansVehicules = "vols-dans-vehicules";
    public const string VolsAccessoires = "vols-accessoires-vehicules";
    public const string Destructions = "destructions-degradations";
    public const string Escroqueries = "escroqueries";
    public const string EscroqueriesFraudes = "escroqueries-fraudes-moyens-paiement";
    public const string TraficStupefiants = "trafic-stupefiants";
    public const string UsageStupefiants = "usage-stupefiants";
    public const string UsageStupefiantsAfd = "usage-stupefiants-afd";
    public const string UsageStupefiantsHorsAfd = "usage-stupefiants-hors-afd";

    /// <summary>Schema generations, as stored in <see cref="StatFile.Schema"/>.</summary>
    public static class Generations
    {
        /// <summary>2023 département/région base: classe;annee;Code.département;… (2-digit years).</summary>
        public const string Ssmsi2023 = "ssmsi-2023";
        /// <summary>January 2025: "Code_departement";… fully quoted, decimal comma.</summary>
        public const string Ssmsi2025Jan = "ssmsi-2025-01";
        /// <summary>June 2025: code_departement;… lower-case, unquoted, decimal point.</summary>
        public const string Ssmsi2025Jun = "ssmsi-2025-06";
        /// <summary>Communal base: CODGEO_&lt;year&gt;;annee;indicateur;…;est_diffuse;…;complement_info_taux.</summary>
        public const string SsmsiCommunal = "ssmsi-communal";
    }

    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        new(Homicides, "Homicides", "Victime", RateDenominator.Population, 1),
        new(TentativesHomicide, "Tentatives d'homicide", "Victime", RateDenominator.Population, 2),
        new(CoupsBlessures, "Coups et blessures volontaires", "Victime", RateDenominator.Population, 3),
        new(CoupsBlessuresIntrafamiliaux, "Coups et blessures volontaires intrafamiliaux", "Victime", RateDenominator.Population, 4),
        new(AutresCoupsBlessures, "Autres coups et blessures volontaires", "Victime", RateDenominator.Population, 5),
        new(ViolencesIntrafamiliales, "Violences physiques intrafamiliales", "Victime", RateDenominator.Population, 6),
        new(ViolencesHorsFamille, "Violences physiques hors cadre familial", "Victime", RateDenominator.Population, 7),
        new(ViolencesSexuelles, "Violences sexuelles", "Victime", RateDenominator.Population, 8),
        new(VolsAvecArmes, "Vols avec armes", "Infraction", RateDenominator.Population, 9),
        new(VolsViolentsSansArme, "Vols violents sans arme", "Infraction", RateDenominator.Population, 10),
        new(VolsSansViolence, "Vols sans violence contre des personnes", "Victime entendue", RateDenominator.Population, 11),
        new(Cambriolages, "Cambriolages de logement", "Infraction", RateDenominator.Dwellings, 12),
        new(VolsVehicules, "Vols de véhicule", "Véhicule", RateDenominator.Population, 13),
        new(VolsDansVehicules, "Vols dans les véhicules", "Véhicule", RateDenominator.Population, 14),
        new(VolsAccessoires, "Vols d'accessoires sur véhicules", "Véhicule", RateDenominator.Population, 15),
        new(Destructions, "Destructions et dégradations volontaires", "Infraction", RateDenominator.Population, 16),
        new(Escroqueries, "Escroqueries", "Victime", RateDenominator.Population, 17),
        new(EscroqueriesFraudes, "Escroqueries et fraudes aux moyens de paiement", "Victime", RateDenominator.Population, 18),
        new(TraficStupefiants, "Trafic de stupéfiants", "Mis en cause", RateDenominator.Population, 19),
        new(UsageStupefiants, "Usage de stupéfiants", "Mis en cause", RateDenominator.Population, 20),
        new(UsageStupefiantsAfd, "Usage de stupéfiants (AFD)", "Mis en cause", RateDenominator.Population, 21),
        new(UsageStupefiantsHorsAfd, "Usage de stupéfiants (hors AFD)", "Mis en cause", RateDenominator.Population, 22),
    ];

    // Label sets of each nomenclature as published.
    private static readonly (string Label, string Code)[] Nomenclature2023 =
    [
        ("Coups et blessures volontaires", CoupsBlessures),
        ("Coups et blessures volontaires intrafamiliaux", CoupsBlessuresIntrafamiliaux),
        ("Autres coups et blessures volontaires", AutresCoupsBlessures),
        ("Violences sexuelles", ViolencesSexuelles),
        ("Vols avec armes", VolsAvecArmes),
        ("Vols violents sans arme", VolsViolentsSansArme),
        ("Vols sans violence contre des personnes", VolsSansViolence),
        ("Cambriolages de logement", Cambriolages),
        ("Vols de véhicules", VolsVehicules),
        ("Vols dans les véhicules", VolsDansVehicules),
        ("Vols d'accessoires sur véhicules", VolsAccessoires),
        ("Destructions et dégradations volontaires", Destructions),
        ("Trafic de stupéfiants", TraficStupefiants),
        ("Usage de stupéfiants", UsageStupefiants),
    ];

    /// <summary>January 2025: the 2023 labels, with homicides first and frauds before the drug offences.</summary>
    private static readonly (string Label, string Code)[] Nomenclature2025Jan =
    [
        ("Homicides", Homicides),
        ("Tentatives d'homicides", TentativesHomicide),
        .. Nomenclature2023[..^2],
        ("Escroqueries", Escroqueries),
        .. Nomenclature2023[^2..],
    ];

    private static readonly (string Label, string Code)[] Nomenclature2025Jun =
    [
        ("Homicides", Homicides),
        ("Tentatives d'homicide", TentativesHomicide),
        ("Violences physiques intrafamiliales", ViolencesIntrafamiliales),
        ("Violences physiques hors cadre familial", ViolencesHorsFamille),
        ("Violences sexuelles", ViolencesSexuelles),
        ("Vols avec armes", VolsAvecArmes),
        ("Vols violents sans arme", VolsViolentsSansArme),
        ("Vols sans violence contre des personnes", VolsSansViolence),
        ("Cambriolages de logement", Cambriolages),
        ("Vols de véhicule", VolsVehicules),
        ("Vols dans les véhicules", VolsDansVehicules),
        ("Vols d'accessoires sur véhicules", VolsAccessoires),
        ("Destructions et dégradations volontaires", Destructions),
        ("Escroqueries et fraudes aux moyens de paiement", EscroqueriesFraudes),
        ("Trafic de stupéfiants", TraficStupefiants),
        ("Usage de stupéfiants", UsageStupefiants),
        ("Usage de stupéfiants (AFD)", UsageStupefiantsAfd),
        ("Usage de stupéfiants (hors AFD)", UsageStupefiantsHorsAfd),
    ];

    /// <summary>
    /// The versioned mapping table. The two 2025 département layouts and the communal base accept both 2025
    /// nomenclatures: the layout (quoting, decimal mark) and the nomenclature changed independently — the
    /// June 2025 copy was probably re-saved, and SSMSI's own later files keep the January layout with the new labels.
    /// </summary>
    public static readonly IReadOnlyList<IndicatorLabelMapping> Mappings =
    [
        .. Nomenclature2023.Select(m => new IndicatorLabelMapping(Generations.Ssmsi2023, m.Label, m.Code)),
        .. new[] { Generations.Ssmsi2025Jan, Generations.Ssmsi2025Jun, Generations.SsmsiCommunal }
            .SelectMany(g => Nomenclature2025Jan.Concat(Nomenclature2025Jun).DistinctBy(m => m.Label)
                .Select(m => new IndicatorLabelMapping(g, m.Label, m.Code))),
    ];

    private static readonly Dictionary<(string Generation, string Label), string> ByLabel =
        Mappings.ToDictionary(m => (m.Generation, Normalise(m.Label)), m => m.Code);

    /// <summary>The stable code of a published label in a schema generation; null when the label is unknown.</summary>
    public static string? CodeFor(string generation, string publishedLabel) =>
        ByLabel.GetValueOrDefault((generation, Normalise(publishedLabel)));

    public static IReadOnlyList<string> LabelsOf(string generation) =>
        Mappings.Where(m => m.Generation == generation).Select(m => m.Label).ToList();

    public static IndicatorDefinition? Find(string code) => All.FirstOrDefault(i => i.Code == code);

    // Typographic apostrophes and case differences are formatting, not a different indicator.
    private static string Normalise(string label) => label.Trim().Replace('’', '\'').ToUpperInvariant();

    /// <summary>Seeds or updates the Indicator table (idempotent); returns code → id.</summary>
    public static async Task<Dictionary<string, int>> EnsureAsync(AppDbContext db, CancellationToken ct = default)
    {
        var existing = await db.Indicators.ToDictionaryAsync(i => i.Code, ct);
        var changed = false;
        foreach (var def in All)
        {
            if (!existing.TryGetValue(def.Code, out var row))
            {
                row = new Indicator { Code = def.Code, Label = def.Label, Unit = def.Unit, Denominator = def.Denominator, Order = def.Order };
                db.Indicators.Add(row);
                existing[def.Code] = row;
                changed = true;
            }
            else if (row.Label != def.Label || row.Unit != def.Unit || row.Denominator != def.Denominator || row.Order != def.Order)
            {
                (row.Label, row.Unit, row.Denominator, row.Order) = (def.Label, def.Unit, def.Denominator, def.Order);
                changed = true;
            }
        }
        if (changed)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance seeded at the same time (unique code): its rows are the same catalogue.
                db.ChangeTracker.Clear();
                return await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Id, ct);
            }
        }
        return existing.ToDictionary(e => e.Key, e => e.Value.Id);
    }
}
