using Vigie.Web.Infrastructure.Tables;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>
/// The plan's transfer format, shared by <see cref="PlanExport"/> and <see cref="PlanImport"/>: one flat table (the same
/// columns in CSV and XLSX), one row per record, its kind in « Type », its stable « Référence », and the « Parent »
/// reference tying a commitment, milestone, budget line or indicator to its item (and a value to its indicator). Every
/// cell is text in French format (dd/MM/yyyy, decimal comma), so both formats read back to exactly the same values.
/// </summary>
public static class PlanTable
{
    public const string Item = "Élément", CommitmentType = "Engagement", MilestoneType = "Jalon", Budget = "Budget", IndicatorType = "Indicateur", ValueType = "Valeur";

    public static readonly string[] Headers =
    [
        "Type", "Référence", "Parent", "Niveau", "Position", "Intitulé", "Problème constaté", "Objectifs", "Description", "Public visé", "Secteur",
        "Pilote", "Partenaires", "Début", "Fin", "Moyens humains", "Moyens matériels", "Outils de suivi", "Statut", "Avancement", "Poids",
        "Bilan annuel", "Organisation", "Moyens engagés", "Échéance", "Réalisé le", "Financeur", "Année", "Prévu", "Accordé", "Dépensé",
        "Type d'indicateur", "Unité", "Valeur de référence", "Date de référence", "Cible", "Date cible", "Périodicité", "Source",
        "Série observatoire", "Mesure", "Période", "Valeur", "Provenance",
        // An indicator's live source (ADR 0020): its kind, the survey (by title) with its item and answer, the incivilités group (and « Secteur »).
        "Source automatique", "Enquête", "Item d'enquête", "Réponse d'enquête", "Famille d'incivilités",
    ];

    public const string PartnerSeparator = " | ";

    /// <summary>Caps of a plan file: a plan has hundreds of rows, not tens of thousands.</summary>
    public static readonly TableLimits Limits = new(MaxFileBytes: VigieApp.MaxUploadBytes, MaxDecompressedBytes: 64 * 1024 * 1024, MaxRows: 20_000, MaxColumns: 100, MaxCellLength: 10_000);
}
