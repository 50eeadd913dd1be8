namespace Vigie.Web.Features.Territories;

/// <summary>Territories: geography import, territory queries, areas and contract coverage.</summary>
public static class TerritoriesRegistration
{
    public static IServiceCollection AddTerritories(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<GeographyImporter>();
        services.AddScoped<GeographyWriter>();
        services.AddSingleton<Imports.IImportJobRunner, GeographyJobRunner>();
        services.AddScoped<TerritoryQueries>();
        services.AddScoped<AreaRules>();
        services.AddScoped<ContractCoverage>();
        services.AddOptions<GeographyOptions>().Bind(configuration.GetSection(GeographyOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GeographyOptions>, GeographyOptions.Validator>();
        return services;
    }

    public static void MapTerritoriesApi(this RouteGroupBuilder api)
    {
        TerritoriesApi.Map(api);
        AreasApi.Map(api);
    }
}
