namespace Vigie.Web.Features.Partners;

/// <summary>Partners: organisations, contacts and partner access.</summary>
public static class PartnersRegistration
{
    public static IServiceCollection AddPartners(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PartnerAccess>();
        services.AddScoped<PartnerPicker>();
        return services;
    }

    public static void MapPartnersApi(this RouteGroupBuilder api)
    {
        PartnersApi.Map(api);
    }
}
