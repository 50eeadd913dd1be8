namespace Vigie.Web.Features.Partners;

public sealed class CreateModel(AppDbContext db, Auditor auditor) : PageModel
{
    [BindProperty] public PartnerInput Input { get; set; } = new();

    public IActionResult OnGet()
    {
        SetTitle();
        return PartnerRules.CanCreate(User) ? Page() : StatusCode(StatusCodes.Status403Forbidden);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        SetTitle();
        if (!PartnerRules.CanCreate(User)) return StatusCode(StatusCodes.Status403Forbidden);
        if (!ModelState.IsValid) return Page();
        foreach (var (field, message) in await PartnerRules.CheckAsync(db, Input, null, HttpContext.RequestAborted))
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (!ModelState.IsValid) return Page();

        var org = new Organisation { Name = "" };
        Input.ApplyTo(org);
        db.Organisations.Add(org);
        auditor.Record(AuditKinds.PartnerCreated, nameof(Organisation), org.Id, data: new { type = org.Type.ToString() });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"L'organisation « {org.Name} » a été ajoutée.";
        return RedirectToPage("/Partners/Details", new { id = org.Id });
    }

    private void SetTitle()
    {
        ViewData["Title"] = "Ajouter une organisation";
        ViewData["Breadcrumb"] = new List<Crumb> { new("Partenaires", Url.Page("/Partners/Index")), new("Ajouter une organisation") };
    }
}
