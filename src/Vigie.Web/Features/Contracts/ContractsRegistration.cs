namespace Vigie.Web.Features.Contracts;

/// <summary>Contracts: history, commands, queries and membership notices.</summary>
public static class ContractsRegistration
{
    public static IServiceCollection AddContracts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ContractHistory>();
        services.AddScoped<ContractCommands>();
        services.AddScoped<TerritoryResolver>();
        services.AddScoped<ContractQueries>();
        services.AddScoped<MembershipNotices>();
        services.AddScoped<AmendmentWorkflow>();
        return services;
    }

    public static void MapContractsApi(this RouteGroupBuilder api)
    {
        ContractsApi.Map(api);
    }
}
