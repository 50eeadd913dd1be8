using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Territories;

public static class TerritoriesApi
{
    public sealed record TerritoryDto(string Kind, string Code, string Name, string? DepartementCode, string? RegionCode,
        string? ParentCode, string? EpciCode, string? EptCode, string? Nature, int? Population, bool IsFictitious);

    public sealed record TerritoryRefDto(string Kind, string Code, string Name, int? Population);

    public sealed record TerritoryDetailDto(TerritoryDto Territory, TerritoryRefDto? Departement, TerritoryRefDto? Region,
        TerritoryRefDto? Parent, TerritoryRefDto? Epci, TerritoryRefDto? Ept,
        IReadOnlyList<TerritoryRefDto> Members, IReadOnlyList<TerritoryRefDto> Parts);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/territories").WithTags("Territoires");

        g.MapGet("/", async Task<Results<Ok<List<TerritoryDto>>, ValidationProblem>> (TerritoryQueries queries, string? q, string? kind, string? departement, int? limit) =>
        {
            TerritoryKind? k = null;
            if (!string.IsNullOrWhiteSpace(kind))
            {
                if (!TerritoryKinds.TryParse(kind, out k)) return ApiErrors.Field("kind", TerritoryKinds.UnknownMessage(kind));
            }
            var rows = await queries.SearchAsync(q, k, departement, 0, Math.Clamp(limit ?? 50, 1, 500));
            return TypedResults.Ok(rows.Select(ToDto).ToList());
        })
        .WithSummary("Recherche de territoires par code ou nom, filtrable par type et département.")
        .WithDescription("kind : " + string.Join(", ", TerritoryKinds.Slugs) + ". limit : 1 à 500 (50 par défaut).");

        g.MapGet("/{kind}/{code}", async Task<Results<Ok<TerritoryDetailDto>, ValidationProblem, ProblemHttpResult>> (TerritoryQueries queries, string kind, string code) =>
        {
            if (!TerritoryKinds.TryParse(kind, out var k)) return ApiErrors.Field("kind", TerritoryKinds.UnknownMessage(kind));
            var d = await queries.DetailAsync(k.Value, code);
            if (d is null)
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Territoire introuvable",
                    detail: $"Aucun territoire de type « {TerritoryKinds.Slug(k.Value)} » n'a le code « {code} ».");
            return TypedResults.Ok(new TerritoryDetailDto(ToDto(d.Territory), Ref(d.Departement), Ref(d.Region), Ref(d.Parent), Ref(d.Epci), Ref(d.Ept),
                d.Members.Select(m => Ref(m)!).ToList(), d.Parts.Select(p => Ref(p)!).ToList()));
        })
        .WithSummary("Détail d'un territoire : rattachements, communes membres, arrondissements et communes associées ou déléguées.");
    }

    private static TerritoryDto ToDto(TerritoryRow t) =>
        new(TerritoryKinds.Slug(t.Kind), t.Code, t.Name, t.DepartementCode, t.RegionCode, t.ParentCode, t.EpciCode, t.EptCode, t.Nature, t.Population, t.IsFictitious);

    private static TerritoryRefDto? Ref(TerritoryRef? r) => r is null ? null : new(TerritoryKinds.Slug(r.Kind), r.Code, r.Name, r.Population);
}
