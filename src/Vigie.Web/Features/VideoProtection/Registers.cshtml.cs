namespace Vigie.Web.Features.VideoProtection;

/// <summary>The restricted registers (coordination): requisitions, the extraction register (3 years) and access requests with their deadline. Reading is audited.</summary>
[ContractRequirement(ContractRole.Coordinator)]
public sealed class RegistersModel(ContractAccess access, VideoQueries queries) : VideoPageModel(access)
{
    public VideoQueries.Registers View { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        if (!await queries.MayReadJudicialAsync(id)) return Forbid(); // an administrator as such is no coordinator of the register
        View = await queries.RegistersAsync(id);
        Today = queries.Today;
        await HttpContext.AuditReadAsync(AuditKinds.VideoRegisterViewed, "Contract", id, id, new { count = View.Extractions.Count });
        ViewData["Title"] = "Réquisitions, extractions et demandes d'accès";
        ViewData["Breadcrumb"] = VideoCrumbs("Registre des extractions");
        return Page();
    }
}
