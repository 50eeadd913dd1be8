using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Audit;

/// <summary>
/// The audit log for the data-protection officer (and administrators): filters, pages, CSV export. Shows identifiers,
/// kinds and metadata only — events never hold content. Reading and exporting the log are themselves audited.
/// </summary>
[Authorize(Policy = Policies.AuditRead)]
public sealed class JournalModel(AppDbContext db, ReadAudit readAudit) : PageModel
{
    public const int PageSize = 50;
    public const int MaxExportRows = 100_000;

    public sealed record Row(long Id, long? Sequence, DateTimeOffset OccurredAt, string Kind, Guid? UserId, string? UserEmail, Guid? ActorOrganisationId, string? ActorRole,
        Guid? ContractId, string? ContractTitle, string? EntityType, string? EntityId, string? Data, string Outcome, string? IpAddress, string? Via, string? CredentialId, string? Hash);

    [BindProperty(SupportsGet = true, Name = "du")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "utilisateur")] public string? UserFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "contrat")] public Guid? ContractId { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "numero")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<SelectListItem> Contracts { get; private set; } = [];
    public List<SelectListItem> Kinds { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        ViewData["Title"] = "Journal d'audit";
        await LoadOptionsAsync();
        if (await FilteredAsync() is not { } query) return Page();
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await Project(query.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)).ToListAsync();
        await readAudit.RecordAsync(AuditKinds.AuditLogViewed, data: Filters(Total));
        return Page();
    }

    /// <summary>The result of "Vérifier la chaîne" (the verify-audit verb from the page), null until asked.</summary>
    public (bool Valid, string Message)? Verification { get; private set; }

    public async Task<IActionResult> OnPostVerifyAsync([FromServices] AuditChain chain)
    {
        var (code, message) = await VerifyAudit.RunAsync(chain, HttpContext.RequestAborted);
        Verification = (code == 0, message);
        await readAudit.RecordAsync(AuditKinds.AuditChainVerified, data: new { valid = code == 0 });
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (await FilteredAsync() is not { } query)
        {
            ViewData["Title"] = "Journal d'audit";
            await LoadOptionsAsync();
            return Page();
        }
        var rows = await Project(query.OrderBy(e => e.Id).Take(MaxExportRows)).ToListAsync();
        await readAudit.RecordAsync(AuditKinds.AuditLogExported, data: Filters(rows.Count));
        Response.Headers.CacheControl = "no-store";
        return File(Csv(rows), "text/csv; charset=utf-8", $"journal-audit-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
    }

    /// <summary>Semicolon CSV for French spreadsheets; formula-safe (cells starting with = + - @ tab CR get a leading ').</summary>
    public static byte[] Csv(IEnumerable<Row> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", InjectionOptions = InjectionOptions.Escape, InjectionEscapeCharacter = '\'' }))
        {
            foreach (var h in new[] { "id", "sequence", "date_utc", "type", "utilisateur_id", "utilisateur", "organisation_id", "role", "contrat_id", "contrat", "entite", "entite_id", "details", "resultat", "adresse_ip", "acces", "identifiant_acces", "empreinte" })
                csv.WriteField(h);
            csv.NextRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.Id.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(r.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(r.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                csv.WriteField(r.Kind);
                csv.WriteField(r.UserId?.ToString() ?? "");
                csv.WriteField(r.UserEmail ?? "");
                csv.WriteField(r.ActorOrganisationId?.ToString() ?? "");
                csv.WriteField(r.ActorRole ?? "");
                csv.WriteField(r.ContractId?.ToString() ?? "");
                csv.WriteField(r.ContractTitle ?? "");
                csv.WriteField(r.EntityType ?? "");
                csv.WriteField(r.EntityId ?? "");
                csv.WriteField(r.Data ?? "");
                csv.WriteField(r.Outcome);
                csv.WriteField(r.IpAddress ?? "");
                csv.WriteField(r.Via ?? "");
                csv.WriteField(r.CredentialId ?? "");
                csv.WriteField(r.Hash ?? "");
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    private object Filters(int count) => new { count, from = From, to = To, user = !string.IsNullOrWhiteSpace(UserFilter), contract = ContractId, kind = Kind };

    private async Task LoadOptionsAsync()
    {
        Contracts = await db.Contracts.AsNoTracking().OrderBy(c => c.Title)
            .Select(c => new SelectListItem(c.Title, c.Id.ToString(), c.Id == ContractId)).ToListAsync();
        Kinds = typeof(AuditKinds).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal)
            .Select(k => new SelectListItem(k, k, k == Kind)).ToList();
    }

    /// <summary>The filtered events, or null with errors in ModelState when a filter is invalid.</summary>
    private async Task<IQueryable<AuditEvent>?> FilteredAsync()
    {
        if (From is { } f && To is { } t && f > t)
            ModelState.AddModelError("du", "La date de début doit précéder la date de fin.");
        if (Kind is { Length: > 0 } && !typeof(AuditKinds).GetFields().Any(x => (string)x.GetRawConstantValue()! == Kind))
            ModelState.AddModelError("type", "Type d'événement inconnu : choisissez dans la liste.");
        if (!ModelState.IsValid) return null;

        var q = db.AuditEvents.AsNoTracking();
        if (From is { } from) q = q.Where(e => e.OccurredAt >= Recurrence(from));
        if (To is { } to) q = q.Where(e => e.OccurredAt < Recurrence(to.AddDays(1)));
        if (ContractId is { } c) q = q.Where(e => e.ContractId == c);
        if (Kind is { Length: > 0 } k) q = q.Where(e => e.Kind == k);
        if (!string.IsNullOrWhiteSpace(UserFilter))
        {
            var term = UserFilter.Trim();
            if (Guid.TryParse(term, out var uid)) q = q.Where(e => e.UserId == uid);
            else
            {
                var normalized = term.ToUpperInvariant();
                var ids = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).ToListAsync();
                if (ids.Count == 0) ModelState.AddModelError("utilisateur", "Aucun compte n'a cette adresse électronique : saisissez l'adresse exacte ou l'identifiant du compte.");
                q = q.Where(e => e.UserId != null && ids.Contains(e.UserId.Value));
            }
        }
        return ModelState.IsValid ? q : null;
    }

    private static DateTimeOffset Recurrence(DateOnly day) => Governance.Recurrence.ParisToUtc(day, TimeOnly.MinValue);

    private IQueryable<Row> Project(IQueryable<AuditEvent> q) =>
        from e in q
        join u in db.Users on e.UserId equals u.Id into users
        from u in users.DefaultIfEmpty()
        join c in db.Contracts on e.ContractId equals c.Id into contracts
        from c in contracts.DefaultIfEmpty()
        select new Row(e.Id, e.Sequence, e.OccurredAt, e.Kind, e.UserId, u == null ? null : u.Email, e.ActorOrganisationId, e.ActorRole,
            e.ContractId, c == null ? null : c.Title, e.EntityType, e.EntityId, e.Data, e.Outcome, e.IpAddress, e.Via, e.CredentialId, e.Hash);
}
