using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// What a personal access token may do, chosen when it is created (docs/adr/0003-authorization-model.md):
/// <c>read</c> always, <c>write</c> for anything but GET/HEAD, <c>admin</c> for an administrator's rights
/// (without it the token's principal does not carry the Administrator role at all).
/// </summary>
public static class TokenScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
    public const string ClaimType = "vigie:scope";
    public const string TokenIdClaim = VigieClaims.AccessTokenId;

    public static IReadOnlySet<string> Parse(string? scopes)
    {
        var set = new HashSet<string>(StringComparer.Ordinal) { Read };
        foreach (var s in (scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)) set.Add(s);
        return set;
    }

    public static string Format(bool write, bool admin) =>
        string.Join(' ', new[] { Read, write ? Write : null, admin ? Admin : null }.Where(s => s is not null));

    public static string Label(string scope) => scope switch
    {
        Read => "Lecture",
        Write => "Écriture",
        Admin => "Administration",
        _ => scope,
    };

    public static string Labels(string? scopes) => string.Join(", ", Parse(scopes).OrderBy(Order).Select(Label));

    private static int Order(string s) => s switch { Read => 0, Write => 1, Admin => 2, _ => 3 };

    /// <summary>The scope an API request needs: reading for GET/HEAD/OPTIONS, writing for everything else.</summary>
    public static string RequiredFor(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? Read : Write;
}

/// <summary>Part of the <c>Api</c> policy: the token must hold the scope the request's verb needs.</summary>
public sealed class TokenScopeRequirement : IAuthorizationRequirement;

public sealed class TokenScopeHandler(IHttpContextAccessor accessor) : AuthorizationHandler<TokenScopeRequirement>
{
    public const string MissingWrite = "Ce jeton est en lecture seule : créez un jeton avec la portée « Écriture » pour modifier des données.";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TokenScopeRequirement requirement)
    {
        var method = (context.Resource as HttpContext ?? accessor.HttpContext)?.Request.Method ?? HttpMethods.Post;
        var needed = TokenScopes.RequiredFor(method);
        if (context.User.HasClaim(TokenScopes.ClaimType, needed)) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, MissingWrite));
        return Task.CompletedTask;
    }
}

/// <summary>Gives the API's 403 the reason of a missing scope instead of the generic message.</summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.Request.Path.StartsWithSegments("/api")
            && authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault(r => r.Handler is TokenScopeHandler) is { } reason)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Results.Problem(title: "Accès refusé", detail: reason.Message, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }
        // The contract requirement at the door (ContractRoleHandler) answers like the pages and the API always did:
        // 404 when the contract is not visible (its existence is not revealed), 403 when the role is insufficient.
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure
            && failure.FailedRequirements.All(r => r is ContractRoleRequirement)
            && failure.FailureReasons.FirstOrDefault(r => r.Handler is ContractRoleHandler) is { } contract)
        {
            var api = context.Request.Path.StartsWithSegments("/api");
            if (contract.Message == ContractRoleHandler.NotVisible)
            {
                if (api) await Features.Shared.ApiErrors.NotFound("Cet élément n'existe pas ou vous n'y avez pas accès.").ExecuteAsync(context);
                else context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (api)
            {
                await Features.Shared.ApiErrors.Forbidden("Vous n'avez pas les droits nécessaires pour cette action.").ExecuteAsync(context);
                return;
            }
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
