namespace Vigie.Web.Features.Shared;

/// <summary>French labels of the domain's enumerations, in one place for pages, exports and the API.</summary>
public static class Labels
{
    public static string Kind(ContractKind k) => k switch
    {
        ContractKind.Cls => "Contrat local de sécurité (CLS)",
        ContractKind.Stspd => "Stratégie territoriale de sécurité et de prévention de la délinquance (STSPD)",
        ContractKind.Sispd => "Stratégie intercommunale (CISPD)",
        _ => k.ToString(),
    };

    public static string Status(ContractStatus s) => s switch
    {
        ContractStatus.Draft => "Brouillon",
        ContractStatus.InSignature => "En signature",
        ContractStatus.InForce => "En vigueur",
        ContractStatus.UnderEvaluation => "En évaluation",
        ContractStatus.Ended => "Terminé",
        _ => s.ToString(),
    };

    public static string Cause(VersionCause c) => c switch
    {
        VersionCause.Created => "Création",
        VersionCause.Edited => "Modification",
        VersionCause.StatusChanged => "Changement de statut",
        VersionCause.Amended => "Avenant",
        VersionCause.SignatoriesChanged => "Signataires",
        _ => c.ToString(),
    };

    public static string Role(ContractRole r) => r switch
    {
        ContractRole.Coordinator => "Coordinateur",
        ContractRole.PartnerMember => "Membre partenaire",
        ContractRole.Reader => "Lecteur",
        _ => r.ToString(),
    };

    /// <summary>Platform roles (<see cref="Roles"/>) by their stored name.</summary>
    public static string PlatformRole(string role) => role switch
    {
        Roles.Administrator => "Administrateur",
        Roles.ContractCreator => "Créateur de contrats",
        Roles.DataProtectionOfficer => "Délégué(e) à la protection des données",
        _ => role,
    };

    public static string PartnerType(PartnerType t) => t switch
    {
        Domain.PartnerType.Commune => "Commune",
        Domain.PartnerType.Epci => "Intercommunalité (EPCI)",
        Domain.PartnerType.Prefecture => "Préfecture",
        Domain.PartnerType.PoliceNationale => "Police nationale",
        Domain.PartnerType.Gendarmerie => "Gendarmerie nationale",
        Domain.PartnerType.PoliceMunicipale => "Police municipale",
        Domain.PartnerType.Parquet => "Parquet (procureur de la République)",
        Domain.PartnerType.EducationNationale => "Éducation nationale",
        Domain.PartnerType.ConseilDepartemental => "Conseil départemental",
        Domain.PartnerType.ConseilRegional => "Conseil régional",
        Domain.PartnerType.BailleurSocial => "Bailleur social",
        Domain.PartnerType.Transporteur => "Opérateur de transport",
        Domain.PartnerType.Association => "Association",
        Domain.PartnerType.MaisonJusticeDroit => "Maison de justice et du droit",
        Domain.PartnerType.AideAuxVictimes => "Aide aux victimes",
        Domain.PartnerType.Caf => "Caisse d'allocations familiales",
        Domain.PartnerType.ProtectionJudiciaireJeunesse => "Protection judiciaire de la jeunesse",
        Domain.PartnerType.ServicePenitentiaire => "Service pénitentiaire d'insertion et de probation",
        Domain.PartnerType.Sdis => "Service d'incendie et de secours",
        Domain.PartnerType.Autre => "Autre",
        _ => t.ToString(),
    };

    public static string TerritoryKind(TerritoryKind k) => k switch
    {
        Domain.TerritoryKind.Region => "Région",
        Domain.TerritoryKind.Departement => "Département",
        Domain.TerritoryKind.Commune => "Commune",
        Domain.TerritoryKind.Arrondissement => "Arrondissement municipal",
        Domain.TerritoryKind.AssociatedCommune => "Commune associée",
        Domain.TerritoryKind.DelegatedCommune => "Commune déléguée",
        Domain.TerritoryKind.Epci => "Intercommunalité (EPCI)",
        Domain.TerritoryKind.Ept => "Établissement public territorial",
        _ => k.ToString(),
    };

    public static string AreaKind(AreaKind k) => k switch
    {
        Domain.AreaKind.Quartier => "Quartier",
        Domain.AreaKind.Qpv => "Quartier prioritaire (QPV)",
        Domain.AreaKind.Site => "Site",
        _ => k.ToString(),
    };
}
