using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigie.Web.Features.Observatory.Ssmsi;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Observatory.Imports;

/// <summary>Background imports over the API: POST a file (202 + status URL), then poll its status.</summary>
public static class ObservatoryImportApi
{
    public sealed record ImportAcceptedDto(Guid Id, string StatusUrl);

    public sealed record ImportStatusDto(Guid Id, string Kind, string FileName, string Status, string? Edition,
        long RowsRead, long RowsImported, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/observatory/imports").WithTags("Observatoire")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        g.MapPost("", Enqueue)
            .WithSummary("Dépose une base SSMSI (multipart : file, edition facultative AAAA-MM-JJ) ; l'import s'exécute en tâche de fond.")
            .WithDescription("Réservé aux administrateurs. Réponse 202 avec l'adresse de suivi (en-tête Location et statusUrl). " +
                "L'édition est la date de production du fichier : lue dans le nom (« produit-leAAAA-MM-JJ ») ou donnée par le champ edition. Taille maximale : 1 Go.")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            // Only this endpoint accepts large bodies; the form is read from a disk-buffered stream.
            .WithMetadata(new RequestSizeLimitAttribute(ObservatoryOptions.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: ObservatoryOptions.MaxUploadBytes);

        g.MapGet("/{id:guid}", Status)
            .WithSummary("État d'un import : statut (queued, running, succeeded, failed), lignes lues, lignes importées, erreur.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Accepted<ImportAcceptedDto>, ValidationProblem, ProblemHttpResult>> Enqueue(
        [FromForm] IFormFile? file, [FromForm] string? edition, ClaimsPrincipal principal, ImportJobQueue jobs, CancellationToken ct)
    {
        if (!principal.IsInRole(Roles.Administrator)) return ApiErrors.Forbidden("L'import de données statistiques est réservé aux administrateurs.");
        if (file is null || file.Length == 0) return ApiErrors.Field("file", "Joignez le fichier CSV à importer (champ « file »).");
        if (!SsmsiImporter.TryParseEdition(edition, out var explicitEdition)) return ApiErrors.Field("edition", SsmsiImporter.EditionFormatMessage);
        try
        {
            SsmsiImporter.ResolveEdition(file.FileName, explicitEdition);
        }
        catch (UserInputException e)
        {
            return ApiErrors.Field("edition", e.Message);
        }
        await using var stream = file.OpenReadStream();
        var id = await jobs.EnqueueAsync(ImportJobQueue.SsmsiKind, file.FileName, stream, explicitEdition, ct);
        var url = $"/api/v1/observatory/imports/{id}";
        return TypedResults.Accepted(url, new ImportAcceptedDto(id, url));
    }

    private static async Task<Results<Ok<ImportStatusDto>, ProblemHttpResult>> Status(Guid id, ClaimsPrincipal principal, ImportJobQueue jobs, CancellationToken ct)
    {
        if (!principal.IsInRole(Roles.Administrator)) return ApiErrors.Forbidden("Le suivi des imports est réservé aux administrateurs.");
        var job = await jobs.FindAsync(id, ct);
        if (job is null) return ApiErrors.NotFound("Import introuvable.");
        return TypedResults.Ok(ToDto(job));
    }

    public static ImportStatusDto ToDto(ImportJobView j) =>
        new(j.Id, j.Kind, j.FileName, JsonNamingPolicy.CamelCase.ConvertName(j.Status.ToString()), j.Edition?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            j.RowsRead, j.RowsImported, j.Error, j.CreatedAt, j.StartedAt, j.FinishedAt);
}
