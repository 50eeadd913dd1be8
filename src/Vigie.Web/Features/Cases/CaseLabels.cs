namespace Vigie.Web.Features.Cases;

/// <summary>French labels of the follow-up module's closed lists (shared/specs §1.2).</summary>
public static class CaseLabels
{
    public static string Kind(CaseGroupKind k) => k switch
    {
        CaseGroupKind.TerritorialGroup => "Groupe territorial (L132-5 CSI)",
        CaseGroupKind.ThematicGroup => "Groupe thématique (L132-5 CSI)",
        CaseGroupKind.WatchCell => "Cellule de veille",
        CaseGroupKind.Cddf => "Conseil pour les droits et devoirs des familles (CDDF)",
        _ => k.ToString(),
    };

    public static string MemberStatus(CaseMemberStatus s) => s switch
    {
        CaseMemberStatus.Active => "Actif",
        CaseMemberStatus.Suspended => "Suspendu",
        CaseMemberStatus.Excluded => "Exclu",
        CaseMemberStatus.Left => "Sorti",
        _ => s.ToString(),
    };

    public static string Institution(CaseInstitution i) => i switch
    {
        CaseInstitution.NationalPolice => "Police nationale",
        CaseInstitution.SocialLandlord => "Bailleur social",
        CaseInstitution.School => "Établissement scolaire",
        CaseInstitution.Gendarmerie => "Gendarmerie",
        CaseInstitution.MunicipalPolice => "Police municipale",
        CaseInstitution.Prosecutor => "Parquet",
        CaseInstitution.Pjj => "Protection judiciaire de la jeunesse (PJJ)",
        CaseInstitution.Spip => "SPIP",
        CaseInstitution.DepartmentalSocialService => "Service social départemental (ASE, SSD, PMI)",
        CaseInstitution.Ccas => "CCAS",
        CaseInstitution.SpecialisedPrevention => "Prévention spécialisée",
        CaseInstitution.MissionLocale => "Mission locale",
        CaseInstitution.SocialMediation => "Médiation sociale",
        CaseInstitution.Transport => "Transporteur",
        CaseInstitution.MunicipalService => "Service municipal",
        CaseInstitution.VictimSupport => "Aide aux victimes",
        CaseInstitution.FamilyOrPerson => "La famille ou la personne",
        CaseInstitution.OtherGroupMember => "Autre membre du dispositif",
        _ => i.ToString(),
    };

    public static string Origin(CaseOrigin o) => o switch
    {
        CaseOrigin.PartnerReferral => "Signalement d'un partenaire",
        CaseOrigin.GltdProsecutorDecision => "Décision du GLTD / du parquet",
        CaseOrigin.CddfReferral => "Saisine du CDDF",
        CaseOrigin.FamilyRequest => "Demande de la famille",
        CaseOrigin.AfterMayorReminder => "Suite à un rappel à l'ordre",
        _ => o.ToString(),
    };

    /// <summary>Offence-linked problématiques: tier 3, with a justification.</summary>
    public static bool IsOffenceLinked(CaseProblem p) => p is CaseProblem.FirstOffence or CaseProblem.Reoffending;

    public static string Problem(CaseProblem p) => p switch
    {
        CaseProblem.AbsenteeismDropout => "Absentéisme / décrochage scolaire",
        CaseProblem.SchoolExclusion => "Exclusion(s) scolaire(s)",
        CaseProblem.IncivilitiesTranquillity => "Incivilités / troubles à la tranquillité",
        CaseProblem.DelinquencyRiskExposure => "Exposition au risque de délinquance",
        CaseProblem.FirstOffence => "Mise en cause connue (primo)",
        CaseProblem.Reoffending => "Réitération",
        CaseProblem.AddictiveBehaviour => "Conduites addictives",
        CaseProblem.WanderingFamilyBreakdown => "Errance / rupture familiale",
        CaseProblem.ParentingDifficulties => "Difficultés éducatives parentales",
        CaseProblem.DomesticViolenceVictim => "Victime ou témoin de violences intrafamiliales",
        CaseProblem.OtherVictimisation => "Autre victimation",
        CaseProblem.ExploitationRisk => "Risque d'exploitation (prostitution, trafic)",
        _ => p.ToString(),
    };

