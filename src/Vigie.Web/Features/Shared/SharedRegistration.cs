namespace Vigie.Web.Features.Shared;

/// <summary>Shared: egress rules and declassification.</summary>
public static class SharedRegistration
{
    public static IServiceCollection AddShared(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Egress>();
        services.AddScoped<Declassification>();
        return services;
    }
}
