namespace Vigie.Web.Infrastructure;

/// <summary>
/// Sends a signed-in user without two-factor authentication to the set-up page when an administrator
/// made it mandatory for one of their roles (platform role, or role held in any contract).
/// </summary>
public static class TwoFactorEnforcement
{
    public const string SetupPath = AccountPaths.TwoFactorSetup;
    public const string ApiMessage = "La double authentification est obligatoire pour votre rôle : activez-la sur la page « Double authentification » de votre compte (" + SetupPath + ") avant d'utiliser l'API ou un abonnement de calendrier.";

    /// <summary>Whether this user must enable 2FA and has not: then no token, API call or calendar feed works.</summary>
    public static async Task<bool> IsMissingAsync(AppDbContext db, Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.TwoFactorEnabled }).FirstOrDefaultAsync(ct);
        if (user is null || user.TwoFactorEnabled) return false;
        var platformRoles = await db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(ct);
        return await IsRequiredAsync(db, userId, platformRoles, ct);
    }

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
                && user.FindFirst(ProConnectClaims.StrongLogin) is null // two factors already proven at ProConnect (acr/amr)
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
