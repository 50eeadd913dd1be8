using Microsoft.EntityFrameworkCore;
using Vigie.Web.Data;
using Vigie.Web.Domain;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Sends a signed-in user without two-factor authentication to the set-up page when an administrator
/// made it mandatory for one of their roles (platform role, or role held in any contract).
/// </summary>
public static class TwoFactorEnforcement
{
    public const string SetupPath = "/compte/double-authentification";

    private static readonly string[] AllowedPrefixes = ["/compte", "/lib", "/css", "/js", "/favicon", "/api", "/openapi", "/healthz"];

    public static async Task<bool> IsRequiredAsync(AppDbContext db, Guid userId, IEnumerable<string> platformRoles, CancellationToken ct)
    {
        var required = await db.TwoFactorRequirements.Where(r => r.Required).Select(r => r.Role).ToListAsync(ct);
        if (required.Count == 0) return false;
        if (platformRoles.Any(required.Contains)) return true;
        var contractRoles = await db.Memberships.Where(m => m.UserId == userId).Select(m => m.Role).Distinct().ToListAsync(ct);
        return contractRoles.Any(r => required.Contains(r.ToString()));
    }

    public static IApplicationBuilder UseTwoFactorEnforcement(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true
                && user.Identity.AuthenticationType != AccessTokenAuthentication.SchemeName
                && user.FindFirst(VigieClaims.TwoFactor)?.Value == "0"
                && !AllowedPrefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
                && user.UserId() is { } uid)
            {
                var db = context.RequestServices.GetRequiredService<AppDbContext>();
                var roles = Roles.Platform.Where(user.IsInRole);
                if (await IsRequiredAsync(db, uid, roles, context.RequestAborted))
                {
                    context.Response.Redirect(SetupPath + "?obligatoire=1");
                    return;
                }
            }
            await next();
        });
}
