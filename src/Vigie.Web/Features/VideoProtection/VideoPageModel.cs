namespace Vigie.Web.Features.VideoProtection;

/// <summary>Load → authorize for the video-protection pages (<see cref="ContractPageModel"/>) and their breadcrumbs.</summary>
public abstract class VideoPageModel(ContractAccess access) : ContractPageModel(access)
{
    protected List<Crumb> VideoCrumbs(string? page = null) => page is null
        ? ContractCrumbs(new Crumb("Vidéoprotection"))
        : ContractCrumbs(new Crumb("Vidéoprotection", Url.Page("/VideoProtection/Index", new { id = ContractId })), new Crumb(page));
}
