using Vigie.Web.Features.Cases;

namespace Vigie.Web.Features.Public;

/// <summary>
/// Anonymous collective notice of a published contract's confidential follow-up (issue 13 item 7, shared/specs §1.7):
/// the controller and the DPO, then per existing group its purpose, legal basis, data categories, recipients by
/// institution, retention, rights and the right to complain to the CNIL. Nothing personal: no member, no sheet, no code.
/// </summary>
public sealed class PublicCaseNoticeModel(CaseNoticeService notice) : PageModel
{
    public CasePublicNotice View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await notice.PublicAsync(id) is not { } view) return NotFound();
        View = view;
        ViewData["Title"] = "Suivi individuel de prévention — information — " + view.ContractTitle;
        return Page();
    }
}
