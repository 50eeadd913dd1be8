using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>The action plan under /api/v1/contracts/{id}/plan: same commands and rules as the pages.</summary>
public static class PlanApi
{
    public sealed record PlanDto(Guid ContractId, string ContractTitle, Progress Progress, IReadOnlyList<PlanRow> Items, IReadOnlyList<StatusView> Statuses);
    public sealed record ItemDto(PlanRow Summary, Domain.PlanItemKind Kind, string? ProblemObserved, string? Objectives, string? Description, string? TargetPublic,
        Guid? AreaId, string? AreaName, Guid? LeadOrganisationId, IReadOnlyList<Guid> PartnerIds, DateOnly? StartDate, DateOnly? EndDate, string? HumanMeans,
        string? MaterialMeans, string? FollowUpTools, string? YearlyReview, IReadOnlyList<CommitmentView> Commitments, IReadOnlyList<MilestoneView> Milestones,
        IReadOnlyList<BudgetLineView> Budget, IReadOnlyList<IndicatorView> Indicators, int Version, Guid? ContinuesItemId = null, Guid? ContinuesContractId = null);

    public sealed record PlanSourceOptionDto(string Code, string Label);
    public sealed record PlanIndicatorSourcesDto(IReadOnlyList<string> Kinds, IReadOnlyList<PlanSourceOptionDto> ObservatorySeries,
        IReadOnlyList<Shared.SurveyIndicatorChoice> SurveyIndicators, IReadOnlyList<PlanSourceOptionDto> IncidentGroups, IReadOnlyList<PlanSourceOptionDto> Areas);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts/{id:guid}/plan").RequireContract(Domain.ContractRole.Reader).WithTags("Plan d'action");

        g.MapGet("/", async Task<Results<Ok<PlanDto>, ProblemHttpResult>> (Guid id, PlanQueries queries) =>
            await queries.PlanAsync(id) is { } plan ? TypedResults.Ok(new PlanDto(plan.ContractId, plan.ContractTitle, plan.Progress, plan.Rows, plan.Statuses)) : NotFound())
            .WithSummary("Le plan d'action : arborescence numérotée, statut, pilote, avancement calculé (indicateurs : /indicators).");

        // Indicators and their values apart from the tree: with 400 indicators × 5 years they are most of the plan's
        // weight, and the tree is read far more often (docs/benchmarks.md, action plan).
        g.MapGet("/indicators", async Task<Results<Ok<IReadOnlyList<IndicatorView>>, ProblemHttpResult>> (Guid id, Guid? itemId, PlanQueries queries) =>
            await queries.ContractAsync(id) is null ? NotFound()
                : TypedResults.Ok(await queries.VisibleIndicatorsAsync(id, itemId)))
            .WithSummary("Indicateurs du plan et leurs valeurs saisies (itemId : ceux d'un élément, avec les séries de l'observatoire).");

