using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Cases;

/// <summary>
/// The confidential follow-up under /api/v1 (issue 13): the same rules as the pages (<see cref="CaseAccess"/>), the same
/// audit (<see cref="CaseAudit"/>). No endpoint lists several named people: lists carry codes only (A5).
/// </summary>
public static class CasesApi
{
    public sealed record CharterVersionDto(int Version);
    public sealed record CharterDto(int Version, IReadOnlyList<string> Clauses);
    public sealed record DuplicateDto(bool Exists, IReadOnlyList<string> Groups);

    private const string Missing = "Ce contrat, ce dispositif ou cette fiche n'existe pas, ou vous n'y avez pas accès.";

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts/{id:guid}/case-groups").RequireContract(Domain.ContractRole.Reader).WithTags("Suivi individuel confidentiel")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            // A9: a browser session idle for Cases:IdleMinutes is ended by CaseSessionGuard (401 problem details).
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .AddEndpointFilter(CaseSessionGuard.EndpointFilterAsync);

        g.MapGet("", async Task<Results<Ok<IReadOnlyList<CaseGroupSummary>>, ProblemHttpResult>> (Guid id, CaseQueries q, ICurrentUser user) =>
            await q.GroupsAsync(id, user.Id) is { } list ? TypedResults.Ok(list) : ApiErrors.NotFound(Missing))
            .WithSummary("Dispositifs de suivi individuel dont vous êtes membre (tous pour un coordinateur membre du contrat).");

        g.MapPost("", async (Guid id, CaseGroupInput input, CaseCommands c) => Created(await c.CreateGroupAsync(id, input), r => $"/api/v1/contracts/{id}/case-groups/{r}"))
            .WithSummary("Crée un dispositif (groupe territorial ou thématique, cellule de veille, CDDF ; jamais une formation plénière ou restreinte) : coordinateur membre du contrat.")
            .ProducesValidationProblem();

        g.MapGet("/{groupId:guid}", async (Guid id, Guid groupId, CaseQueries q) => Read(await q.GroupAsync(id, groupId)))
            .WithSummary("Un dispositif : ses membres (institution, dates, statut, version de charte signée).");

        g.MapGet("/{groupId:guid}/charter", async (Guid id, Guid groupId, CaseQueries q) =>
            (await q.GroupAsync(id, groupId)).ToOk(g => new CharterDto(g.CharterVersion, CaseLabels.CharterClauses)))
            .WithSummary("La charte déontologique en vigueur : version et engagements à cocher.");

        g.MapPost("/{groupId:guid}/charter/signature", async (Guid id, Guid groupId, CharterSignatureInput input, CaseCommands c) =>
            (await c.SignCharterAsync(id, groupId, input)).ToOk(v => new CharterVersionDto(v)))
            .WithSummary("Signe la charte en vigueur (acceptedClauses : 1 à 8, tous obligatoires) ; nécessaire avant tout accès.").ProducesValidationProblem();

        g.MapPost("/{groupId:guid}/charter/versions", async (Guid id, Guid groupId, CaseCommands c) =>
            (await c.PublishCharterVersionAsync(id, groupId)).ToOk(v => new CharterVersionDto(v)))
            .WithSummary("Publie une nouvelle version de la charte : l'accès de chaque membre est suspendu jusqu'à sa nouvelle signature (coordonnateur).");

        g.MapPost("/{groupId:guid}/members", async (Guid id, Guid groupId, CaseMemberInput input, CaseCommands c) =>
            Created(await c.AddMemberAsync(id, groupId, input), _ => $"/api/v1/contracts/{id}/case-groups/{groupId}"))
            .WithSummary("Ajoute un membre (compte membre du contrat, institution, dates) : coordonnateur du dispositif.").ProducesValidationProblem();

        g.MapPost("/{groupId:guid}/members/{memberId:guid}/status", async (Guid id, Guid groupId, Guid memberId, MemberStatusInput input, CaseCommands c) =>
            Done(await c.SetMemberStatusAsync(id, groupId, memberId, input)))
            .WithSummary("Change le statut d'un membre : active, suspended, excluded (accès retiré immédiatement), left.").ProducesValidationProblem();