    public static string Status(CaseStatus s) => s switch
    {
        CaseStatus.Proposed => "Proposée",
        CaseStatus.UnderReview => "En examen",
        CaseStatus.Followed => "En suivi",
        CaseStatus.Watch => "En veille",
        CaseStatus.NotRetained => "Non retenue",
        CaseStatus.Closed => "Clôturée",
        CaseStatus.Archived => "Archivée",
        _ => s.ToString(),
    };

    public static string Closure(CaseClosureReason r) => r switch
    {
        CaseClosureReason.GoalsReached => "Objectifs atteints",
        CaseClosureReason.CommonLawRelay => "Relais de droit commun",
        CaseClosureReason.JudicialRelay => "Relais judiciaire (PJJ, SPIP)",
        CaseClosureReason.MovedAway => "Déménagement",
        CaseClosureReason.RefusedAdherence => "Refus d'adhésion",
        CaseClosureReason.AgeLimit25 => "Limite d'âge (25 ans)",
        CaseClosureReason.ProgrammeEnded => "Fin du programme",
        CaseClosureReason.LostContact => "Perte de contact",
        CaseClosureReason.NotRetainedAfterReview => "Non retenue après examen",
        _ => r.ToString(),
    };

    public static string SchoolLevel(CaseSchoolLevel l) => l switch
    {
        CaseSchoolLevel.Primary => "Primaire",
        CaseSchoolLevel.MiddleSchool => "Collège",
        CaseSchoolLevel.HighSchool => "Lycée",
        CaseSchoolLevel.VocationalHighSchool => "Lycée professionnel",
        CaseSchoolLevel.Apprenticeship => "CFA / apprentissage",
        CaseSchoolLevel.Higher => "Enseignement supérieur",
        CaseSchoolLevel.NotInSchool => "Non scolarisé",
        CaseSchoolLevel.DroppedOut => "Déscolarisé",
        _ => l.ToString(),
    };

    public static string Occupation(CaseOccupation o) => o switch
    {
        CaseOccupation.Employed => "En emploi",
        CaseOccupation.InTraining => "En formation",
        CaseOccupation.JobSeeking => "En recherche d'emploi",
        CaseOccupation.Inactive => "Sans activité",
        CaseOccupation.MissionLocaleFollowUp => "Suivi par la mission locale",
        _ => o.ToString(),
    };

    public static string Sex(CaseSex s) => s switch
    {
        CaseSex.Female => "Féminin",
        CaseSex.Male => "Masculin",
        _ => "Autre / non renseigné",
    };

    public static string Link(RepresentativeLink l) => l switch
    {
        RepresentativeLink.Mother => "Mère",
        RepresentativeLink.Father => "Père",
        RepresentativeLink.Guardian => "Tuteur",
        _ => "Autre représentant légal",
    };

    public static string ActionType(CaseActionType t) => t switch
    {
        CaseActionType.EducationalSupport => "Accompagnement éducatif (prévention spécialisée)",
        CaseActionType.SchoolSupport => "Accompagnement scolaire / raccrochage",
        CaseActionType.MissionLocaleReferral => "Orientation mission locale",
        CaseActionType.EmploymentInsertion => "Insertion professionnelle / emploi",
        CaseActionType.EducationalWorksite => "Chantier éducatif",
        CaseActionType.SportCulture => "Activité sportive ou culturelle",
        CaseActionType.ParentingSupport => "Soutien à la parentalité",
        CaseActionType.CddfReferral => "Orientation vers le CDDF",
        CaseActionType.MayorReminder => "Rappel à l'ordre du maire",
        CaseActionType.SocialMediation => "Médiation sociale",
        CaseActionType.CareAddictionReferral => "Orientation soins / addictions",
        CaseActionType.VictimSupportReferral => "Orientation aide aux victimes",
        CaseActionType.Housing => "Hébergement / logement",
        CaseActionType.CommunityServiceHosting => "Accueil d'un TIG / d'une mesure de réparation",
        CaseActionType.Other => "Autre",
        _ => t.ToString(),
    };

