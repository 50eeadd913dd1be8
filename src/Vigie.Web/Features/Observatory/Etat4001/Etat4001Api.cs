using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Observatory.Etat4001;

/// <summary>État 4001 by service over /api/v1 (public statistics: any authenticated token may read them).</summary>
public static class Etat4001Api
{
    public sealed record ServiceDto(int Id, string Force, string Name, string Departement, string? Perimeter,
        string? CommuneCode, string? CommuneName, int? FirstYear, int? LastYear);

    public sealed record Etat4001CountDto(int Year, int Index, string Label, long Count);

    public sealed record CountsDto(ServiceDto Service, string? Edition, IReadOnlyList<int> Years, IReadOnlyList<Etat4001CountDto> Counts);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/etat4001").WithTags("Observatoire — état 4001")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        g.MapGet("/services", Services)
            .WithSummary("Services de police et de gendarmerie d'un département publiés dans l'état 4001, avec la commune de rattachement trouvée.")
            .ProducesValidationProblem();
        g.MapGet("/services/{id:int}/counts", Counts)
            .WithSummary("Faits constatés d'un service : les 107 index pour chaque année publiée (dernière édition ; les zéros sont inclus).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<List<ServiceDto>>, ValidationProblem>> Services(string? departement, Etat4001Queries queries, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(departement))
            return ApiErrors.Field("departement", "Indiquez le code du département (par exemple 92, 2A ou 971).");
        var code = Etat4001Importer.NormaliseDepartement(departement);
        if (code is null)
            return ApiErrors.Field("departement", $"Le code département « {departement.Trim()} » est invalide (par exemple 92, 2A ou 971).");
        var rows = await queries.ServicesAsync(code, ct);
        return TypedResults.Ok(rows.Select(Dto).ToList());
    }

    private static async Task<Results<Ok<CountsDto>, ProblemHttpResult>> Counts(int id, Etat4001Queries queries, CancellationToken ct)
    {
        if (await queries.ServiceTableAsync(id, ct) is not { } table)
            return ApiErrors.NotFound("Aucun service de l'état 4001 ne correspond à cet identifiant.");
        var counts = table.Years.SelectMany(y => table.Indexes.Select(i => new Etat4001CountDto(y, i.Number, i.Label, i.CountsByYear[y]))).ToList();
        return TypedResults.Ok(new CountsDto(Dto(table.Service), table.Edition?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), table.Years, counts));
    }

    private static ServiceDto Dto(Etat4001ServiceRow s) =>
        new(s.Id, s.Force == PoliceForce.PoliceNationale ? "pn" : "gn", s.Name, s.DepartementCode, s.Perimeter, s.CommuneCode, s.CommuneName, s.FirstYear, s.LastYear);
}
