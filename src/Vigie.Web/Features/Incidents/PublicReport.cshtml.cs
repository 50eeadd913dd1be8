using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Rendering;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// The anonymous public report form of a contract that opened it (issue 14 item 7): public categories only, a point
/// inside the contract's territory, an optional photo checked and stripped like the members' ones and public only
/// after moderation; antiforgery (Razor Pages), rate-limited per address, nothing saved unless everything is valid.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(IncidentPublicForm.RateLimit)]
public sealed class PublicReportModel(AppDbContext db, IncidentCategoryCatalog categories, IncidentCommands commands, IncidentPhotos photos) : PageModel
{
    public sealed class PublicReportForm : IncidentFormFields
    {
        public IFormFile? Photo { get; set; }
    }

    [BindProperty] public PublicReportForm Input { get; set; } = new();
    public string ContractTitle { get; private set; } = "";
    public IReadOnlyList<SelectListItem> CategoryItems { get; private set; } = [];

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await db.IncidentSettings.AsNoTracking().AnyAsync(s => s.ContractId == id && s.PublicForm)) return false;
        ContractTitle = await db.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Title).FirstAsync();
        CategoryItems = [new SelectListItem("Choisir une catégorie", ""), .. (await categories.EnsureAsync(id))
            .Where(c => !c.IsArchived && c.Visibility == IncidentVisibility.Public)
            .Select(c => new SelectListItem($"{IncidentLabels.Group(c.Group)} — {c.Name}", c.Code, c.Code == Input.Category))];
        ViewData["Title"] = "Signaler un problème — " + ContractTitle;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var lat = IncidentForms.Coordinate(ModelState, Input.Latitude, "Latitude", "La latitude");
        var lon = IncidentForms.Coordinate(ModelState, Input.Longitude, "Longitude", "La longitude");
        if (Input.Category is { } code && !CategoryItems.Any(i => i.Value == code))
            ModelState.AddModelError("Input.Category", "Cette catégorie ne peut pas être signalée ici : choisissez-en une de la liste.");
        PhotoSanitizer.SanitizedPhoto? photo = null;
        if (Input.Photo is { } file && IncidentPhotos.Check(await IncidentPhotos.ReadAsync(file), out photo) is { } photoError)
            ModelState.AddModelError("Input.Photo", photoError);
        if (!ModelState.IsValid) return Page();

        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await commands.CreateAsync(id, new NewIncident(Input.Category, Input.Address, lat, lon, Input.Description, null, IncidentSource.Resident), null);
        if (!result.Succeeded)
        {
            IncidentForms.CopyErrors(ModelState, result.Errors);
            return Page();
        }
        if (photo is not null)
        {
            photos.Stage(id, result.Value!.Incident.Id, photo, null);
            await db.SaveChangesAsync();
        }
        await tx.CommitAsync();
        TempData["Flash"] = $"Merci : votre signalement n° {result.Value!.Incident.Number} est enregistré et transmis au service compétent."
            + (photo is not null ? " Votre photo sera publiée après vérification." : "");
        return RedirectToPage("/Incidents/PublicReport", new { id });
    }
}

/// <summary>The public form's switch and its rate limit.</summary>
public sealed class IncidentPublicForm(AppDbContext db, Auditor auditor)
{
    public const string RateLimit = "incident-public-reports";

    public async Task SetAsync(Guid contractId, bool enabled)
    {
        var settings = await db.IncidentSettings.FirstOrDefaultAsync(s => s.ContractId == contractId);
        if (settings is null) db.IncidentSettings.Add(settings = new IncidentSettings { ContractId = contractId });
        settings.PublicForm = enabled;
        auditor.Record(AuditKinds.IncidentSettingsChanged, "Contract", contractId, contractId, new { publicForm = enabled });
        await db.SaveChangesAsync();
    }
}

public sealed class IncidentPublicFormOptions
{
    public const string Section = "Incidents:PublicForm";
    /// <summary>Reports (POST) per client address per hour.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Incidents:PublicForm:ReportsPerHour must be between {1} and {2}.")]
    public int ReportsPerHour { get; set; } = 10;
}

/// <summary>
/// The public form's limit: <c>Incidents:PublicForm:ReportsPerHour</c> reports (POST) per client address per hour; showing
/// the form is free. A refused report gets a 429 whose French text states the limit (not the login's "one minute").
/// </summary>
public sealed class IncidentPublicFormRateLimit(int reportsPerHour) : IRateLimiterPolicy<string>
{
    public string Message => $"Trop de signalements envoyés depuis votre connexion : {reportsPerHour} par heure au plus. Réessayez dans une heure.";

    public RateLimitPartition<string> GetPartition(HttpContext context) => HttpMethods.IsPost(context.Request.Method)
        ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "?",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = reportsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 })
        : RateLimitPartition.GetNoLimiter("read");

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (ctx, ct) =>
    {
        var retryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 3600;
        ctx.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        ctx.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
        await ctx.HttpContext.Response.WriteAsync(Message, ct);
    };
}