        g.MapPost("/{groupId:guid}/duplicate-check", async (Guid id, Guid groupId, DuplicateCheckInput input, CaseCommands c) =>
            (await c.DuplicateCheckAsync(id, groupId, input)).ToOk(groups => new DuplicateDto(groups.Count > 0, groups)))
            .WithSummary("Contrôle de doublon (nom, prénom, date de naissance) : répond seulement « existe / dans quel dispositif » (coordonnateur).").ProducesValidationProblem();

        g.MapGet("/{groupId:guid}/sheets", async (Guid id, Guid groupId, CaseQueries q) => Read(await q.SheetsAsync(id, groupId)))
            .WithSummary("Les fiches que vous pouvez lire, par code (jamais de liste nominative).");

        g.MapPost("/{groupId:guid}/sheets", async (Guid id, Guid groupId, CaseSheetInput input, CaseCommands c) =>
            Created(await c.CreateSheetAsync(id, groupId, input), r => $"/api/v1/contracts/{id}/case-groups/{groupId}/sheets/{r}"))
            .WithSummary("Signale une personne (fiche « proposée ») : listes fermées, identité et coordonnées chiffrées.").ProducesValidationProblem();

        g.MapGet("/{groupId:guid}/sheets/{sheetId:guid}", async (Guid id, Guid groupId, Guid sheetId, CaseQueries q) => Read(await q.SheetAsync(id, groupId, sheetId)))
            .WithSummary("Une fiche, niveau 1 (vue de travail) : journalisé.");

        g.MapGet("/{groupId:guid}/sheets/{sheetId:guid}/contact", async (Guid id, Guid groupId, Guid sheetId, CaseQueries q) => Read(await q.ContactAsync(id, groupId, sheetId)))
            .WithSummary("Coordonnées et représentants légaux, niveau 2 (coordonnateur, référent) : journalisé.");

        g.MapGet("/{groupId:guid}/sheets/{sheetId:guid}/judicial", async (Guid id, Guid groupId, Guid sheetId, CaseQueries q) => Read(await q.JudicialAsync(id, groupId, sheetId)))
            .WithSummary("Mesures judiciaires, problématiques liées à une infraction, données sensibles, niveau 3 (coordonnateur, référent) : journalisé.");

        g.MapGet("/{groupId:guid}/sheets/{sheetId:guid}/accesses", async (Guid id, Guid groupId, Guid sheetId, CaseQueries q) => Read(await q.AccessesAsync(id, groupId, sheetId)))
            .WithSummary("Qui a consulté cette fiche ? Les événements d'audit de la fiche (coordonnateur).");

        g.MapPost("/{groupId:guid}/sheets/{sheetId:guid}/status", async (Guid id, Guid groupId, Guid sheetId, CaseStatusInput input, CaseCommands c) =>
            Done(await c.SetStatusAsync(id, groupId, sheetId, input)))
            .WithSummary("Change le statut (underReview, followed, watch, notRetained, closed + closureReason) : coordonnateur.").ProducesValidationProblem();

        g.MapPost("/{groupId:guid}/sheets/{sheetId:guid}/review", async (Guid id, Guid groupId, Guid sheetId, CaseCommands c) =>
            Done(await c.ConfirmReviewAsync(id, groupId, sheetId)))
            .WithSummary("Réexamen semestriel : le coordonnateur confirme que la poursuite est justifiée.").ProducesValidationProblem();

        g.MapPost("/{groupId:guid}/sheets/{sheetId:guid}/actions", async (Guid id, Guid groupId, Guid sheetId, CaseActionInput input, CaseCommands c) =>
            Created(await c.AddActionAsync(id, groupId, sheetId, input), _ => $"/api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}"))
            .WithSummary("Enregistre une action (type, institution, dates, résultat, note factuelle de 280 caractères au plus).").ProducesValidationProblem();

        g.MapPost("/{groupId:guid}/sheets/{sheetId:guid}/measures", async (Guid id, Guid groupId, Guid sheetId, JudicialMeasureInput input, CaseCommands c) =>
            Created(await c.AddMeasureAsync(id, groupId, sheetId, input), _ => $"/api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/judicial"))
            .WithSummary("Enregistre une mesure judiciaire (type, service, dates ; aucune infraction) : coordonnateur ou référent.").ProducesValidationProblem();

        g.MapPost("/{groupId:guid}/sheets/{sheetId:guid}/agenda", async (Guid id, Guid groupId, Guid sheetId, CaseAgendaInput input, CaseCommands c) =>
            Created(await c.AddToAgendaAsync(id, groupId, sheetId, input), _ => $"/api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}"))
            .WithSummary("Inscrit la situation à une réunion de l'instance du dispositif, par son code seulement : coordonnateur.").ProducesValidationProblem();

