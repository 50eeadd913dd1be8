using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Survey;

/// <summary>Surveys, waves, response imports and weighted results under /api/v1 (issue 12).</summary>
public static class SurveyApi
{
    public sealed record SurveyWaveDto(Guid Id, int Number, string Code, string Title, DateOnly FieldStart, DateOnly FieldEnd, string Status, bool Online,
        DateTimeOffset? PublishedAt, int Responses);
    public sealed record SurveyDto(Guid Id, string Title, IReadOnlyList<SurveyWaveDto> Waves);
    public sealed record SurveyResultDto(string Zone, string ZoneName, string Item, string Question, string Aggregate, double? Share, double? Low, double? High,
        int Base, double NEff, string Status, double? NationalAnchor, string? NationalAnchorSource);
    public sealed record SurveyQuartierWeightsDto(string Code, string Name, int Respondents, double MinWeight, double MaxWeight, double Deff, double NEff);
    public sealed record SurveyResultsDto(Guid WaveId, string Wave, int Respondents, string Weighting, bool Converged, bool WeightsWithinBounds,
        string Caveat, IReadOnlyList<SurveyQuartierWeightsDto> Quartiers, IReadOnlyList<SurveyResultDto> Results);
    public sealed record SurveyImportAcceptedDto(Guid Id, string StatusPage);

    public sealed class SurveyCreateInput : IValidatableInput
    {
        [Required(ErrorMessage = "Le titre de l'enquête est obligatoire.")]
        [StringLength(SurveyCommands.TitleMax, ErrorMessage = "Le titre ne doit pas dépasser 200 caractères.")]
        public string? Title { get; init; }
    }

    /// <summary>One response of the JSON import shape (specs §2.7), typed in by an agent: mode, date, quartier and the coded answers.</summary>
    public sealed class SurveyEntryInput
    {
        [System.Text.Json.Serialization.JsonPropertyName("collecte_mode")] public string? Mode { get; init; }
        [System.Text.Json.Serialization.JsonPropertyName("date_collecte")] public string? CollectedOn { get; init; }
        public string? Quartier { get; init; }
        /// <summary>Codes by item ({"A1":1,"A2":1980,"B6":[1,3],"C1a":2 …}); a multiple choice as the list of its chosen options.</summary>
        public Dictionary<string, System.Text.Json.JsonElement>? Answers { get; init; }
        /// <summary>Corrections only: the response's version read from the list (ADR 0019); a stale one answers 409 and changes nothing.</summary>
        public int? Version { get; init; }
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts/{id:guid}").WithTags("Enquêtes").RequireContract(ContractRole.Reader);
        g.MapGet("/surveys", List).WithSummary("Enquêtes de tranquillité publique du contrat et leurs vagues.");
        g.MapPost("/surveys", Create).WithSummary("Crée une enquête avec le questionnaire par défaut (22 items, spécifications §2.3).")
            .WithDescription("Réservé aux coordinateurs du contrat.");
        g.MapGet("/survey-waves/{waveId:guid}/results", GetResults)
            .WithSummary("Résultats pondérés d'une vague : parts, intervalles de Wilson sur l'effectif efficace, bases brutes, statut (ok, prudence, masque).")
            .WithDescription("Proportions entre 0 et 1. Réponses incomplètes exclues ; les réponses en texte libre ne figurent jamais ici.");
        g.MapGet("/survey-waves/{waveId:guid}/comparison", GetComparison)
            .WithSummary("Compare deux vagues d'une enquête (T0 et T1, paramètre with) : les deux intervalles et l'écart en points de chaque indicateur.")
            .WithDescription("« significant » vaut vrai seulement si les deux parts sont publiées et que leurs intervalles à 95 % (Wilson sur l'effectif efficace) sont disjoints.");
        g.MapPost("/survey-waves/{waveId:guid}/responses", Import)
            .WithSummary("Dépose un fichier de réponses (CSV UTF-8 « ; » ou JSON, spécifications §2.7) ; l'import s'exécute en tâche de fond, tout ou rien.")
            .WithDescription("Réservé aux coordinateurs du contrat. Multipart : champ file. Réponse 202 avec l'identifiant de l'import et sa page de suivi.")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");
        g.MapPost("/survey-waves/{waveId:guid}/entries", Enter)
            .WithSummary("Saisit un questionnaire papier ou téléphone dans une vague ouverte (une réponse au format JSON des spécifications §2.7, sans resp_id).")
            .WithDescription("Réservé aux membres du contrat ayant des droits d'écriture. collecte_mode : PAPIER, TEL ou FACE ; date_collecte AAAA-MM-JJ dans la période de terrain. "
                + "Mêmes règles que l'import ; un code d'item inconnu est refusé ; 400 en cas d'erreur, rien n'est enregistré.");
        SurveyWaveApi.Map(g);
        SurveyCensusApi.Map(g);
    }

    private static async Task<Results<Created<CreatedDto>, ValidationProblem, ProblemHttpResult>> Enter(Guid id, Guid waveId, SurveyEntryInput input,
        SurveyAgentEntry entry)
    {
        var values = EntryValues(input);
        var r = await entry.RecordAsync(id, waveId, input.Mode, input.CollectedOn, code => values.TryGetValue(code, out var v) ? v : null, values.Keys);
        return r.ToCreated(_ => $"/api/v1/contracts/{id}/survey-waves/{waveId}/results");
    }

