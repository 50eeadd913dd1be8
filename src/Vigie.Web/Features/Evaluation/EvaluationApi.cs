using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Evaluation;

/// <summary>Evaluations of a contract under /api/v1/contracts/{id}/evaluations: mandate, ratings, judgements, recommendations, report and PDF.</summary>
public static class EvaluationApi
{
    private const string Missing = "Cette évaluation n'existe pas ou vous n'y avez pas accès.";

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts/{id:guid}/evaluations").RequireContract(ContractRole.Reader).WithTags("Évaluation");

        g.MapGet("/", async Task<Results<Ok<IReadOnlyList<EvaluationSummary>>, ProblemHttpResult>> (Guid id, EvaluationQueries q) =>
            await q.ListAsync(id) is { } list ? TypedResults.Ok(list) : ApiErrors.NotFound(Missing))
            .WithSummary("Évaluations et bilans annuels du contrat.");

        g.MapPost("/", async (Guid id, EvaluationInput input, EvaluationCommands c) =>
            (await c.SaveAsync(id, null, input)).ToCreated(e => $"/api/v1/contracts/{id}/evaluations/{e}"))
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Ouvre une évaluation (fin de contrat ou bilan annuel) avec son mandat : commanditaire, instance, approbation du conseil municipal.");

        g.MapPut("/{evaluationId:guid}", async (Guid id, Guid evaluationId, EvaluationInput input, EvaluationCommands c) =>
            (await c.SaveAsync(id, evaluationId, input)).ToNoContent())
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Modifie une évaluation en brouillon (période, mandat, conclusion).");

        g.MapGet("/{evaluationId:guid}", async Task<Results<Ok<EvaluationReportView>, ProblemHttpResult>> (Guid id, Guid evaluationId, EvaluationQueries q, HttpContext http) =>
        {
            if (await q.ReportAsync(id, evaluationId, http.RequestAborted) is not { } r) return ApiErrors.NotFound(Missing);
            await EvaluationPages.AuditReportReadAsync(http, r, "api");
            return TypedResults.Ok(r);
        }).WithSummary("Le rapport calculé : objectifs atteints ou non par fiche et par axe, chaîne d'indicateurs, jalons, budget par financeur, gouvernance, critères, recommandations, sections.");

