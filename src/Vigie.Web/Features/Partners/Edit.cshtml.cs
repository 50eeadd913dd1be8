namespace Vigie.Web.Features.Partners;

public sealed class EditModel(AppDbContext db, Auditor auditor, PartnerAccess partners) : PageModel
{
    [BindProperty] public PartnerInput Input { get; set; } = new();
    public string CurrentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id);
        if (org is null) return NotFound();
        if (!PartnerRules.CanEdit(User, id)) return StatusCode(StatusCodes.Status403Forbidden);
        SetTitle(org);
        Input = PartnerInput.From(org);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id);
        if (org is null) return NotFound();
        if (!PartnerRules.CanEdit(User, id)) return StatusCode(StatusCodes.Status403Forbidden);
        SetTitle(org);
        if (!ModelState.IsValid) return Page();
        foreach (var (field, message) in await PartnerRules.CheckAsync(db, Input, id, HttpContext.RequestAborted))
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (await partners.CheckEmailChangeAsync(User, org, Input, HttpContext.RequestAborted) is { } refused)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(PartnerInput.Email)}", refused);
        if (!ModelState.IsValid) return Page();
        if (await PartnerRules.CheckVersionAsync(db, org, Input) is { } conflict)
        {
            conflict.CopyTo(ModelState);
            return Page();
        }

        var emailBefore = org.Email;
        Input.ApplyTo(org);
        auditor.Record(AuditKinds.PartnerEdited, nameof(Organisation), org.Id);
        var notify = string.Equals(emailBefore, org.Email, StringComparison.OrdinalIgnoreCase) ? null : await partners.RecordEmailChangeAsync(org, HttpContext.RequestAborted);
        await db.SaveChangesAsync();
        if (notify is not null) await notify();
        TempData["Flash"] = $"L'organisation « {org.Name} » a été modifiée.";
        return RedirectToPage("/Partners/Details", new { id = org.Id });
    }

    private void SetTitle(Organisation org)
    {
        CurrentName = org.Name;
        ViewData["Title"] = $"Modifier « {org.Name} »";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Partenaires", Url.Page("/Partners/Index")), new(org.Name, Url.Page("/Partners/Details", new { id = org.Id })), new("Modifier") };
    }
}
