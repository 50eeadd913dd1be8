namespace Vigie.Web.Features.Governance;

/// <summary>Governance: bodies, meetings, convocations, calendar feeds, packs and the plenary report.</summary>
public static class GovernanceRegistration
{
    public static IServiceCollection AddGovernance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<GovernanceAccess>();
        services.AddScoped<GovernanceQueries>();
        services.AddScoped<GovernanceCommands>();
        services.AddScoped<ConvocationSender>();
        services.AddScoped<CalendarFeedService>();
        services.AddScoped<MeetingPacks>();
        services.AddScoped<PlenaryReport>();
        return services;
    }

    public static void MapGovernanceApi(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        GovernanceApi.Map(api);
        GovernanceApi.MapFeed(app);
    }
}