        g.MapGet("/indicator-sources", async Task<Results<Ok<PlanIndicatorSourcesDto>, ProblemHttpResult>> (Guid id, PlanQueries queries, AppDbContext db,
            Shared.ISurveyIndicatorSource surveys, Shared.IIncivilityIndicatorSource incivilities) =>
            await queries.ContractAsync(id) is null ? NotFound()
                : TypedResults.Ok(new PlanIndicatorSourcesDto([.. Enum.GetNames<Domain.PlanIndicatorSourceKind>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)],
                    [.. Observatory.IndicatorCatalog.All.OrderBy(d => d.Order).Select(d => new PlanSourceOptionDto(d.Code, d.Label))],
                    await surveys.ChoicesAsync(id),
                    [.. incivilities.Groups.Select(g => new PlanSourceOptionDto(g.Key, g.Value))],
                    await db.Areas.AsNoTracking().Where(a => a.ContractId == id).OrderBy(a => a.Name).Select(a => new PlanSourceOptionDto(a.Id.ToString(), a.Name)).ToListAsync())))
            .WithSummary("Sources possibles des valeurs d'un indicateur (sourceKind) et leurs paramètres : séries de l'observatoire, indicateurs d'enquête (surveyId, surveyItem, surveyAnswer), groupes d'incivilités et sous-secteurs.");

        g.MapPost("/items", async (Guid id, PlanItemInput input, PlanItemCommands commands) =>
            Created(id, await commands.CreateItemAsync(id, input), r => $"items/{r}"))
            .WithSummary("Crée un axe, un objectif, une fiche action ou une sous-action (coordinateur).");

        g.MapGet("/items/{itemId:guid}", async Task<Results<Ok<ItemDto>, ProblemHttpResult>> (Guid id, Guid itemId, PlanQueries queries, Evaluation.PlanLineage lineage) =>
        {
            if (await queries.ItemAsync(id, itemId) is not { } d) return NotFound();
            var i = d.Item;
            // The action this one continues (previous generation), only when the reader may read it there.
            var continues = i.ContinuesItemId is null ? null : (await lineage.ForAsync(new Evaluation.PlanLineageKey(id, itemId))).Continues;
            return TypedResults.Ok(new ItemDto(d.Row, i.Kind, i.ProblemObserved, i.Objectives, i.Description, i.TargetPublic, i.AreaId, d.AreaName,
                i.LeadOrganisationId, d.Partners.Select(p => p.Id).ToList(), i.StartDate, i.EndDate, i.HumanMeans, i.MaterialMeans, i.FollowUpTools,
                i.YearlyReview, d.Commitments, d.Milestones, d.Budget, d.Indicators, i.Version, continues?.ItemId, continues?.ContractId));
        }).WithSummary("Une fiche : tous ses champs, engagements, jalons, budget et indicateurs (séries de l'observatoire comprises).")
            .WithDescription("continuesItemId / continuesContractId : la fiche de la génération précédente que celle-ci continue (renouvellement), " +
                "seulement si vous pouvez la lire dans ce contrat-là ; sinon null.");

        g.MapPut("/items/{itemId:guid}", async (Guid id, Guid itemId, PlanItemInput input, PlanItemCommands commands) =>
            Done(await commands.UpdateItemAsync(id, itemId, input))).WithSummary("Modifie un élément du plan (coordinateur).");
        g.MapPost("/items/{itemId:guid}/move", async (Guid id, Guid itemId, MoveInput input, PlanItemCommands commands) =>
            Done(await commands.MoveItemAsync(id, itemId, input))).WithSummary("Déplace un élément (nouveau parent, nouvelle position) ; la numérotation suit.");
        g.MapDelete("/items/{itemId:guid}", async (Guid id, Guid itemId, PlanItemCommands commands) =>
            Done(await commands.DeleteItemAsync(id, itemId))).WithSummary("Supprime un élément et tout ce qu'il contient (coordinateur).");

        g.MapGet("/items/{itemId:guid}/history", async Task<Results<Ok<IReadOnlyList<ChangeView>>, ProblemHttpResult>> (Guid id, Guid itemId, PlanQueries queries) =>
            await queries.HistoryAsync(id, itemId) is { } h ? TypedResults.Ok(h) : NotFound())
            .WithSummary("Historique d'une fiche : chaque champ modifié, avant/après, par qui et quand.");
        g.MapGet("/items/{itemId:guid}/comments", async Task<Results<Ok<IReadOnlyList<CommentView>>, ProblemHttpResult>> (Guid id, Guid itemId, PlanQueries queries) =>
            await queries.ItemAsync(id, itemId) is null ? NotFound() : TypedResults.Ok(await queries.CommentsAsync(id, itemId)))
            .WithSummary("Commentaires d'une fiche.");
        g.MapPost("/items/{itemId:guid}/comments", async (Guid id, Guid itemId, CommentInput input, PlanSettingsCommands commands) =>
            Created(id, await commands.AddCommentAsync(id, itemId, input), r => $"items/{itemId}/comments")).WithSummary("Ajoute un commentaire (membres sauf lecteurs).");

        g.MapPost("/items/{itemId:guid}/commitments", async (Guid id, Guid itemId, CommitmentInput input, CommitmentCommands commands) =>
            Created(id, await commands.SaveCommitmentAsync(id, itemId, null, input), r => $"items/{itemId}/commitments/{r}"))
            .WithSummary("Ajoute l'engagement d'un partenaire (coordinateur, ou membre de cette organisation).");
        g.MapPut("/items/{itemId:guid}/commitments/{commitmentId:guid}", async (Guid id, Guid itemId, Guid commitmentId, CommitmentInput input, CommitmentCommands commands) =>
            Done(await commands.SaveCommitmentAsync(id, itemId, commitmentId, input)))
            .WithSummary("Modifie un engagement : un membre partenaire ne modifie que ceux de son organisation.");
        g.MapDelete("/items/{itemId:guid}/commitments/{commitmentId:guid}", async (Guid id, Guid itemId, Guid commitmentId, CommitmentCommands commands) =>
            Done(await commands.DeleteCommitmentAsync(id, itemId, commitmentId))).WithSummary("Retire un engagement.");

        g.MapPost("/items/{itemId:guid}/milestones", async (Guid id, Guid itemId, MilestoneInput input, MilestoneCommands commands) =>
            Created(id, await commands.SaveMilestoneAsync(id, itemId, null, input), r => $"items/{itemId}/milestones/{r}")).WithSummary("Ajoute un jalon (coordinateur).");
        g.MapPut("/items/{itemId:guid}/milestones/{milestoneId:guid}", async (Guid id, Guid itemId, Guid milestoneId, MilestoneInput input, MilestoneCommands commands) =>
            Done(await commands.SaveMilestoneAsync(id, itemId, milestoneId, input))).WithSummary("Modifie un jalon (coordinateur).");
        g.MapPost("/items/{itemId:guid}/milestones/{milestoneId:guid}/done", async (Guid id, Guid itemId, Guid milestoneId, MilestoneDoneInput input, MilestoneCommands commands) =>
            Done(await commands.SetMilestoneDoneAsync(id, itemId, milestoneId, input.DoneOn, input.Version)))
            .WithSummary("Marque un jalon réalisé (date) ou le rouvre (date vide) : coordinateur ou membre de l'organisation responsable.");
        g.MapDelete("/items/{itemId:guid}/milestones/{milestoneId:guid}", async (Guid id, Guid itemId, Guid milestoneId, MilestoneCommands commands) =>
            Done(await commands.DeleteMilestoneAsync(id, itemId, milestoneId))).WithSummary("Supprime un jalon.");

        g.MapPost("/items/{itemId:guid}/budget", async (Guid id, Guid itemId, BudgetLineInput input, BudgetCommands commands) =>
            Created(id, await commands.SaveBudgetLineAsync(id, itemId, null, input), r => $"items/{itemId}/budget/{r}")).WithSummary("Ajoute une ligne de budget (euros).");
        g.MapPut("/items/{itemId:guid}/budget/{lineId:guid}", async (Guid id, Guid itemId, Guid lineId, BudgetLineInput input, BudgetCommands commands) =>
            Done(await commands.SaveBudgetLineAsync(id, itemId, lineId, input))).WithSummary("Modifie une ligne de budget.");
        g.MapDelete("/items/{itemId:guid}/budget/{lineId:guid}", async (Guid id, Guid itemId, Guid lineId, BudgetCommands commands) =>
            Done(await commands.DeleteBudgetLineAsync(id, itemId, lineId))).WithSummary("Supprime une ligne de budget.");

        g.MapPost("/items/{itemId:guid}/indicators", async (Guid id, Guid itemId, IndicatorInput input, IndicatorCommands commands) =>
            Created(id, await commands.SaveIndicatorAsync(id, itemId, null, input), r => $"items/{itemId}/indicators/{r}"))
            .WithSummary("Ajoute un indicateur ; sourceKind (manual, observatory, survey, incivilities) et ses paramètres disent d'où viennent ses valeurs, lues en direct (voir /indicator-sources).");
        g.MapPut("/items/{itemId:guid}/indicators/{indicatorId:guid}", async (Guid id, Guid itemId, Guid indicatorId, IndicatorInput input, IndicatorCommands commands) =>
            Done(await commands.SaveIndicatorAsync(id, itemId, indicatorId, input))).WithSummary("Modifie un indicateur.");
        g.MapDelete("/items/{itemId:guid}/indicators/{indicatorId:guid}", async (Guid id, Guid itemId, Guid indicatorId, IndicatorCommands commands) =>
            Done(await commands.DeleteIndicatorAsync(id, itemId, indicatorId))).WithSummary("Supprime un indicateur et ses valeurs.");
        g.MapPost("/items/{itemId:guid}/indicators/{indicatorId:guid}/values", async (Guid id, Guid itemId, Guid indicatorId, IndicatorValueInput input, IndicatorCommands commands) =>
            Created(id, await commands.SaveIndicatorValueAsync(id, itemId, indicatorId, input), r => $"items/{itemId}/indicators/{indicatorId}"))
            .WithSummary("Saisit (ou remplace) la valeur d'une période, avec sa provenance.");
        g.MapDelete("/items/{itemId:guid}/indicators/{indicatorId:guid}/values/{valueId:guid}", async (Guid id, Guid itemId, Guid indicatorId, Guid valueId, IndicatorCommands commands) =>
            Done(await commands.DeleteIndicatorValueAsync(id, itemId, indicatorId, valueId))).WithSummary("Supprime une valeur saisie.");

        g.MapGet("/organisations/{organisationId:guid}/commitments", async Task<Results<Ok<IReadOnlyList<PlanQueries.OrganisationCommitment>>, ProblemHttpResult>> (Guid id, Guid organisationId, PlanQueries queries) =>
            await queries.CommitmentsOfAsync(id, organisationId) is { } list ? TypedResults.Ok(list) : NotFound())
            .WithSummary("Ce à quoi une organisation s'est engagée, sur toutes les actions du plan.");
        g.MapGet("/partners", async Task<Results<Ok<IReadOnlyList<PlanQueries.PartnerProgress>>, ProblemHttpResult>> (Guid id, PlanQueries queries) =>
            await queries.ContractAsync(id) is null ? NotFound() : TypedResults.Ok(await queries.PartnerProgressAsync(id)))
            .WithSummary("Avancement par partenaire (moyenne pondérée de ses engagements).");
        g.MapGet("/export", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, string? format, PlanExport transfer, HttpContext http) =>
        {
            if (await transfer.RowsAsync(id) is not { } rows) return NotFound();
            await Infrastructure.ReadAuditExtensions.AuditReadAsync(http, Infrastructure.AuditKinds.ExportDownloaded, "Contract", id, id, new { what = "plan", format = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? "xlsx" : "csv", rows = rows.Count });
            return string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase)
                ? TypedResults.File(PlanExport.Xlsx(rows), ApiDocumentation.Xlsx, "plan-d-action.xlsx")
                : TypedResults.File(PlanExport.Csv(rows), "text/csv; charset=utf-8", "plan-d-action.csv");
        }).ProducesFile(ApiDocumentation.Csv, ApiDocumentation.Xlsx).WithSummary("Exporte tout le plan (format=csv ou xlsx) : le même format se réimporte.");

        g.MapPost("/import", async Task<Results<Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> (Guid id, IFormFile? file, PlanImport transfer) =>
        {
            if (file is null || file.Length == 0) return ApiErrors.Field("file", "Joignez un fichier CSV ou XLSX (champ multipart « file »).");
            var xlsx = file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms);
            var r = await transfer.ImportAsync(id, ms.ToArray(), xlsx);
            if (!r.Succeeded) return r.NotFound || r.Forbidden ? r.Refused() : r.Invalid();
            var report = r.Value!;
            if (report.Succeeded) return TypedResults.Ok(report);
            var errors = report.Errors.GroupBy(e => $"ligne {e.Line} : {e.Column}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return TypedResults.ValidationProblem(errors, title: "Import refusé : rien n'a été importé",
                detail: $"{report.Errors.Count} erreur(s) dans le fichier ; corrigez-les et réimportez.");
        }).DisableAntiforgery() // token-authenticated API: no cookie, so no cross-site request forgery
            .WithSummary("Importe un plan (CSV ou XLSX du format d'export) : mise à jour par référence, tout ou rien, erreurs par ligne.");

        g.MapPut("/items/{itemId:guid}/visibility", async (Guid id, Guid itemId, VisibilityInput input, Shared.Declassification d) =>
            Done(await d.SetPlanItemVisibilityAsync(id, itemId, input)))
            .WithSummary("Change la visibilité d'un élément (public, members, restricted). L'abaisser est une déclassification : confirm=true, par un coordinateur membre du contrat ou un membre de l'instance d'origine ; journalisée.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        g.MapPut("/settings", async (Guid id, PlanSettingsInput input, PlanSettingsCommands commands) =>
            Done(await commands.SaveSettingsAsync(id, input))).WithSummary("Réglages du plan : publication du budget, délai des rappels.");
    }

    private static Results<NoContent, ValidationProblem, ProblemHttpResult> Done<T>(CommandResult<T> r) => r.ToNoContent();

    private static Results<Created<CreatedDto>, ValidationProblem, ProblemHttpResult> Created(Guid contractId, CommandResult<Guid> r, Func<Guid, string> path) =>
        r.ToCreated(v => $"/api/v1/contracts/{contractId}/plan/{path(v)}");

    private static ProblemHttpResult NotFound() => ApiErrors.NotFound("Ce plan ou cet élément n'existe pas, ou vous n'y avez pas accès.");
}
