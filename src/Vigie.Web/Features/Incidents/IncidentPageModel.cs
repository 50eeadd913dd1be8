namespace Vigie.Web.Features.Incidents;

/// <summary>Load → authorize for the incident pages (<see cref="ContractPageModel"/>) and their breadcrumbs.</summary>
public abstract class IncidentPageModel(ContractAccess access) : ContractPageModel(access)
{
    protected List<Crumb> Crumbs(params Crumb[] tail) => ContractCrumbs(tail);

    protected List<Crumb> IncidentCrumbs(params Crumb[] tail) =>
        ContractCrumbs([new("Signalements", Url.Page("/Incidents/Index", new { id = ContractId })), .. tail]);
}
