namespace Vigie.Web.Features.Tokens;

public static class TokensApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/me").WithTags("Compte");
        g.MapGet("/", (HttpContext ctx) => TypedResults.Ok(new { name = ctx.User.Identity?.Name }));
    }
}
