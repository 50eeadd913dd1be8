namespace Vigie.Web.Features.Shared;

/// <summary>Shared: egress rules, declassification and the pages' NUL-character check of form posts.</summary>
public static class SharedRegistration
{
    public static IServiceCollection AddShared(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Egress>();
        services.AddScoped<Declassification>();
        services.Configure<MvcOptions>(o => o.Filters.Add<FormNulFilter>());
        return services;
    }
}