    public static string Result(CaseActionResult r) => r switch
    {
        CaseActionResult.Done => "Réalisée",
        CaseActionResult.InProgress => "En cours",
        CaseActionResult.Partial => "Partielle",
        CaseActionResult.NotDone => "Non réalisée",
        CaseActionResult.RefusedByPerson => "Refus de la personne",
        CaseActionResult.NotApplicable => "Sans objet",
        _ => r.ToString(),
    };

    public static string Measure(JudicialMeasureType t) => t switch
    {
        JudicialMeasureType.PjjEducationalMeasure => "Mesure éducative (PJJ)",
        JudicialMeasureType.CommunityService => "Travail d'intérêt général (TIG)",
        JudicialMeasureType.Reparation => "Mesure de réparation",
        JudicialMeasureType.CitizenshipCourse => "Stage de citoyenneté",
        JudicialMeasureType.ProbationaryWarning => "Avertissement pénal probatoire",
        JudicialMeasureType.JudicialSupervision => "Contrôle judiciaire",
        JudicialMeasureType.ProbationarySuspendedSentence => "Sursis probatoire",
        _ => "Autre mesure",
    };

    public static string Service(JudicialService s) => s switch
    {
        JudicialService.Pjj => "PJJ",
        JudicialService.Spip => "SPIP",
        JudicialService.Prosecutor => "Parquet",
        _ => "Association",
    };

    public static string Decision(CaseDecision d) => d switch
    {
        CaseDecision.OpenFollowUp => "Ouverture du suivi",
        CaseDecision.Continue => "Poursuite",
        CaseDecision.CommonLawReferral => "Orientation vers le droit commun",
        CaseDecision.ClosureProposed => "Clôture proposée",
        CaseDecision.Adjourned => "Ajournement",
        _ => d.ToString(),
    };

    public static string FreezeReason(CaseFreezeReason r) => r switch
    {
        CaseFreezeReason.Litigation => "Contentieux en cours",
        CaseFreezeReason.AdministrativeAccessRequest => "Demande de communication (CADA)",
        CaseFreezeReason.RightsRequest => "Demande d'exercice des droits en cours",
        CaseFreezeReason.Investigation => "Réquisition ou enquête judiciaire",
        _ => r.ToString(),
    };

    public static string AgeBand(CaseAgeBand b) => b switch
    {
        CaseAgeBand.Under11 => "Moins de 11 ans",
        CaseAgeBand.From11To13 => "11 à 13 ans",
        CaseAgeBand.From14To15 => "14 et 15 ans",
        CaseAgeBand.From16To17 => "16 et 17 ans",
        CaseAgeBand.From18To21 => "18 à 21 ans",
        CaseAgeBand.From22To25 => "22 à 25 ans",
        _ => "Plus de 25 ans",
    };

    public static string NoticeMeans(CaseNoticeMeans m) => m switch
    {
        CaseNoticeMeans.Letter => "Courrier",
        CaseNoticeMeans.HandedOver => "Remise en main propre",
        CaseNoticeMeans.Interview => "Entretien",
        _ => "Courrier électronique",
    };

    public static string NoticeRecipient(CaseNoticeRecipient r) => r == CaseNoticeRecipient.Person ? "La personne" : "Ses représentants légaux";

    public static string RightsKind(CaseRightsKind k) => k switch
    {
        CaseRightsKind.Access => "Accès",
        CaseRightsKind.Rectification => "Rectification",
        CaseRightsKind.Erasure => "Effacement",
        CaseRightsKind.Limitation => "Limitation",
        _ => "Opposition",
    };

