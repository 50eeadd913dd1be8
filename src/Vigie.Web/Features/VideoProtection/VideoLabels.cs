namespace Vigie.Web.Features.VideoProtection;

/// <summary>French labels of the video-protection enumerations, and their parsing from API/form values.</summary>
public static class VideoLabels
{
    public static string Purpose(VideoPurpose p) => p switch
    {
        VideoPurpose.BatimentsPublics => "Protection des bâtiments et installations publics et de leurs abords",
        VideoPurpose.DefenseNationale => "Sauvegarde des installations utiles à la défense nationale",
        VideoPurpose.RegulationTrafic => "Régulation des flux de transport",
        VideoPurpose.InfractionsRoutieres => "Constatation des infractions aux règles de la circulation (vidéo-verbalisation)",
        VideoPurpose.PreventionAtteintes => "Prévention des atteintes à la sécurité des personnes et des biens (agressions, vols, trafic de stupéfiants)",
        VideoPurpose.Terrorisme => "Prévention d'actes de terrorisme",
        VideoPurpose.RisquesNaturels => "Prévention des risques naturels ou technologiques",
        VideoPurpose.SecoursIncendie => "Secours aux personnes et défense contre l'incendie",
        VideoPurpose.ParcsAttractions => "Sécurité des installations accueillant du public dans les parcs d'attractions",
        VideoPurpose.AssuranceVehicules => "Respect de l'obligation d'assurance des véhicules",
        VideoPurpose.DepotsSauvages => "Prévention de l'abandon d'ordures, de déchets et de matériaux",
        _ => p.ToString(),
    };

    public static string PurposeShort(VideoPurpose p) => $"{(int)p}° {Purpose(p)}";

    public static string Status(VideoAuthorisationStatus s) => s switch
    {
        VideoAuthorisationStatus.EnVigueur => "En vigueur",
        VideoAuthorisationStatus.ARenouveler => "À renouveler",
        VideoAuthorisationStatus.Expiree => "Expirée",
        VideoAuthorisationStatus.Abrogee => "Abrogée",
        _ => s.ToString(),
    };

    public static string Mode(VideoAuthorisationMode m) => m == VideoAuthorisationMode.Perimetre ? "Périmètre vidéoprotégé" : "Par caméra";

    public static string State(VideoCameraState s) => s switch
    {
        VideoCameraState.Projetee => "Projetée",
        VideoCameraState.Installee => "Installée",
        VideoCameraState.EnService => "En service",
        VideoCameraState.HorsService => "Hors service",
        VideoCameraState.Deposee => "Déposée",
        _ => s.ToString(),
    };

    public static string Field(VideoCameraField f) => f switch
    {
        VideoCameraField.VoiePublique => "Voie publique",
        VideoCameraField.ERP => "Établissement recevant du public",
        VideoCameraField.Abords => "Abords",
        _ => f.ToString(),
    };

    public static string Quality(VideoCommitteeQuality q) => q switch
    {
        VideoCommitteeQuality.EluMajorite => "Élu de la majorité",
        VideoCommitteeQuality.EluOpposition => "Élu de l'opposition",
        VideoCommitteeQuality.PersonnaliteQualifiee => "Personnalité qualifiée",
        VideoCommitteeQuality.Magistrat => "Magistrat",
        VideoCommitteeQuality.Associatif => "Représentant associatif",
        VideoCommitteeQuality.Habitant => "Habitant",
        _ => q.ToString(),
    };

    public static string Opinion(VideoDiagnosticOpinion o) => o switch
    {
        VideoDiagnosticOpinion.Favorable => "Favorable",
        VideoDiagnosticOpinion.Reserve => "Réservé",
        VideoDiagnosticOpinion.Defavorable => "Défavorable",
        _ => o.ToString(),
    };

    public static string Author(VideoDiagnosticAuthor a) => a switch
    {
        VideoDiagnosticAuthor.ReferentSuretePN => "Référent sûreté de la police nationale",
        VideoDiagnosticAuthor.ReferentSureteGN => "Référent sûreté de la gendarmerie nationale",
        VideoDiagnosticAuthor.BureauEtudes => "Bureau d'études",
        VideoDiagnosticAuthor.Interne => "Services de la commune",
        _ => a.ToString(),
    };

    public static string Kind(VideoCameraKind k) => k switch
    {
        VideoCameraKind.Fixe => "fixe",
        VideoCameraKind.DomePTZ => "dôme orientable",
        VideoCameraKind.Nomade => "nomade",
        _ => k.ToString(),
    };

    public static string RequestKind(VideoRequestKind k) => k switch
    {
        VideoRequestKind.Initiale => "Initiale",
        VideoRequestKind.Renouvellement => "Renouvellement",
        VideoRequestKind.Modification => "Modification",
        _ => k.ToString(),
    };

    public static string CommissionOpinion(VideoCommissionOpinion o) => o switch
    {
        VideoCommissionOpinion.Favorable => "Favorable",
        VideoCommissionOpinion.FavorableAvecReserves => "Favorable avec réserves",
        _ => "Défavorable",
    };

