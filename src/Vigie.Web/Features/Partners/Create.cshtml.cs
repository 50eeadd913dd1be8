using Microsoft.AspNetCore.WebUtilities;

namespace Vigie.Web.Features.Partners;

/// <summary>
/// Adds an organisation to the shared directory. Reached from the directory, or from a form that needs a partner missing
/// from its list (signatory, seat, plan…): <c>returnUrl</c> then brings the coordinator back there with the new
/// organisation chosen (<c>organisation</c> query value).
/// </summary>
public sealed class CreateModel(AppDbContext db, Auditor auditor) : PageModel
{
    [BindProperty] public PartnerInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>The local page to go back to, if any (anything else is ignored).</summary>
    public string? BackUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public async Task<IActionResult> OnGetAsync()
    {
        SetTitle();
        return await PartnerRules.CanAddAsync(db, User, HttpContext.RequestAborted) ? Page() : StatusCode(StatusCodes.Status403Forbidden);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        SetTitle();
        if (!await PartnerRules.CanAddAsync(db, User, HttpContext.RequestAborted)) return StatusCode(StatusCodes.Status403Forbidden);
        if (!ModelState.IsValid) return Page();
        foreach (var (field, message) in await PartnerRules.CheckAsync(db, Input, null, HttpContext.RequestAborted))
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (!ModelState.IsValid) return Page();

        var org = new Organisation { Name = "" };
        Input.ApplyTo(org);
        db.Organisations.Add(org);
        auditor.Record(AuditKinds.PartnerCreated, nameof(Organisation), org.Id,
            data: new { type = org.Type.ToString(), byCoordinator = !PartnerRules.CanCreate(User), otherEstablishment = Input.OtherEstablishment });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"L'organisation « {org.Name} » a été ajoutée à l'annuaire.";
        return BackUrl is { } back
            ? LocalRedirect(QueryHelpers.AddQueryString(back, PartnerPicker.AddedParameter, org.Id.ToString()))
            : RedirectToPage("/Partners/Details", new { id = org.Id });
    }

    private void SetTitle()
    {
        ViewData["Title"] = "Ajouter une organisation";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Partenaires", Url.Page("/Partners/Index")), new("Ajouter une organisation") };
    }
}
