using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Observatory;

/// <summary>Observatory: SSMSI imports and their worker, indicator queries, état 4001 and partner series.</summary>
public static class ObservatoryRegistration
{
    public static IServiceCollection AddObservatory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Ssmsi.SsmsiImporter>();
        services.AddSingleton<IImportJobRunner, Ssmsi.SsmsiJobRunner>();
        services.AddSingleton<IImportJobRunner, Etat4001.Etat4001JobRunner>();
        services.AddSingleton<IImportJobRunner, PartnerSeries.PartnerSeriesJobRunner>();
        services.AddMemoryCache();
        services.AddScoped<ObservatoryQueries>();
        services.AddScoped<Etat4001.Etat4001Importer>();
        services.AddScoped<Etat4001.Etat4001Queries>();
        services.AddScoped<PartnerSeries.PartnerSeriesImporter>();
        services.AddScoped<PartnerSeries.PartnerSeriesQueries>();
        services.AddOptions<PartnerSeries.PartnerSeriesOptions>().Bind(configuration.GetSection(PartnerSeries.PartnerSeriesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static void MapObservatoryApi(this RouteGroupBuilder api)
    {
        Imports.ObservatoryImportApi.Map(api);
        ObservatoryApi.Map(api);
        Etat4001.Etat4001Api.Map(api);
        PartnerSeries.PartnerSeriesApi.Map(api);
    }
}