        g.MapPost("/{groupId:guid}/sheets/{sheetId:guid}/decisions", async (Guid id, Guid groupId, Guid sheetId, CaseDecisionInput input, CaseCommands c) =>
            Created(await c.RecordDecisionAsync(id, groupId, sheetId, input), _ => $"/api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}"))
            .WithSummary("Décision prise à l'examen en réunion (openFollowUp, continue, commonLawReferral, closureProposed, adjourned) : coordonnateur.").ProducesValidationProblem();

        MapRetention(g);
        MapRights(g);
        MapNotice(g);
        MapAuditLog(g);
        CaseProgrammesApi.Map(g);
    }

    /// <summary>
    /// The module's audit log for the contract's DPO and the groups' coordinators (§1.5), the DPO designations and the role
    /// changes of a group (ROLE_CHANGED).
    /// </summary>
    private static void MapAuditLog(RouteGroupBuilder g)
    {
        g.MapGet("/audit-log", async (Guid id, CaseAuditLog log, Guid? group, string? kind, Guid? user, DateOnly? from, DateOnly? to, int? page) =>
            Read(await log.PageAsync(id, new CaseAuditFilter(group, kind, user, from, to, page ?? 1))))
            .WithSummary("Journal d'audit du suivi individuel (délégué à la protection des données désigné, coordonnateur pour ses dispositifs) : qui, quoi, quand, code de fiche ; jamais un nom ni une valeur.")
            .WithDescription("Filtres : group (dispositif), kind (type d'événement cases.*), user (identifiant du compte), from et to (jours inclus, yyyy-MM-dd), page (50 événements, du plus récent au plus ancien). La lecture est journalisée.")
            .ProducesValidationProblem().WithMetadata(new CaseSessionRequiredAttribute());

        g.MapGet("/audit-log/csv", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (Guid id, CaseAuditLog log, Guid? group, string? kind, Guid? user, DateOnly? from, DateOnly? to) =>
        {
            var r = await log.CsvAsync(id, new CaseAuditFilter(group, kind, user, from, to));
            if (!r.Succeeded) return r.NotFound || r.Forbidden ? r.Refused() : r.Invalid();
            return TypedResults.File(r.Value!, "text/csv; charset=utf-8", "journal-suivi-individuel.csv");
        })
            .ProducesFile(ApiDocumentation.Csv).ProducesValidationProblem().WithMetadata(new CaseSessionRequiredAttribute())
            .WithSummary("Le journal d'audit filtré du suivi individuel en CSV (mêmes filtres et mêmes lecteurs) : l'export est journalisé.");

        g.MapGet("/dpos", async (Guid id, CaseAuditLog log) => Read(await log.DposAsync(id)))
            .WithSummary("Délégués à la protection des données désignés pour le suivi individuel du contrat (coordinateur du contrat).");

        g.MapPut("/dpos", async (Guid id, CaseDpoInput input, CaseAuditLog log) => Done(await log.SetDposAsync(id, input)))
            .WithSummary("Désigne les délégués à la protection des données du contrat (userIds : la liste complète, membres du contrat) ; chaque changement est journalisé (coordinateur du contrat).")
            .ProducesValidationProblem();

        g.MapPut("/{groupId:guid}/members/{memberId:guid}", async (Guid id, Guid groupId, Guid memberId, CaseMemberRoleInput input, CaseRoles r) =>
            Done(await r.UpdateMemberAsync(id, groupId, memberId, input)))
            .WithSummary("Corrige l'institution et la fonction d'un membre (coordonnateur) : changement de rôle journalisé.").ProducesValidationProblem();

        g.MapPut("/{groupId:guid}/coordinator", async (Guid id, Guid groupId, CaseCoordinatorInput input, CaseRoles r) =>
            Done(await r.ChangeCoordinatorAsync(id, groupId, input)))
            .WithSummary("Confie la coordination à un autre membre actif signataire de la charte en vigueur (coordonnateur) : changement de rôle journalisé.").ProducesValidationProblem();

        g.MapPut("/{groupId:guid}/sheets/{sheetId:guid}/referent", async (Guid id, Guid groupId, Guid sheetId, CaseReferentInput input, CaseRoles r) =>
            Done(await r.SetReferentAsync(id, groupId, sheetId, input)))
            .WithSummary("Désigne (userId) ou retire (sans userId) le référent de parcours d'une fiche, membre actif du dispositif (coordonnateur) : changement de rôle journalisé.")
            .ProducesValidationProblem();
    }

    /// <summary>The controller and DPO named by the collective notice (§1.7), published on the contract's public page.</summary>
    private static void MapNotice(RouteGroupBuilder g)
    {
        g.MapGet("/notice-settings", async (Guid id, CaseNoticeService n) => Read(await n.GetAsync(id)))
            .WithSummary("Responsable du traitement et délégué à la protection des données de l'information collective (coordinateur du contrat) ; saved false tant que les valeurs par défaut s'appliquent.");

        g.MapPut("/notice-settings", async (Guid id, CaseNoticeSettingsInput input, CaseNoticeService n) => Done(await n.SaveAsync(id, input)))
            .WithSummary("Enregistre le responsable du traitement et le délégué à la protection des données (coordinateur du contrat) ; version périmée : 409 avec les valeurs enregistrées.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Information and rights (§1.7) and the single-person documents (A5): one sheet at a time, each audited.</summary>
    private static void MapRights(RouteGroupBuilder g)
    {
        const string sheet = "/{groupId:guid}/sheets/{sheetId:guid}";
        g.MapGet(sheet + "/pdf", (Guid id, Guid groupId, Guid sheetId, CaseDocuments d) => FileAsync(d, id, groupId, sheetId, CaseDocumentKind.Sheet))
            .ProducesFile(ApiDocumentation.Pdf).ProducesValidationProblem()
            .WithSummary("La fiche en PDF balisé, filigranée à votre nom avec la date et « Confidentiel — charte déontologique » (coordonnateur, référent) : journalisé.");

        g.MapGet(sheet + "/notice-letter", (Guid id, Guid groupId, Guid sheetId, CaseDocuments d) => FileAsync(d, id, groupId, sheetId, CaseDocumentKind.NoticeLetter))
            .ProducesFile(ApiDocumentation.Pdf).ProducesValidationProblem()
            .WithSummary("Le courrier d'information individuelle de la personne ou de ses représentants légaux, en PDF (coordonnateur, référent) : journalisé.");

        g.MapGet(sheet + "/export", (Guid id, Guid groupId, Guid sheetId, CaseDocuments d) => FileAsync(d, id, groupId, sheetId, CaseDocumentKind.AccessExport))
            .ProducesFile(ApiDocumentation.Pdf).ProducesValidationProblem()
            .WithSummary("Les données de la personne, sans celles des tiers, en réponse à une demande d'accès (PDF, coordonnateur) : journalisé.");

        g.MapGet(sheet + "/rights", async (Guid id, Guid groupId, Guid sheetId, CaseRights r) => Read(await r.ViewAsync(id, groupId, sheetId)))
            .WithSummary("Information de la personne et demandes d'exercice des droits, avec leurs échéances (coordonnateur, référent).");

        g.MapPut(sheet + "/notice", async (Guid id, Guid groupId, Guid sheetId, CaseNoticeInput input, CaseRights r) => Done(await r.RecordNoticeAsync(id, groupId, sheetId, input)))
            .WithSummary("Enregistre l'information individuelle (givenOn, means, recipient) ou, coordonnateur seulement, le motif d'une exception (exceptionMotive).")
            .ProducesValidationProblem();

        g.MapPost(sheet + "/rights-requests", async (Guid id, Guid groupId, Guid sheetId, CaseRightsRequestInput input, CaseRights r) =>
            Created(await r.AddRequestAsync(id, groupId, sheetId, input), _ => $"/api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/rights"))
            .WithSummary("Enregistre une demande d'exercice des droits (access, rectification, erasure, limitation, opposition) : échéance à un mois (coordonnateur).")
            .ProducesValidationProblem();

        g.MapPost(sheet + "/rights-requests/{requestId:guid}/extension", async (Guid id, Guid groupId, Guid sheetId, Guid requestId, CaseRightsExtensionInput input, CaseRights r) =>
            Done(await r.ExtendRequestAsync(id, groupId, sheetId, requestId, input)))
            .WithSummary("Prolonge de deux mois le délai de réponse, une fois, avec un motif (coordonnateur).").ProducesValidationProblem();

        g.MapPost(sheet + "/rights-requests/{requestId:guid}/answer", async (Guid id, Guid groupId, Guid sheetId, Guid requestId, CaseRightsAnswerInput input, CaseRights r) =>
            Done(await r.AnswerRequestAsync(id, groupId, sheetId, requestId, input)))
            .WithSummary("Enregistre la date de la réponse à une demande (coordonnateur).").ProducesValidationProblem();

        g.MapPost(sheet + "/rights-requests/{requestId:guid}/rectification", async (Guid id, Guid groupId, Guid sheetId, Guid requestId, CaseRectificationInput input, CaseRights r) =>
            Done(await r.RectifyAsync(id, groupId, sheetId, requestId, input)))
            .WithSummary("Applique une rectification accordée : identité, coordonnées, scolarité ou situation professionnelle, quartier tels que la personne les fait rectifier ; la demande est close (coordonnateur).")
            .ProducesValidationProblem();

        g.MapPost(sheet + "/rights-requests/{requestId:guid}/erasure", async (Guid id, Guid groupId, Guid sheetId, Guid requestId, CaseRights r) =>
            Read(await r.EraseAsync(id, groupId, sheetId, requestId)))
            .WithSummary("Applique un effacement accordé : la fiche et ce qui s'y rattache sont supprimés physiquement comme à la purge (ligne statistique anonyme, bordereau d'élimination), "
                + "sauf gel (obligation de conservation) : erased false et le motif, enregistré sur la demande (coordonnateur).")
            .ProducesValidationProblem();
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> FileAsync(CaseDocuments documents, Guid id, Guid groupId, Guid sheetId, CaseDocumentKind kind)
    {
        var r = await documents.BuildAsync(id, groupId, sheetId, kind);
        if (!r.Succeeded) return r.NotFound || r.Forbidden ? r.Refused() : r.Invalid();
        return TypedResults.File(r.Value!.Content, ApiDocumentation.Pdf, r.Value.FileName);
    }

    /// <summary>Retention, archives and the processing register (§1.6, A10).</summary>
    private static void MapRetention(RouteGroupBuilder g)
    {
        g.MapGet("/register", async (Guid id, CaseArchive a) => Read(await a.RegisterAsync(id)))
            .WithSummary("Registre des traitements (article 30 du RGPD) du suivi individuel et agrégats anonymes (cases de moins de 5 masquées : null).");

        g.MapGet("/{groupId:guid}/retention", async (Guid id, Guid groupId, CaseArchive a) => Read(await a.RetentionAsync(id, groupId)))
            .WithSummary("Conservation du dispositif : durées, fiches à purger (codes et dates), archives, bordereaux d'élimination (coordonnateur).");

        g.MapPut("/{groupId:guid}/retention", async (Guid id, Guid groupId, CaseRetentionInput input, CaseArchive a) => Done(await a.SetRetentionAsync(id, groupId, input)))
            .WithSummary("Durées de conservation : archivage après la fin du suivi (0 à 36 mois), situations non retenues (0 à 3 mois) (coordonnateur).").ProducesValidationProblem();

        g.MapPost("/{groupId:guid}/sheets/{sheetId:guid}/freeze", async (Guid id, Guid groupId, Guid sheetId, CaseFreezeInput input, CaseArchive a) =>
            Done(await a.FreezeAsync(id, groupId, sheetId, input)))
            .WithSummary("Gèle la purge d'une fiche (motif, fin dans 6 mois au plus, renouvelable) ; sans date de fin, lève le gel (coordonnateur).").ProducesValidationProblem();

        g.MapPost("/{groupId:guid}/sheets/{sheetId:guid}/archive-access", async (Guid id, Guid groupId, Guid sheetId, CaseArchiveAccessInput input, CaseArchive a) =>
            Created(await a.OpenArchiveAsync(id, groupId, sheetId, input), _ => $"/api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}"))
            .WithSummary("Ouvre une fiche archivée en lecture seule pour 24 heures, avec un motif (coordonnateur) : chaque consultation est journalisée.").ProducesValidationProblem();
    }

    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Read<T>(CommandResult<T> r) => r.ToOk(v => v);

    private static Results<NoContent, ValidationProblem, ProblemHttpResult> Done<T>(CommandResult<T> r) => r.ToNoContent();

    private static Results<Created<CreatedDto>, ValidationProblem, ProblemHttpResult> Created(CommandResult<Guid> r, Func<Guid, string> location) =>
        r.ToCreated(location);
}
