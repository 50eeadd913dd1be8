using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Partners;

/// <summary>The partner registry over /api/v1 (same rules as the pages, see <see cref="PartnerRules"/>).</summary>
public static class PartnersApi
{
    public sealed record PartnerTypeDto(string Code, string Label);
    public sealed record PartnerSummaryDto(Guid Id, string Name, string Type, string TypeLabel, string? Siren, string? TerritoryCode, bool IsArchived);
    public sealed record ContactDto(Guid Id, string FullName, string? Position, string? Email, string? Phone, bool IsRepresentative);
    public sealed record PartnerDto(Guid Id, string Name, string Type, string TypeLabel, string? Siren, string? Address, string? Email,
        string? Phone, string? Website, string? TerritoryCode, bool IsArchived, int UsersCount, IReadOnlyList<ContactDto> Contacts, int Version);

    private const string NotFoundDetail = "Aucune organisation ne correspond à cet identifiant.";
    private const string ContactNotFoundDetail = "Aucun contact de cette organisation ne correspond à cet identifiant.";
    private const string ForbiddenDetail = "Seuls les administrateurs, les créateurs de contrats et les membres de l'organisation peuvent la modifier.";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/partner-types", () => TypedResults.Ok(PartnerTypes.All.Select(t => new PartnerTypeDto(PartnerTypes.Code(t), Labels.PartnerType(t))).ToList()))
            .WithTags("Partenaires").WithSummary("Types de partenaires : code (à utiliser dans « type ») et libellé français.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var g = api.MapGroup("/partners").WithTags("Partenaires")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        g.MapGet("", List).WithSummary("Liste des organisations partenaires, filtrable par type et par texte (nom ou SIREN).")
            .ProducesValidationProblem();
        g.MapGet("/{id:guid}", Get).WithSummary("Détail d'une organisation ; ses contacts pour les administrateurs, ses membres et les membres des contrats auxquels elle participe.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("", Create).WithSummary("Crée une organisation (administrateurs, créateurs de contrats, coordinateurs d'un contrat en cours) ; un SIREN déjà connu demande « otherEstablishment ».")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        g.MapPut("/{id:guid}", Update).WithSummary("Modifie une organisation (administrateurs, créateurs de contrats, membres de l'organisation) ; son adresse électronique : administrateurs seulement, les coordinateurs des contrats concernés sont prévenus.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/archive", (Guid id, AppDbContext db, ClaimsPrincipal user, Auditor auditor, PartnerAccess partners) => SetArchived(id, true, db, user, auditor, partners))
            .WithSummary("Archive une organisation : elle n'apparaît plus dans les listes mais reste liée aux contrats.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/unarchive", (Guid id, AppDbContext db, ClaimsPrincipal user, Auditor auditor, PartnerAccess partners) => SetArchived(id, false, db, user, auditor, partners))
            .WithSummary("Désarchive une organisation.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        g.MapDelete("/{id:guid}", Delete).WithSummary("Supprime une organisation qui n'est référencée nulle part (sinon 409 : l'archiver).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        g.MapGet("/{id:guid}/contacts", ListContacts).WithSummary("Contacts et représentants d'une organisation.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/contacts", AddContact).WithSummary("Ajoute un contact ou un représentant à une organisation.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPut("/{id:guid}/contacts/{contactId:guid}", UpdateContact).WithSummary("Modifie un contact d'une organisation.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        g.MapDelete("/{id:guid}/contacts/{contactId:guid}", RemoveContact).WithSummary("Retire un contact d'une organisation.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<List<PartnerSummaryDto>>, ValidationProblem>> List(
        AppDbContext db, string? type, string? q, bool? includeArchived, int? limit, int? offset, CancellationToken ct)
    {
        PartnerType? wanted = null;
        if (!string.IsNullOrWhiteSpace(type))
        {
            wanted = PartnerTypes.Parse(type);
            if (wanted is null) return ApiErrors.Field("type", $"Le type de partenaire « {type.Trim()} » est inconnu (liste : GET /api/v1/partner-types).");
        }
        var rows = await PartnerQueries.Filter(db.Organisations.AsNoTracking(), wanted, q, includeArchived ?? false)
            .OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Skip(Math.Max(offset ?? 0, 0)).Take(Math.Clamp(limit ?? 100, 1, 500))
            .Select(o => new { o.Id, o.Name, o.Type, o.Siren, o.TerritoryCode, o.IsArchived })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(o => new PartnerSummaryDto(o.Id, o.Name, PartnerTypes.Code(o.Type), Labels.PartnerType(o.Type), o.Siren, o.TerritoryCode, o.IsArchived)).ToList());
    }

    /// <summary>Contacts are personal data: listed only for those <see cref="PartnerAccess.CanReadContactsAsync"/> allows (empty otherwise); reading them is audited.</summary>
    private static async Task<Results<Ok<PartnerDto>, ProblemHttpResult>> Get(Guid id, AppDbContext db, ClaimsPrincipal user, PartnerAccess partners, HttpContext http, CancellationToken ct)
    {
        var canReadContacts = await partners.CanReadContactsAsync(user, id, ct);
        if (await LoadDto(db, id, ct, canReadContacts) is not { } dto) return ApiErrors.NotFound(NotFoundDetail);
        if (canReadContacts) await http.AuditReadAsync(AuditKinds.OrganisationContactsRead, "Organisation", id, data: new { via = "api" });
        return TypedResults.Ok(dto);
    }

    private static async Task<Results<Created<PartnerDto>, ValidationProblem, ProblemHttpResult>> Create(
        PartnerInput input, AppDbContext db, ClaimsPrincipal user, Auditor auditor, CancellationToken ct)
    {
        if (!await PartnerRules.CanAddAsync(db, user, ct)) return ApiErrors.Forbidden("Seuls les administrateurs, les créateurs de contrats et les coordinateurs d'un contrat en cours peuvent ajouter une organisation.");
        if (await Check(db, input, null, ct) is { } problem) return problem;

        var org = new Organisation { Name = "" };
        input.ApplyTo(org);
        db.Organisations.Add(org);
        auditor.Record(AuditKinds.PartnerCreated, nameof(Organisation), org.Id,
            data: new { type = org.Type.ToString(), byCoordinator = !PartnerRules.CanCreate(user), otherEstablishment = input.OtherEstablishment });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/partners/{org.Id}", (await LoadDto(db, org.Id, ct))!);
    }

    private static async Task<Results<Ok<PartnerDto>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, PartnerInput input, AppDbContext db, ClaimsPrincipal user, Auditor auditor, PartnerAccess partners, CancellationToken ct)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return ApiErrors.NotFound(NotFoundDetail);
        if (!PartnerRules.CanEdit(user, id)) return ApiErrors.Forbidden(ForbiddenDetail);
        if (await partners.CheckEmailChangeAsync(user, org, input, ct) is { } refused)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [refused] }, title: "Données invalides", detail: refused);
        if (await Check(db, input, id, ct) is { } problem) return problem;
        if (await PartnerRules.CheckVersionAsync(db, org, input) is { } conflict) return conflict.ToProblem();

        var emailBefore = org.Email;
        input.ApplyTo(org);
        auditor.Record(AuditKinds.PartnerEdited, nameof(Organisation), org.Id);
        var notify = string.Equals(emailBefore, org.Email, StringComparison.OrdinalIgnoreCase) ? null : await partners.RecordEmailChangeAsync(org, ct);
        await db.SaveChangesAsync(ct);
        if (notify is not null) await notify();
        return TypedResults.Ok((await LoadDto(db, id, ct, await partners.CanReadContactsAsync(user, id, ct)))!);
    }

    private static async Task<Results<Ok<PartnerDto>, ProblemHttpResult>> SetArchived(Guid id, bool archived, AppDbContext db, ClaimsPrincipal user, Auditor auditor, PartnerAccess partners)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id);
        if (org is null) return ApiErrors.NotFound(NotFoundDetail);
        if (!PartnerRules.CanEdit(user, id)) return ApiErrors.Forbidden(ForbiddenDetail);

        if (org.IsArchived != archived)
        {
            org.IsArchived = archived;
            auditor.Record(archived ? AuditKinds.PartnerArchived : AuditKinds.PartnerUnarchived, nameof(Organisation), org.Id);
            await db.SaveChangesAsync();
        }
        return TypedResults.Ok((await LoadDto(db, id, default, await partners.CanReadContactsAsync(user, id)))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, AppDbContext db, ClaimsPrincipal user, Auditor auditor, CancellationToken ct)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return ApiErrors.NotFound(NotFoundDetail);
        if (!PartnerRules.CanEdit(user, id)) return ApiErrors.Forbidden(ForbiddenDetail);
        var (users, signatories) = await PartnerRules.ReferencesAsync(db, id, ct);
        if (users + signatories > 0)
            return ApiErrors.Conflict($"Cette organisation est référencée ({users} utilisateur(s), {signatories} signature(s) de contrat) : archivez-la au lieu de la supprimer (POST /api/v1/partners/{id}/archive).");

        db.Organisations.Remove(org);
        auditor.Record(AuditKinds.PartnerDeleted, nameof(Organisation), org.Id);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<ContactDto>>, ProblemHttpResult>> ListContacts(Guid id, AppDbContext db, ClaimsPrincipal user, PartnerAccess partners, HttpContext http, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id, ct)) return ApiErrors.NotFound(NotFoundDetail);
        if (!await partners.CanReadContactsAsync(user, id, ct))
            return ApiErrors.Forbidden("Les contacts d'une organisation sont réservés aux administrateurs, à ses membres et aux membres des contrats auxquels elle participe.");
        await http.AuditReadAsync(AuditKinds.OrganisationContactsRead, "Organisation", id, data: new { via = "api" });
        return TypedResults.Ok(await ContactsOf(db, id).ToListAsync(ct));
    }

    private static async Task<Results<Created<ContactDto>, ProblemHttpResult>> AddContact(
        Guid id, ContactInput input, AppDbContext db, ClaimsPrincipal user, Auditor auditor, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id, ct)) return ApiErrors.NotFound(NotFoundDetail);
        if (!PartnerRules.CanEdit(user, id)) return ApiErrors.Forbidden(ForbiddenDetail);

        var contact = new Contact { OrganisationId = id, FullName = "" };
        input.ApplyTo(contact);
        db.Contacts.Add(contact);
        auditor.Record(AuditKinds.ContactAdded, nameof(Contact), contact.Id, data: new { organisationId = id });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/partners/{id}/contacts/{contact.Id}", ToDto(contact));
    }

    private static async Task<Results<Ok<ContactDto>, ProblemHttpResult>> UpdateContact(
        Guid id, Guid contactId, ContactInput input, AppDbContext db, ClaimsPrincipal user, Auditor auditor, PartnerAccess partners, CancellationToken ct)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.OrganisationId == id, ct);
        if (contact is null) return ApiErrors.NotFound(ContactNotFoundDetail);
        if (!await partners.CanManageContactsAsync(user, id, ct)) return ApiErrors.Forbidden(ForbiddenDetail);

        input.ApplyTo(contact);
        auditor.Record(AuditKinds.ContactUpdated, nameof(Contact), contact.Id, data: new { organisationId = id });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(contact));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveContact(
        Guid id, Guid contactId, AppDbContext db, ClaimsPrincipal user, Auditor auditor, PartnerAccess partners, CancellationToken ct)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.OrganisationId == id, ct);
        if (contact is null) return ApiErrors.NotFound(ContactNotFoundDetail);
        if (!await partners.CanManageContactsAsync(user, id, ct)) return ApiErrors.Forbidden(ForbiddenDetail);

        db.Contacts.Remove(contact);
        auditor.Record(AuditKinds.ContactRemoved, nameof(Contact), contact.Id, data: new { organisationId = id });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ValidationProblem?> Check(AppDbContext db, PartnerInput input, Guid? excludingId, CancellationToken ct)
    {
        var errors = await PartnerRules.CheckAsync(db, input, excludingId, ct);
        if (errors.Count == 0) return null;
        var dict = errors.GroupBy(e => PartnerRules.JsonField(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.ValidationProblem(dict, title: "Données invalides", detail: string.Join(" ", errors.Select(e => e.Message)));
    }

    private static IQueryable<ContactDto> ContactsOf(AppDbContext db, Guid organisationId) =>
        db.Contacts.AsNoTracking().Where(c => c.OrganisationId == organisationId)
            .OrderByDescending(c => c.IsRepresentative).ThenBy(c => c.FullName)
            .Select(c => new ContactDto(c.Id, c.FullName, c.Position, c.Email, c.Phone, c.IsRepresentative));

    private static ContactDto ToDto(Contact c) => new(c.Id, c.FullName, c.Position, c.Email, c.Phone, c.IsRepresentative);

    private static async Task<PartnerDto?> LoadDto(AppDbContext db, Guid id, CancellationToken ct, bool withContacts = true)
    {
        var o = await db.Organisations.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Id, x.Name, x.Type, x.Siren, x.Address, x.Email, x.Phone, x.Website, x.TerritoryCode, x.IsArchived, x.Version, Users = db.Users.Count(u => u.OrganisationId == x.Id) })
            .FirstOrDefaultAsync(ct);
        if (o is null) return null;
        var contacts = withContacts ? await ContactsOf(db, id).ToListAsync(ct) : [];
        return new PartnerDto(o.Id, o.Name, PartnerTypes.Code(o.Type), Labels.PartnerType(o.Type), o.Siren, o.Address, o.Email, o.Phone, o.Website,
            o.TerritoryCode, o.IsArchived, o.Users, contacts, o.Version);
    }
}

/// <summary>The list filters, shared by the page and the API.</summary>
public static class PartnerQueries
{
    public static IQueryable<Organisation> Filter(IQueryable<Organisation> query, PartnerType? type, string? text, bool includeArchived)
    {
        if (!includeArchived) query = query.Where(o => !o.IsArchived);
        if (type is { } t) query = query.Where(o => o.Type == t);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var term = text.Trim().ToLowerInvariant();
            var siren = PartnerRules.NormaliseSiren(text);
            query = query.Where(o => o.Name.ToLower().Contains(term) || o.Siren == siren);
        }
        return query;
    }
}
