using Microsoft.AspNetCore.Http.Features;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Two cross-cutting answers that no endpoint should have to remember: <c>Cache-Control: no-store</c> on everything
/// non-public, and a French 413 for an over-size upload (instead of an empty 400 from the form reader).
/// </summary>
public static class HttpHardening
{
    /// <summary>
    /// No-store on every API answer, every iCalendar feed (its URL is a credential) and every answer to a signed-in
    /// user (pages, exports, PDFs). Static files are served before this runs and anonymous public pages keep
    /// whatever caching they have. Runs after authentication, so the user is known.
    /// </summary>
    public static IApplicationBuilder UseNoStoreForPrivateAnswers(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var path = context.Request.Path;
                if (context.User.Identity?.IsAuthenticated == true || path.StartsWithSegments("/api")
                    || (path.Value?.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ?? false))
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            await next();
        });

    /// <summary>
    /// A body announced larger than the endpoint's limit (its [RequestSizeLimit], else <paramref name="defaultLimit"/>)
    /// is refused before it is read: 413 with a French problem (API) or page naming the limit. Runs after routing.
    /// </summary>
    public static IApplicationBuilder UseFrenchUploadLimit(this IApplicationBuilder app, long defaultLimit) =>
        app.Use(async (context, next) =>
        {
            var length = context.Request.ContentLength;
            if (length is > 0 && !HttpMethods.IsGet(context.Request.Method))
            {
                var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? defaultLimit;
                if (length > limit)
                {
                    await TooLargeAsync(context, limit);
                    return;
                }
            }
            await next();
        });

    public static string TooLargeMessage(long limit) =>
        $"Le fichier envoyé dépasse la taille maximale de {Tables.TableReader.Size(limit)}.";

    private static async Task TooLargeAsync(HttpContext context, long limit)
    {
        var detail = TooLargeMessage(limit);
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Fichier trop volumineux").ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        var html = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var back = html.Encode(context.Request.Path.Value ?? "/");
        await context.Response.WriteAsync(
            $"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Fichier trop volumineux – Vigie</title></head><body><main><h1>Fichier trop volumineux</h1><p>{html.Encode(detail)}</p><p><a href=\"{back}\">Revenir au formulaire</a></p></main></body></html>");
    }
}
