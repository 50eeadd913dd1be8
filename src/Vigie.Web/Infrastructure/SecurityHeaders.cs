namespace Vigie.Web.Infrastructure;

public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseVigieSecurityHeaders(this IApplicationBuilder app)
    {
        var csp = WithProConnect(app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProConnectOptions>>().Value);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h.ContentSecurityPolicy = csp;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "strict-origin-when-cross-origin";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });
    }

    /// <summary>
    /// With ProConnect on, the login button's and the logout button's form posts end in a redirect to the provider, which
    /// browsers check against <c>form-action</c>: the provider's origin is added there, and only there.
    /// </summary>
    public static string WithProConnect(ProConnectOptions proConnect) =>
        proConnect.Enabled && Uri.TryCreate(proConnect.Authority, UriKind.Absolute, out var authority)
            ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {authority.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)
            : ContentSecurityPolicy;
}
