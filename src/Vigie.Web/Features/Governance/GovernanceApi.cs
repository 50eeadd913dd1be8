using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Governance;

/// <summary>Bodies, meetings, outcomes and tasks under /api/v1 (issue #5).</summary>
public static class GovernanceApi
{
    public sealed record SentCountDto(int Count);
    public sealed record MeetingDto(MeetingSummary Meeting, bool ContentVisible, string? Minutes, string? MinutesHtml, IReadOnlyList<AgendaItemView> Agenda,
        IReadOnlyList<AttendanceView> Attendance, IReadOnlyList<TaskView> CarriedOverTasks, IReadOnlyList<TaskView> TasksAgreed);

    private const string Missing = "Ce contrat ou cet élément n'existe pas, ou vous n'y avez pas accès.";

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts/{id:guid}").RequireContract(Domain.ContractRole.Reader).WithTags("Gouvernance");

        g.MapGet("/bodies", async Task<Results<Ok<IReadOnlyList<BodySummary>>, ProblemHttpResult>> (Guid id, GovernanceQueries q) =>
            await q.BodiesAsync(id) is { } list ? TypedResults.Ok(list) : ApiErrors.NotFound(Missing))
            .WithSummary("Instances du contrat (plénière, cellule de veille, GLTD…).");

        g.MapGet("/bodies/{bodyId:guid}", async Task<Results<Ok<BodyDetail>, ProblemHttpResult>> (Guid id, Guid bodyId, GovernanceQueries q) =>
            await q.BodyAsync(id, bodyId) is { } b ? TypedResults.Ok(b) : ApiErrors.NotFound(Missing))
            .WithSummary("Une instance et ses membres datés.");

        g.MapPost("/bodies", async (Guid id, BodyInput input, GovernanceCommands c) => Created(await c.SaveBodyAsync(id, null, input), r => $"/api/v1/contracts/{id}/bodies/{r}"))
            .WithSummary("Crée une instance (coordinateur).");

        g.MapPut("/bodies/{bodyId:guid}", async (Guid id, Guid bodyId, BodyInput input, GovernanceCommands c) => Done(await c.SaveBodyAsync(id, bodyId, input)))
            .WithSummary("Modifie une instance (coordinateur).");

        g.MapPost("/bodies/{bodyId:guid}/members", async (Guid id, Guid bodyId, MembershipInput input, GovernanceCommands c) =>
            Created(await c.AddMembershipAsync(id, bodyId, input), r => $"/api/v1/contracts/{id}/bodies/{bodyId}"))
            .WithSummary("Ajoute un membre daté (partenaire, contact et/ou compte) à une instance.");

        g.MapPost("/bodies/members/{seatId:guid}/end", async (Guid id, Guid seatId, DateOnly? on, GovernanceCommands c) => Done(await c.EndMembershipAsync(id, seatId, on)))
            .WithSummary("Met fin à un mandat à une date (aujourd'hui par défaut) ; l'historique est conservé.");

        g.MapGet("/meetings", async Task<Results<Ok<IReadOnlyList<MeetingSummary>>, ProblemHttpResult>> (Guid id, DateOnly? from, DateOnly? to, Guid? bodyId, GovernanceQueries q) =>
            await q.MeetingsAsync(id, from is { } f ? Recurrence.ParisToUtc(f, TimeOnly.MinValue) : null, to is { } t ? Recurrence.ParisToUtc(t.AddDays(1), TimeOnly.MinValue) : null, bodyId) is { } list
                ? TypedResults.Ok(list) : ApiErrors.NotFound(Missing))
            .WithSummary("Réunions du contrat (dates, lieux, statut), filtrables par période et instance.");

        g.MapPost("/meetings", async (Guid id, MeetingInput input, GovernanceCommands c) => Created(await c.CreateMeetingAsync(id, input), r => $"/api/v1/contracts/{id}/meetings/{r}"))
            .WithSummary("Crée une réunion ponctuelle (date, heures de Paris, lieu).");

        g.MapPost("/meetings/series", async (Guid id, SeriesInput input, GovernanceCommands c) => Created(await c.CreateSeriesAsync(id, input), r => $"/api/v1/contracts/{id}/meetings"))
            .WithSummary("Crée une série récurrente (mensuelle : n-ième jour du mois ; hebdomadaire) et ses réunions.");

