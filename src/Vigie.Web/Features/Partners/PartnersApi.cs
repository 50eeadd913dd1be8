using Microsoft.EntityFrameworkCore;
using Vigie.Web.Data;

namespace Vigie.Web.Features.Partners;

public static class PartnersApi
{
    public sealed record PartnerDto(Guid Id, string Name, string Type, string? Siren);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/partners").WithTags("Partenaires");
        g.MapGet("/", async (AppDbContext db) => TypedResults.Ok(await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new PartnerDto(o.Id, o.Name, o.Type.ToString(), o.Siren)).ToListAsync()));
    }
}
