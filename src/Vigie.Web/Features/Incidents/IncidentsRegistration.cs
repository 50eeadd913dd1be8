using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.Incidents;

/// <summary>Incidents (signalements): routing, weekly view, map, and the Open311 GeoReport v2 API.</summary>
public static class IncidentsRegistration
{
    public static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CommuneBoundaries>();
        services.AddScoped<IncidentLocator>();
        services.AddScoped<IncidentCategoryCatalog>();
        services.AddScoped<IncidentRouting>();
        services.AddScoped<IncidentCategoryEditor>();
        services.AddScoped<IncidentQueries>();
        services.AddScoped<IncidentCommands>();
        services.AddScoped<Open311Service>();
        services.AddScoped<WeeklyAgenda>();
        services.AddOptions<IncidentAutoClosureOptions>().Bind(configuration.GetSection(IncidentAutoClosureOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IncidentAutoClosure>();
        services.AddScoped<IncidentExport>();
        services.AddScoped<IncidentPhotos>();
        services.AddScoped<IncidentPublicForm>();
        services.AddScoped<IncidentSeries>();
        services.AddScoped<Shared.IIncivilityIndicatorSource, IncidentIndicatorSource>();
        services.AddOptions<IncidentPublicFormOptions>().Bind(configuration.GetSection(IncidentPublicFormOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<IncidentPublicFormOptions>>((o, form) =>
            o.AddPolicy(IncidentPublicForm.RateLimit, new IncidentPublicFormRateLimit(form.Value.ReportsPerHour)));
        services.AddHostedService<IncidentAutoClosureWorker>();
        return services;
    }

    /// <summary>The contract API under /api/v1 and the Open311 GeoReport v2 endpoints (their own root and keys).</summary>
    public static void MapIncidentsApi(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        IncidentsApi.Map(api);
        Open311Api.Map(app);
    }
}