    public static string RequestStatus(VideoRequestStatus s) => s switch
    {
        VideoRequestStatus.Brouillon => "Brouillon",
        VideoRequestStatus.Deposee => "Déposée",
        VideoRequestStatus.EnInstruction => "En instruction",
        VideoRequestStatus.AvisCommissionRendu => "Avis de la commission rendu",
        VideoRequestStatus.Accordee => "Accordée",
        VideoRequestStatus.Refusee => "Refusée",
        VideoRequestStatus.RejetImplicite => "Rejet implicite",
        _ => s.ToString(),
    };

    public static string Authority(VideoRequisitionAuthority a) => a switch
    {
        VideoRequisitionAuthority.OPJ_PoliceNationale => "OPJ de la police nationale",
        VideoRequisitionAuthority.OPJ_Gendarmerie => "OPJ de la gendarmerie",
        VideoRequisitionAuthority.Parquet => "Parquet",
        VideoRequisitionAuthority.JugeInstruction => "Juge d'instruction",
        VideoRequisitionAuthority.Autre => "Autre autorité",
        _ => a.ToString(),
    };

    public static string Frame(VideoRequisitionFrame f) => f switch
    {
        VideoRequisitionFrame.Flagrance => "Enquête de flagrance",
        VideoRequisitionFrame.Preliminaire => "Enquête préliminaire",
        VideoRequisitionFrame.InformationJudiciaire => "Information judiciaire",
        _ => f.ToString(),
    };

    public static string Response(VideoRequisitionResponse r) => r switch
    {
        VideoRequisitionResponse.Fournie => "Images fournies",
        VideoRequisitionResponse.Partielle => "Images fournies en partie",
        VideoRequisitionResponse.ImagesDetruites => "Images détruites",
        VideoRequisitionResponse.HorsChamp => "Hors du champ des caméras",
        _ => r.ToString(),
    };

    public static string Reason(VideoExtractionReason r) => r switch
    {
        VideoExtractionReason.RequisitionJudiciaire => "Réquisition judiciaire",
        VideoExtractionReason.ConstatOperateur => "Constat de l'opérateur",
        VideoExtractionReason.DemandeAccesPersonne => "Demande d'accès d'une personne",
        VideoExtractionReason.Disciplinaire => "Procédure disciplinaire",
        VideoExtractionReason.Autre => "Autre motif",
        _ => r.ToString(),
    };

    public static string Medium(VideoExtractionMedium m) => m switch
    {
        VideoExtractionMedium.NonReinscriptible => "Support non réinscriptible",
        VideoExtractionMedium.Securise => "Support sécurisé",
        VideoExtractionMedium.TransfertChiffre => "Transfert chiffré",
        _ => m.ToString(),
    };

    public static string Object(VideoAccessObject o) => o switch
    {
        VideoAccessObject.Visionnage => "Visionnage des images",
        VideoAccessObject.VerificationDestruction => "Vérification de la destruction",
        _ => o.ToString(),
    };

    public static string Decision(VideoAccessDecision d) => d switch
    {
        VideoAccessDecision.Accorde => "Accordée",
        VideoAccessDecision.AccordeAvecFloutage => "Accordée avec floutage",
        VideoAccessDecision.Refuse => "Refusée",
        VideoAccessDecision.ImagesDetruites => "Images détruites",
        _ => d.ToString(),
    };

    public static string Alert(VideoAlertKind k) => k switch
    {
        VideoAlertKind.RenewalD365 => "Renouvellement à J-365 : mettre à jour le diagnostic",
        VideoAlertKind.RenewalD270 => "Renouvellement à J-270 : constituer le dossier",
        VideoAlertKind.RenewalD180 => "Renouvellement à J-180 : déposer la demande (la commission a 3 + 1 mois, le silence vaut refus après 4 mois)",
        VideoAlertKind.RenewalD150 => "Renouvellement à J-150 : alerte du maire",
        VideoAlertKind.Expired => "Autorisation expirée",
        VideoAlertKind.RetentionBreach => "Dépassement de la durée de conservation",
        VideoAlertKind.CameraWithoutAuthorisation => "Caméra en service sans autorisation en vigueur",
        VideoAlertKind.CameraWithoutPrefectInformation => "Caméra en service sans information du préfet",
        VideoAlertKind.AccessRequestOverdue => "Demande d'accès aux images sans réponse à l'échéance",
        VideoAlertKind.PurgeCheckLate => "Contrôle de purge en retard",
        VideoAlertKind.CopyOutstanding => "Copie remise ni détruite ni transmise au parquet",
        VideoAlertKind.SignCheckDue => "Contrôle annuel du panneau d'information à faire",
        _ => k.ToString(),
    };

    /// <summary>The possible values of an enumeration, for error messages ("Fixe, DomePTZ, Nomade").</summary>
    public static string Values<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>());

    /// <summary>Parses a value by name (case-insensitive); numbers are refused so that a typo never lands on a member.</summary>
    public static T? Parse<T>(string? value) where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(value) && !char.IsDigit(value.Trim()[0]) && Enum.TryParse<T>(value.Trim(), true, out var v) && Enum.IsDefined(v) ? v : null;
}
