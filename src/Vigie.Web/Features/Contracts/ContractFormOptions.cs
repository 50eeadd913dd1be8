using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Contracts;

/// <summary>Select lists shared by the contract forms.</summary>
public static class ContractFormOptions
{
    public static IEnumerable<SelectListItem> Kinds() =>
        Enum.GetValues<ContractKind>().Select(k => new SelectListItem(Labels.Kind(k), k.ToString()));

    public static IEnumerable<SelectListItem> Contracts(IEnumerable<ContractLink> links) =>
        links.Select(c => new SelectListItem($"{c.Title} ({Labels.Status(c.Status).ToLower(Infrastructure.Culture.French)})", c.Id.ToString()));

    public static IEnumerable<SelectListItem> Roles() =>
        Enum.GetValues<ContractRole>().Reverse().Select(r => new SelectListItem(Labels.Role(r), r.ToString()));
}

/// <summary>What the shared contract fields partial needs from the create and edit pages.</summary>
public interface IContractForm
{
    ContractInput Input { get; }
    IEnumerable<SelectListItem> OtherContracts { get; }
    bool Signed { get; }
}
