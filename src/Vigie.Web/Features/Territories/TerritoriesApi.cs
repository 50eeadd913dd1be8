using Microsoft.EntityFrameworkCore;
using Vigie.Web.Data;
using Vigie.Web.Domain;

namespace Vigie.Web.Features.Territories;

public static class TerritoriesApi
{
    public sealed record TerritoryDto(string Kind, string Code, string Name, string? DepartementCode, string? RegionCode, string? ParentCode, string? EpciCode, int? Population);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/territories").WithTags("Territoires");
        g.MapGet("/", async (AppDbContext db, string? q, int? limit) =>
        {
            var query = db.Territories.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(q))
            {
                var term = q.Trim();
                query = query.Where(t => t.Code == term || t.Name.StartsWith(term));
            }
            return TypedResults.Ok(await query.OrderBy(t => t.Name).Take(Math.Clamp(limit ?? 50, 1, 500))
                .Select(t => new TerritoryDto(t.Kind.ToString(), t.Code, t.Name, t.DepartementCode, t.RegionCode, t.ParentCode, t.EpciCode, t.Population))
                .ToListAsync());
        }).WithSummary("Recherche de territoires par code ou début de nom.");
    }
}