    /// <summary>An entry's answers as the form's values by column code (a multiple choice's options as B6_1 = 1 …).</summary>
    internal static Dictionary<string, string?> EntryValues(SurveyEntryInput input)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["quartier"] = input.Quartier };
        foreach (var (code, value) in input.Answers ?? [])
        {
            if (value.ValueKind == System.Text.Json.JsonValueKind.Array)
                foreach (var option in value.EnumerateArray()) values[$"{code}_{option}"] = "1";
            else values[code] = value.ToString();
        }
        return values;
    }

    private static async Task<Ok<IReadOnlyList<SurveyDto>>> List(Guid id, SurveyQueries queries) =>
        TypedResults.Ok<IReadOnlyList<SurveyDto>>([.. (await queries.SurveysAsync(id)).Select(s => new SurveyDto(s.Id, s.Title, [.. s.Waves.Select(ToDto)]))]);

    internal static SurveyWaveDto ToDto(SurveyWaveListItem w) =>
        new(w.Id, w.Number, w.Code, w.Title, w.FieldStart, w.FieldEnd, w.Status.ToString(), w.Online, w.PublishedAt, w.Responses);

    private static async Task<Results<Created<CreatedDto>, ValidationProblem, ProblemHttpResult>> Create(Guid id, SurveyCreateInput input, SurveyCommands commands) =>
        (await commands.CreateSurveyAsync(id, input.Title)).ToCreated(s => $"/api/v1/contracts/{id}/surveys");

    private static async Task<Results<Ok<SurveyResultsDto>, ProblemHttpResult>> GetResults(Guid id, Guid waveId, SurveyQueries queries)
    {
        if (await queries.WaveAsync(id, waveId) is not { } wave) return ApiErrors.NotFound("Cette vague n'existe pas ou vous n'y avez pas accès.");
        var r = await queries.ResultsAsync(waveId);
        return TypedResults.Ok(new SurveyResultsDto(waveId, wave.Wave.Code, r.Respondents, r.Weighting.Method, r.Weighting.Converged, r.Weighting.WithinBounds,
            SurveyLabels.Caveat,
            [.. r.Quartiers.Select(q => new SurveyQuartierWeightsDto(q.Code, q.Name, q.N, q.MinWeight, q.MaxWeight, double.IsNaN(q.Deff) ? 0 : q.Deff, q.NEff))],
            [.. r.Rows.Select(x => new SurveyResultDto(x.Zone.Code, x.Zone.Name, x.Indicator.Item, x.Indicator.Question, x.Indicator.Aggregate, x.Estimate.Share,
                x.Estimate.Low, x.Estimate.High, x.Estimate.N, x.Estimate.NEff, SurveyLabels.StatusCode(x.Estimate.Status), x.Indicator.Anchor, x.Indicator.AnchorSource))]));
    }

    public sealed record SurveyComparisonDto(string Zone, string ZoneName, string Item, string Question, string Aggregate, double? ShareBefore, double? LowBefore,
        double? HighBefore, string StatusBefore, double? ShareAfter, double? LowAfter, double? HighAfter, string StatusAfter, double? DifferencePoints, bool Significant);
    public sealed record SurveyWaveComparisonDto(Guid BeforeWaveId, string Before, Guid AfterWaveId, string After, string Caveat, IReadOnlyList<SurveyComparisonDto> Rows);

    private static async Task<Results<Ok<SurveyWaveComparisonDto>, ProblemHttpResult>> GetComparison(Guid id, Guid waveId, Guid? with, SurveyQueries queries)
    {
        if (with is not { } other || await queries.CompareAsync(id, waveId, other) is not { } c)
            return ApiErrors.NotFound("Indiquez (with) une autre vague de la même enquête, à laquelle vous avez accès.");
        return TypedResults.Ok(new SurveyWaveComparisonDto(c.Before.Wave.Id, c.Before.Wave.Code, c.After.Wave.Id, c.After.Wave.Code, SurveyLabels.Caveat,
            [.. c.Rows.Select(r => new SurveyComparisonDto(r.Zone.Code, r.Zone.Name, r.Item, r.Question, r.Aggregate, r.Before.Share, r.Before.Low, r.Before.High,
                SurveyLabels.StatusCode(r.Before.Status), r.After.Share, r.After.Low, r.After.High, SurveyLabels.StatusCode(r.After.Status), r.DifferencePoints, r.Significant))]));
    }

    private static async Task<Results<Accepted<SurveyImportAcceptedDto>, ValidationProblem, ProblemHttpResult>> Import(Guid id, Guid waveId,
        [FromForm] IFormFile? file, SurveyQueries queries, ContractViewers viewers, ImportJobQueue jobs, LinkGenerator links, CancellationToken ct)
    {
        if (await queries.WaveAsync(id, waveId) is null) return ApiErrors.NotFound("Cette vague n'existe pas ou vous n'y avez pas accès.");
        if ((await viewers.ForAsync(id))?.IsCoordinator != true) return ApiErrors.Forbidden("L'import de réponses est réservé aux coordinateurs du contrat.");
        if (file is null || file.Length == 0) return ApiErrors.Field("file", "Joignez le fichier de réponses à importer (champ « file »).");
        var jobId = await SurveyImportQueue.EnqueueAsync(jobs, waveId, file, ct);
        var page = links.GetPathByPage("/Survey/ImportStatus", values: new { id, waveId, jobId }) ?? "";
        return TypedResults.Accepted(page, new SurveyImportAcceptedDto(jobId, page));
    }
}

/// <summary>Queues a response file for the wave (pages and API).</summary>
public static class SurveyImportQueue
{
    public static async Task<Guid> EnqueueAsync(ImportJobQueue jobs, Guid waveId, IFormFile file, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        return await jobs.EnqueueAsync(SurveyJobRunner.ImportKind, [new ImportFile(Path.GetFileName(file.FileName), () => stream)], null, ct, folder: false,
            parameters: new Dictionary<string, string> { [SurveyJobRunner.WaveParameter] = waveId.ToString() });
    }
}
