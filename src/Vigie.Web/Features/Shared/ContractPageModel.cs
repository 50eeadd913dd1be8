namespace Vigie.Web.Features.Shared;

/// <summary>
/// Common loading of a page under <c>/contrats/{id}</c>: the contract's title through <see cref="ContractAccess"/>
/// (scoped: false, hence 404, when not visible) and who is looking (<see cref="ContractViewer"/>).
/// </summary>
public abstract class ContractPageModel(ContractAccess access) : PageModel
{
    public Guid ContractId { get; private set; }
    public string ContractTitle { get; private set; } = "";
    public ContractViewer Viewer { get; private set; } = null!;

    protected async Task<bool> LoadContractAsync(Guid id)
    {
        var title = await access.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Title).FirstOrDefaultAsync();
        return title is not null && await UseContractAsync(id, title);
    }

    /// <summary>As <see cref="LoadContractAsync(Guid)"/> for a page that has already read the visible contract's title.</summary>
    protected async Task<bool> UseContractAsync(Guid id, string title)
    {
        if (await HttpContext.RequestServices.GetRequiredService<ContractViewers>().ForAsync(id) is not { } viewer) return false;
        ContractId = id;
        ContractTitle = title;
        Viewer = viewer;
        return true;
    }

    /// <summary>"Contrats › {contract}" followed by the page's own crumbs.</summary>
    protected List<Crumb> ContractCrumbs(params Crumb[] tail) =>
        [new("Contrats", Url.Page("/Contracts/Index")), new(ContractTitle, Url.Page("/Contracts/Details", new { id = ContractId })), .. tail];
}