        g.MapGet("/meetings/search", async Task<Results<Ok<IReadOnlyList<SearchHit>>, ProblemHttpResult>> (Guid id, string? q, GovernanceQueries queries, HttpContext http) =>
            await queries.SearchAsync(id, q) is { } hits ? await Audited(http, AuditKinds.MeetingSearched, "Contract", id, id, new { results = hits.Count, length = (q ?? "").Trim().Length }, TypedResults.Ok(hits)) : ApiErrors.NotFound(Missing))
            .WithSummary("Recherche dans les intitulés, ordres du jour, suites et comptes rendus visibles.");

        g.MapGet("/meetings/{meetingId:guid}", async Task<Results<Ok<MeetingDto>, ProblemHttpResult>> (Guid id, Guid meetingId, GovernanceQueries q, HttpContext http) =>
        {
            if (await q.MeetingAsync(id, meetingId) is not { } m) return ApiErrors.NotFound(Missing);
            if (m.ContentVisible && m.Meeting.Visibility == Domain.MinutesVisibility.Restricted) await http.AuditReadAsync(AuditKinds.RestrictedMeetingRead, "Meeting", meetingId, id);
            return TypedResults.Ok(new MeetingDto(m.Meeting, m.ContentVisible, m.Minutes, m.Minutes is null ? null : MinutesMarkdown.ToHtml(m.Minutes, 0),
                m.Agenda, m.Attendance, m.CarriedOverTasks, m.TasksAgreed));
        }).WithSummary("Une réunion : ordre du jour, présences, compte rendu (Markdown et HTML assaini), suites. Contenu vide si restreint et non membre.");

        g.MapPost("/meetings/{meetingId:guid}/status", async (Guid id, Guid meetingId, MeetingStatusInput input, GovernanceCommands c) => Done(await c.SetStatusAsync(id, meetingId, input.Status!.Value)))
            .WithSummary("Change le statut : planned, convened, held, cancelled.")
            .WithDescription("Annuler (cancelled) une réunion déjà convoquée envoie aux convoqués une annulation iCalendar (METHOD:CANCEL, même UID, SEQUENCE suivante).");

        g.MapPut("/meetings/{meetingId:guid}", async (Guid id, Guid meetingId, MeetingScheduleInput input, GovernanceCommands c) =>
            (await c.RescheduleMeetingAsync(id, meetingId, input)).ToOk(n => new SentCountDto(n)))
            .WithSummary("Modifie l'intitulé, la date, les heures (HH:mm, heure de Paris) ou le lieu d'une réunion.")
            .WithDescription("Si la réunion a déjà été convoquée et que quelque chose change, les convoqués reçoivent l'invitation mise à jour (METHOD:REQUEST, même UID, SEQUENCE suivante) ; la réponse donne le nombre de destinataires (0 sinon). Réservé au coordinateur.");

        g.MapPost("/meetings/{meetingId:guid}/agenda", async (Guid id, Guid meetingId, AgendaItemInput input, GovernanceCommands c) =>
            Created(await c.AddAgendaItemAsync(id, meetingId, input), r => $"/api/v1/contracts/{id}/meetings/{meetingId}"))
            .WithSummary("Ajoute un point à l'ordre du jour (durée, intervenant, liens vers action, indicateur, incident).");

        g.MapDelete("/meetings/{meetingId:guid}/agenda/{itemId:guid}", async (Guid id, Guid meetingId, Guid itemId, GovernanceCommands c) => Done(await c.RemoveAgendaItemAsync(id, meetingId, itemId)))
            .WithSummary("Retire un point sans suite de l'ordre du jour.");

        g.MapPost("/meetings/{meetingId:guid}/attendance", async (Guid id, Guid meetingId, AttendanceInput input, GovernanceCommands c) => Done(await c.RecordAttendanceAsync(id, meetingId, input)))
            .WithSummary("Enregistre la présence d'un partenaire : present, excused, represented, absent.");

        g.MapPut("/meetings/{meetingId:guid}/minutes", async (Guid id, Guid meetingId, MinutesInput input, GovernanceCommands c) => Done(await c.SaveMinutesAsync(id, meetingId, input)))
            .WithSummary("Enregistre le compte rendu (Markdown) et sa visibilité : public, members, restricted.");

        g.MapPost("/meetings/{meetingId:guid}/outcomes", async (Guid id, Guid meetingId, OutcomeInput input, GovernanceCommands c) =>
            Created(await c.AddOutcomeAsync(id, meetingId, input), r => $"/api/v1/contracts/{id}/meetings/{meetingId}"))
            .WithSummary("Enregistre une suite d'un point : information, décision ou tâche (responsable, échéance).");

