namespace Vigie.Web.Features.ActionPlan;

/// <summary>French labels of the action plan's enumerations (pages, exports, history).</summary>
public static class PlanLabels
{
    public static string Kind(PlanItemKind k) => k switch
    {
        PlanItemKind.Priority => "Axe prioritaire",
        PlanItemKind.Objective => "Objectif",
        PlanItemKind.Action => "Fiche action",
        PlanItemKind.SubAction => "Sous-action",
        _ => k.ToString(),
    };

    public static string Funder(FundingSource f) => f switch
    {
        FundingSource.Fipd => "FIPD",
        FundingSource.Commune => "Commune",
        FundingSource.EtatContratDeVille => "État / contrat de ville",
        FundingSource.Departement => "Département",
        FundingSource.Caf => "CAF",
        FundingSource.Bailleurs => "Bailleurs",
        FundingSource.Autre => "Autre",
        _ => f.ToString(),
    };

    public static string IndicatorKind(PlanIndicatorKind k) => k switch
    {
        PlanIndicatorKind.Output => "Réalisation",
        PlanIndicatorKind.Result => "Résultat",
        PlanIndicatorKind.Impact => "Impact",
        _ => k.ToString(),
    };

    public static string Periodicity(Periodicity p) => p switch
    {
        Domain.Periodicity.Monthly => "Mensuelle",
        Domain.Periodicity.Quarterly => "Trimestrielle",
        Domain.Periodicity.Yearly => "Annuelle",
        _ => p.ToString(),
    };

    public static string Measure(ObservatoryMeasure m) => m == ObservatoryMeasure.Count ? "Nombre de faits" : "Taux pour mille";

    public static string Source(PlanIndicatorSourceKind k) => k switch
    {
        PlanIndicatorSourceKind.Observatory => "observatoire (SSMSI)",
        PlanIndicatorSourceKind.Survey => "enquête de tranquillité publique",
        PlanIndicatorSourceKind.Incivilities => "incivilités signalées",
        _ => "saisie à la main",
    };

    /// <summary>The default vocabulary seeded for every contract: key, label, default progress, closed, counts in roll-up.</summary>
    public static readonly IReadOnlyList<(string Key, string Label, int? Progress, bool Closed, bool Counts)> DefaultStatuses =
    [
        ("planned", "Prévue", 0, false, true),
        ("in-progress", "En cours", null, false, true),
        ("done", "Réalisée", 100, true, true),
        ("abandoned", "Abandonnée", null, true, false),
        ("postponed", "Reportée", 0, false, true),
    ];
}
