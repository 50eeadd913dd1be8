using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Vigie.Web.Features.Incidents;

/// <summary>Incidents, categories, routing zones, the inbox, the weekly view and the Open311 settings under /api/v1 (issue 14).</summary>
public static class IncidentsApi
{
    private const string Missing = "Ce contrat ou ce signalement n'existe pas, ou vous n'y avez pas accès.";

    public sealed record IncidentDto(Guid Id, int Number, string Category, string CategoryName, string Group, string Visibility, string Status,
        string? CloseReason, string? Address, double? Latitude, double? Longitude, string? CommuneCode, Guid? AreaId, string? Area,
        Guid? PilotId, string? Pilot, DateTimeOffset ReportedAt, DateTimeOffset? DueAt, bool Overdue);

    public sealed record ListDto(IReadOnlyList<IncidentDto> Items, bool Truncated);
    public sealed record IncidentInboxDto(IReadOnlyList<IncidentDto> Items, int Page, int PageSize, int Pages, int Total, int Overdue);
    public sealed record HistoryDto(DateTimeOffset At, string Kind, string? From, string? To, string? Organisation, string? Note, bool IsPublic);
    public sealed record DetailDto(IncidentDto Incident, string Description, DateTimeOffset ObservedAt, string Source, IReadOnlyList<HistoryDto> History,
        IReadOnlyList<IncidentQueries.Candidate> PossibleDuplicates);
    public sealed record IncidentCreatedDto(Guid Id, int Number, string Status, Guid? PilotId, IReadOnlyList<IncidentQueries.Candidate> PossibleDuplicates);
    public sealed record CategoryDto(string Code, string Name, string Group, string Visibility, int SlaValue, string SlaUnit, string? DefaultPilot,
        Guid? PilotOrganisationId, string? SecondaryPartners, IReadOnlyList<Guid> SecondaryPartnerIds, int Version);
    public sealed record IncidentCategoryChangeDto(DateTimeOffset At, string? By, string Operation, string Field, string? Before, string? After);
    public sealed record IncidentCategoryDetailDto(CategoryDto Category, IReadOnlyList<IncidentCategoryChangeDto> History);
    public sealed record ZoneDto(Guid Id, string Category, Guid OrganisationId, string Name, IReadOnlyList<Guid> AreaIds, bool HasPolygon, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo);
    public sealed record ClientDto(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
    public sealed record IssuedClientDto(Guid Id, string Name, string ApiKey);
    public sealed record AgendaAddedDto(int Added);
    public sealed record WeeklyDto(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<IncidentDto> OpenTranquillite, IReadOnlyList<IncidentDto> ClosedLastWeek,
        IReadOnlyList<IncidentDto> PastSla, IReadOnlyList<IncidentQueries.HotSpot> HotSpots, IReadOnlyList<IncidentQueries.PartnerLine> Partners);

    public sealed class IncidentInput : IValidatableInput
    {
        [Required(ErrorMessage = "La catégorie (code, par exemple TAG-STD) est obligatoire.")]
        public string? Category { get; init; }
        [StringLength(IncidentCommands.AddressMax, ErrorMessage = "L'adresse ne doit pas dépasser 300 caractères.")]
        public string? Address { get; init; }
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        [StringLength(IncidentCommands.DescriptionMax, ErrorMessage = "La description ne doit pas dépasser 4 000 caractères.")]
        public string? Description { get; init; }
        /// <summary>When it was seen (ISO 8601 with offset); now by default.</summary>
        public DateTimeOffset? ObservedAt { get; init; }
        /// <summary>Agent (default), Partner, Resident or Phone.</summary>
        public string? Source { get; init; }
    }

    public sealed class IncidentStatusInput : IValidatableInput
    {
        [Required(ErrorMessage = "L'état demandé est obligatoire.")]
        public string? Status { get; init; }
        /// <summary>With Cloture: Traite, NonFonde, HorsCompetence or NonTraitable.</summary>
        public string? CloseReason { get; init; }
        [StringLength(IncidentCommands.NoteMax, ErrorMessage = "La note ne doit pas dépasser 2 000 caractères.")]
        public string? Note { get; init; }
        public bool PublicNote { get; init; }
    }

    public sealed class RerouteInput : IValidatableInput
    {
        [Required(ErrorMessage = "Le partenaire destinataire est obligatoire.")]
        public Guid? OrganisationId { get; init; }
        [Required(ErrorMessage = "Le motif de la réorientation est obligatoire.")]
        public string? Reason { get; init; }
    }

    public sealed class NoteInput : IValidatableInput
    {
        [Required(ErrorMessage = "La note est obligatoire.")]
        public string? Note { get; init; }
        public bool IsPublic { get; init; }
    }

    public sealed class DuplicateInput : IValidatableInput
    {
        [Required(ErrorMessage = "Le numéro du signalement d'origine est obligatoire.")]
        public int? OriginalNumber { get; init; }
    }

    public sealed class ZoneInput : IValidatableInput
    {
        [Required(ErrorMessage = "La catégorie est obligatoire.")]
        public string? Category { get; init; }
        [Required(ErrorMessage = "Le partenaire est obligatoire.")]
        public Guid? OrganisationId { get; init; }
        [Required(ErrorMessage = "Le nom de la zone est obligatoire.")]
        public string? Name { get; init; }
        public List<Guid> AreaIds { get; init; } = [];
        /// <summary>GeoJSON Polygon or MultiPolygon (WGS84).</summary>
        public JsonElement? Geometry { get; init; }
        /// <summary>From when the zone routes incidents (ISO 8601 with offset); now by default.</summary>
        public DateTimeOffset? ValidFrom { get; init; }
    }

    public sealed record IncidentPhotoDto(Guid Id, Guid IncidentId, int IncidentNumber, string Status, string ContentType, int Width, int Height, long Length, DateTimeOffset UploadedAt)
    {
        public IncidentPhotoDto(IncidentPhotos.IncidentPhotoView v) : this(v.Id, v.IncidentId, v.IncidentNumber, v.Status.ToString(), v.ContentType, v.Width, v.Height, v.Length, v.UploadedAt) { }
    }

    public sealed class PhotoModerationInput : IValidatableInput
    {
        /// <summary>approve (the photo becomes public: Open311 media_url) or reject.</summary>
        [Required(ErrorMessage = "La décision (approve ou reject) est obligatoire.")]
        public string? Decision { get; init; }
    }

    public sealed class AgendaInput : IValidatableInput
    {
        [Required(ErrorMessage = "La réunion est obligatoire.")]
        public Guid? MeetingId { get; init; }
    }

    public sealed class Open311SettingsInput : IValidatableInput
    {
        /// <summary>The commune's website domain (e.g. lille.fr); empty to stop Open311 for the contract.</summary>
        public string? Jurisdiction { get; init; }
    }

    public sealed class PublicFormInput : IValidatableInput
    {
        /// <summary>true: residents may report through the anonymous form /public/contrats/{id}/signaler.</summary>
        [Required(ErrorMessage = "Indiquez si le formulaire public est ouvert (enabled : true ou false).")]
        public bool? Enabled { get; init; }
    }

    public sealed class ClientInput : IValidatableInput
    {
        [Required(ErrorMessage = "Le nom du client Open311 est obligatoire.")]
        [StringLength(200, ErrorMessage = "Le nom du client ne doit pas dépasser 200 caractères.")]
        public string? Name { get; init; }
    }

    public static IncidentDto ToDto(IncidentQueries.Row r, DateTimeOffset now) => new(r.Id, r.Number, r.CategoryCode, r.CategoryName, r.Group,
        r.Visibility.ToString(), r.Status.ToString(), r.CloseReason?.ToString(), r.Address, r.Latitude, r.Longitude, r.CommuneCode, r.AreaId, r.AreaName,
        r.PilotId, r.PilotName, r.ReportedAt, r.DueAt, r.IsOverdue(now));

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts/{id:guid}").RequireContract(ContractRole.Reader).WithTags("Signalements");

        g.MapGet("/incidents", async (Guid id, string? category, string? status, Guid? partner, DateOnly? from, DateOnly? to, Guid? area,
            IncidentQueries q, TimeProvider clock) =>
        {
            var result = await q.ListAsync(id, new IncidentFilter(category, status, partner, from, to, area));
            var now = clock.GetUtcNow();
            return TypedResults.Ok(new ListDto(result.Rows.Select(r => ToDto(r, now)).ToList(), result.Truncated));
        }).WithSummary("Signalements du contrat (5 000 au plus, les plus récents), filtrables par catégorie, état (ouverts, clos ou un état), partenaire, période et secteur.");

        g.MapGet("/incidents/geojson", async (Guid id, string? category, string? status, Guid? partner, DateOnly? from, DateOnly? to, Guid? area,
            IncidentExport export, TimeProvider clock, HttpContext http) =>
        {
            var rows = await export.RowsThatMayLeaveAsync(id, new IncidentFilter(category, status, partner, from, to, area));
            await http.AuditReadAsync(AuditKinds.IncidentsExported, "Contract", id, id, new { count = rows.Count, format = "geojson" });
            return Results.Text(IncidentGeoJson.Write(rows, clock.GetUtcNow()), "application/geo+json; charset=utf-8");
        }).WithSummary("Les mêmes signalements en GeoJSON (FeatureCollection, points WGS84), avec la règle de l'export : les catégories réservées aux partenaires ne sortent que pour un partenaire ou la coordination.")
            .Produces<string>(StatusCodes.Status200OK, "application/geo+json");

        g.MapGet("/incidents/export", async Task<FileContentHttpResult> (Guid id, string? format, string? category, string? status, Guid? partner, DateOnly? from, DateOnly? to,
            Guid? area, IncidentExport export, HttpContext http) =>
        {
            var file = await export.BuildAsync(id, new IncidentFilter(category, status, partner, from, to, area), format);
            await http.AuditReadAsync(AuditKinds.IncidentsExported, "Contract", id, id, new { count = file.Rows, format = file.Format });
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).ProducesFile(ApiDocumentation.Csv, ApiDocumentation.Xlsx)
            .WithSummary("Exporte les signalements (format=csv ou xlsx) avec les filtres de la carte : un signalement par ligne, sans description.");

        g.MapGet("/incidents/{incidentId:guid}", async Task<IResult> (Guid id, Guid incidentId, IncidentQueries q, TimeProvider clock) =>
        {
            if (await q.RowAsync(id, incidentId) is not { } row) return ApiErrors.NotFound(Missing);
            return TypedResults.Ok(await DetailAsync(id, row, q, clock.GetUtcNow()));
        }).WithSummary("Un signalement, son historique et ses doublons possibles.").Produces<DetailDto>(StatusCodes.Status200OK);

        g.MapPost("/incidents", async Task<IResult> (Guid id, IncidentInput input, IncidentCommands commands, ICurrentUser user) =>
        {
            var source = input.Source is null ? IncidentSource.Agent : IncidentLabels.ParseSource(input.Source);
            if (source is null or IncidentSource.Open311) return ApiErrors.Field("source", "La source doit valoir Agent, Partner, Resident ou Phone.");
            var r = await commands.CreateAsync(id, new NewIncident(input.Category, input.Address, input.Latitude, input.Longitude, input.Description,
                input.ObservedAt, source.Value), user.Id);
            if (!r.Succeeded) return r.ToProblem();
            var i = r.Value!.Incident;
            return TypedResults.Created($"/api/v1/contracts/{id}/incidents/{i.Id}", new IncidentCreatedDto(i.Id, i.Number, i.Status.ToString(), i.PilotOrganisationId, r.Value.PossibleDuplicates));
        }).RequireContract(ContractRole.PartnerMember).WithSummary("Enregistre un signalement (agents et partenaires) : routé vers son pilote, doublons possibles proposés.").Produces<IncidentCreatedDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        g.MapPost("/incidents/{incidentId:guid}/status", async (Guid id, Guid incidentId, IncidentStatusInput input, IncidentCommands c) =>
            Done(await c.ChangeStatusAsync(id, incidentId, input.Status, input.CloseReason, input.Note, input.PublicNote)))
            .RequireContract(ContractRole.PartnerMember).WithSummary("Fait avancer le signalement dans son cycle de vie (pilote ou coordination).");

        g.MapPost("/incidents/{incidentId:guid}/reroute", async (Guid id, Guid incidentId, RerouteInput input, IncidentCommands c) =>
            Done(await c.RerouteAsync(id, incidentId, input.OrganisationId, input.Reason)))
            .RequireContract(ContractRole.Coordinator).WithSummary("Réoriente le signalement vers un autre partenaire, avec un motif (coordination).");

        g.MapPost("/incidents/{incidentId:guid}/notes", async (Guid id, Guid incidentId, NoteInput input, IncidentCommands c) =>
            Done(await c.AddNoteAsync(id, incidentId, input.Note, input.IsPublic)))
            .RequireContract(ContractRole.PartnerMember).WithSummary("Note une action menée (pilote ou coordination) ; publique, elle devient le status_notes Open311.");

        g.MapPost("/incidents/{incidentId:guid}/duplicate", async (Guid id, Guid incidentId, DuplicateInput input, IncidentCommands c) =>
            Done(await c.MarkDuplicateAsync(id, incidentId, input.OriginalNumber)))
            .RequireContract(ContractRole.Coordinator).WithSummary("Fusionne le signalement comme doublon d'un autre (clôture, motif Doublon).");

        g.MapGet("/incidents/{incidentId:guid}/photos", async (Guid id, Guid incidentId, IncidentPhotos photos) =>
            TypedResults.Ok((await photos.OfIncidentAsync(id, incidentId)).Select(p => new IncidentPhotoDto(p)).ToList()))
            .WithSummary("Photos d'un signalement et leur état de modération.");

        g.MapPost("/incidents/{incidentId:guid}/photos", async (Guid id, Guid incidentId, IFormFile? file, IncidentPhotos photos) =>
            (await photos.AddAsync(id, incidentId, await IncidentPhotos.ReadAsync(file))).ToCreated(p => $"/api/v1/contracts/{id}/incidents/{incidentId}/photos/{p}"))
            .RequireContract(ContractRole.PartnerMember).DisableAntiforgery() // token-authenticated API: no cookie, so no cross-site request forgery
            .WithMetadata(new RequestSizeLimitAttribute(PhotoSanitizer.MaxBytes + 64 * 1024))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Ajoute une photo (JPEG, PNG ou WebP, 10 Mo au plus, champ multipart « file ») : métadonnées retirées, publique après modération.");

        g.MapGet("/incidents/{incidentId:guid}/photos/{photoId:guid}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, Guid incidentId, Guid photoId, IncidentPhotos photos) =>
            await photos.FileAsync(id, incidentId, photoId) is { } file ? TypedResults.File(file.Content, file.ContentType) : TypedResults.Problem(Missing, statusCode: StatusCodes.Status404NotFound))
            .ProducesFile("image/jpeg", "image/png", "image/webp").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Le fichier d'une photo (membres du contrat).");

        g.MapPost("/incidents/{incidentId:guid}/photos/{photoId:guid}/moderation", async (Guid id, Guid incidentId, Guid photoId, PhotoModerationInput input, IncidentPhotos photos) =>
            Done(await photos.ModerateAsync(id, incidentId, photoId, input.Decision)))
            .RequireContract(ContractRole.Coordinator).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Approuve (publie) ou refuse une photo (coordination).");

        g.MapGet("/incident-photos/pending", async (Guid id, IncidentPhotos photos) =>
            TypedResults.Ok((await photos.PendingAsync(id)).Select(p => new IncidentPhotoDto(p)).ToList()))
            .RequireContract(ContractRole.Coordinator).WithSummary("File de modération : photos en attente de décision (coordination).");

        g.MapGet("/incidents/series", async Task<Results<Ok<List<IncidentSeries.IncidentSeriesPoint>>, ProblemHttpResult>> (Guid id, DateOnly? from, DateOnly? to,
            IncidentSeries series, TimeProvider clock) =>
        {
            var end = to ?? Culture.ParisDate(clock.GetUtcNow());
            var start = from ?? new DateOnly(end.Year, end.Month, 1).AddMonths(-11);
            if (start > end || start < end.AddYears(-10))
                return TypedResults.Problem("La période doit aller d'un mois à un autre, dix ans au plus (from avant to).", statusCode: StatusCodes.Status400BadRequest);
            return TypedResults.Ok((await series.MonthlyAsync(id, start, end)).Points.ToList());
        }).WithSummary("Incivilités signalées : nombre de signalements par mois (yyyy-MM), groupe de catégories et secteur, doublons exclus (12 derniers mois par défaut).");

        g.MapGet("/incidents/inbox", async Task<Results<Ok<IncidentInboxDto>, ValidationProblem, ProblemHttpResult>> (Guid id, Guid? organisation, int? page, int? pageSize,
            IncidentQueries q, ContractViewers viewers, TimeProvider clock) =>
        {
            var viewer = (await viewers.ForAsync(id))!;
            var org = organisation ?? viewer.OrganisationId;
            if (org is null) return ApiErrors.Field("organisation", "Indiquez le partenaire dont vous voulez la boîte de réception.");
            if (page is < 1 or > 1_000_000) return ApiErrors.Field("page", "Le numéro de page doit être un entier entre 1 et 1 000 000.");
            if (pageSize is < 1 or > IncidentQueries.InboxPageSizeMax)
                return ApiErrors.Field("pageSize", $"La taille de page (pageSize) doit être comprise entre 1 et {IncidentQueries.InboxPageSizeMax}.");
            var now = clock.GetUtcNow();
            var box = await q.InboxAsync(id, org.Value, now, page ?? 1, pageSize ?? IncidentQueries.InboxPageSize);
            return TypedResults.Ok(new IncidentInboxDto([.. box.Rows.Select(r => ToDto(r, now))], box.Page, box.PageSize, box.Pages, box.Total, box.Overdue));
        }).WithSummary("Boîte de réception d'un partenaire (le vôtre par défaut) : ses signalements non clos, en retard d'abord, par pages (pageSize 50 par défaut, 200 au plus) ; total et nombre en retard pour toute la boîte.");

        g.MapGet("/incidents/weekly", async (Guid id, IncidentQueries q, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var w = await q.WeeklyAsync(id, now);
            return TypedResults.Ok(new WeeklyDto(w.From, w.To, [.. w.OpenTranquillite.Select(r => ToDto(r, now))], [.. w.ClosedLastWeek.Select(r => ToDto(r, now))],
                [.. w.PastSla.Select(r => ToDto(r, now))], w.HotSpots, w.Partners));
        }).WithSummary("Vue de la réunion hebdomadaire : tranquillité non close, clos de la semaine, hors délai, points chauds, chiffres par partenaire.");

        g.MapPost("/incidents/weekly/agenda", async (Guid id, AgendaInput input, WeeklyAgenda agenda) =>
        {
            var r = await agenda.PullAsync(id, input.MeetingId!.Value);
            return r.ToOk(added => new AgendaAddedDto(added));
        }).RequireContract(ContractRole.Coordinator)
            .WithSummary("Inscrit la vue hebdomadaire à l'ordre du jour d'une réunion : un point de synthèse et un point par signalement (coordination).");

        g.MapGet("/incident-categories", async (Guid id, IncidentCategoryCatalog categories, AppDbContext db) =>
        {
            var list = await categories.EnsureAsync(id);
            await db.IncidentCategoryPartners.Where(p => p.ContractId == id).LoadAsync(); // fills each category's Partners
            return TypedResults.Ok(list.Where(c => !c.IsArchived).Select(ToDto).ToList());
        }).WithSummary("Catégories du contrat (table par défaut des spécifications, modifiable).");

        g.MapGet("/incident-categories/{code}", async Task<Results<Ok<IncidentCategoryDetailDto>, ProblemHttpResult>> (Guid id, string code,
            IncidentCategoryCatalog categories, IncidentCategoryEditor editor, AppDbContext db) =>
        {
            await categories.EnsureAsync(id);
            var c = await db.IncidentCategories.AsNoTracking().Include(x => x.Partners).FirstOrDefaultAsync(x => x.ContractId == id && x.Code == code);
            if (c is null) return ApiErrors.NotFound(Missing);
            var history = (await editor.HistoryAsync(id, c.Id)).Select(h => new IncidentCategoryChangeDto(h.ChangedAt, h.ChangedBy, h.Operation, h.Field, h.Before, h.After)).ToList();
            return TypedResults.Ok(new IncidentCategoryDetailDto(ToDto(c), history));
        }).WithSummary("Une catégorie et l'historique de ses modifications (qui, quand, avant, après).");

        g.MapPost("/incident-categories", async Task<Results<Created<CategoryDto>, ValidationProblem, ProblemHttpResult>> (Guid id, IncidentCategoryInput input, IncidentCategoryEditor editor) =>
        {
            var r = await editor.CreateAsync(id, input);
            if (!r.Succeeded) return r.NotFound || r.Forbidden ? r.Refused() : r.Invalid();
            return TypedResults.Created($"/api/v1/contracts/{id}/incident-categories/{Uri.EscapeDataString(r.Value!.Code)}", ToDto(r.Value));
        })
            .RequireContract(ContractRole.Coordinator).WithSummary("Ajoute une catégorie au contrat (coordination).");

        g.MapPut("/incident-categories/{code}", async (Guid id, string code, IncidentCategoryInput input, IncidentCategoryEditor editor) =>
            (await editor.UpdateAsync(id, code, input)).ToOk(ToDto))
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Modifie une catégorie : code, libellé, groupe, visibilité, délai, pilote et partenaires secondaires (coordination ; champ absent : inchangé, sauf le pilote). 409 si la version envoyée n'est plus la dernière.")
            .WithDescription("Rendre publique une catégorie réservée aux partenaires est une déclassification (ADR 0006) : elle exige confirm: true "
                + "(sinon 400 nommant confirm, rien n'est modifié) et est journalisée (confidentiality.declassified).");

        g.MapGet("/routing-zones", async (Guid id, AppDbContext db) =>
            TypedResults.Ok(await db.RoutingZones.AsNoTracking().Where(z => z.ContractId == id).OrderBy(z => z.Name).ThenBy(z => z.ValidFrom)
                .Select(z => new ZoneDto(z.Id, z.Category!.Code, z.OrganisationId, z.Name, z.Areas.Select(a => a.AreaId).ToList(), z.GeoJson != null, z.ValidFrom, z.ValidTo)).ToListAsync()))
            .WithSummary("Zones de routage et leur historique : une catégorie, un partenaire, des secteurs ou un contour, valides de validFrom à validTo (exclu ; vide : en vigueur).");

        g.MapPost("/routing-zones", async (Guid id, ZoneInput input, IncidentCategoryCatalog categories, IncidentRouting routing) =>
            await SaveZoneAsync(id, input, null, categories, routing))
            .RequireContract(ContractRole.Coordinator).WithSummary("Ajoute une zone de routage, valable à partir de validFrom (coordination).");

        g.MapPut("/routing-zones/{zoneId:guid}", async (Guid id, Guid zoneId, ZoneInput input, IncidentCategoryCatalog categories, IncidentRouting routing) =>
            await SaveZoneAsync(id, input, zoneId, categories, routing))
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Modifie une zone en vigueur : la version actuelle prend fin à validFrom (maintenant par défaut) et la nouvelle commence ; les signalements déjà routés ne changent pas (coordination).");

        g.MapDelete("/routing-zones/{zoneId:guid}", async (Guid id, Guid zoneId, IncidentRouting routing) =>
            await routing.DeleteZoneAsync(id, zoneId) ? Results.NoContent() : ApiErrors.NotFound(Missing))
            .RequireContract(ContractRole.Coordinator).WithSummary("Met fin à une zone de routage maintenant ; elle reste dans l'historique (coordination).").Produces(StatusCodes.Status204NoContent);

        g.MapPut("/open311", async (Guid id, Open311SettingsInput input, Open311Service open311) =>
            await open311.SetJurisdictionAsync(id, input.Jurisdiction) is { } error ? ApiErrors.Field("jurisdiction", error) : Results.NoContent())
            .RequireContract(ContractRole.Coordinator).WithSummary("Publie les signalements du contrat en Open311 sous un jurisdiction_id (vide : arrête la publication).").Produces(StatusCodes.Status204NoContent);

        g.MapPut("/incident-public-form", async Task<NoContent> (Guid id, PublicFormInput input, IncidentPublicForm form) =>
        {
            await form.SetAsync(id, input.Enabled!.Value);
            return TypedResults.NoContent();
        }).RequireContract(ContractRole.Coordinator).WithSummary("Ouvre ou ferme le formulaire public de signalement du contrat (coordination).");

        g.MapGet("/open311/clients", async (Guid id, AppDbContext db) =>
            TypedResults.Ok(await db.Open311Clients.AsNoTracking().Where(c => c.ContractId == id).OrderBy(c => c.CreatedAt)
                .Select(c => new ClientDto(c.Id, c.Name, c.Prefix, c.CreatedAt, c.RevokedAt)).ToListAsync()))
            .RequireContract(ContractRole.Coordinator).WithSummary("Clients Open311 du contrat (préfixe de clé seulement).");

        g.MapPost("/open311/clients", async (Guid id, ClientInput input, Open311Service open311) =>
        {
            var (client, key) = await open311.IssueClientAsync(id, input.Name!);
            return TypedResults.Created($"/api/v1/contracts/{id}/open311/clients", new IssuedClientDto(client.Id, client.Name, key));
        }).RequireContract(ContractRole.Coordinator).WithSummary("Délivre une clé api_key Open311 (montrée une seule fois).");

        g.MapDelete("/open311/clients/{clientId:guid}", async (Guid id, Guid clientId, Open311Service open311) =>
            await open311.RevokeClientAsync(id, clientId) ? Results.NoContent() : ApiErrors.NotFound(Missing))
            .RequireContract(ContractRole.Coordinator).WithSummary("Révoque une clé Open311.").Produces(StatusCodes.Status204NoContent);
    }

    public static async Task<DetailDto> DetailAsync(Guid contractId, IncidentQueries.Row row, IncidentQueries q, DateTimeOffset now)
    {
        var extra = await q.ExtraAsync(contractId, row.Id);
        var history = (await q.HistoryAsync(contractId, row.Id)).Select(h => new HistoryDto(h.At, h.Kind.ToString(), h.From?.ToString(), h.To?.ToString(), h.Organisation, h.Note, h.IsPublic)).ToList();
        var candidates = row.Latitude is { } lat && row.Longitude is { } lon && !IncidentStatusMachine.IsClosed(row.Status)
            ? await q.DuplicateCandidatesAsync(contractId, extra.CategoryId, new GeoPoint(lat, lon), row.ReportedAt, row.Id) : [];
        return new DetailDto(ToDto(row, now), extra.Description, extra.ObservedAt, extra.Source.ToString(), history, candidates);
    }

    private static async Task<Results<Created<Shared.CreatedDto>, ValidationProblem, ProblemHttpResult>> SaveZoneAsync(Guid id, ZoneInput input, Guid? replaces,
        IncidentCategoryCatalog categories, IncidentRouting routing)
    {
        await categories.EnsureAsync(id);
        var geo = input.Geometry is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } j ? j.GetRawText() : null;
        var r = await routing.AddZoneAsync(id, input.Category, input.OrganisationId, input.Name, input.AreaIds, geo, input.ValidFrom, replaces);
        if (!r.Succeeded) return r.NotFound || r.Forbidden ? r.Refused() : r.Invalid();
        return TypedResults.Created($"/api/v1/contracts/{id}/routing-zones", new Shared.CreatedDto(r.Value!.Id));
    }

    private static CategoryDto ToDto(IncidentCategory c) => new(c.Code, c.Name, c.Group, c.Visibility.ToString(), c.SlaValue, c.SlaUnit.ToString(),
        c.DefaultPilotLabel, c.PilotOrganisationId, c.SecondaryPartners, [.. c.Partners.Select(p => p.OrganisationId).Order()], c.Version);

    private static Results<NoContent, ValidationProblem, ProblemHttpResult> Done<T>(CommandResult<T> r) => r.ToNoContent();
}