    /// <summary>"Who saw this sheet?": the audit event in words.</summary>
    public static string AuditEvent(string kind) => kind switch
    {
        Infrastructure.AuditKinds.CaseSheetCreated => "fiche créée",
        Infrastructure.AuditKinds.CaseSheetViewed => "fiche consultée",
        Infrastructure.AuditKinds.CaseContactViewed => "coordonnées consultées",
        Infrastructure.AuditKinds.CaseJudicialViewed => "données judiciaires et sensibles consultées",
        Infrastructure.AuditKinds.CaseSheetUpdated => "fiche complétée",
        Infrastructure.AuditKinds.CaseSensitiveDataFlagged => "données sensibles signalées",
        Infrastructure.AuditKinds.CaseStatusChanged => "statut changé",
        Infrastructure.AuditKinds.CaseReviewConfirmed => "réexamen confirmé",
        Infrastructure.AuditKinds.CaseAddedToAgenda => "inscrite à l'ordre du jour",
        Infrastructure.AuditKinds.CaseExamined => "examinée en réunion",
        Infrastructure.AuditKinds.CaseAccessesViewed => "traçabilité consultée",
        Infrastructure.AuditKinds.CasePermissionDenied => "accès refusé",
        Infrastructure.AuditKinds.CaseAutoClosedAgeLimit => "close à la veille des 25 ans",
        Infrastructure.AuditKinds.CaseReviewReminderSent => "rappel de réexamen envoyé",
        Infrastructure.AuditKinds.CaseSheetFrozen => "gel de la purge",
        Infrastructure.AuditKinds.CaseArchiveAccessRequested => "archive ouverte avec un motif",
        Infrastructure.AuditKinds.CaseArchiveAccessed => "archive consultée",
        Infrastructure.AuditKinds.CaseSheetPrinted => "fiche imprimée ou document remis (PDF)",
        Infrastructure.AuditKinds.CaseNoticeRecorded => "information de la personne enregistrée",
        Infrastructure.AuditKinds.CaseNoticeExceptionRecorded => "exception à l'information motivée",
        Infrastructure.AuditKinds.CaseRightsRequestReceived => "demande d'exercice des droits reçue",
        Infrastructure.AuditKinds.CaseRightsRequestExtended => "délai de réponse prolongé",
        Infrastructure.AuditKinds.CaseRightsRequestAnswered => "demande d'exercice des droits traitée",
        Infrastructure.AuditKinds.CaseSheetRectified => "fiche rectifiée à la demande de la personne",
        Infrastructure.AuditKinds.CaseErasureRefused => "effacement refusé (gel)",
        _ => kind,
    };

    /// <summary>The eight clauses a member ticks when signing the charter (§1.8).</summary>
    public static readonly IReadOnlyList<string> CharterClauses =
    [
        "Je participe uniquement aux groupes de travail prévus à l'article L132-5 du code de la sécurité intérieure, jamais en séance plénière, et je n'y porte aucune situation individuelle, ni en formation restreinte.",
        "Je ne partage que les informations confidentielles strictement nécessaires à la situation, et aucune information couverte par le secret professionnel (article 226-13 du code pénal) hors de ce que la loi permet.",
        "L'objet est de signaler les situations difficiles et de s'assurer qu'elles sont prises en charge, dans le respect de la déontologie de ma profession.",
        "Je garde confidentiels tous les faits et informations échangés et ne les transmets pas à des tiers (article L132-5).",
        "Les personnes concernées en sont informées.",
        "Un manquement à la confidentialité entraîne l'exclusion du groupe.",
        "Je sais que les actions menées auprès des personnes ou des familles sont enregistrées dans un traitement placé sous la responsabilité du maire, et j'en respecte les règles d'accès.",
        "J'accepte que mes accès soient tracés (AU-038, article 8).",
    ];
}
