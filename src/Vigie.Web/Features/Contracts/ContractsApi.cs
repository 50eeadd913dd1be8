using Microsoft.EntityFrameworkCore;
using Vigie.Web.Infrastructure;

namespace Vigie.Web.Features.Contracts;

public static class ContractsApi
{
    public sealed record ContractSummaryDto(Guid Id, string Title, string Kind, string Status, DateOnly StartDate, DateOnly EndDate, int Generation);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts").WithTags("Contrats");
        g.MapGet("/", async (ContractAccess access) => TypedResults.Ok(await access.Contracts.AsNoTracking().OrderBy(c => c.Title)
            .Select(c => new ContractSummaryDto(c.Id, c.Title, c.Kind.ToString(), c.Status.ToString(), c.StartDate, c.EndDate, c.Generation)).ToListAsync()));
    }
}