        g.MapPost("/meetings/{meetingId:guid}/convocation", async (Guid id, Guid meetingId, ConvocationSender c, Infrastructure.PublicLinks links) =>
            (await c.ConveneAsync(id, meetingId, links.BaseUrl)).ToOk(n => new SentCountDto(n))).WithSummary("Envoie la convocation par courriel avec l'invitation iCalendar aux membres actuels de l'instance.");

        g.MapGet("/meetings/{meetingId:guid}/packs/{kind}", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (Guid id, Guid meetingId, string kind, MeetingPacks packs, HttpContext http) =>
        {
            if (ParsePack(kind) is not { } k) return ApiErrors.Field("kind", "Le dossier demandé est « before » (préparatoire) ou « after » (relevé des engagements).");
            var r = await packs.BuildAsync(id, meetingId, k);
            if (!r.Succeeded) return r.NotFound || r.Forbidden ? r.Refused() : r.Invalid();
            await http.AuditReadAsync(AuditKinds.MeetingPackDownloaded, "Meeting", meetingId, id, new { kind = k.ToString() });
            return TypedResults.File(r.Value!.Content, ApiDocumentation.Pdf, r.Value.FileName);
        }).ProducesFile(ApiDocumentation.Pdf).WithSummary("Dossier de réunion en PDF : before (tâches et jalons en retard, indicateurs, points ouverts) ou after (relevé des engagements).");

        g.MapPost("/meetings/{meetingId:guid}/packs/{kind}/send", async (Guid id, Guid meetingId, string kind, MeetingPacks packs) =>
            ParsePack(kind) is not { } k
                ? CommandResult<int>.Invalid("kind", "Le dossier demandé est « before » (préparatoire) ou « after » (relevé des engagements).").ToOk(n => new SentCountDto(n))
                : (await packs.SendAsync(id, meetingId, k)).ToOk(n => new SentCountDto(n))).WithSummary("Envoie le dossier de réunion (PDF joint) aux membres actuels de l'instance.");

        g.MapGet("/tasks", async Task<Results<Ok<IReadOnlyList<TaskView>>, ProblemHttpResult>> (Guid id, bool? open, GovernanceQueries q) =>
            await q.TasksAsync(id, open ?? false) is { } list ? TypedResults.Ok(list) : ApiErrors.NotFound(Missing))
            .WithSummary("Tâches de suivi du contrat visibles par vous.");

        g.MapPut("/tasks/{taskId:guid}", async (Guid id, Guid taskId, TaskUpdateInput input, GovernanceCommands c) => Done(await c.UpdateTaskAsync(id, taskId, input)))
            .WithSummary("Met à jour une tâche (statut, avancement) : coordinateur ou responsable de la tâche.");

        g.MapPut("/tasks/{taskId:guid}/visibility", async (Guid id, Guid taskId, VisibilityInput input, Declassification d) => Done(await d.SetTaskVisibilityAsync(id, taskId, input)))
            .WithSummary("Change la visibilité d'une tâche (public, members, restricted). L'abaisser est une déclassification : confirm=true, par un coordinateur membre du contrat ou un membre de l'instance ; journalisée.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/me/tasks", async (bool? open, GovernanceQueries q) => TypedResults.Ok(await q.MyTasksAsync(open ?? true)))
            .WithTags("Gouvernance").WithSummary("Mes tâches : celles dont vous ou votre organisation êtes responsables, tous contrats confondus.");
    }

    /// <summary>The anonymous iCalendar feed (the secret in the URL is the credential).</summary>
    public static void MapFeed(IEndpointRouteBuilder app) =>
        app.MapGet("/calendrier/{secret}.ics", async (string secret, CalendarFeedService feeds, Infrastructure.PublicLinks links) =>
            await feeds.FeedAsync(secret, links.BaseUrl) is { } ics
                ? Results.Text(ics, ICalendar.ContentType)
                : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(Infrastructure.RateLimits.Api).WithName(CalendarFeedService.FeedEndpoint);

    private static async Task<T> Audited<T>(HttpContext http, string kind, string entityType, Guid entityId, Guid contractId, object data, T result)
    {
        await http.AuditReadAsync(kind, entityType, entityId, contractId, data);
        return result;
    }

    public static PackKind? ParsePack(string? kind) => kind?.ToLowerInvariant() switch
    {
        "before" or "avant" => PackKind.Before,
        "after" or "apres" => PackKind.After,
        _ => null,
    };

    private static Results<NoContent, ValidationProblem, ProblemHttpResult> Done<T>(CommandResult<T> r) => r.ToNoContent();

    private static Results<Created<CreatedDto>, ValidationProblem, ProblemHttpResult> Created(CommandResult<Guid> r, Func<Guid, string> location) =>
        r.ToCreated(location);
}
