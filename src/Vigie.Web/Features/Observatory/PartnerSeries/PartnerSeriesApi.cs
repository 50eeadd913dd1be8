using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Observatory.PartnerSeries;

/// <summary>A contract's partner series over /api/v1 (contract members only; import by coordinators or the owning partner).</summary>
public static class PartnerSeriesApi
{
    public sealed record PartnerSeriesDto(Guid Id, string Name, string Source, string SourceLabel, string Unit, Guid OrganisationId, string Organisation, int Values);

    public sealed record ValueDto(string Period, int Year, string? Territory, decimal Value);

    public sealed record ImportReportDto(int Lines, int SeriesCreated, int Inserted, int Updated, int Unchanged);

    private const string NotFoundDetail = "Aucun contrat accessible ne correspond à cet identifiant.";

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts/{id:guid}/series").RequireContract(Domain.ContractRole.Reader).WithTags("Observatoire — séries des partenaires")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        g.MapGet("", List).WithSummary("Séries de données des partenaires du contrat (présentées à côté des chiffres de la police et de la gendarmerie, jamais additionnées).");
        g.MapGet("/{seriesId:guid}/values", Values).WithSummary("Valeurs d'une série par période (AAAA ou AAAA-MM) et commune (vide = tout le territoire du contrat).");
        g.MapPost("/imports", Import)
            .WithSummary("Importe un CSV au modèle « serie;source;unite;periode;territoire;valeur » (multipart : file, organisationId). Tout ou rien ; erreurs par ligne en 400.")
            .DisableAntiforgery() // token-authenticated API: no cookie, so no cross-site request forgery
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<List<PartnerSeriesDto>>, ProblemHttpResult>> List(Guid id, ContractAccess access, PartnerSeriesQueries queries, CancellationToken ct)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == id, ct)) return ApiErrors.NotFound(NotFoundDetail);
        var rows = await queries.SeriesAsync(id, ct);
        return TypedResults.Ok(rows.Select(s => new PartnerSeriesDto(s.Id, s.Name, PartnerSourceKinds.Code(s.Source), PartnerSourceKinds.Label(s.Source), s.Unit, s.OrganisationId, s.Organisation, s.Values)).ToList());
    }

    private static async Task<Results<Ok<List<ValueDto>>, ProblemHttpResult>> Values(Guid id, Guid seriesId, ContractAccess access, PartnerSeriesQueries queries, CancellationToken ct)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == id, ct)) return ApiErrors.NotFound(NotFoundDetail);
        if (await queries.ValuesAsync(id, seriesId, ct) is not { } values) return ApiErrors.NotFound("Aucune série de ce contrat ne correspond à cet identifiant.");
        return TypedResults.Ok(values.Select(v => new ValueDto(v.Period, v.Year, v.TerritoryCode, v.Value)).ToList());
    }

    private static async Task<Results<Ok<ImportReportDto>, ValidationProblem, ProblemHttpResult>> Import(
        Guid id, IFormFile? file, [FromForm] Guid? organisationId, ContractAccess access, ICurrentUser user, PartnerSeriesImporter importer, CancellationToken ct)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == id, ct)) return ApiErrors.NotFound(NotFoundDetail);
        var organisation = organisationId ?? user.OrganisationId;
        if (organisation is null) return ApiErrors.Field("organisationId", "Indiquez l'organisation partenaire propriétaire des séries (organisationId).");
        if (!await access.CanEditOwnedByAsync(id, organisation.Value))
            return ApiErrors.Forbidden("Seuls les coordinateurs du contrat, ou les membres de l'organisation pour ses propres séries, peuvent importer.");
        if (file is null || file.Length == 0) return ApiErrors.Field("file", "Joignez le fichier CSV (champ « file »).");
        await using var stream = file.OpenReadStream();
        var report = await importer.ImportAsync(id, organisation.Value, stream, ct);
        if (!report.Succeeded)
        {
            var errors = report.Errors.GroupBy(e => $"ligne {e.Line} : {e.Column}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return TypedResults.ValidationProblem(errors, title: "Import annulé",
                detail: $"Aucune donnée n'a été enregistrée : {report.Errors.Count} erreur(s) dans le fichier.",
                extensions: new Dictionary<string, object?>
                {
                    ["lineErrors"] = report.Errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message }).ToList(),
                });
        }
        return TypedResults.Ok(new ImportReportDto(report.Lines, report.SeriesCreated, report.Inserted, report.Updated, report.Unchanged));
    }
}
