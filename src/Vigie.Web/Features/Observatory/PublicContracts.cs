namespace Vigie.Web.Features.Observatory;

/// <summary>Published contracts only, for the anonymous public pages.</summary>
public static class PublicContracts
{
    public static IQueryable<SecurityContract> Published(Data.AppDbContext db) => db.Contracts.AsNoTracking().Where(c => c.IsPublished);
}
