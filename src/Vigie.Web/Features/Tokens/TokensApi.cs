using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Tokens;

/// <summary>The caller's own account over the API: who am I, and my personal access tokens.</summary>
public static class TokensApi
{
    public sealed record OrganisationRefDto(Guid Id, string Name);
    public sealed record MembershipDto(Guid ContractId, string Role);
    public sealed record MeDto(Guid Id, string Email, string FullName, OrganisationRefDto? Organisation, IReadOnlyList<string> PlatformRoles, IReadOnlyList<MembershipDto> Contracts);
    public sealed record TokenDto(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string Status);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/me").WithTags("Compte")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        g.MapGet("", Me).WithSummary("Le compte du porteur du jeton : identité, organisation, rôles et contrats.");
        g.MapGet("/tokens", List).WithSummary("Mes jetons d'accès personnels (sans leur valeur, jamais conservée).");
        // No creation here: a token never mints tokens; they are created on /compte/jetons after typing the password again.
        g.MapDelete("/tokens/{id:guid}", Revoke).WithSummary("Révoque un de mes jetons d'accès.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> Me(ClaimsPrincipal principal, AppDbContext db, CancellationToken ct)
    {
        var userId = principal.UserId()!.Value;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.Email, u.FullName, u.OrganisationId, OrganisationName = u.Organisation!.Name })
            .FirstOrDefaultAsync(ct);
        if (user is null) return ApiErrors.NotFound("Compte introuvable.");
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).OrderBy(n => n).ToListAsync(ct);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new { m.ContractId, m.Role }).ToListAsync(ct);
        return TypedResults.Ok(new MeDto(user.Id, user.Email ?? "", user.FullName, new OrganisationRefDto(user.OrganisationId, user.OrganisationName), roles,
            [.. memberships.Select(m => new MembershipDto(m.ContractId, JsonNamingPolicy.CamelCase.ConvertName(m.Role.ToString())))]));
    }

    private static async Task<Ok<List<TokenDto>>> List(ClaimsPrincipal principal, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = principal.UserId()!.Value;
        var now = clock.GetUtcNow();
        var rows = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(ct);
        return TypedResults.Ok(rows.OrderByDescending(t => t.CreatedAt).Select(t => new TokenDto(t.Id, t.Name, t.Prefix, [.. TokenScopes.Parse(t.Scopes).Order()], t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt,
            JsonNamingPolicy.CamelCase.ConvertName(AccessTokens.Status(t.RevokedAt, t.ExpiresAt, now).ToString()))).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, ClaimsPrincipal principal, AppDbContext db, Auditor auditor, TimeProvider clock, CancellationToken ct)
    {
        var userId = principal.UserId()!.Value;
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, ct);
        if (token is null) return ApiErrors.NotFound("Aucun de vos jetons ne correspond à cet identifiant.");

        if (token.RevokedAt is null)
        {
            AccessTokens.Revoke(token, auditor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.NoContent();
    }
}
