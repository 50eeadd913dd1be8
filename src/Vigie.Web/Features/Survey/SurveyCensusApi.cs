using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Survey;

/// <summary>
/// The census margins under /api/v1 (issue 12 item 7): the contract's IRIS → quartier correspondence (read, replace)
/// and the import of INSEE's IRIS file into a wave's sampling plan, with the same rules as the pages (<see cref="SurveyCensus"/>).
/// </summary>
public static class SurveyCensusApi
{
    public sealed record SurveyIrisDto(string Iris, string Quartier, string? Name);
    public sealed record SurveyIrisMappingDto(int Rows, int Added, int Changed, int Removed, int Quartiers);
    public sealed record SurveyCensusImportDto(string Vintage, int Year, int IrisRead, int IrisMapped, int IrisIgnored, int MappedIrisMissing, int Quartiers,
        int Cells, long Population, bool Unchanged);

    /// <summary>The whole correspondence: it replaces the stored one (rows whose IRIS stays are kept).</summary>
    public sealed class SurveyIrisMappingInput
    {
        public List<SurveyIrisDto>? Rows { get; init; }
    }

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/survey-iris", List).WithSummary("Correspondance IRIS → quartier du contrat (référentiel des quartiers de l'enquête pour l'import du recensement).");
        g.MapPut("/survey-iris", Replace)
            .WithSummary("Remplace la correspondance IRIS → quartier du contrat (tout ou rien).")
            .WithDescription("Réservé aux coordinateurs. rows : iris (code INSEE à 9 caractères), quartier (code du plan de sondage, 40 caractères au plus), "
                + "name (facultatif). Une ligne fausse : 400 nommant la ligne et la colonne, rien n'est enregistré.");
        g.MapPost("/survey-waves/{waveId:guid}/census", Import)
            .WithSummary("Importe les populations du recensement par IRIS (fichier INSEE « base-ic-evol-struct-pop », CSV « ; » ou XLSX) dans le plan de sondage de la vague.")
            .WithDescription("Réservé aux coordinateurs ; refusé (403) une fois la collecte close ou les résultats publiés. Multipart : champ file, champ strict (true : "
                + "un IRIS d'une commune de la correspondance absent de celle-ci refuse le fichier ; sinon il est ignoré et compté). Millésime lu dans les colonnes "
                + "P{aa}_H1529 … P{aa}_F75P ; tout ou rien ; réimporter le même fichier ne change rien.")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(SurveyCensus.MaxFileBytes + 1024 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: SurveyCensus.MaxFileBytes);
    }

    private static async Task<Ok<IReadOnlyList<SurveyIrisDto>>> List(Guid id, SurveyCensus census) =>
        TypedResults.Ok<IReadOnlyList<SurveyIrisDto>>([.. (await census.MappingAsync(id)).Select(m => new SurveyIrisDto(m.Iris, m.Quartier, m.QuartierName))]);

    private static async Task<Results<Ok<SurveyIrisMappingDto>, ValidationProblem, ProblemHttpResult>> Replace(Guid id, SurveyIrisMappingInput input, SurveyCensus census)
    {
        // The rows as the page's lines, quoted, so both go through one parser (and its line numbers: row n is line n).
        static string Quote(string? v) => $"\"{(v ?? "").Replace("\"", "\"\"")}\"";
        var text = string.Join('\n', (input.Rows ?? []).Select(r => $"{Quote(r.Iris)};{Quote(r.Quartier)};{Quote(r.Name)}"));
        return (await census.SetMappingAsync(id, text)).ToOk(m => new SurveyIrisMappingDto(m.Rows, m.Added, m.Changed, m.Removed, m.Quartiers));
    }

    private static async Task<Results<Ok<SurveyCensusImportDto>, ValidationProblem, ProblemHttpResult>> Import(Guid id, Guid waveId, [FromForm] IFormFile? file,
        [FromForm] bool? strict, SurveyCensus census, ContractViewers viewers, CancellationToken ct)
    {
        if (await viewers.ForAsync(id) is not { } viewer) return ApiErrors.NotFound("Cette vague n'existe pas ou vous n'y avez pas accès.");
        if (!viewer.IsCoordinator) return ApiErrors.Forbidden("L'import des populations du recensement est réservé aux coordinateurs du contrat.");
        var (content, error) = await SurveyCensus.ReadUploadAsync(file, ct);
        var r = error is null
            ? await census.ImportAsync(id, waveId, file!.FileName, content, strict ?? false)
            : CommandResult<SurveyCensusResult>.Invalid("file", error);
        return r.ToOk(c => new SurveyCensusImportDto(c.Vintage, c.Year, c.IrisRead, c.IrisMapped, c.IrisIgnored, c.MappedIrisMissing, c.Quartiers, c.Cells,
            c.Population, c.Unchanged));
    }
}