        g.MapGet("/{evaluationId:guid}/pdf", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, Guid evaluationId, EvaluationQueries q, HttpContext http) =>
        {
            if (await q.ReportAsync(id, evaluationId, http.RequestAborted) is not { } r) return ApiErrors.NotFound(Missing);
            await EvaluationPages.AuditReportReadAsync(http, r, "pdf");
            return TypedResults.File(EvaluationPdf.Render(r), "application/pdf", $"evaluation-v{r.Evaluation.ReportVersion}.pdf");
        }).ProducesFile(ApiDocumentation.Pdf).WithSummary("Le rapport d'évaluation en PDF balisé (membres du contrat).");

        g.MapGet("/{evaluationId:guid}/versions", async Task<Results<Ok<IReadOnlyList<EvaluationReportVersionDto>>, ProblemHttpResult>> (Guid id, Guid evaluationId, EvaluationQueries q, HttpContext http) =>
            await q.VersionsAsync(id, evaluationId, http.RequestAborted) is { } list ? TypedResults.Ok(list) : ApiErrors.NotFound(Missing))
            .WithSummary("Les versions du rapport figées à chaque validation par la formation restreinte : qui, quelle instance et séance, dates, empreinte SHA-256.");

        g.MapGet("/{evaluationId:guid}/versions/{number:int}", async Task<Results<Ok<EvaluationReportView>, ProblemHttpResult>> (Guid id, Guid evaluationId, int number, EvaluationQueries q, HttpContext http) =>
        {
            if (await q.VersionAsync(id, evaluationId, number, http.RequestAborted) is not { } r) return ApiErrors.NotFound("Cette version du rapport n'existe pas ou vous n'y avez pas accès.");
            await EvaluationPages.AuditReportReadAsync(http, r, "version");
            return TypedResults.Ok(r);
        }).WithSummary("Une version figée du rapport, telle que validée (les chiffres ne suivent plus les données vivantes).");

        g.MapGet("/{evaluationId:guid}/versions/compare", async Task<Results<Ok<EvaluationVersionComparison>, ValidationProblem, ProblemHttpResult>> (Guid id, Guid evaluationId,
            string? from, string? to, EvaluationQueries q, HttpContext http) =>
        {
            // A missing or unreadable number is bad input (400 naming it); a version that does not exist is a 404.
            var errors = new ErrorBag();
            var (a, b) = (VersionNumber(errors, "from", from, "de départ"), VersionNumber(errors, "to", to, "d'arrivée"));
            if (errors.Any) return TypedResults.ValidationProblem(errors.Errors, title: "Données invalides", detail: errors.Errors.Values.First()[0]);
            if (await q.CompareAsync(id, evaluationId, a, b, http.RequestAborted) is not { } c)
                return ApiErrors.NotFound("Cette version du rapport n'existe pas ou vous n'y avez pas accès (paramètres from et to : deux versions validées).");
            await EvaluationPages.AuditReportReadAsync(http, c.Read, "compare");
            return TypedResults.Ok(c.Comparison);
        })
            .WithSummary("Compare deux versions figées du rapport : les chiffres et textes qui ont changé, partie par partie.")
            .WithDescription("from et to (obligatoires) : numéros de deux versions validées du rapport, entiers supérieurs ou égaux à 1 (voir …/versions). "
                + "Absent ou illisible : 400 nommant le paramètre ; version inexistante : 404.");

        g.MapPost("/{evaluationId:guid}/ratings", async (Guid id, Guid evaluationId, EvaluationRatingInput input, EvaluationCommands c) =>
            (await c.AddRatingAsync(id, evaluationId, input)).ToCreated(_ => $"/api/v1/contracts/{id}/evaluations/{evaluationId}"))
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Ajoute une question évaluative et son appréciation pour un critère (pertinence, cohérence, efficacité, efficience, impact, durabilité).");

        g.MapPost("/{evaluationId:guid}/judgements", async (Guid id, Guid evaluationId, EvaluationJudgementInput input, EvaluationCommands c) =>
            (await c.JudgeAsync(id, evaluationId, input)).ToCreated(_ => $"/api/v1/contracts/{id}/evaluations/{evaluationId}"))
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Écrit l'appréciation (atteint, partiellement, non atteint) d'une fiche action sans cible chiffrée.");

        g.MapPost("/{evaluationId:guid}/recommendations", async (Guid id, Guid evaluationId, EvaluationRecommendationInput input, EvaluationCommands c) =>
            (await c.AddRecommendationAsync(id, evaluationId, input)).ToCreated(_ => $"/api/v1/contracts/{id}/evaluations/{evaluationId}"))
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Ajoute une recommandation (porteur, priorité) ; au renouvellement elle peut devenir une fiche action brouillon.");

        g.MapDelete("/{evaluationId:guid}/ratings/{ratingId:guid}", async (Guid id, Guid evaluationId, Guid ratingId, EvaluationCommands c) =>
            (await c.DeleteRatingAsync(id, evaluationId, ratingId)).ToNoContent())
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Retire une appréciation d'une évaluation en brouillon (refusé une fois le rapport validé : rouvrez-le).");

        g.MapDelete("/{evaluationId:guid}/judgements/{itemId:guid}", async (Guid id, Guid evaluationId, Guid itemId, EvaluationCommands c) =>
            (await c.DeleteJudgementAsync(id, evaluationId, itemId)).ToNoContent())
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Retire l'appréciation écrite d'une fiche action d'une évaluation en brouillon (un nouvel envoi la remplace).");

        g.MapDelete("/{evaluationId:guid}/recommendations/{recommendationId:guid}", async (Guid id, Guid evaluationId, Guid recommendationId, EvaluationCommands c) =>
            (await c.DeleteRecommendationAsync(id, evaluationId, recommendationId)).ToNoContent())
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Retire une recommandation d'une évaluation en brouillon, sauf si elle est déjà devenue une fiche action brouillon.");

        g.MapPost("/{evaluationId:guid}/recommendations/{recommendationId:guid}/draft-action", async (Guid id, Guid evaluationId, Guid recommendationId,
                RecommendationDraftInput input, RecommendationDrafts drafts) =>
            (await drafts.DraftActionAsync(id, evaluationId, recommendationId, input)).ToOk(v => v))
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Crée la fiche action brouillon d'une recommandation dans le contrat suivant (ou dans celui-ci au choix), une seule fois : un nouvel appel renvoie la fiche déjà créée.");

        g.MapPost("/{evaluationId:guid}/status", async (Guid id, Guid evaluationId, EvaluationStatusInput input, EvaluationCommands c) =>
            (await c.ChangeStatusAsync(id, evaluationId, input)).ToNoContent())
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Fait avancer le rapport : brouillon → validé par la formation restreinte → présenté en plénière (public) ; le retour au brouillon crée une nouvelle version.")
            .WithDescription("meetingId est obligatoire pour valider ou présenter : une séance tenue de la formation restreinte (validation) ou plénière "
                + "(présentation) du conseil de ce contrat ; inutile pour rouvrir. La date (on) est par défaut le jour de cette séance ; "
                + "une présentation antérieure à la validation est refusée.");
    }

    /// <summary>A version number of the compare query: a whole number ≥ 1; otherwise a French error naming the parameter (0 returned).</summary>
    private static int VersionNumber(ErrorBag errors, string parameter, string? value, string which)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add(parameter, $"Paramètre {parameter} : indiquez le numéro de la version {which} (un entier, par exemple 1).");
        else if (int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1) return n;
        else errors.Add(parameter, $"Paramètre {parameter} : « {(value.Length <= 20 ? value : value[..20] + "…")} » n'est pas un numéro de version (un entier supérieur ou égal à 1).");
        return 0;
    }
}
