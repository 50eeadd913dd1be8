namespace Vigie.Web.Features.Tokens;

/// <summary>Tokens: personal access tokens API.</summary>
public static class TokensRegistration
{
    public static IServiceCollection AddTokens(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }

    public static void MapTokensApi(this RouteGroupBuilder api)
    {
        TokensApi.Map(api);
    }
}
